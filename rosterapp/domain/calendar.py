"""Dates and times in London: tours over midnight, clock changes, bank holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


def week_start(day: date) -> date:
    """The Monday of the week holding `day` (rosters run Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def tour_instants(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """Start and end of a tour as UTC instants; an end not after the start is next day.

    Wall-clock times are resolved in Europe/London, so 23:00–07:00 over the March
    change lasts 7 hours and over the October change 9.
    """
    end_day = day if end > start else day + timedelta(days=1)
    begin = datetime.combine(day, start, tzinfo=LONDON).astimezone(UTC)
    finish = datetime.combine(end_day, end, tzinfo=LONDON).astimezone(UTC)
    return begin, finish


def tour_hours(day: date, start: time, end: time) -> float:
    begin, finish = tour_instants(day, start, end)
    return (finish - begin).total_seconds() / 3600


def local(instant: datetime) -> datetime:
    return instant.astimezone(LONDON)


@lru_cache(maxsize=64)
def _bank_holidays_for(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())


def bank_holidays(start: date, end: date) -> dict[date, str]:
    """England & Wales bank holidays between two dates (from the `holidays` package)."""
    found: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        for day, name in _bank_holidays_for(year).items():
            if start <= day <= end:
                found[day] = name
    return found


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays_for(day.year)


def clear_days(told: date, duty: date) -> int:
    """Clear days' notice: neither the day of notice nor the day of duty counts."""
    return (duty - told).days - 1
