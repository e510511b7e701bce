"""Europe/London as an iCalendar VTIMEZONE that holds for every year a roster can have.

icalendar's add_missing_timezones() lists the transitions one by one and stops at 2037
(32-bit time), so a calendar app may place a tour in 2038 or later an hour out. The
rule the UK has kept since 1996 (last Sunday of March and of October, 01:00 UTC) is
written as yearly RRULEs; years before 1996, which had other October dates, get their
transitions listed from the zone data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from rosterapp.domain.calendar import LONDON

RULE_SINCE = 1996
GMT, BST = timedelta(0), timedelta(hours=1)


def london_vtimezone(first_year: int) -> Timezone:
    tz = Timezone()
    tz.add("tzid", "Europe/London")
    history = _transitions(first_year, RULE_SINCE) if first_year < RULE_SINCE else []
    tz.add_component(_part(TimezoneDaylight, "BST", GMT, BST, datetime(1996, 3, 31, 1), 3))
    tz.add_component(_part(TimezoneStandard, "GMT", BST, GMT, datetime(1996, 10, 27, 2), 10))
    for when, before, after in history:
        kind = TimezoneDaylight if after == BST else TimezoneStandard
        part = kind()
        part.add("dtstart", when)
        part.add("tzname", "BST" if after == BST else "GMT")
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        tz.add_component(part)
    return tz


def _part(
    kind: type[TimezoneDaylight] | type[TimezoneStandard],
    name: str,
    before: timedelta,
    after: timedelta,
    start: datetime,
    month: int,
) -> TimezoneDaylight | TimezoneStandard:
    part = kind()
    part.add("dtstart", start)  # local time, as RFC 5545 wants: 01:00 GMT, 02:00 BST
    part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
    part.add("tzname", name)
    part.add("tzoffsetfrom", before)
    part.add("tzoffsetto", after)
    return part


def _transitions(first: int, last: int) -> list[tuple[datetime, timedelta, timedelta]]:
    """(local time the change happens, offset before, offset after) from the zone data,
    found hour by hour: the years before the rule are few."""
    found = []
    moment = datetime(first, 1, 1, tzinfo=UTC)
    end = datetime(last, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(LONDON).utcoffset()
    while moment < end:
        nxt = moment + timedelta(hours=1)
        now = nxt.astimezone(LONDON).utcoffset()
        if now != offset and now is not None and offset is not None:
            local = (nxt + offset).replace(tzinfo=None)  # wall clock before the change
            found.append((local, offset, now))
            offset = now
        moment = nxt
    return found
