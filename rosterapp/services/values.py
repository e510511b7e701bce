"""Plain data returned by the services: never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from rosterapp.domain.enums import AbsenceKind, EntryKind, Rank


@dataclass(frozen=True, slots=True)
class TeamInfo:
    id: int
    code: str
    name: str
    borough: str
    protective_marking: str
    show_absence_reason: bool
    leave_threshold_pct: float
    abstraction_threshold_pct: float
    contract_hours_tolerance: float
    version: int = 1


@dataclass(frozen=True, slots=True)
class SkillInfo:
    name: str
    expires: date | None

    def valid_on(self, day: date) -> bool:
        return self.expires is None or self.expires >= day


@dataclass(frozen=True, slots=True)
class MemberInfo:
    id: int
    shoulder_number: str
    staff_number: str
    first_name: str
    last_name: str
    rank: Rank
    role: str
    contracted_hours: float
    wtr_opt_out: bool
    active: bool
    call_sign: str | None = None
    email: str | None = None
    phone: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    skills: tuple[SkillInfo, ...] = ()
    version: int = 1
    usual_beat_id: int | None = None
    no_nights: bool = False
    max_late_lates: int | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def display_name(self) -> str:
        """As a sergeant says it: "PC Ali Khan"."""
        return f"{self.rank.short} {self.full_name}"

    def skill_names_on(self, day: date) -> list[str]:
        return [s.name for s in self.skills if s.valid_on(day)]


@dataclass(frozen=True, slots=True)
class ShiftTypeInfo:
    id: int
    code: str
    name: str
    kind: EntryKind
    start: time | None
    end: time | None
    refreshment_minutes: int
    colour: str
    absence_kind: AbsenceKind | None
    sort_order: int = 0

    @property
    def is_duty(self) -> bool:
        return self.kind is EntryKind.DUTY

    @property
    def times_label(self) -> str:
        if self.start is None or self.end is None:
            return ""
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True, slots=True)
class BeatInfo:
    id: int
    team_id: int
    code: str
    name: str
    ward: str
    priorities: tuple[str, ...]
    hotspot: bool
    visit_minutes: int
    visit_interval_minutes: int
    active: bool = True
    version: int = 1


@dataclass(frozen=True, slots=True)
class Cell:
    """What the roster shows for one member on one day."""

    code: str
    beat: str | None = None
    call_sign: str | None = None
    note: str | None = None
    from_absence: bool = False  # shown from an absence range, not typed in the roster
    pinned: bool = False
    version: int | None = None


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
class PeriodInfo:
    id: int
    team_id: int
    start_date: date
    end_date: date
    status: str
    published_at: datetime | None
    published_by: str | None


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
    days: list[date]
    rows: list[GridRow]
    cells: dict[tuple[int, date], Cell]
    shift_types: dict[str, ShiftTypeInfo]
    beats: dict[str, BeatInfo]
    bank_holidays: dict[date, str]
    periods: list[PeriodInfo] = field(default_factory=list)
    # Days covered by an absence range, even where a roster entry hides it.
    leave_days: dict[tuple[int, date], str] = field(default_factory=dict)

    def cell(self, member_id: int, day: date) -> Cell | None:
        return self.cells.get((member_id, day))

    def is_published(self, day: date) -> bool:
        return any(
            p.status == "published" and p.start_date <= day <= p.end_date for p in self.periods
        )


@dataclass(frozen=True, slots=True)
class ChangeInfo:
    member_id: int
    shoulder_number: str
    day: date
    old_code: str | None
    new_code: str | None
    told_at: datetime
    notice_clear_days: int | None
    compensation_class: str | None
