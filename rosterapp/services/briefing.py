"""What a briefing sheet needs for one team, date and shift."""

from __future__ import annotations

from datetime import date

from rosterapp.domain.briefing import (
    BRIEFING_SKILLS,
    Absent,
    Away,
    BeatBrief,
    BriefingData,
    OnDuty,
    patrol_windows,
)
from rosterapp.domain.calendar import tour_instants
from rosterapp.domain.enums import AbsenceKind, Rank
from rosterapp.domain.grid import Grid
from rosterapp.domain.values import MemberInfo
from rosterapp.services.briefing_items import items_for
from rosterapp.services.errors import InvalidInput, NotFound
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database


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
    away: dict[str, list[MemberInfo]] = {}
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
        elif st is not None and st.is_operation and not cell.from_absence:
            # Away on an operation: who, and where (never private, unlike leave).
            away.setdefault(cell.code, []).append(row.member)
        elif (
            st is not None
            and not st.is_duty
            and st.absence_kind is not None
            and st.absence_kind is not AbsenceKind.REST_DAY
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
        away=tuple(
            Away(code, _description(grid, code), tuple(people))
            for code, people in sorted(away.items())
        ),
    )


def _description(grid: Grid, code: str) -> str:
    mark = grid.operations.get(code)
    if mark is not None:
        return mark.description
    st = grid.shift_types[code]
    return f"Operation {st.name} {st.times_label}"
