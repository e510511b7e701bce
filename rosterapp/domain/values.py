"""Plain records that services return and rules and exports read: never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from rosterapp.domain.enums import AbsenceKind, AbstractionCategory, EntryKind, PeriodStatus, Rank
from rosterapp.domain.policy import ABSTRACTION_WEEKS, WTR_REFERENCE_WEEKS


@dataclass(frozen=True, slots=True)
class ShapeWeights:
    """How much the auto-roster weighs each mark of a rota against the others (0: not at
    all). Cover, bank holidays, published rest days and contracted duties always come
    first; these decide among rosters equal on those."""

    tour_mix: int = 12  # each tour worked in a Monday-Sunday week beyond the first
    run_change: int = 6  # a different tour the next day, inside a run of duties
    single_rest: int = 10  # a rest day with duty on both sides
    unsocial: int = 1  # each late-late or night duty (spare officers on sociable tours)
    weekend_off: int = 8  # each whole weekend off short of the officer's fair share


SHAPE_LIMIT = 40  # higher, shape would begin to outweigh a contracted duty (50)


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
    shape_weights: ShapeWeights | None = None  # None: the defaults
    night_reference_weeks: int = WTR_REFERENCE_WEEKS  # WTR reg. 6 average
    abstraction_weeks: int = ABSTRACTION_WEEKS  # the ward officers' rate
    leave_year_start_month: int = 4  # leave years start on the 1st of this month
    leave_carry_over_days: float = 5.0  # unused leave carried into the next year, at most

    @property
    def shape(self) -> ShapeWeights:
        return self.shape_weights or ShapeWeights()


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
    free_days: int = 0  # part-time: weekdays not worked (bit 0 Monday … bit 6 Sunday)
    wtr_opt_out_since: date | None = None  # the date the WTR reg. 4 opt-out was signed

    service_start: date | None = None  # relevant service, for Annex O leave
    leave_entitlement: float | None = None  # days a year (PCSOs and staff)

    def free_on(self, weekday: int) -> bool:
        return bool(self.free_days >> weekday & 1)

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
    active: bool = True  # a retired code stays on past rosters but is not typed any more
    # An operation's duty code: a tour that abstracts the officer (its category).
    abstraction: AbstractionCategory | None = None

    @property
    def is_operation(self) -> bool:
        return self.abstraction is not None and self.kind is EntryKind.DUTY

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
    sort_order: int = 0  # the team's order of its beats (then by code)


@dataclass(frozen=True, slots=True)
class PeriodInfo:
    id: int
    team_id: int
    start_date: date
    end_date: date
    status: PeriodStatus
    published_at: datetime | None
    published_by: str | None


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
