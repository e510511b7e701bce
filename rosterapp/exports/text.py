"""User text made safe for spreadsheets and PDF markup."""

from __future__ import annotations

from xml.sax.saxutils import escape

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def pdf_text(value: object, *, bold: bool = False) -> str:
    """Escape <, > and & so reportlab's Paragraph shows the text, never parses it; runs
    in scripts the PDF's own font lacks get a font that has them (exports/fonts.py);
    `bold` for text set in a bold style or inside <b>."""
    text = "" if value is None else str(value)
    if text.isascii():
        return escape(text)
    from rosterapp.exports.fonts import markup

    return markup(text, bold=bold)
