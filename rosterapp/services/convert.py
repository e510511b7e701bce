"""ORM rows to plain values (the only place that knows both).

Each value type's fields are read from the row by name and checked by pydantic, so a
column added to both is copied without a line here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from functools import cache
from typing import Any, TypeVar, cast

from pydantic import TypeAdapter

from rosterapp.domain.tables import Beat, Member, MemberSkill, RosterPeriod, ShiftType, Team
from rosterapp.domain.values import (
    BeatInfo,
    MemberInfo,
    PeriodInfo,
    ShiftTypeInfo,
    SkillInfo,
    TeamInfo,
)

T = TypeVar("T")


@cache
def _adapter(cls: Any) -> TypeAdapter[Any]:
    return TypeAdapter(cls)


def _info(cls: type[T], row: object) -> T:
    assert getattr(row, "id", 0) is not None  # a row that was never saved has no value
    adapter: TypeAdapter[Any] = _adapter(cast(Any, cls))
    # Pydantic reads attributes only into its own models: a value type's fields by name.
    names = [f.name for f in dataclasses.fields(cast(Any, cls)) if hasattr(row, f.name)]
    value: T = adapter.validate_python({name: getattr(row, name) for name in names})
    return value


def team_info(t: Team) -> TeamInfo:
    return _info(TeamInfo, t)


def member_info(m: Member, skills: Iterable[MemberSkill] = ()) -> MemberInfo:
    info = _info(MemberInfo, m)
    held = tuple(sorted((SkillInfo(s.skill, s.expires) for s in skills), key=lambda s: s.name))
    return dataclasses.replace(info, skills=held)


def shift_info(s: ShiftType) -> ShiftTypeInfo:
    return _info(ShiftTypeInfo, s)


def beat_info(b: Beat) -> BeatInfo:
    return _info(BeatInfo, b)


def period_info(p: RosterPeriod) -> PeriodInfo:
    return _info(PeriodInfo, p)
