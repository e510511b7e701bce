"""Checks on text that users type: names, identifiers, numbers.

Each check takes the field's label as users read it ("shoulder number") and raises
InvalidInput whose `field` is the name the code uses ("shoulder_number"), derived from
the label unless `key` says otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from rosterapp.domain.dates import outside_window
from rosterapp.services.errors import InvalidInput

_IDENT = re.compile(r"^[A-Z0-9][A-Z0-9/-]{0,15}$")


def field_key(label: str) -> str:
    """ "shoulder number" → "shoulder_number"; "e-mail" → "email"."""
    return label.replace("e-mail", "email").replace(" ", "_")


def clean_text(
    value: str | None, field: str, *, max_len: int, required: bool = False, key: str | None = None
) -> str:
    """Trimmed, NFC-normalised text without control characters."""
    name = key or field_key(field)
    text = unicodedata.normalize("NFC", (value or "").strip())
    if required and not text:
        raise InvalidInput(f"{field} is required", field=name)
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise InvalidInput(f"{field} contains a control character", field=name)
    if len(text) > max_len:
        raise InvalidInput(
            f"{field} is {len(text)} characters long; the limit is {max_len}", field=name
        )
    return text


def identifier(value: str | None, field: str, *, key: str | None = None) -> str:
    name = key or field_key(field)
    text = (value or "").strip().upper()
    if not text:
        raise InvalidInput(f"{field} is required", field=name)
    if not _IDENT.match(text):
        raise InvalidInput(
            f"{field} '{value}' must be 1–16 letters or digits (for example 1234CW)", field=name
        )
    return text


def hours(
    value: float | str | None,
    field: str,
    *,
    low: float = 0,
    high: float = 60,
    key: str | None = None,
) -> float:
    try:
        number = float(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        number = None
    if number is None or number != number or not low <= number <= high:
        raise InvalidInput(
            f"{field} '{value}' must be a number from {low:g} to {high:g}",
            field=key or field_key(field),
        )
    return number


def in_window(*days: date | None, field: str = "date") -> None:
    """Refuse a date outside the window every roster date lies in (domain/dates.py)."""
    for day in days:
        why = None if day is None else outside_window(day)
        if why:
            raise InvalidInput(why, field=field)
