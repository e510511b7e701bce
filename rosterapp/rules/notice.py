"""Compensation for changes to a published roster (Police Regulations Annex E).

Notice is counted in clear days: neither the day the officer was told nor the
day of duty counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from rosterapp.domain.calendar import LONDON, clear_days, is_bank_holiday, tour_instants
from rosterapp.domain.compensation import (
    PUBLIC_HOLIDAY,
    PUBLIC_HOLIDAY_SHORT,
    REST_DAY_REPLACEMENT,
    REST_DAY_SHORT,
    STAFF_REST_DAY,
    STAFF_REST_DAY_SHORT,
    START_FORWARD,
    TOLD_TOO_LATE,
    join,
)
from rosterapp.domain.policy import (
    PUBLIC_HOLIDAY_NOTICE_DAYS,
    REST_DAY_NOTICE_DAYS,
    STAFF_REST_DAY_NOTICE_DAYS,
    START_FORWARD_NOTICE_HOURS,
)


@dataclass(frozen=True, slots=True)
class EntryTimes:
    """The parts of a roster entry that matter for compensation."""

    is_duty: bool
    is_rest_day: bool
    start: time | None = None
    end: time | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    clear_days: int
    compensation_class: str | None


def classify_change(
    day: date,
    old: EntryTimes | None,
    new: EntryTimes | None,
    told_at: datetime,
    *,
    staff: bool = False,
    inspector: bool = False,
) -> Notice:
    """The compensation classes of one change, joined (compensation.join); `staff` for
    PCSOs and police staff, who follow the Police Staff Council handbook instead of
    Annex E; `inspector` for inspectors, who receive no overtime."""
    told_local = told_at.astimezone(LONDON)
    notice_days = clear_days(told_local.date(), day)
    if new is None or not new.is_duty:
        return Notice(notice_days, None)
    classes: list[str] = []
    was_off = old is None or not old.is_duty
    if is_bank_holiday(day) and was_off:
        # A bank holiday that was also a rest day is paid as the public holiday, the
        # higher of the two, never as a rest day as well.
        short = notice_days < PUBLIC_HOLIDAY_NOTICE_DAYS
        classes.append(PUBLIC_HOLIDAY_SHORT if short else PUBLIC_HOLIDAY)
    elif old is not None and old.is_rest_day and staff:
        short = notice_days < STAFF_REST_DAY_NOTICE_DAYS
        classes.append(STAFF_REST_DAY_SHORT if short else STAFF_REST_DAY)
    elif old is not None and old.is_rest_day:
        classes.append(
            REST_DAY_SHORT if notice_days < REST_DAY_NOTICE_DAYS else REST_DAY_REPLACEMENT
        )
    elif not inspector and _start_forward(day, old, new, told_at):
        classes.append(START_FORWARD)
    if told_local.date() >= day:  # not told by midnight of the day before
        classes.append(TOLD_TOO_LATE)
    return Notice(notice_days, join(classes))


def _start_forward(day: date, old: EntryTimes | None, new: EntryTimes, told_at: datetime) -> bool:
    if old is None or not old.is_duty or None in (old.start, old.end, new.start, new.end):
        return False
    old_begin, _ = tour_instants(day, old.start, old.end)  # type: ignore[arg-type]
    new_begin, _ = tour_instants(day, new.start, new.end)  # type: ignore[arg-type]
    return new_begin < old_begin and new_begin - told_at < timedelta(
        hours=START_FORWARD_NOTICE_HOURS
    )
