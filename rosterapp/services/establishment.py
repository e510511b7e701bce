"""Establishment: the posts a team is funded for, per rank, from a date."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rosterapp import paths
from rosterapp.domain.enums import RANK_ORDER, Rank
from rosterapp.domain.strength import EstablishmentLine
from rosterapp.domain.tables import Establishment, Team
from rosterapp.services import audit
from rosterapp.services.errors import Conflict, InvalidInput, NotFound
from rosterapp.services.lookup import team_by_code
from rosterapp.storage import Database

MAX_POSTS = 5000  # more than any neighbourhood team: a typo, not a plan


def set_posts(
    db: Database,
    team_code: str,
    rank: Rank,
    posts: int,
    effective_from: date,
    note: str | None = None,
) -> EstablishmentLine:
    """Funded posts of `rank` from `effective_from` (replacing a line from that same day)."""
    if isinstance(posts, bool) or not isinstance(posts, int) or not 0 <= posts <= MAX_POSTS:
        raise InvalidInput(
            f"funded posts must be a whole number from 0 to {MAX_POSTS} (got {posts!r})",
            field="posts",
        )
    note = (note or "").strip() or None
    if note is not None and len(note) > 200:
        raise InvalidInput("the note is longer than 200 characters", field="note")
    try:
        return _set_in(db, team_code, rank, posts, effective_from, note)
    except sa.exc.IntegrityError as exc:
        # Two people setting the same line at once (PostgreSQL): the second is told.
        raise Conflict(
            f"someone else set the {rank.label} posts from {effective_from:%d %b %Y} just "
            "now; reload and set them again if still needed"
        ) from exc


def _set_in(
    db: Database, team_code: str, rank: Rank, posts: int, effective_from: date, note: str | None
) -> EstablishmentLine:
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        row = s.exec(
            select(Establishment).where(
                Establishment.team_id == team.id,
                Establishment.rank == rank,
                Establishment.effective_from == effective_from,
            )
        ).first()
        before = {"posts": row.posts} if row is not None else None
        if row is None:
            assert team.id is not None
            row = Establishment(
                team_id=team.id, rank=rank, posts=posts, effective_from=effective_from
            )
            s.add(row)
        row.posts = posts
        row.note = note
        row.set_by = paths.current_user()
        s.flush()
        audit.record(
            s,
            "establishment.set",
            "establishment",
            row.id,
            team_id=team.id,
            day=effective_from,
            before=before,
            after={"rank": rank.value, "posts": posts, "from": effective_from.isoformat()},
        )
        return EstablishmentLine(team.code, rank, posts, effective_from, note)


def remove_posts(db: Database, team_code: str, rank: Rank, effective_from: date) -> None:
    """Take back a planned line (the one before it is then in force again)."""
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        row = s.exec(
            select(Establishment).where(
                Establishment.team_id == team.id,
                Establishment.rank == rank,
                Establishment.effective_from == effective_from,
            )
        ).first()
        if row is None:
            raise NotFound(
                f"team {team.code} has no establishment for {rank.label} from "
                f"{effective_from:%d %b %Y}",
                field="effective_from",
            )
        audit.record(
            s,
            "establishment.remove",
            "establishment",
            row.id,
            team_id=team.id,
            day=effective_from,
            before={"rank": rank.value, "posts": row.posts, "from": effective_from.isoformat()},
        )
        s.delete(row)


def list_establishment(db: Database, team_code: str | None = None) -> list[EstablishmentLine]:
    with db.session() as s:
        teams = [team_by_code(s, team_code)] if team_code else None
        out = establishment_lines(s, teams)
        return [line for lines in out.values() for line in lines]


def _line_order(line: EstablishmentLine) -> tuple[str, date, int]:
    return line.team_code, line.effective_from, RANK_ORDER.index(line.rank)


def establishment_lines(
    s: Session, teams: list[Team] | None = None
) -> dict[int, list[EstablishmentLine]]:
    """Every line of the given teams (all teams: None), by team id, in date order."""
    query = select(Establishment, Team).join(Team, col(Team.id) == Establishment.team_id)
    if teams is not None:
        query = query.where(col(Establishment.team_id).in_([t.id for t in teams]))
    out: dict[int, list[EstablishmentLine]] = {}
    for row, team in s.exec(query).all():
        out.setdefault(row.team_id, []).append(
            EstablishmentLine(team.code, row.rank, row.posts, row.effective_from, row.note)
        )
    return {tid: sorted(lines, key=_line_order) for tid, lines in sorted(out.items())}
