"""The database tables (SQLModel). Plain columns only; services do the joins."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel

from rosterapp.domain.enums import (
    AbsenceKind,
    AbstractionCategory,
    EntryKind,
    PeriodStatus,
    Rank,
)
from rosterapp.domain.requests import RequestKind, RequestStatus
from rosterapp.domain.types import UTCDateTime, enum_column, utcnow, version_column

# Stable constraint names: Alembic batch migrations on SQLite need them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _fk(target: str, ondelete: str = "CASCADE", *, nullable: bool = False) -> Any:
    return Field(
        default=None if nullable else ...,
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True
        ),
    )


def _utc(nullable: bool = False) -> Any:
    if nullable:
        return Field(default=None, sa_column=sa.Column(UTCDateTime(), nullable=True))
    return Field(default_factory=utcnow, sa_column=sa.Column(UTCDateTime(), nullable=False))


_team_version = version_column()


class Team(SQLModel, table=True):
    __tablename__ = "team"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True, index=True)
    name: str = Field(max_length=120)
    borough: str = Field(default="", max_length=120)
    protective_marking: str = Field(default="OFFICIAL-SENSITIVE", max_length=60)
    show_absence_reason: bool = True
    leave_threshold_pct: float = 20.0
    abstraction_threshold_pct: float = 5.0
    contract_hours_tolerance: float = 8.0
    # Reference periods: the night-work average (WTR reg. 6) and the abstraction rate.
    night_reference_weeks: int = Field(default=17, sa_column_kwargs={"server_default": "17"})
    abstraction_weeks: int = Field(default=12, sa_column_kwargs={"server_default": "12"})
    # The auto-roster's shape weights (domain.values.ShapeWeights as a dict); None: defaults.
    shape_weights: dict[str, int] | None = Field(
        default=None, sa_column=sa.Column(sa.JSON, nullable=True)
    )

    leave_year_start_month: int = 4  # leave years run from the 1st of this month
    # Unused annual leave carried into the next leave year, at most (Annex O: 5).
    leave_carry_over_days: float = Field(default=5.0, sa_column_kwargs={"server_default": "5"})
    version: int = Field(default=1, sa_column=_team_version)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _team_version}


_member_version = version_column()


class Member(SQLModel, table=True):
    __tablename__ = "member"
    id: int | None = Field(default=None, primary_key=True)
    shoulder_number: str = Field(max_length=16, unique=True, index=True)
    staff_number: str = Field(max_length=16, unique=True, index=True)
    first_name: str = Field(max_length=200)
    last_name: str = Field(max_length=200)
    rank: Rank = Field(sa_column=enum_column(Rank))
    role: str = Field(default="", max_length=60)
    contracted_hours: float = 40.0
    wtr_opt_out: bool = False
    wtr_opt_out_since: date | None = None  # when the opt-out was signed (WTR reg. 5)
    start_date: date | None = None
    end_date: date | None = None
    active: bool = True
    email: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    call_sign: str | None = Field(default=None, max_length=16)
    # What the auto-roster plans by: the beat their duties are on, and restrictions.
    usual_beat_id: int | None = _fk("beat.id", "SET NULL", nullable=True)
    no_nights: bool = False  # e.g. a medical restriction: no late-lates or nights
    max_late_lates: int | None = None  # late-lates (or nights) in a row, at most
    free_days: int = 0  # part-time: weekdays not worked (bit 0 Monday … bit 6 Sunday)
    service_start: date | None = None  # relevant service, for Annex O leave
    leave_entitlement: float | None = None  # days a year: PCSOs and staff (PSC handbook)
    version: int = Field(default=1, sa_column=_member_version)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _member_version}


class TeamMembership(SQLModel, table=True):
    """Which team a member belongs to from when to when (transfers keep history)."""

    __tablename__ = "team_membership"
    id: int | None = Field(default=None, primary_key=True)
    member_id: int = _fk("member.id")
    team_id: int = _fk("team.id", "RESTRICT")
    start_date: date
    end_date: date | None = None


class MemberSkill(SQLModel, table=True):
    __tablename__ = "member_skill"
    __table_args__ = (sa.UniqueConstraint("member_id", "skill", name="uq_member_skill"),)
    id: int | None = Field(default=None, primary_key=True)
    member_id: int = _fk("member.id")
    skill: str = Field(max_length=60)
    expires: date | None = None


_beat_version = version_column()


class Beat(SQLModel, table=True):
    __tablename__ = "beat"
    __table_args__ = (sa.UniqueConstraint("team_id", "code", name="uq_beat_team_code"),)
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = _fk("team.id")
    code: str = Field(max_length=16)
    name: str = Field(max_length=120)
    ward: str = Field(default="", max_length=120)
    priorities: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    hotspot: bool = False
    visit_minutes: int = 15
    visit_interval_minutes: int = 120
    active: bool = True
    sort_order: int = 0  # the team's own order of its beats (then by code)
    version: int = Field(default=1, sa_column=_beat_version)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _beat_version}


_shift_version = version_column()


class ShiftType(SQLModel, table=True):
    """A roster code: a tour of duty (E, L, LL, N) or a non-duty entry (RD, AL, S...)."""

    __tablename__ = "shift_type"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=8, unique=True, index=True)
    name: str = Field(max_length=60)
    kind: EntryKind = Field(sa_column=enum_column(EntryKind))
    start: time | None = None
    end: time | None = None  # earlier than start: the tour ends the next day
    refreshment_minutes: int = 45
    colour: str = Field(default="#ffffff", max_length=9)
    absence_kind: AbsenceKind | None = Field(
        default=None, sa_column=enum_column(AbsenceKind, nullable=True)
    )
    # Set on an operation's duty code: its duties abstract the officer from the ward.
    abstraction: AbstractionCategory | None = Field(
        default=None, sa_column=enum_column(AbstractionCategory, nullable=True)
    )
    sort_order: int = 0
    active: bool = True  # retired: no longer typed; past rosters keep it and its hours
    version: int = Field(default=1, sa_column=_shift_version)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _shift_version}


class CoverRequirement(SQLModel, table=True):
    __tablename__ = "cover_requirement"
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = _fk("team.id")
    beat_id: int | None = _fk("beat.id", nullable=True)
    weekday: int  # Monday = 0
    shift_type_id: int = _fk("shift_type.id")
    min_count: int
    rank: Rank | None = Field(default=None, sa_column=enum_column(Rank, nullable=True))
    skill: str | None = Field(default=None, max_length=60)
    # In force from (None: always) until (None: still); a change ends one row and starts
    # another, so that earlier rosters are checked against what was required then.
    effective_from: date | None = None
    effective_to: date | None = None


_assignment_version = version_column()


class Assignment(SQLModel, table=True):
    """One member's roster entry for one date: a duty, or a non-duty code."""

    __tablename__ = "assignment"
    __table_args__ = (
        sa.UniqueConstraint("member_id", "day", name="uq_assignment_member_day"),
        sa.Index("ix_assignment_team_day", "team_id", "day"),
    )
    id: int | None = Field(default=None, primary_key=True)
    member_id: int = _fk("member.id")
    team_id: int = _fk("team.id", "RESTRICT")  # the team it was worked for
    day: date = Field(index=True)
    shift_type_id: int = _fk("shift_type.id", "RESTRICT")
    beat_id: int | None = _fk("beat.id", "SET NULL", nullable=True)
    call_sign: str | None = Field(default=None, max_length=16)
    note: str | None = Field(default=None, max_length=500)
    pinned: bool = False
    updated_at: datetime = _utc()
    updated_by: str = Field(default="", max_length=80)
    version: int = Field(default=1, sa_column=_assignment_version)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _assignment_version}


