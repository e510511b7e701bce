"""`publish` offers the 3 months Annex E asks for and says when notice is short;
`check` prints the source of each finding."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from rosterapp.cli.main import run
from rosterapp.domain.calendar import LONDON, week_start
from rosterapp.rules.period import add_months


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("publish") / "d.sqlite3")
    assert run(["--db", db, "demo", "--start", "2026-11-23"]) == 0
    return db


def test_publish_without_dates_covers_three_months_from_next_monday(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    today = datetime.now(LONDON).date()
    start = week_start(today) + timedelta(days=7)
    assert run(["--db", demo_db, "publish", "--team", "WE"]) == 0
    out = capsys.readouterr().out.splitlines()
    end = datetime.fromisoformat(out[0].split(" to ")[1]).date()
    assert out[0].startswith(f"Published WE from {start} to ")
    assert end.weekday() == 6 and end >= add_months(start, 3) - timedelta(days=1)
    assert (end - start).days < 3 * 31 + 7
    assert "at least the 3 months Annex E asks for" in out[1]
    # Next Monday is always less than a month away: publishing now is short notice.
    assert out[2].startswith("  Short notice: This is ")
    assert "Annex E ask for a month's notice" in out[2]

    # Without --from, the next publication starts after the roster just published.
    assert run(["--db", demo_db, "publish", "--team", "WE", "--to", str(end + timedelta(7))]) == 0
    again = capsys.readouterr().out.splitlines()
    assert again[0] == f"Published WE from {end + timedelta(1)} to {end + timedelta(7)}"
    assert "shorter than the 3 months Annex E asks for" in again[1]


def test_publish_far_ahead_gives_no_notice_warning(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    start = week_start(datetime.now(LONDON).date()) + timedelta(days=7 * 40)
    assert run(["--db", demo_db, "publish", "--team", "WE", "--from", str(start)]) == 0
    out = capsys.readouterr().out
    assert "at least the 3 months" in out and "Short notice" not in out


def test_check_prints_each_findings_source(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    run(["--db", demo_db, "check", "--team", "WE", "--from", "2027-06-07", "--to", "2027-06-13"])
    lines = capsys.readouterr().out.splitlines()
    findings = [i for i, line in enumerate(lines) if line[:5].strip() in {"WARN", "BLOCK", "INFO"}]
    assert findings
    for i in findings:
        source = lines[i + 1]
        assert source.startswith(" " * 28 + "(") and source.endswith(")"), source
