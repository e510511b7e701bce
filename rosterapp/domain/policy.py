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

# Night work (WTR reg. 2 and 6): night time, who is a night worker, and the limit.
NIGHT_TIME_START_HOUR = 23  # 23:00 ...
NIGHT_TIME_END_HOUR = 6  # ... to 06:00, unless agreed otherwise
NIGHT_WORKER_HOURS = 3.0  # a tour with this much night time is a night tour
NIGHT_WORKER_SHARE = 1 / 3  # "as a normal course": at least this share of tours are night tours
NIGHT_AVERAGE_HOURS = 8.0  # average hours of work in each 24 over the reference period

# Rest breaks (WTR reg. 12; Annex E refreshment break).
BREAK_AFTER_HOURS = 6.0  # a tour longer than this needs a break ...
MIN_BREAK_MINUTES = 20  # ... of at least this

# Publication (Annex E; PNB circulars): a published roster reaches this far ahead.
ROSTER_AHEAD_MONTHS = 3

# Abstraction of ward officers (Neighbourhood Policing Guarantee): the rate is measured
# over this many weeks ending on the last day checked, and only once there are this many
# working days in them (one training day in a week is not a rate).
ABSTRACTION_WEEKS = 12  # the default; a team setting
ABSTRACTION_MIN_DAYS = 20
# The longest reference period a team may set (WTR reg. 4(5): 52 weeks by agreement).
MAX_REFERENCE_WEEKS = 52
# Annual leave carried into the next leave year: Annex O allows up to 5 days at the chief
# officer's discretion; a team may record more where the force agrees (never a year's).
MAX_CARRY_OVER_DAYS = 30.0
