"""ORM rows to plain values (the only place that knows both)."""

from __future__ import annotations

from collections.abc import Iterable

from rosterapp.domain.tables import Beat, Member, MemberSkill, RosterPeriod, ShiftType, Team
from rosterapp.domain.values import (
    BeatInfo,
    MemberInfo,
    PeriodInfo,
    ShiftTypeInfo,
    SkillInfo,
    TeamInfo,
)


def team_info(t: Team) -> TeamInfo:
    assert t.id is not None
    return TeamInfo(
        id=t.id,
        code=t.code,
        name=t.name,
        borough=t.borough,
        protective_marking=t.protective_marking,
        show_absence_reason=t.show_absence_reason,
        leave_threshold_pct=t.leave_threshold_pct,
        abstraction_threshold_pct=t.abstraction_threshold_pct,
        contract_hours_tolerance=t.contract_hours_tolerance,
        version=t.version,
    )


def member_info(m: Member, skills: Iterable[MemberSkill] = ()) -> MemberInfo:
    assert m.id is not None
    return MemberInfo(
        id=m.id,
        shoulder_number=m.shoulder_number,
        staff_number=m.staff_number,
        first_name=m.first_name,
        last_name=m.last_name,
        rank=m.rank,
        role=m.role,
        contracted_hours=m.contracted_hours,
        wtr_opt_out=m.wtr_opt_out,
        active=m.active,
        call_sign=m.call_sign,
        email=m.email,
        phone=m.phone,
        start_date=m.start_date,
        end_date=m.end_date,
        skills=tuple(sorted((SkillInfo(s.skill, s.expires) for s in skills), key=lambda s: s.name)),
        version=m.version,
        usual_beat_id=m.usual_beat_id,
        no_nights=m.no_nights,
        max_late_lates=m.max_late_lates,
        free_days=m.free_days,
    )


def shift_info(s: ShiftType) -> ShiftTypeInfo:
    assert s.id is not None
    return ShiftTypeInfo(
        id=s.id,
        code=s.code,
        name=s.name,
        kind=s.kind,
        start=s.start,
        end=s.end,
        refreshment_minutes=s.refreshment_minutes,
        colour=s.colour,
        absence_kind=s.absence_kind,
        sort_order=s.sort_order,
        active=s.active,
    )


def beat_info(b: Beat) -> BeatInfo:
    assert b.id is not None
    return BeatInfo(
        id=b.id,
        team_id=b.team_id,
        code=b.code,
        name=b.name,
        ward=b.ward,
        priorities=tuple(b.priorities or ()),
        hotspot=b.hotspot,
        visit_minutes=b.visit_minutes,
        visit_interval_minutes=b.visit_interval_minutes,
        active=b.active,
        version=b.version,
        sort_order=b.sort_order,
    )


def period_info(p: RosterPeriod) -> PeriodInfo:
    assert p.id is not None
    return PeriodInfo(
        id=p.id,
        team_id=p.team_id,
        start_date=p.start_date,
        end_date=p.end_date,
        status=p.status,
        published_at=p.published_at,
        published_by=p.published_by,
    )
