"""Compensation classes for changes to a published roster (Police Regulations Annex E;
the Police Staff Council handbook for PCSOs and police staff): ids as stored with each
change, what they mean, and which of them HR pays as overtime."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from rosterapp.domain.calendar import tour_hours, tour_instants
from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.policy import (
    PUBLIC_HOLIDAY_NOTICE_DAYS,
    REPLACEMENT_REST_DAY_WITHIN_DAYS,
    REST_DAY_NOTICE_DAYS,
    STAFF_REST_DAY_NOTICE_DAYS,
    START_FORWARD_NOTICE_HOURS,
)
from rosterapp.domain.values import ChangeInfo, ShiftTypeInfo

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


def overtime_hours(
    day: date,
    shift: ShiftTypeInfo | None,
    change: ChangeInfo | None,
    shifts: Mapping[str, ShiftTypeInfo],
    *,
    inspector: bool = False,
) -> float:
    """Hours of a day's tour that HR pays as overtime, from the last change recorded on
    it: the whole tour for a rest day or public holiday worked at the rates, only the
    hours brought forward for a start brought forward; none for an inspector. The HR
    timesheet and the balances both count it here, so that they agree."""
    if inspector or change is None or shift is None or not shift.is_duty:
        return 0.0
    if shift.start is None or shift.end is None:
        return 0.0
    if is_overtime(change.compensation_class):
        return tour_hours(day, shift.start, shift.end)
    if START_FORWARD in split(change.compensation_class):
        return brought_forward_hours(day, shifts.get(change.old_code or ""), shift)
    return 0.0


def _is_rest(code: str | None, shifts: Mapping[str, ShiftTypeInfo]) -> bool:
    st = shifts.get(code or "")
    return st is not None and st.absence_kind is AbsenceKind.REST_DAY


def _is_duty(code: str | None, shifts: Mapping[str, ShiftTypeInfo]) -> bool:
    st = shifts.get(code or "")
    return st is not None and st.is_duty


def unreplaced_rest_days(
    changes: Sequence[ChangeInfo], shifts: Mapping[str, ShiftTypeInfo]
) -> list[tuple[ChangeInfo, date]]:
    """Rest days worked on 15 days' notice or more (Annex E) with no replacement rest day
    within 4 days of them, each with the day it was due by. A replacement is a published
    duty changed to a rest day; one given back for one rest day is not counted twice,
    and a rest day worked then changed back to a rest day is owed nothing."""
    window = REPLACEMENT_REST_DAY_WITHIN_DAYS
    latest = {(c.member_id, c.day): c for c in changes}  # in order saved: the last stands
    given = sorted(
        (
            c
            for c in latest.values()
            if _is_rest(c.new_code, shifts) and _is_duty(c.old_code, shifts)
        ),
        key=lambda c: c.day,
    )
    used: set[int] = set()
    owed = []
    for c in sorted(latest.values(), key=lambda c: c.day):
        if REST_DAY_REPLACEMENT not in split(c.compensation_class):
            continue
        match = next(
            (
                i
                for i, g in enumerate(given)
                if i not in used
                and g.member_id == c.member_id
                and 0 < abs((g.day - c.day).days) <= window
            ),
            None,
        )
        if match is None:
            owed.append((c, c.day + timedelta(days=window)))
        else:
            used.add(match)
    return owed