_absence_version = version_column()


class Absence(SQLModel, table=True):
    """A range of leave, sickness, training, court, aid... for one member."""

    __tablename__ = "absence"
    id: int | None = Field(default=None, primary_key=True)
    member_id: int = _fk("member.id")
    kind: AbsenceKind = Field(sa_column=enum_column(AbsenceKind))
    start_date: date = Field(index=True)
    end_date: date = Field(index=True)
    category: AbstractionCategory | None = Field(
        default=None, sa_column=enum_column(AbstractionCategory, nullable=True)
    )
    note: str | None = Field(default=None, max_length=500)
    created_at: datetime = _utc()
    created_by: str = Field(default="", max_length=80)
    version: int = Field(default=1, sa_column=_absence_version)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _absence_version}


class RosterPeriod(SQLModel, table=True):
    __tablename__ = "roster_period"
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = _fk("team.id")
    start_date: date
    end_date: date
    status: PeriodStatus = Field(sa_column=enum_column(PeriodStatus))
    published_at: datetime | None = _utc(nullable=True)
    published_by: str | None = Field(default=None, max_length=80)


class ChangeRecord(SQLModel, table=True):
    """A change to a published roster: what HR pays for ("exigencies of duty")."""

    __tablename__ = "change_record"
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = _fk("team.id")
    member_id: int = _fk("member.id")
    period_id: int = _fk("roster_period.id")
    day: date = Field(index=True)
    old_code: str | None = Field(default=None, max_length=8)
    old_beat: str | None = Field(default=None, max_length=16)
    new_code: str | None = Field(default=None, max_length=8)
    new_beat: str | None = Field(default=None, max_length=16)
    told_at: datetime = _utc()
    recorded_at: datetime = _utc()
    recorded_by: str = Field(default="", max_length=80)
    notice_clear_days: int | None = None
    compensation_class: str | None = Field(default=None, max_length=120)  # ';'-joined


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _utc()
    user: str = Field(max_length=80)
    action: str = Field(max_length=60, index=True)
    entity: str = Field(max_length=40)
    entity_id: int | None = None
    team_id: int | None = Field(default=None, index=True)
    member_id: int | None = Field(default=None, index=True)
    day: date | None = None
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    reason: str | None = Field(default=None, max_length=500)


