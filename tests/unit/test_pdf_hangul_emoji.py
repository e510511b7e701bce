"""Korean names and emoji print in both PDFs, and stay whole in the workbook and the
calendar (issue 21, item 11): Hangul in the Hangul subset of NanumGothic, emoji in black
and white from Symbola; a character no bundled font has prints as "�" and is reported."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from reportlab.pdfbase import pdfmetrics

from rosterapp.domain.enums import Rank
from rosterapp.domain.grid import CellEdit
from rosterapp.exports.fonts import (
    PLACEHOLDER,
    noting_unprintable,
    runs,
    unprintable_warning,
)
from rosterapp.exports.pdf import FONT, register_fonts
from rosterapp.services.exporting import (
    export_briefing,
    export_ics,
    export_roster_pdf,
    export_xlsx,
)
from rosterapp.services.members import MemberInput, create_member
from rosterapp.services.roster.edits import set_cells
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 12, 7)
FIRST, LAST = "김민준", "박 👮"  # a Korean name with an emoji in it
NOTE = "순찰 🚓 at 10:00 ❤️ 🥲"  # 🥲 (Unicode 13) is newer than Symbola's Unicode 9
PRINTED_NOTE = "순찰 🚓 at 10:00 ❤ " + PLACEHOLDER  # the selector after ❤ is dropped


def _glyphless(text: str) -> list[str]:
    """Code points drawn in a font that has no glyph for them."""
    register_fonts()
    missing = []
    for family, run in runs(text):
        face = pdfmetrics.getFont(family.name if family else FONT).face
        missing += [ch for ch in run if ord(ch) not in face.charToGlyph and ch != "\u200d"]
    return missing


def test_hangul_and_emoji_have_glyphs_in_their_fonts() -> None:
    text = f"{FIRST} {LAST} 이서연 최 ㅎ 🙂 🚑 ☕ ⚽ 🇬🇧 👍🏽 👮‍♀️"
    assert _glyphless(text) == []
    fonts = {family.name if family else FONT for family, _run in runs(text)}
    assert {"RosterappHangul", "Symbola"} <= fonts, fonts
    assert PLACEHOLDER not in "".join(run for _f, run in runs(text))


def test_a_character_no_font_has_prints_as_the_placeholder_and_is_noted() -> None:
    with noting_unprintable() as noted:
        printed = "".join(run for _f, run in runs("PC 🥲 Kim 🫠🫠"))
    assert printed == f"PC {PLACEHOLDER} Kim {PLACEHOLDER}{PLACEHOLDER}"
    assert noted == {0x1F972, 0x1FAE0}
    assert unprintable_warning(noted) == (
        "2 characters have no glyph in the bundled fonts (U+1F972, U+1FAE0) and printed "
        "as “\ufffd”; check the names and notes that use them"
    )


def _team(db: Database) -> str:
    small_team(db)
    member = create_member(
        db,
        "T1",
        MemberInput(
            "777T1", "77777", FIRST, LAST, Rank.PC, role="DWO", start_date=date(2020, 1, 1)
        ),
    )
    set_cells(db, "T1", [CellEdit(member.id, MON, "E", "SOH", note=NOTE)])
    return member.shoulder_number


def _pdftotext(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (Debian's poppler-utils) is needed to read the PDFs back")
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def _embedded(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True).stdout.decode()


def test_the_briefing_and_the_roster_print_the_korean_name_and_the_emoji(
    sqlite_db: Database, tmp_path: Path
) -> None:
    _team(sqlite_db)
    with noting_unprintable() as noted:
        brief = export_briefing(sqlite_db, "T1", MON, "E", tmp_path / "b.pdf")
        roster = export_roster_pdf(
            sqlite_db, "T1", MON, MON + timedelta(days=6), tmp_path / "r.pdf"
        )
    assert noted == {0x1F972}  # the note's newer emoji, and nothing else
    for pdf in (brief, roster):
        text = _pdftotext(pdf)
        assert FIRST in text and "👮" in text, (pdf.name, text)
        assert "RosterappHangul" in _embedded(pdf) and "Symbola" in _embedded(pdf)
    text = _pdftotext(brief)
    assert PRINTED_NOTE in text, text  # the note, under taskings and notes
    assert text.count(PLACEHOLDER) == 1


def test_the_workbook_and_the_calendar_keep_the_name_and_note_whole(
    sqlite_db: Database, tmp_path: Path
) -> None:
    shoulder = _team(sqlite_db)
    book = export_xlsx(sqlite_db, "T1", MON, MON + timedelta(days=6), tmp_path / "hr.xlsx")
    values = {
        str(c.value)
        for ws in load_workbook(book).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }
    assert any(FIRST in v and LAST in v for v in values), "name not in the workbook"
    ics = export_ics(sqlite_db, shoulder, MON, MON + timedelta(days=6), tmp_path / "d.ics")
    cal = Calendar.from_ical(ics.read_bytes())
    assert f"{FIRST} {LAST}" in str(cal.get("x-wr-calname"))
    (event,) = cal.walk("VEVENT")
    assert f"Note: {NOTE}" in str(event.get("description"))


def test_the_command_line_warns_of_a_character_it_could_not_print(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rosterapp.cli.main import run

    _team(sqlite_db)
    db = str(tmp_path / "roster.sqlite3")
    out = tmp_path / "b.pdf"
    args = ["--db", db, "export", "briefing", "--team", "T1", "--date", str(MON)]
    assert run([*args, "--shift", "E", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert f"Wrote {out}" in captured.out and out.exists()
    assert captured.err.strip() == (
        "warning: 1 character has no glyph in the bundled fonts (U+1F972) and printed as "
        "“\ufffd”; check the names and notes that use them"
    )
