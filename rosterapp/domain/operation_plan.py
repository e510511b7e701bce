"""An operation's needs and repeats as typed on the command line or in a form.

Pure values: "PC:12,PS:2,public-order-2:4" becomes needs by rank or skill, and
"weekly:8" becomes the dates and times of each occurrence, so that one step
plans a repeating operation (LFR twice a week for 8 weeks is two such steps).
Errors are ValueError naming the item that was wrong, for the service to turn
into an InvalidInput with the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rosterapp.domain.enums import Rank

_REPEAT_STEPS = {"daily": timedelta(days=1), "weekly": timedelta(weeks=1)}
MAX_REPEATS = 104


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
    """Each occurrence's start and end for "weekly:8" or "daily:5" (None: just the one)."""
    if end <= start:
        raise ValueError("the operation must end after it starts")
    if repeat is None or not repeat.strip():
        return ((start, end),)
    unit, sep, number = repeat.strip().lower().partition(":")
    if unit not in _REPEAT_STEPS or not sep:
        raise ValueError(f"repeat '{repeat}': write weekly:N or daily:N")
    try:
        times = int(number)
    except ValueError:
        raise ValueError(f"repeat '{repeat}': '{number}' is not a whole number") from None
    if not 1 <= times <= MAX_REPEATS:
        raise ValueError(f"repeat '{repeat}': between 1 and {MAX_REPEATS} occurrences")
    step = _REPEAT_STEPS[unit]
    if end - start >= step:
        raise ValueError(f"repeat '{repeat}': each occurrence would overlap the next")
    return tuple((start + step * i, end + step * i) for i in range(times))
