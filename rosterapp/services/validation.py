"""Checks on text that users type: names, identifiers, numbers."""

from __future__ import annotations

import re
import unicodedata

from rosterapp.services.errors import InvalidInput

_IDENT = re.compile(r"^[A-Z0-9][A-Z0-9/-]{0,15}$")


def clean_text(value: str | None, field: str, *, max_len: int, required: bool = False) -> str:
    """Trimmed, NFC-normalised text without control characters."""
    text = unicodedata.normalize("NFC", (value or "").strip())
    if required and not text:
        raise InvalidInput(f"{field} is required")
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise InvalidInput(f"{field} contains a control character")
    if len(text) > max_len:
        raise InvalidInput(f"{field} is {len(text)} characters long; the limit is {max_len}")
    return text


def identifier(value: str | None, field: str) -> str:
    text = (value or "").strip().upper()
    if not text:
        raise InvalidInput(f"{field} is required")
    if not _IDENT.match(text):
        raise InvalidInput(f"{field} '{value}' must be 1–16 letters or digits (for example 1234CW)")
    return text


def hours(value: float | str | None, field: str, *, low: float = 0, high: float = 60) -> float:
    try:
        number = float(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        number = None
    if number is None or number != number or not low <= number <= high:
        raise InvalidInput(f"{field} '{value}' must be a number from {low:g} to {high:g}")
    return number
