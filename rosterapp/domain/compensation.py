"""Compensation classes for changes to a published roster (Police Regulations Annex E;
the Police Staff Council handbook for PCSOs and police staff): ids as stored with each
change, what they mean, and which of them HR pays as overtime."""

from __future__ import annotations

from datetime import date

from rosterapp.domain.calendar import tour_instants
from rosterapp.domain.policy import (
    PUBLIC_HOLIDAY_NOTICE_DAYS,
    REPLACEMENT_REST_DAY_WITHIN_DAYS,
    REST_DAY_NOTICE_DAYS,
    STAFF_REST_DAY_NOTICE_DAYS,
    START_FORWARD_NOTICE_HOURS,
)
from rosterapp.domain.values import ShiftTypeInfo

REST_DAY_SHORT = "rest-day-short-notice"
REST_DAY_REPLACEMENT = "rest-day-replacement"
PUBLIC_HOLIDAY_SHORT = "public-holiday-short-notice"
PUBLIC_HOLIDAY = "public-holiday"
START_FORWARD = "start-forward"
TOLD_TOO_LATE = "told-too-late"
STAFF_REST_DAY_SHORT = "staff-rest-day-short-notice"
STAFF_REST_DAY = "staff-rest-day"

CLASS_DESCRIPTIONS = {
    REST_DAY_SHORT: f"rest day worked on less than {REST_DAY_NOTICE_DAYS} days' notice: "
    "time and a half",
    REST_DAY_REPLACEMENT: f"rest day worked on {REST_DAY_NOTICE_DAYS} days' notice or more: "
    f"a replacement rest day within {REPLACEMENT_REST_DAY_WITHIN_DAYS} days",
    PUBLIC_HOLIDAY_SHORT: f"public holiday worked on less than {PUBLIC_HOLIDAY_NOTICE_DAYS} "
    "days' notice: double time plus a day in lieu",
    PUBLIC_HOLIDAY: "public holiday worked: double time",
    START_FORWARD: f"start brought forward with less than {START_FORWARD_NOTICE_HOURS} hours' "
    "notice: overtime",
    TOLD_TOO_LATE: "officer told after midnight of the day before",
    STAFF_REST_DAY_SHORT: f"rest day worked on less than {STAFF_REST_DAY_NOTICE_DAYS} days' "
    "notice (police staff): overtime plus time off in lieu",
    STAFF_REST_DAY: f"rest day worked on {STAFF_REST_DAY_NOTICE_DAYS} days' notice or more "
    "(police staff): paid or time off as the Police Staff Council handbook sets",
}

# Changes whose hours HR pays as overtime (DOMAIN.md: exigencies of duty).
OVERTIME_CLASSES = frozenset(
    {REST_DAY_SHORT, STAFF_REST_DAY_SHORT, PUBLIC_HOLIDAY_SHORT, PUBLIC_HOLIDAY}
)

# A change can carry more than one class (a rest day worked at short notice and told
# after midnight of the day before): stored joined, in this order of precedence.
SEPARATOR = ";"
_ORDER = list(CLASS_DESCRIPTIONS)


def join(classes: list[str]) -> str | None:
    unique = sorted(set(classes), key=_ORDER.index)
    return SEPARATOR.join(unique) or None


def split(value: str | None) -> tuple[str, ...]:
    return tuple(c for c in (value or "").split(SEPARATOR) if c)


def describe(value: str | None) -> str:
    return "; and ".join(CLASS_DESCRIPTIONS.get(c, c) for c in split(value))


def is_overtime(value: str | None) -> bool:
    return any(c in OVERTIME_CLASSES for c in split(value))


def brought_forward_hours(day: date, old: ShiftTypeInfo | None, new: ShiftTypeInfo | None) -> float:
    """How much earlier the new tour starts than the one it replaced (0 if not earlier)."""
    if old is None or new is None or None in (old.start, old.end, new.start, new.end):
        return 0.0
    old_begin, _ = tour_instants(day, old.start, old.end)  # type: ignore[arg-type]
    new_begin, _ = tour_instants(day, new.start, new.end)  # type: ignore[arg-type]
    return max((old_begin - new_begin).total_seconds() / 3600, 0.0)
