"""Ending, not deleting: a member who leaves the team and a beat no longer patrolled.
Their history stays (rosters, hours, the audit trail); they are just not offered on.
And the team's own order of its beats."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from rosterapp.domain.tables import Assignment, Beat, TeamMembership
from rosterapp.services import audit
from rosterapp.services.errors import InvalidInput, NotFound
from rosterapp.services.lookup import (
    member_by_shoulder,
    membership_on,
    memberships_of,
    team_by_code,
)
from rosterapp.storage import Database


def end_member(db: Database, team_code: str, shoulder: str, last_day: date) -> None:
    """The member's last day in the team. Refused while duties are rostered after it
    (clear them first, so that nothing the officer was told of disappears unseen)."""
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        member = member_by_shoulder(s, shoulder)
        assert member.id is not None and team.id is not None
        current = membership_on(memberships_of(s, member.id), last_day)
        if current is None or current.team_id != team.id:
            raise InvalidInput(
                f"{member.shoulder_number} is not in team {team.code} on {last_day:%d %b %Y}",
                field="end",
            )
        later = s.exec(
            select(Assignment).where(
                Assignment.member_id == member.id,
                Assignment.team_id == team.id,
                Assignment.day > last_day,
            )
        ).all()
        if later:
            first = min(a.day for a in later)
            raise InvalidInput(
                f"{member.shoulder_number} has {len(later)} roster "
                f"entr{'y' if len(later) == 1 else 'ies'} after {last_day:%a %d %b %Y} "
                f"(the first on {first:%a %d %b}): clear them first",
                field="end",
            )
        for row in s.exec(
            select(TeamMembership).where(
                TeamMembership.member_id == member.id, TeamMembership.start_date > last_day
            )
        ).all():
            s.delete(row)
        current.end_date = last_day
        member.end_date = last_day
        audit.record(
            s,
            "member.end",
            "member",
            member.id,
            team_id=team.id,
            member_id=member.id,
            day=last_day,
            after={"team": team.code, "last_day": last_day.isoformat()},
        )


def set_beat_in_use(db: Database, team_code: str, beat_code: str, in_use: bool) -> None:
    """Retire a beat (past duties keep it; it is no longer offered) or bring it back."""
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        beat = s.exec(select(Beat).where(Beat.team_id == team.id, Beat.code == beat_code)).first()
        if beat is None:
            raise NotFound(f"team {team.code} has no beat {beat_code}")
        beat.active = in_use
        audit.record(
            s,
            "beat.retire" if not in_use else "beat.reinstate",
            "beat",
            beat.id,
            team_id=team.id,
            after={"code": beat.code, "in_use": in_use},
        )


def move_beat(db: Database, team_code: str, beat_code: str, step: int) -> None:
    """Move a beat up (-1) or down (+1) the team's list of beats."""
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        rows = list(
            s.exec(
                select(Beat)
                .where(Beat.team_id == team.id)
                .order_by(col(Beat.sort_order), col(Beat.code))
            )
        )
        at = next((i for i, b in enumerate(rows) if b.code == beat_code), None)
        if at is None:
            raise NotFound(f"team {team.code} has no beat {beat_code}")
        to = min(max(at + step, 0), len(rows) - 1)
        rows.insert(to, rows.pop(at))
        for order, beat in enumerate(rows):
            beat.sort_order = order
        audit.record(s, "beat.move", "beat", rows[to].id, team_id=team.id, after={"position": to})
