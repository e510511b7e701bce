"""Compensation classes for changes to a published roster (Police Regulations Annex E;
the Police Staff Council handbook for PCSOs and police staff): ids as stored with each
change, what they mean, and which of them HR pays as overtime."""

from __future__ import annotations

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

# Changes whose hours HR pays as overtime (DOMAIN.md: exigencies of duty).
OVERTIME_CLASSES = frozenset(
    {REST_DAY_SHORT, STAFF_REST_DAY_SHORT, PUBLIC_HOLIDAY_SHORT, PUBLIC_HOLIDAY}
)
