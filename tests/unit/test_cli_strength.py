"""`rosterapp strength`, `establishment` and `overview` as scripts call them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rosterapp.cli.main import run
from tests.conftest import DEMO_START


@pytest.fixture
def demo_path(demo_file: Path, tmp_path: Path) -> str:
    import shutil

    target = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, target)
    return str(target)


def test_strength_json_and_text(demo_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", demo_path, "strength", "--team", "WE", "--on", "2027-01-04", "--json"]) == 0
    [we] = json.loads(capsys.readouterr().out)
    pcs = next(r for r in we["ranks"] if r["rank"] == "pc")
    assert (pcs["establishment"], pcs["vacancies"]) == (240, 240 - pcs["strength"])
    assert we["without_posts"] == 7  # the special constables
    assert run(["--db", demo_path, "strength", "--on", DEMO_START.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "West End (WE) on Mon 23 Nov 2026" in out
    assert "joins 30 Nov 2026:" in out
    assert out.count(" on Mon 23 Nov 2026") == 7


def test_establishment_set_list_remove(demo_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--db", demo_path, "establishment"]
    assert (
        run([*base, "set", "--team", "KT", "--rank", "PS", "--posts", "5", "--from", "2027-06-01"])
        == 0
    )
    assert "5 Sergeant post(s) from 2027-06-01" in capsys.readouterr().out
    assert run([*base, "list", "--team", "KT", "--json"]) == 0
    lines = json.loads(capsys.readouterr().out)
    assert {
        "team": "KT",
        "rank": "sergeant",
        "posts": 5,
        "from": "2027-06-01",
        "note": None,
    } in lines
    assert run([*base, "remove", "--team", "KT", "--rank", "sergeant", "--from", "2027-06-01"]) == 0
    capsys.readouterr()
    assert run([*base, "remove", "--team", "KT", "--rank", "sergeant", "--from", "2027-06-01"]) == 1
    assert "no establishment for Sergeant" in capsys.readouterr().err


def test_strength_bad_input_is_one_line(demo_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", demo_path, "strength", "--team", "NOPE"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rosterapp: no team 'NOPE'") and err.count("\n") == 1
    base = ["--db", demo_path, "establishment", "set", "--team", "WE"]
    assert run([*base, "--rank", "chief", "--posts", "1", "--from", "2027-01-01"]) == 1
    assert "--rank: unknown rank 'chief'" in capsys.readouterr().err
    assert run([*base, "--rank", "pc", "--posts", "-4", "--from", "2027-01-01"]) == 1
    assert "whole number from 0" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        run(["--db", demo_path, "strength", "--on", "2027-02-30"])
    assert info.value.code == 2


def test_overview_json_and_text(demo_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--db", demo_path, "overview", "--from", "2026-12-07", "--to", "2026-12-13"]
    assert run([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["from"], data["to"], len(data["teams"])) == ("2026-12-07", "2026-12-13", 7)
    we = next(t for t in data["teams"] if t["team"] == "WE")
    assert we["strength"]["establishment"] == 216
    assert {"leave", "sick", "training", "abstracted"} == set(we["away"])
    assert we["hotspots"] and all(h["hours"] > 0 for h in we["hotspots"])
    assert we["abstraction_threshold"] == 5.0
    assert run(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Overview 2026-12-07 to 2026-12-13"
    assert sum(1 for ln in lines if ln.startswith(("WE\t", "BX\t", "KT\t"))) == 3


def test_overview_bad_period_is_one_line(
    demo_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", demo_path, "overview", "--from", "2026-12-07", "--to", "2026-12-01"]
    assert run(argv) == 1
    err = capsys.readouterr().err
    assert err == "rosterapp: the period ends (2026-12-01) before it starts (2026-12-07)\n"


def test_export_npg_and_overview(
    demo_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    span = ["--from", "2026-11-16", "--to", "2026-12-13"]
    npg = tmp_path / "npg.xlsx"
    assert run(["--db", demo_path, "export", "npg", *span, "-o", str(npg)]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote {npg}"
    wards = load_workbook(npg)["Wards"]
    assert wards.max_row > 30  # every team's wards
    pdf = tmp_path / "ov.pdf"
    assert run(["--db", demo_path, "export", "overview", *span, "-o", str(pdf)]) == 0
    assert len(PdfReader(pdf).pages) == 1
    bad = ["--db", demo_path, "export", "npg", "--from", "2026-12-13", "--to", "2026-11-16"]
    assert run([*bad, "-o", str(tmp_path / "x.xlsx")]) == 1
    assert "before it starts" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_strength_text_total_is_the_sum_of_the_ranks(
    demo_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", demo_path, "strength", "--team", "WE", "--on", "2026-12-07"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("rank\tposts\tstrength\tvacancies") + 1
    table = [ln.split("\t") for ln in lines[start:] if "\t" in ln]
    *ranks, total = table
    assert total[0] == "Total"
    shown = [int(r[3]) for r in ranks if r[3] != "–"]
    assert any(v < 0 for v in shown)  # the West End's PCs over establishment that week
    assert int(total[3]) == sum(shown) == int(total[1]) - int(total[2])
