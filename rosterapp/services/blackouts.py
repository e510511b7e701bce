"""A team's blackout periods (dates it grants no leave without an audited override):
listed and removed here; added with requests.add_blackout."""

from __future__ import annotations

from sqlmodel import col, select

from rosterapp.domain.requests import BlackoutInfo
from rosterapp.domain.tables import BlackoutPeriod
from rosterapp.services import audit
from rosterapp.services.errors import NotFound
from rosterapp.services.lookup import team_by_code
from rosterapp.storage import Database


def list_blackouts(db: Database, team_code: str) -> list[BlackoutInfo]:
    """Every blackout of the team, earliest first."""
    with db.session() as s:
        team = team_by_code(s, team_code)
        rows = s.exec(
            select(BlackoutPeriod)
            .where(BlackoutPeriod.team_id == team.id)
            .order_by(col(BlackoutPeriod.start_date), col(BlackoutPeriod.id))
        ).all()
        return [BlackoutInfo(r.id or 0, r.start_date, r.end_date, r.reason) for r in rows]


def remove_blackout(db: Database, team_code: str, blackout_id: int) -> BlackoutInfo:
    """Remove one (audited with what it was); leave already decided stays as it is."""
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        row = s.get(BlackoutPeriod, blackout_id)
        if row is None or row.team_id != team.id:
            raise NotFound(f"team {team.code} has no blackout #{blackout_id}", field="id")
        info = BlackoutInfo(row.id or 0, row.start_date, row.end_date, row.reason)
        s.delete(row)
        s.flush()
        audit.record(
            s,
            "blackout.remove",
            "blackout_period",
            blackout_id,
            team_id=team.id,
            day=info.start,
            before={
                "from": info.start.isoformat(),
                "to": info.end.isoformat(),
                "reason": info.reason,
            },
        )
        return info
