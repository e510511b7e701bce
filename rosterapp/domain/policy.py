"""The figures of the regulations, in one place: the rules check them, the solver keeps to
them and the exports and messages quote them (sources in DOMAIN.md).

Police Regulations 2003 Annex E and the Working Time Regulations 1998 for officers; the
Police Staff Council handbook for PCSOs and police staff.
"""

from __future__ import annotations

from datetime import date

# Rest (Annex E; WTR reg. 10 and 11).
MIN_REST_HOURS = 11  # between the end of one tour and the start of the next
REST_DAYS_PER_WEEK = 2  # in each Monday-to-Sunday week
MAX_DAYS_IN_A_ROW = 7  # days worked without a rest day between
WTR_WEEKLY_REST_HOURS = 24  # uninterrupted, in each 7 days...
WTR_FORTNIGHTLY_REST_HOURS = 48  # ...or this much in each 14

# Hours (WTR reg. 4): the average week, over the reference period.
WTR_AVERAGE_WEEK_HOURS = 48.0
WTR_REFERENCE_WEEKS = 17

# Notice of changes to a published roster, in clear days (Annex E; PSC handbook).
REST_DAY_NOTICE_DAYS = 15
STAFF_REST_DAY_NOTICE_DAYS = 5  # PCSOs and police staff
PUBLIC_HOLIDAY_NOTICE_DAYS = 8
START_FORWARD_NOTICE_HOURS = 8  # a start brought forward with less notice is overtime
REPLACEMENT_REST_DAY_WITHIN_DAYS = 4

# A day with no clock change near it, on which every tour has its usual length: the
# solver and the 17-week history count tours at these nominal lengths.
REFERENCE_DAY = date(2026, 1, 14)
