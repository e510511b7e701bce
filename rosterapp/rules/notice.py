"""Compensation for changes to a published roster (Police Regulations Annex E).

Notice is counted in clear days: neither the day the officer was told nor the
day of duty counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from rosterapp.domain.calendar import LONDON, clear_days, is_bank_holiday, tour_instants

REST_DAY_NOTICE_DAYS = 15
STAFF_REST_DAY_NOTICE_DAYS = 5  # PCSOs and police staff (Police Staff Council)
PUBLIC_HOLIDAY_NOTICE_DAYS = 8
START_FORWARD_NOTICE_HOURS = 8

REST_DAY_SHORT = "rest-day-short-notice"
REST_DAY_REPLACEMENT = "rest-day-replacement"
PUBLIC_HOLIDAY_SHORT = "public-holiday-short-notice"
PUBLIC_HOLIDAY = "public-holiday"
START_FORWARD = "start-forward"
TOLD_TOO_LATE = "told-too-late"
STAFF_REST_DAY_SHORT = "staff-rest-day-short-notice"

CLASS_DESCRIPTIONS = {
    REST_DAY_SHORT: "rest day worked on less than 15 days' notice: time and a half",
    REST_DAY_REPLACEMENT: "rest day worked on 15 days' notice or more: "
    "a replacement rest day within 4 days",
    PUBLIC_HOLIDAY_SHORT: "public holiday worked on less than 8 days' notice: "
    "double time plus a day in lieu",
    PUBLIC_HOLIDAY: "public holiday worked: double time",
    START_FORWARD: "start brought forward with less than 8 hours' notice: overtime",
    TOLD_TOO_LATE: "officer told after midnight of the day before",
    STAFF_REST_DAY_SHORT: "rest day worked on less than 5 days' notice (police staff): "
    "overtime plus time off in lieu",
}


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
