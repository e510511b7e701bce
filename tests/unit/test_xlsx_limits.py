"""An .xlsx is refused on what it unpacks to and on the rows it holds, before it is
parsed whole (issue 21, item 9)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from rosterapp.importers import tabular
from rosterapp.importers.roster import parse_roster
from rosterapp.importers.tabular import ImportFailed

HEADER = ["shoulder_number", "date", "shift"]


def _workbook(path: Path, far_cell: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    ws.append(["100T1", "2026-12-07", "E"])
    if far_cell:
        ws[far_cell] = " "  # a used range to the sheet's last row and column
    wb.save(path)
    return path


def test_a_workbook_that_unpacks_too_large_is_refused_unparsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "MAX_UNZIPPED_BYTES", 1_000_000)
    path = _workbook(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/media/x.bin", "w") as f:
        for _ in range(50):
            f.write(b"\0" * 100_000)  # 5 MB that compress to a few KB
    assert path.stat().st_size < 100_000
    parsed: list[object] = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: parsed.append(a))
    with pytest.raises(ImportFailed, match="unpacks to 5 MB; the limit is 1 MB"):
        parse_roster(path)
    assert parsed == []  # refused before openpyxl saw it


def test_a_sheet_claiming_a_million_rows_stops_at_the_row_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "MAX_ROWS", 1_000)
    monkeypatch.setattr(tabular, "MAX_BLANK_ROWS", 100)
    path = _workbook(tmp_path / "tall.xlsx", far_cell="XFD1048576")
    assert path.stat().st_size < 20_000
    read: list[int] = []
    real = tabular._cell_text

    def counted(value: object) -> str:
        read.append(1)
        return real(value)

    monkeypatch.setattr(tabular, "_cell_text", counted)
    with pytest.raises(ImportFailed, match="more than 1,000 rows"):
        parse_roster(path)
    assert len(read) < 10_000  # the header's width, not 16,384 columns a row


def test_a_normal_workbook_still_imports(tmp_path: Path) -> None:
    rows, errors = parse_roster(_workbook(tmp_path / "ok.xlsx", far_cell="E3"))
    assert errors == [] and [r.shoulder for _, r in rows] == ["100T1"]
