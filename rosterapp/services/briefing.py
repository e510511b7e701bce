"""What a briefing sheet needs for one team, date and shift."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rosterapp.domain.calendar import LONDON, tour_instants
from rosterapp.domain.enums import Rank
from rosterapp.services.briefing_items import BriefingItemInfo, items_for
from rosterapp.services.errors import InvalidInput, NotFound
from rosterapp.services.roster import read_grid
from rosterapp.services.values import BeatInfo, Cell, MemberInfo, ShiftTypeInfo, TeamInfo
from rosterapp.storage import Database

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


def briefing_data(db: Database, team_code: str, day: date, shift_code: str) -> BriefingData:
    grid = read_grid(db, team_code, day, day)
    shift = grid.shift_types.get(shift_code.strip().upper())
    if shift is None:
        raise NotFound(
            f"unknown shift '{shift_code}' (duties: "
            f"{', '.join(c for c, s in grid.shift_types.items() if s.is_duty)})"
        )
    if not shift.is_duty or shift.start is None or shift.end is None:
        raise InvalidInput(f"{shift.code} is not a tour of duty: there is no briefing for it")
    begins, ends = tour_instants(day, shift.start, shift.end)
    on_duty, absent = [], []
    for row in grid.rows:
        cell = grid.cells.get((row.member.id, day))
        if cell is None or not row.in_team(day):
            continue
        st = grid.shift_types.get(cell.code)
        if cell.code == shift.code and not cell.from_absence:
            valid = set(row.member.skill_names_on(day))
            on_duty.append(
                OnDuty(row.member, cell, tuple(s for s in BRIEFING_SKILLS if s in valid))
            )
        elif (
            st is not None
            and not st.is_duty
            and st.absence_kind is not None
            and st.absence_kind.value != "rest_day"
        ):
            reason = st.name if grid.team.show_absence_reason else "Absent"
            absent.append(Absent(row.member, cell.code, reason))
    sergeants = [d.member for d in on_duty if d.member.rank is Rank.SERGEANT]
    beats = []
    for code in sorted(grid.beats):
        beat = grid.beats[code]
        officers = tuple(d for d in on_duty if d.cell.beat == code)
        if officers or beat.hotspot:
            beats.append(BeatBrief(beat, officers, patrol_windows(begins, ends, beat)))
    return BriefingData(
        team=grid.team,
        day=day,
        shift=shift,
        begins=begins,
        ends=ends,
        sergeant=sergeants[0] if sergeants else None,
        on_duty=tuple(on_duty),
        beats=tuple(beats),
        items=tuple(items_for(db, team_code, day, shift.code)),
        absent=tuple(absent),
    )
