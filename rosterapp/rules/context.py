"""What the rules read: a roster grid plus the requirements, changes and history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from rosterapp.domain.calendar import tour_instants
from rosterapp.domain.enums import AbsenceKind
from rosterapp.services.values import ChangeInfo, Grid, MemberInfo, ShiftTypeInfo


@dataclass(frozen=True, slots=True)
class Tour:
    day: date
    code: str
    name: str
    begin: datetime
    end: datetime
    beat: str | None

    @property
    def hours(self) -> float:
        return (self.end - self.begin).total_seconds() / 3600


@dataclass
class CheckInput:
    grid: Grid  # loaded with context days before `start` so rest can be measured
    start: date
    end: date
    requirements: list = field(default_factory=list)  # services.beats.Requirement
    changes: list[ChangeInfo] = field(default_factory=list)
    # Hours worked in the 17 weeks ending at `end`, for wtr-48h (from stored history).
    history_hours: dict[int, float] = field(default_factory=dict)
    history_weeks: int = 17
    # Warnings accepted with a reason (rule, member, day, beat, shift) → reason.
    overrides: dict[tuple[str, int | None, date, str | None, str | None], str] = field(
        default_factory=dict
    )

    def shift(self, code: str) -> ShiftTypeInfo | None:
        return self.grid.shift_types.get(code)

    def tours(self, member_id: int) -> list[Tour]:
        out = []
        for day in self.grid.days:
            cell = self.grid.cells.get((member_id, day))
            if cell is None or cell.from_absence:
                continue
            st = self.grid.shift_types.get(cell.code)
            if st is None or not st.is_duty or st.start is None or st.end is None:
                continue
            begin, end = tour_instants(day, st.start, st.end)
            out.append(Tour(day, st.code, st.name, begin, end, cell.beat))
        return out

    def absence_kind(self, member_id: int, day: date) -> AbsenceKind | None:
        cell = self.grid.cells.get((member_id, day))
        if cell is None:
            return None
        st = self.grid.shift_types.get(cell.code)
        return st.absence_kind if st is not None else None

    def members(self) -> list[MemberInfo]:
        return [r.member for r in self.grid.rows]

    def in_range(self, day: date) -> bool:
        return self.start <= day <= self.end
