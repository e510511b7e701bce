"""Who the supplying teams of an operation hold on a day, and the needs they cannot
supply (a warning when the operation is added: how short, on its worst day)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlmodel import Session, col, select

from rosterapp.domain.enums import Rank
from rosterapp.domain.operation_plan import Need
from rosterapp.domain.operation_tables import OperationTeam
from rosterapp.domain.operations import OperationInfo
from rosterapp.domain.tables import Member, MemberSkill, Team, TeamMembership


def supplying_teams(s: Session, operation_id: int) -> list[tuple[Team, int | None]]:
    rows = s.exec(select(OperationTeam).where(OperationTeam.operation_id == operation_id)).all()
    out = []
    for r in rows:
        team = s.get(Team, r.team_id)
        assert team is not None
        out.append((team, r.count))
    return sorted(out, key=lambda t: t[0].code)


def matches(need: Need, rank: Rank, skills: set[str]) -> bool:
    if need.rank is not None:
        return rank is need.rank
    return need.skill in skills


def valid_skills(rows: list[MemberSkill], day: date) -> set[str]:
    return {r.skill.lower() for r in rows if r.expires is None or r.expires >= day}


def team_people(s: Session, team_ids: list[int] | None, day: date) -> list[tuple[Member, int]]:
    """Active members in the teams (None: every team) on `day`, with their team id."""
    q = (
        select(Member, TeamMembership.team_id)
        .join(TeamMembership, col(TeamMembership.member_id) == Member.id)
        .where(
            TeamMembership.start_date <= day,
            (col(TeamMembership.end_date).is_(None)) | (col(TeamMembership.end_date) >= day),
        )
    )
    if team_ids is not None:
        q = q.where(col(TeamMembership.team_id).in_(team_ids))
    out = []
    for m, team_id in s.exec(q).all():  # one query: a command unit is a thousand people
        if not m.active or (m.end_date is not None and m.end_date < day):
            continue
        if m.start_date is not None and m.start_date > day:
            continue
        out.append((m, team_id))
    return out


def skills_by_member(s: Session, member_ids: list[int]) -> dict[int, list[MemberSkill]]:
    out: dict[int, list[MemberSkill]] = defaultdict(list)
    for i in range(0, len(member_ids), 500):
        for sk in s.exec(
            select(MemberSkill).where(col(MemberSkill.member_id).in_(member_ids[i : i + 500]))
        ).all():
            out[sk.member_id].append(sk)
    return out


def supply_warnings(s: Session, info: OperationInfo) -> list[str]:
    """Each need larger than the supplying teams hold on an occurrence's day, at its
    worst occurrence; and team counts that add up to less than the needs."""
    team_ids = _team_ids(s, info) or None
    where = ", ".join(t.code for t in info.teams) or "all teams"
    worst: dict[Need, tuple[int, date]] = {}
    for occ in info.occurrences:
        people = team_people(s, team_ids, occ.day)
        skills = skills_by_member(s, [m.id for m, _ in people if m.id is not None])
        for need in info.needs:
            have = sum(
                1
                for m, _ in people
                if matches(need, m.rank, valid_skills(skills.get(m.id or 0, []), occ.day))
            )
            if have < need.count and (need not in worst or have < worst[need][0]):
                worst[need] = (have, occ.day)
    out = []
    for need, (have, day) in worst.items():
        what = need.rank.short if need.rank is not None else f"officers with {need.skill}"
        out.append(
            f"needs {need.count} {what} on {day:%a %d %b %Y} but {where} "
            f"{'has' if len(info.teams) < 2 else 'have'} only {have} ({need.count - have} short)"
        )
    asked = [t.count for t in info.teams if t.count is not None]
    ranks_needed = sum(n.count for n in info.needs if n.rank is not None)
    total = sum(asked)
    if info.teams and len(asked) == len(info.teams) and total < ranks_needed:
        out.append(
            f"the teams are asked for {total} officers in all but the needs by rank add "
            f"up to {ranks_needed} ({ranks_needed - total} short)"
        )
    return out


def _team_ids(s: Session, info: OperationInfo) -> list[int]:
    return [t.id for t, _ in supplying_teams(s, info.id) if t.id is not None]
