"""The roster grid: cells, edits of cells, and a team × dates view of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rosterapp.domain.calendar import days_between
from rosterapp.domain.enums import PeriodStatus
from rosterapp.domain.operations import OperationMark
from rosterapp.domain.values import BeatInfo, MemberInfo, PeriodInfo, ShiftTypeInfo, TeamInfo


@dataclass(frozen=True, slots=True)
class Cell:
    """What the roster shows for one member on one day."""

    code: str
    beat: str | None = None
    call_sign: str | None = None
    note: str | None = None
    from_absence: bool = False  # shown from an absence range, not typed in the roster
    pinned: bool = False
    # Not compared: two cells are the same when the user would see no difference.
    version: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class CellEdit:
    """Set (code given) or clear (code None) one cell."""

    member_id: int
    day: date
    code: str | None
    beat: str | None = None
    call_sign: str | None = None
    note: str | None = None
    pinned: bool = False
    # The version of the typed entry the user saw (None: the cell was empty). When
    # set, the edit is refused if someone else has changed the cell since.
    expected_version: int | None = None
    check_version: bool = False


@dataclass(frozen=True, slots=True)
class CellChange:
    """What an edit did: enough to undo it exactly."""

    member_id: int
    day: date
    before: Cell | None
    after: Cell | None

    def undo_edit(self) -> CellEdit:
        """Back to `before`, refused if someone has changed the cell since `after`."""
        a, b = self.after, self.before
        expected = a.version if a is not None and not a.from_absence else None
        if b is None or b.from_absence:
            return CellEdit(
                self.member_id, self.day, None, expected_version=expected, check_version=True
            )
        return CellEdit(
            self.member_id,
            self.day,
            b.code,
            b.beat,
            b.call_sign,
            b.note,
            b.pinned,
            expected_version=expected,
            check_version=True,
        )

    def redo_edit(self) -> CellEdit:
        """Forward to `after` again, refused if the cell is no longer `before`."""
        a, b = self.after, self.before
        expected = b.version if b is not None and not b.from_absence else None
        if a is None or a.from_absence:
            return CellEdit(
                self.member_id, self.day, None, expected_version=expected, check_version=True
            )
        return CellEdit(
            self.member_id,
            self.day,
            a.code,
            a.beat,
            a.call_sign,
            a.note,
            a.pinned,
            expected_version=expected,
            check_version=True,
        )


@dataclass(frozen=True, slots=True)
class GridRow:
    member: MemberInfo
    # Days within the grid on which the member belongs to the team.
    member_from: date
    member_to: date

    def in_team(self, day: date) -> bool:
        return self.member_from <= day <= self.member_to


@dataclass(slots=True)
class Grid:
    """A team × date-range roster, as the sergeant sees it."""

    team: TeamInfo
    start: date
    end: date
    rows: list[GridRow]
    cells: dict[tuple[int, date], Cell]
    shift_types: dict[str, ShiftTypeInfo]
    beats: dict[str, BeatInfo]
    bank_holidays: dict[date, str]
    periods: list[PeriodInfo] = field(default_factory=list)
    # Days covered by an absence range, even where a roster entry hides it.
    leave_days: dict[tuple[int, date], str] = field(default_factory=dict)
    # The operations whose duties are in the cells, by their roster code.
    operations: dict[str, OperationMark] = field(default_factory=dict)
    # Every day from start to end: derived once, for the loops that walk each day.
    days: list[date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.days = days_between(self.start, self.end)

    def cell(self, member_id: int, day: date) -> Cell | None:
        return self.cells.get((member_id, day))

    def is_published(self, day: date) -> bool:
        return any(
            p.status is PeriodStatus.PUBLISHED and p.start_date <= day <= p.end_date
            for p in self.periods
        )
