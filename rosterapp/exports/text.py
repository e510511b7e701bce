"""User text made safe for spreadsheets and PDF markup."""

from __future__ import annotations

from xml.sax.saxutils import escape

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def pdf_text(value: object) -> str:
    """Escape <, > and & so reportlab's Paragraph shows the text, never parses it."""
    return escape("" if value is None else str(value))
