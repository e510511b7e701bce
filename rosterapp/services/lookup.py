"""Finding rows by the keys users type, with messages that say what was missing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar

from sqlmodel import Session, col, select

from rosterapp.domain.tables import Beat, Member, ShiftType, Team, TeamMembership
from rosterapp.services.errors import InvalidInput, NotFound


def team_by_code(session: Session, code: str) -> Team:
    team = session.exec(select(Team).where(col(Team.code) == code)).first()
    if team is None:
        team = session.exec(select(Team).where(col(Team.name) == code)).first()
    if team is None:
        known = ", ".join(session.exec(select(Team.code).order_by(Team.code)).all()) or "none yet"
        raise NotFound(f"no team '{code}' (teams: {known})", field="team")
    return team


def member_by_shoulder(session: Session, shoulder: str) -> Member:
    member = session.exec(
        select(Member).where(col(Member.shoulder_number) == shoulder.strip().upper())
    ).first()
    if member is None:
        raise NotFound(f"no member with shoulder number '{shoulder}'", field="member")
    return member


def member_by_id(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise NotFound(f"member #{member_id} no longer exists")
    return member


def shift_by_code(session: Session, code: str) -> ShiftType:
    shift = session.exec(
        select(ShiftType).where(col(ShiftType.code) == code.strip().upper())
    ).first()
    if shift is None:
        known = ", ".join(
            session.exec(select(ShiftType.code).order_by(col(ShiftType.sort_order))).all()
        )
        raise NotFound(f"unknown shift or absence code '{code}' (codes: {known})", field="shift")
    return shift


def beat_by_code(session: Session, team: Team, code: str) -> Beat:
    beat = session.exec(
        select(Beat).where(col(Beat.team_id) == team.id, col(Beat.code) == code.strip().upper())
    ).first()
    if beat is None:
        raise NotFound(f"team {team.code} has no beat '{code}'", field="beat")
    return beat


class Span(Protocol):
    """A membership as stored, or its plain columns (the strength reads those)."""

    @property
    def start_date(self) -> date: ...
    @property
    def end_date(self) -> date | None: ...


S = TypeVar("S", bound=Span)


def membership_on(memberships: Iterable[S], day: date) -> S | None:
    """The membership that holds `day`: which team the member is in that day (the one
    place that says so; transfers keep a member in one team at a time)."""
    for tm in memberships:
        if tm.start_date <= day and (tm.end_date is None or tm.end_date >= day):
            return tm
    return None


def memberships_of(session: Session, member_id: int) -> list[TeamMembership]:
    return list(
        session.exec(select(TeamMembership).where(TeamMembership.member_id == member_id)).all()
    )


def team_on(session: Session, member: Member, day: date) -> Team:
    """The team `member` is in on `day`; InvalidInput if none."""
    assert member.id is not None
    tm = membership_on(memberships_of(session, member.id), day)
    team = session.get(Team, tm.team_id) if tm is not None else None
    if team is None:
        raise InvalidInput(f"{member.shoulder_number} is not in any team on {day}", field="day")
    return team
