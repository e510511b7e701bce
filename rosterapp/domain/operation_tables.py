"""The tables of operations: the operation, its occurrences, the teams that supply it and
who is allocated to each occurrence (with the roster entry their duty replaced)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel

from rosterapp.domain.enums import AbstractionCategory
from rosterapp.domain.operations import OperationKind
from rosterapp.domain.tables import _fk, _utc
from rosterapp.domain.types import enum_column, version_column

_operation_version = version_column()


class Operation(SQLModel, table=True):
    __tablename__ = "operation"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    kind: OperationKind = Field(sa_column=enum_column(OperationKind))
    category: AbstractionCategory = Field(sa_column=enum_column(AbstractionCategory))
    place: str = Field(default="", max_length=200)
    starts: time
    ends: time  # earlier than starts: each tour ends the next day
    # [{"count": 12, "rank": "pc"}, {"count": 4, "skill": "public-order-2"}]
    needs: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    # The roster code its duties carry (a duty code of its own, with its times).
    shift_type_id: int | None = _fk("shift_type.id", "RESTRICT", nullable=True)
    created_at: datetime = _utc()
    created_by: str = Field(default="", max_length=80)
    version: int = Field(default=1, sa_column=_operation_version)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _operation_version}


class OperationTeam(SQLModel, table=True):
    __tablename__ = "operation_team"
    __table_args__ = (sa.UniqueConstraint("operation_id", "team_id", name="uq_operation_team"),)
    id: int | None = Field(default=None, primary_key=True)
    operation_id: int = _fk("operation.id")
    team_id: int = _fk("team.id", "RESTRICT")
    count: int | None = None  # officers asked of this team per occurrence (None: any)


_occurrence_version = version_column()


class OperationOccurrence(SQLModel, table=True):
    __tablename__ = "operation_occurrence"
    __table_args__ = (
        sa.UniqueConstraint("operation_id", "day", name="uq_operation_occurrence_day"),
    )
    id: int | None = Field(default=None, primary_key=True)
    operation_id: int = _fk("operation.id")
    day: date = Field(index=True)  # the roster day: the tour starts on it
    # Officers allocated: kept so that every allocation updates (and version-checks)
    # this row, and two sergeants filling the last place cannot both succeed.
    allocated: int = 0
    version: int = Field(default=1, sa_column=_occurrence_version)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _occurrence_version}


class OperationAllocation(SQLModel, table=True):
    __tablename__ = "operation_allocation"
    __table_args__ = (
        sa.UniqueConstraint("occurrence_id", "member_id", name="uq_operation_allocation"),
    )
    id: int | None = Field(default=None, primary_key=True)
    occurrence_id: int = _fk("operation_occurrence.id")
    member_id: int = _fk("member.id")
    team_id: int = _fk("team.id", "RESTRICT")  # the supplying team they came from
    # The roster entry the duty replaced ({"code", "beat", "call_sign", "note"} or
    # None): unallocating puts it back.
    previous: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    allocated_at: datetime = _utc()
    allocated_by: str = Field(default="", max_length=80)
