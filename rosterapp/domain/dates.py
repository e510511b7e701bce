"""The dates a roster can hold: a window (a setting; 1990–2100 unless ROSTERAPP_YEARS
says otherwise, e.g. "2000-2080") outside which every entry point refuses a date.

0001-01-01 or 9999-12-31 typed by mistake would be stored, and then the checks and the
exports fail on arithmetic past the ends of the calendar ("date value out of range")."""

from __future__ import annotations

import os
from datetime import date

ENV_VAR = "ROSTERAPP_YEARS"
DEFAULT_YEARS = (1990, 2100)


def window() -> tuple[date, date]:
    first, last = DEFAULT_YEARS
    text = os.environ.get(ENV_VAR, "").strip()
    if text:
        try:
            a, b = (int(part) for part in text.split("-"))
        except ValueError:
            a, b = first, last  # a malformed setting must not open the window wide
        if 1900 <= a <= b <= 2200:
            first, last = a, b
    return date(first, 1, 1), date(last, 12, 31)


def outside_window(day: date) -> str | None:
    """Why the date cannot be used, or None when it can."""
    lo, hi = window()
    if lo <= day <= hi:
        return None
    return (
        f"{day.isoformat()} is outside the dates rosterapp accepts "
        f"({lo.year}–{hi.year}; the {ENV_VAR} setting changes them)"
    )
