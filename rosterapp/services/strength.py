"""Strength: who is actually in each team on a day (memberships, transfers, joiners and
leavers), against its establishment; vacancies by rank and month."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, or_, select

from rosterapp.domain.enums import Rank
from rosterapp.domain.strength import (
    Arrival,
    EstablishmentLine,
    RankStrength,
    TeamStrength,
    VacancyTable,
    rank_rows,
)
from rosterapp.domain.tables import Member, Team, TeamMembership
from rosterapp.services.errors import InvalidInput
from rosterapp.services.establishment import establishment_lines, list_establishment
from rosterapp.services.lookup import membership_on, team_by_code
from rosterapp.storage import Database

LOOK_AHEAD_DAYS = 366  # joiners and leavers listed up to a year ahead
MAX_MONTHS = 36


@dataclass(frozen=True, slots=True)
class _Span:
    team_id: int
    start_date: date
    end_date: date | None


@dataclass(frozen=True, slots=True)
class _Who:
    shoulder_number: str
    first_name: str
    last_name: str
    rank: Rank
    end_date: date | None


@dataclass(frozen=True)
class _Person:
    member: _Who
    memberships: list[_Span]

    def team_on(self, day: date) -> int | None:
        if self.member.end_date is not None and self.member.end_date < day:
            return None  # left the force: no membership keeps them on strength
        tm = membership_on(self.memberships, day)
        return tm.team_id if tm is not None else None


def _people(s: Session, lo: date, hi: date) -> list[_Person]:
    """Everyone with a membership touching [lo, hi], with those memberships (plain
    columns: a thousand ORM objects were most of the overview's strength read)."""
    rows = s.execute(
        sa.select(
            col(Member.id),
            col(Member.shoulder_number),
            col(Member.first_name),
            col(Member.last_name),
            col(Member.rank),
            col(Member.end_date),
            col(TeamMembership.team_id),
            col(TeamMembership.start_date),
            col(TeamMembership.end_date),
        )
        .join(Member, col(Member.id) == TeamMembership.member_id)
        .where(
            col(TeamMembership.start_date) <= hi,
            or_(col(TeamMembership.end_date).is_(None), col(TeamMembership.end_date) >= lo),
        )
    ).all()
    by_member: dict[int, _Person] = {}
    for mid, sn, first, last, rank, left, team_id, since, until in rows:
        person = by_member.get(mid)
        if person is None:
            person = by_member[mid] = _Person(_Who(sn, first, last, Rank(rank), left), [])
        person.memberships.append(_Span(team_id, since, until))
    return list(by_member.values())


def _arrival(m: _Who, day: date) -> Arrival:
    return Arrival(m.shoulder_number, f"{m.first_name} {m.last_name}".strip(), m.rank, day)


def strength_in(s: Session, teams: list[Team], on: date) -> list[TeamStrength]:
    """Each team's strength and establishment on `on`, with the joiners booked and the
    leavers due in the year ahead (an open session: the overview reads it in its own)."""
    people = _people(s, on, on + timedelta(days=LOOK_AHEAD_DAYS))
    lines = establishment_lines(s, teams)
    out = []
    for team in teams:
        assert team.id is not None
        counts: Counter[Rank] = Counter()
        joining, leaving = [], []
        for p in people:
            here = p.team_on(on) == team.id
            if here:
                counts[p.member.rank] += 1
            for tm in p.memberships:
                if tm.team_id != team.id:
                    continue
                if tm.start_date > on and p.team_on(tm.start_date - timedelta(days=1)) != team.id:
                    joining.append(_arrival(p.member, tm.start_date))
                last = tm.end_date
                if last is not None and last >= on and p.team_on(last + timedelta(1)) != team.id:
                    leaving.append(_arrival(p.member, last))
        out.append(
            TeamStrength(
                team.code,
                team.name,
                on,
                rank_rows(lines.get(team.id, []), counts, on),
                tuple(sorted(joining, key=lambda a: (a.day, a.shoulder_number))),
                tuple(sorted(leaving, key=lambda a: (a.day, a.shoulder_number))),
            )
        )
    return out


def team_strength(
    db: Database, team_code: str | None = None, on: date | None = None
) -> list[TeamStrength]:
    """Strength against establishment on a day (today by default), one team or all."""
    day = on or date.today()
    with db.session() as s:
        teams = (
            [team_by_code(s, team_code)]
            if team_code
            else list(s.exec(select(Team).order_by(col(Team.name))).all())
        )
        return strength_in(s, teams, day)


def month_starts(first: date, months: int) -> tuple[date, ...]:
    out = []
    y, m = first.year, first.month
    for _ in range(months):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def vacancies(db: Database, team_code: str, first_month: date, months: int = 12) -> VacancyTable:
    """Establishment, strength and vacancies by rank for each month, as on its 1st."""
    if not 1 <= months <= MAX_MONTHS:
        raise InvalidInput(f"show 1 to {MAX_MONTHS} months (got {months})", field="months")
    starts = month_starts(first_month, months)
    with db.session() as s:
        team = team_by_code(s, team_code)
        assert team.id is not None
        people = _people(s, starts[0], starts[-1])
        lines = establishment_lines(s, [team]).get(team.id, [])
        per_month = []
        for day in starts:
            counts = Counter(p.member.rank for p in people if p.team_on(day) == team.id)
            per_month.append({r.rank: r for r in rank_rows(lines, counts, day)})
        ranks = [r for r in Rank if any(r in month for month in per_month)]
        by_rank = {
            rank: tuple(month.get(rank, RankStrength(rank, None, 0)) for month in per_month)
            for rank in sorted(ranks, key=_rank_pos)
        }
        return VacancyTable(team.code, team.name, starts, by_rank)


def _rank_pos(rank: Rank) -> int:
    from rosterapp.domain.enums import RANK_ORDER

    return RANK_ORDER.index(rank)


@dataclass(frozen=True)
class StrengthView:
    """What the Strength window shows for one team, read as one snapshot."""

    strength: TeamStrength
    vacancies: VacancyTable
    lines: list[EstablishmentLine]


def strength_view(db: Database, team_code: str, on: date, months: int = 12) -> StrengthView:
    with db.snapshot():
        [today] = team_strength(db, team_code, on)
        return StrengthView(
            today,
            vacancies(db, team_code, date(on.year, on.month, 1), months),
            list_establishment(db, team_code),
        )