class BriefingItem(SQLModel, table=True):
    """A tasking or note printed on the briefing sheets of a date range."""

    __tablename__ = "briefing_item"
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = _fk("team.id")
    start_date: date
    end_date: date
    shift_codes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    beat_id: int | None = _fk("beat.id", "SET NULL", nullable=True)
    priority: int = 2
    text: str = Field(max_length=2000)
    created_by: str = Field(default="", max_length=80)


class FindingOverride(SQLModel, table=True):
    """A warning the sergeant accepted, with the reason (shown as accepted, never hidden)."""

    __tablename__ = "finding_override"
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = _fk("team.id")
    rule: str = Field(max_length=40)
    member_id: int | None = _fk("member.id", nullable=True)
    day: date = Field(index=True)
    beat: str | None = Field(default=None, max_length=16)
    shift: str | None = Field(default=None, max_length=8)
    reason: str = Field(max_length=500)
    accepted_by: str = Field(default="", max_length=80)
    accepted_at: datetime = _utc()


_request_version = version_column()


class RosterRequest(SQLModel, table=True):
    """An officer's request (leave, rest day, tour, day to avoid, swap, TOIL) and its decision."""

    __tablename__ = "roster_request"
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = _fk("team.id")
    member_id: int = _fk("member.id")
    kind: RequestKind = Field(sa_column=enum_column(RequestKind))
    start_date: date = Field(index=True)
    end_date: date
    shift_code: str | None = Field(default=None, max_length=8)
    with_member_id: int | None = _fk("member.id", nullable=True)
    note: str | None = Field(default=None, max_length=500)
    status: RequestStatus = Field(sa_column=enum_column(RequestStatus, index=True))
    asked_at: datetime = _utc()
    asked_by: str = Field(default="", max_length=80)
    decided_at: datetime | None = _utc(nullable=True)
    decided_by: str | None = Field(default=None, max_length=80)
    decision_reason: str | None = Field(default=None, max_length=500)
    override_reason: str | None = Field(default=None, max_length=500)
    absence_id: int | None = _fk("absence.id", "SET NULL", nullable=True)
    version: int = Field(default=1, sa_column=_request_version)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _request_version}


class BlackoutPeriod(SQLModel, table=True):
    """Dates a team grants no leave without an audited override (Carnival, Christmas)."""

    __tablename__ = "blackout_period"
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = _fk("team.id")
    start_date: date
    end_date: date
    reason: str = Field(max_length=200)


class ToilEntry(SQLModel, table=True):
    """Hours of time off in lieu earned: extra hours an officer takes as time, not pay."""

    __tablename__ = "toil_entry"
    id: int | None = Field(default=None, primary_key=True)
    member_id: int = _fk("member.id")
    day: date = Field(index=True)
    hours: float
    reason: str = Field(max_length=200)
    recorded_at: datetime = _utc()
    recorded_by: str = Field(default="", max_length=80)


class Establishment(SQLModel, table=True):
    """Funded posts of one rank in one team from a date (until the next row for that
    team and rank): growth is planned as a later row, e.g. 240 PCs from 1 March."""

    __tablename__ = "establishment"
    __table_args__ = (
        sa.UniqueConstraint("team_id", "rank", "effective_from", name="uq_establishment_post"),
    )
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = _fk("team.id")
    rank: Rank = Field(sa_column=enum_column(Rank))
    posts: int
    effective_from: date
    note: str | None = Field(default=None, max_length=200)
    set_by: str = Field(default="", max_length=80)


# Operations' tables live in their own module; importing these tables registers them
# too, so that whatever walks every table (backups, restores, migrations) sees them.
from rosterapp.domain import operation_tables as _operation_tables  # noqa: E402, F401
