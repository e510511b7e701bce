"""What a briefing sheet shows for one team, date and shift."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rosterapp.domain.calendar import LONDON
from rosterapp.domain.grid import Cell
from rosterapp.domain.values import BeatInfo, MemberInfo, ShiftTypeInfo, TeamInfo


@dataclass(frozen=True, slots=True)
class BriefingItemInfo:
    """A tasking or note printed on the briefings of some days, shifts and beat."""

    id: int
    start_date: date
    end_date: date
    shift_codes: tuple[str, ...]
    beat: str | None
    priority: int
    text: str


# Skills that matter at a briefing, in the order they are printed.
BRIEFING_SKILLS = (
    "response-driver",
    "driver",
    "taser",
    "first-aid",
    "psu-1",
    "psu-2",
    "psu-3",
    "cycle",
)


@dataclass(frozen=True)
class OnDuty:
    member: MemberInfo
    cell: Cell
    skills: tuple[str, ...]

    @property
    def call_sign(self) -> str:
        return self.cell.call_sign or self.member.call_sign or ""


@dataclass(frozen=True)
class Absent:
    member: MemberInfo
    code: str
    reason: str


@dataclass(frozen=True)
class Away:
    """Officers of the team away on one operation that day, and what and where it is."""

    code: str
    description: str  # "Operation LFR Oxford Circus (…) 10:00–18:00 at Oxford Circus"
    members: tuple[MemberInfo, ...]


@dataclass(frozen=True)
class BeatBrief:
    beat: BeatInfo
    officers: tuple[OnDuty, ...]
    patrol_windows: tuple[str, ...]


@dataclass(frozen=True)
class BriefingData:
    team: TeamInfo
    day: date
    shift: ShiftTypeInfo
    begins: datetime
    ends: datetime
    sergeant: MemberInfo | None
    on_duty: tuple[OnDuty, ...]
    beats: tuple[BeatBrief, ...]
    items: tuple[BriefingItemInfo, ...]
    absent: tuple[Absent, ...]
    away: tuple[Away, ...] = ()  # on operations, by operation


def patrol_windows(begins: datetime, ends: datetime, beat: BeatInfo) -> tuple[str, ...]:
    """Hotspot visits (Koper curve): a short visit at least every interval, across the shift."""
    if not beat.hotspot:
        return ()
    out = []
    visit = timedelta(minutes=beat.visit_minutes)
    step = timedelta(minutes=beat.visit_interval_minutes)
    t = begins + timedelta(minutes=30)  # after the briefing itself
    while t + visit <= ends:
        a, b = t.astimezone(LONDON), (t + visit).astimezone(LONDON)
        out.append(f"{a:%H:%M}–{b:%H:%M}")
        t += step
    return tuple(out)
