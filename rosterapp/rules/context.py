"""What the rules read: a roster grid plus the requirements, changes and history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from rosterapp.domain.calendar import LONDON, tour_instants
from rosterapp.domain.cover import CoverCount, Requirement
from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.grid import Cell, Grid
from rosterapp.domain.policy import WTR_REFERENCE_WEEKS
from rosterapp.domain.values import ChangeInfo, MemberInfo, PeriodInfo, ShiftTypeInfo


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


@dataclass(frozen=True, slots=True)
class Entry:
    """One member's day as the rules see it."""

    day: date
    cell: Cell | None
    shift: ShiftTypeInfo | None
    # Derived once here: the rules ask these of every day of every person.
    is_duty: bool = False
    is_typed_duty: bool = False
    absence_kind: AbsenceKind | None = None


@dataclass
class CheckInput:
    grid: Grid  # loaded with context days before `start` so rest can be measured
    start: date
    end: date
    requirements: list[Requirement] = field(default_factory=list)
    changes: list[ChangeInfo] = field(default_factory=list)
    # Stored hours per member and day before the grid, from `history_start` (17 weeks and
    # their reg. 4(6) extension before `start`), and the days of leave the 48-hour average
    # leaves out: the rolling reference periods and night work read them.
    history_days: dict[int, dict[date, float]] = field(default_factory=dict)
    history_leave: dict[int, frozenset[date]] = field(default_factory=dict)
    history_start: date | None = None
    history_abstracted: dict[int, frozenset[date]] = field(default_factory=dict)
    history_weeks: int = WTR_REFERENCE_WEEKS
    # Every published period of the team (for the three-month rule); grid.periods if empty.
    published: list[PeriodInfo] = field(default_factory=list)
    # Warnings accepted with a reason (rule, member, day, beat, shift) → reason.
    overrides: dict[tuple[str, int | None, date, str | None, str | None], str] = field(
        default_factory=dict
    )

    # Tour instants per (day, code): zone arithmetic is the costly part of a check.
    _instants: dict[tuple[date, str], tuple[datetime, datetime]] = field(
        default_factory=dict, repr=False, compare=False
    )

    _midnights: list[float] = field(default_factory=list, repr=False, compare=False)
    # The cover counts of the last check, for the cover table (not counted twice).
    last_cover_counts: list[CoverCount] = field(default_factory=list, repr=False, compare=False)

    def shift(self, code: str) -> ShiftTypeInfo | None:
        return self.grid.shift_types.get(code)

    def entries(self, member_id: int) -> list[Entry]:
        """The member's days, aligned with grid.days (index = days since grid.start)."""
        cells = self.grid.cells
        shifts = self.grid.shift_types
        out = []
        for day in self.grid.days:
            cell = cells.get((member_id, day))
            if cell is None:
                out.append(Entry(day, None, None))
                continue
            st = shifts.get(cell.code)
            duty = st is not None and st.is_duty
            out.append(
                Entry(
                    day,
                    cell,
                    st,
                    duty,
                    duty and not cell.from_absence,
                    st.absence_kind if st is not None else None,
                )
            )
        return out

    def tours_from(self, entries: list[Entry]) -> list[Tour]:
        out = []
        for e in entries:
            st = e.shift
            if not e.is_typed_duty or st is None or st.start is None or st.end is None:
                continue
            key = (e.day, st.code)
            instants = self._instants.get(key)
            if instants is None:
                instants = self._instants[key] = tour_instants(e.day, st.start, st.end)
            assert e.cell is not None
            out.append(Tour(e.day, st.code, st.name, instants[0], instants[1], e.cell.beat))
        return out

    def midnights(self) -> list[float]:
        """Midnight in London before each grid day and after the last, as POSIX seconds."""
        if not self._midnights:
            days = (self.grid.end - self.grid.start).days + 1
            self._midnights.extend(
                datetime.combine(
                    self.grid.start + timedelta(days=i), time(0), tzinfo=LONDON
                ).timestamp()
                for i in range(days + 1)
            )
        return self._midnights

    def tours(self, member_id: int) -> list[Tour]:
        return self.tours_from(self.entries(member_id))

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
