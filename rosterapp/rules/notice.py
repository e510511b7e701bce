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
    STAFF_REST_DAY_SHORT,
    START_FORWARD,
    TOLD_TOO_LATE,
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
) -> Notice:
    """The compensation class of one change; `staff` for PCSOs and police staff, who
    follow the Police Staff Council handbook instead of Annex E."""
    told_local = told_at.astimezone(LONDON)
    notice_days = clear_days(told_local.date(), day)
    if new is None or not new.is_duty:
        return Notice(notice_days, None)
    cls: str | None = None
    if old is not None and old.is_rest_day and staff:
        cls = (
            STAFF_REST_DAY_SHORT
            if notice_days < STAFF_REST_DAY_NOTICE_DAYS
            else REST_DAY_REPLACEMENT
        )
    elif old is not None and old.is_rest_day:
        cls = REST_DAY_SHORT if notice_days < REST_DAY_NOTICE_DAYS else REST_DAY_REPLACEMENT
    elif is_bank_holiday(day) and (old is None or not old.is_duty):
        cls = PUBLIC_HOLIDAY_SHORT if notice_days < PUBLIC_HOLIDAY_NOTICE_DAYS else PUBLIC_HOLIDAY
    elif (
        old is not None
        and old.is_duty
        and old.start is not None
        and old.end is not None
        and new.start is not None
        and new.end is not None
    ):
        old_begin, _ = tour_instants(day, old.start, old.end)
        new_begin, _ = tour_instants(day, new.start, new.end)
        if new_begin < old_begin and new_begin - told_at < timedelta(
            hours=START_FORWARD_NOTICE_HOURS
        ):
            cls = START_FORWARD
    if cls is None and told_local.date() >= day:
        cls = TOLD_TOO_LATE
    return Notice(notice_days, cls)
