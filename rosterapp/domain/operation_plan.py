"""An operation's needs and repeats as typed on the command line or in a form.

Pure values: "PC:12,PS:2,public-order-2:4" becomes needs by rank or skill, and
"weekly:8" or "weekly:8:tue,fri" becomes the dates and times of each occurrence, so
that one step plans a repeating operation (LFR twice a week for 8 weeks).
Errors are ValueError naming the item that was wrong, for the service to turn
into an InvalidInput with the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rosterapp.domain.enums import Rank

_REPEAT_STEPS = {"daily": timedelta(days=1), "weekly": timedelta(weeks=1)}
MAX_REPEATS = 104  # occurrences of daily:N or weekly:N, weeks of weekly:N:DAYS
MAX_OCCURRENCES = 366  # of one step: a year of days
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EXAMPLE = "e.g. weekly:8:tue,fri"
_FORMS = f"write weekly:N, weekly:N:DAYS ({_EXAMPLE}) or daily:N"


@dataclass(frozen=True)
class Need:
    """How many officers of a rank, or holding a skill, an operation needs."""

    count: int
    rank: Rank | None = None
    skill: str | None = None

    @property
    def label(self) -> str:
        what = self.rank.short if self.rank is not None else str(self.skill)
        return f"{self.count} {what}"


def parse_needs(text: str) -> tuple[Need, ...]:
    """Read "PC:12,PS:2,public-order-2:4": a known rank name is a rank, else a skill."""
    needs: list[Need] = []
    seen: set[str] = set()
    for position, item in enumerate(text.split(","), start=1):
        item = item.strip()
        name, sep, number = item.rpartition(":")
        name = name.strip()
        if not sep or not name:
            raise ValueError(f"need {position} '{item}': write NAME:COUNT, e.g. PC:12")
        try:
            count = int(number)
        except ValueError:
            raise ValueError(
                f"need {position} '{item}': '{number}' is not a whole number"
            ) from None
        if count < 1:
            raise ValueError(f"need {position} '{item}': the count must be at least 1")
        key = name.lower()
        if key in seen:
            raise ValueError(f"need {position} '{item}': '{name}' is named twice")
        seen.add(key)
        try:
            needs.append(Need(count=count, rank=Rank.parse(name)))
        except ValueError:
            needs.append(Need(count=count, skill=key))
    if not needs:
        raise ValueError("an operation needs at least one NAME:COUNT")
    return tuple(needs)


def occurrences(
    start: datetime, end: datetime, repeat: str | None
) -> tuple[tuple[datetime, datetime], ...]:
    """Each occurrence's start and end for "weekly:8", "daily:5" or "weekly:8:tue,fri"
    (None: just the one), earliest first."""
    if end <= start:
        raise ValueError("the operation must end after it starts")
    if repeat is None or not repeat.strip():
        return ((start, end),)
    parts = repeat.strip().split(":")
    unit = parts[0].strip().lower()
    if unit not in _REPEAT_STEPS or len(parts) not in (2, 3):
        raise ValueError(f"repeat '{repeat}': {_FORMS}")
    times = _whole(repeat, parts[1])
    if len(parts) == 3:
        if unit != "weekly":
            raise ValueError(
                f"repeat '{repeat}': days of the week go with weekly only (weekly:N:tue,fri)"
            )
        return _on_days(start, end, repeat, times, weekdays(repeat, parts[2]))
    if not 1 <= times <= MAX_REPEATS:
        raise ValueError(f"repeat '{repeat}': between 1 and {MAX_REPEATS} occurrences")
    step = _REPEAT_STEPS[unit]
    if end - start >= step:
        raise ValueError(f"repeat '{repeat}': each occurrence would overlap the next")
    return tuple((start + step * i, end + step * i) for i in range(times))


def _whole(repeat: str, number: str) -> int:
    try:
        return int(number)
    except ValueError:
        raise ValueError(f"repeat '{repeat}': '{number.strip()}' is not a whole number") from None


def weekdays(repeat: str, text: str) -> tuple[int, ...]:
    """ "tue,fri" as weekday numbers (Monday 0), sorted: each a day's name, its first
    three letters or more ("tue", "tues", "Tuesday"), none twice."""
    items = [t.strip() for t in text.split(",")]
    if not text.strip():
        raise ValueError(f"repeat '{repeat}': name the days after the second colon, {_EXAMPLE}")
    seen: dict[int, str] = {}
    for position, item in enumerate(items, start=1):
        if not item:
            raise ValueError(f"repeat '{repeat}': day {position} is empty")
        key = item.lower()
        day = next(
            (i for i, name in enumerate(DAY_NAMES) if len(key) >= 3 and name.startswith(key)),
            None,
        )
        if day is None:
            raise ValueError(
                f"repeat '{repeat}': '{item}' is not a day of the week "
                f"({', '.join(n[:3] for n in DAY_NAMES)})"
            )
        if day in seen:
            raise ValueError(f"repeat '{repeat}': '{item}' is the same day as '{seen[day]}'")
        seen[day] = item
    return tuple(sorted(seen))


def _on_days(
    start: datetime, end: datetime, repeat: str, weeks: int, days: tuple[int, ...]
) -> tuple[tuple[datetime, datetime], ...]:
    """Each named day of each of `weeks` weeks from `start` (its first week the seven
    days from `start`), at the tour's times."""
    if not 1 <= weeks <= MAX_REPEATS:
        raise ValueError(f"repeat '{repeat}': between 1 and {MAX_REPEATS} weeks")
    total = weeks * len(days)
    if total > MAX_OCCURRENCES:
        raise ValueError(
            f"repeat '{repeat}': {total} occurrences: at most {MAX_OCCURRENCES} in one step"
        )
    # The nearest two named days, the last of a week and the first of the next too.
    gap = min((b - a) % 7 or 7 for a, b in zip(days, days[1:] + days[:1], strict=True))
    if end - start >= timedelta(days=gap):
        raise ValueError(f"repeat '{repeat}': each occurrence would overlap the next")
    offsets = sorted((d - start.weekday()) % 7 for d in days)
    return tuple(
        (start + timedelta(weeks=w, days=o), end + timedelta(weeks=w, days=o))
        for w in range(weeks)
        for o in offsets
    )
