"""Everything an export shows for a team and a period: its days, people and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from rosterapp.domain.calendar import days_between, tour_hours
from rosterapp.domain.compensation import overtime_hours
from rosterapp.domain.enums import AbsenceKind, Rank
from rosterapp.domain.findings import Finding
from rosterapp.domain.grid import Cell, GridRow
from rosterapp.domain.requests import Balance
from rosterapp.domain.values import BeatInfo, ChangeInfo, MemberInfo, ShiftTypeInfo, TeamInfo


@dataclass(frozen=True, slots=True)
class DayLine:
    """One person on one day, as the timesheet shows it."""

    member: MemberInfo
    day: date
    cell: Cell | None
    shift: ShiftTypeInfo | None
    paid_hours: float
    overtime_hours: float
    absence: AbsenceKind | None
    bank_holiday: str | None
    compensation: str | None
    in_team: bool


@dataclass
class PeriodReport:
    team: TeamInfo
    start: date
    end: date
    rows: list[GridRow]
    cells: dict[tuple[int, date], Cell]
    shift_types: dict[str, ShiftTypeInfo]
    beats: dict[str, BeatInfo]
    bank_holidays: dict[date, str]
    changes: list[ChangeInfo]
    findings: list[Finding]
    balances: list[Balance] = field(default_factory=list)  # the leave year holding `start`
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    days: list[date] = field(init=False, repr=False, compare=False)  # start to end

    def __post_init__(self) -> None:
        self.days = days_between(self.start, self.end)

    def lines(self) -> list[DayLine]:
        change_of = {(c.member_id, c.day): c for c in self.changes}
        out = []
        for row in self.rows:
            m = row.member
            for day in self.days:
                cell = self.cells.get((m.id, day))
                st = self.shift_types.get(cell.code) if cell else None
                hours = 0.0
                duty = st is not None and st.is_duty and not (cell and cell.from_absence)
                if duty and st is not None and st.start and st.end:
                    hours = tour_hours(day, st.start, st.end)
                change = change_of.get((m.id, day))
                cls = change.compensation_class if change else None
                overtime = 0.0
                if hours:
                    inspector = m.rank is Rank.INSPECTOR
                    overtime = overtime_hours(
                        day, st, change, self.shift_types, inspector=inspector
                    )
                out.append(
                    DayLine(
                        member=m,
                        day=day,
                        cell=cell,
                        shift=st,
                        paid_hours=round(hours, 2),
                        overtime_hours=round(overtime, 2),
                        absence=st.absence_kind if st is not None and not st.is_duty else None,
                        bank_holiday=self.bank_holidays.get(day),
                        compensation=cls,
                        in_team=row.in_team(day),
                    )
                )
        return out

    def findings_of(self, member_id: int) -> int:
        return sum(1 for f in self.findings if f.member_id == member_id)
