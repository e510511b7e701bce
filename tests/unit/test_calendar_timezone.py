"""The calendar's Europe/London holds past 2037: a tour in 2040 or 2099 is at the hour
the zone data says, read back through the VTIMEZONE the file carries (issue 21, item 13)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone

from rosterapp.domain.grid import CellEdit
from rosterapp.exports.vtimezone import london_vtimezone
from rosterapp.services.exporting import export_ics
from rosterapp.services.roster.edits import set_cells
from rosterapp.storage import Database
from tests.factories import small_team

LONDON = ZoneInfo("Europe/London")


def _disagreements(tz: Timezone, first: int, last: int) -> list[datetime]:
    """Noon of every day (and the hours around each change) where the VTIMEZONE and the
    zone data differ."""
    as_tz = tz.to_tz(lookup_tzid=False)
    wrong = []
    day = datetime(first, 1, 1, 12)
    while day.year <= last:
        if as_tz.utcoffset(day) != LONDON.utcoffset(day):  # type: ignore[union-attr]
            wrong.append(day)
        day += timedelta(days=1)
    return wrong


def test_the_rule_holds_to_2100() -> None:
    assert _disagreements(london_vtimezone(2026), 2026, 2100) == []


def test_years_before_the_rule_are_listed_from_the_zone_data() -> None:
    assert _disagreements(london_vtimezone(1990), 1990, 2100) == []


def test_a_tour_in_2040_and_2099_reads_back_at_its_hour(sqlite_db: Database, tmp_path: Path):
    a, *_ = small_team(sqlite_db)
    days = [date(2040, 7, 2), date(2040, 3, 26), date(2099, 10, 26), date(2099, 12, 1)]
    set_cells(sqlite_db, "T1", [CellEdit(a.id, d, "E") for d in days])
    for year in (2040, 2099):
        start, end = date(year, 1, 1), date(year, 12, 31)
        out = export_ics(sqlite_db, a.shoulder_number, start, end, tmp_path / f"{year}.ics")
        text = out.read_text(encoding="utf-8")
        cal = Calendar.from_ical(text)
        as_tz = cal.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
        events = cal.walk("VEVENT")
        assert len(events) == 2
        for ev in events:
            local = ev.decoded("DTSTART").replace(tzinfo=None)
            assert local.hour == 7
            assert as_tz.utcoffset(local) == LONDON.utcoffset(local), local
        assert "2037" not in text and "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text
