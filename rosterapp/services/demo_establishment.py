"""The demo teams' funded posts: the seed's expansion as planned growth.

The West End team grows by over 50 % (up to 80 more officers) and six town-centre teams
by 90 officers between them (Met press release, 2025; DOMAIN.md); the other teams are
funded for about what they have. Growth takes effect on the first of the month two
months after the demo's first week, so the Strength view shows the vacancies it opens.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlmodel import Session, col, select

from rosterapp.domain.enums import Rank
from rosterapp.domain.tables import Establishment, Member, Team, TeamMembership

EXPANDED = ("BX", "KT", "EA", "FP", "SW", "SP")  # +15 officers each: 90 in all
# West End: (posts before, posts after the growth month) per rank.
WEST_END = {
    Rank.INSPECTOR: (1, 2),
    Rank.SERGEANT: (9, 13),
    Rank.PC: (160, 240),
    Rank.PCSO: (46, 60),
}


def growth_month(start: date) -> date:
    """The first of the month two months after `start`."""
    y, m = start.year, start.month + 2
    if m > 12:
        y, m = y + 1, m - 12
    return date(y, m, 1)


def demo_establishment(s: Session, start: date) -> list[Establishment]:
    """Lines for every team in the session, from a year before `start`."""
    since = start - timedelta(days=365)
    grows = growth_month(start)
    out: list[Establishment] = []
    for team in s.exec(select(Team).order_by(col(Team.code))).all():
        assert team.id is not None
        counts: Counter[Rank] = Counter(
            Rank(r)
            for r in s.exec(
                select(Member.rank)
                .join(TeamMembership, col(TeamMembership.member_id) == Member.id)
                .where(TeamMembership.team_id == team.id)
            ).all()
        )
        for rank, (before, after) in _plan(team.code, counts).items():
            out.append(_line(team.id, rank, before, since, "funded posts"))
            if after != before:
                out.append(_line(team.id, rank, after, grows, "neighbourhood expansion"))
    return out


def _plan(code: str, counts: Counter[Rank]) -> dict[Rank, tuple[int, int]]:
    if code == "WE":
        return WEST_END
    if code in EXPANDED:
        # The 2021 town-centre model (1 inspector, 2 sergeants, 21 PCs), then +15.
        return {
            Rank.INSPECTOR: (1, 1),
            Rank.SERGEANT: (2, 4),
            Rank.PC: (21, 34),
            Rank.PCSO: (counts[Rank.PCSO], counts[Rank.PCSO]),
        }
    return {
        rank: (counts[rank], counts[rank])
        for rank in (Rank.INSPECTOR, Rank.SERGEANT, Rank.PC, Rank.PCSO)
        if counts[rank]
    }


def _line(team_id: int, rank: Rank, posts: int, since: date, note: str) -> Establishment:
    return Establishment(
        team_id=team_id, rank=rank, posts=posts, effective_from=since, note=note, set_by="demo"
    )
