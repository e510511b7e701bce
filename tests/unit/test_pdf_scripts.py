"""Names in the scripts London's names are written in print in both PDFs: every code
point in a font that has it, shaped and laid out in its direction (issue 21, item 11)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from rosterapp.domain.enums import Rank
from rosterapp.domain.grid import CellEdit
from rosterapp.exports.fonts import family_of, markup, runs
from rosterapp.exports.pdf import FONT, register_fonts
from rosterapp.services.exporting import export_briefing, export_roster_pdf
from rosterapp.services.members import MemberInput, create_member
from rosterapp.services.roster.edits import set_cells
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 12, 7)
NAMES = [
    ("李", "小龍"),  # Chinese
    ("ＡＢＣ", "Ｔａｎａｋａ"),  # full-width forms
    ("สมชาย", "ใจดี"),  # Thai
    ("محمد", "علي"),  # Arabic
    ("דוד", "לוי"),  # Hebrew
    ("प्रिया", "शर्मा"),  # Devanagari
    ("রহমান", "আলী"),  # Bengali
    ("ਗੁਰਪ੍ਰੀਤ", "ਸਿੰਘ"),  # Gurmukhi
    ("Γιώργος", "Ολένα Łukasz"),  # Greek, Cyrillic, Latin: DejaVu's own
]


def _glyph_missing(text: str) -> list[str]:
    """Code points the font chosen for them lacks."""
    register_fonts()
    missing = []
    markup(text)  # registers what the runs need
    for family, run in runs(text):
        face = pdfmetrics.getFont(family.name if family else FONT).face
        missing += [ch for ch in run if ord(ch) not in face.charToGlyph and ch != " "]
    return missing


def test_every_code_point_of_the_names_has_a_glyph() -> None:
    assert [ch for first, last in NAMES for ch in _glyph_missing(f"{first} {last}")] == []


def test_runs_keep_spaces_and_joiners_with_their_script() -> None:
    assert [(f.name if f else None, t) for f, t in runs("PC محمد علي (A)")] == [
        (None, "PC "),
        ("NotoSansArabic", "محمد علي "),
        (None, "(A)"),
    ]
    assert len(runs("क्\u200dष")) == 1  # a ZWJ inside a conjunct does not split it
    assert family_of("A") is None and markup("<b>&") == "&lt;b&gt;&amp;"
    assert markup("李<b>") == '<font face="DroidSansFallback">李</font>&lt;b&gt;'


def _team(db: Database) -> list[int]:
    small_team(db)
    ids = []
    for i, (first, last) in enumerate(NAMES):
        m = create_member(
            db,
            "T1",
            MemberInput(
                f"{700 + i}T1",
                f"7{i:04d}",
                first,
                last,
                Rank.PC,
                role="DWO",
                start_date=date(2020, 1, 1),
            ),
        )
        ids.append(m.id)
    set_cells(db, "T1", [CellEdit(mid, MON, "E", "SOH") for mid in ids])
    return ids


def test_both_pdfs_embed_the_fonts_and_keep_the_text(sqlite_db: Database, tmp_path: Path):
    _team(sqlite_db)
    brief = export_briefing(sqlite_db, "T1", MON, "E", tmp_path / "b.pdf")
    roster = export_roster_pdf(sqlite_db, "T1", MON, MON + timedelta(days=6), tmp_path / "r.pdf")
    for pdf in (brief, roster):
        reader = PdfReader(pdf)
        fonts = set()
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                fonts.add(str(font.get_object()["/BaseFont"]))
        for family in ("NotoSansArabic", "NotoSansThai", "NotoSansDevanagari", "DroidSans"):
            assert any(family in f for f in fonts), (pdf.name, fonts)
        text = "".join(p.extract_text() for p in reader.pages)
        for ch in "李ＡสΓ":
            assert ch in text, (pdf.name, ch)
    # Right to left: the Hebrew surname comes out before the first name, letters reversed.
    text = PdfReader(brief).pages[0].extract_text()
    assert "יול דוד" in text or "יול" in text.split("דוד")[0]


def test_a_team_name_and_marking_in_other_scripts_print_in_the_footer(
    sqlite_db: Database, tmp_path: Path
) -> None:
    from rosterapp.services.teams import update_team_settings

    _team(sqlite_db)
    update_team_settings(sqlite_db, "T1", name="فريق سوهو 李", protective_marking="רשמי OFFICIAL")
    brief = export_briefing(sqlite_db, "T1", MON, "E", tmp_path / "b.pdf")
    footer: list[tuple[float, str, str]] = []

    def visit(text: str, cm: object, tm: list[float], font: object, size: float) -> None:
        if text.strip() and abs(tm[5] - 14) < 1:
            footer.append((tm[4], text, str(font.get("/BaseFont") if font else "")))  # type: ignore[attr-defined]

    PdfReader(brief).pages[0].extract_text(visitor_text=visit)
    used = {f for _x, _t, f in footer}
    assert any("NotoSansArabic" in f for f in used), used
    assert any("DroidSans" in f for f in used) and any("NotoSansHebrew-Bold" in f for f in used)
    assert any("李" in t for _x, t, _f in footer)
