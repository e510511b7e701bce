"""Time off in lieu earned: hours an officer works beyond the roster and takes as time
rather than pay. Balances set them against TOIL days taken; a TOIL request beyond them
is refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from rosterapp import paths
from rosterapp.domain.tables import ToilEntry
from rosterapp.services import audit
from rosterapp.services.errors import InvalidInput, NotFound
from rosterapp.services.lookup import member_by_shoulder, team_on
from rosterapp.services.validation import clean_text
from rosterapp.storage import Database

MAX_TOIL_HOURS = 24.0  # one entry is one day's extra hours


@dataclass(frozen=True, slots=True)
class ToilInfo:
    id: int
    member_id: int
    day: date
    hours: float
    reason: str


def _info(row: ToilEntry) -> ToilInfo:
    return ToilInfo(row.id or 0, row.member_id, row.day, row.hours, row.reason)


def add_toil(db: Database, shoulder: str, day: date, hours: float, reason: str) -> ToilInfo:
    """Record hours earned on a day (audited against the member's team that day)."""
    if not 0 < hours <= MAX_TOIL_HOURS:
        raise InvalidInput(
            f"hours earned must be more than 0 and at most {MAX_TOIL_HOURS:g}", field="hours"
        )
    text = clean_text(reason, "reason", max_len=200, required=True)
    with db.session(write=True) as s:
        member = member_by_shoulder(s, shoulder)
        team = team_on(s, member, day)
        row = ToilEntry(
            member_id=member.id or 0,
            day=day,
            hours=round(hours, 2),
            reason=text,
            recorded_by=paths.current_user(),
        )
        s.add(row)
        s.flush()
        audit.record(
            s,
            "toil.add",
            "toil_entry",
            row.id,
            team_id=team.id,
            member_id=member.id,
            day=day,
            after={"hours": row.hours, "reason": text},
        )
        return _info(row)


def list_toil(db: Database, shoulder: str) -> list[ToilInfo]:
    with db.session() as s:
        member = member_by_shoulder(s, shoulder)
        rows = s.exec(
            select(ToilEntry)
            .where(ToilEntry.member_id == member.id)
            .order_by(col(ToilEntry.day), col(ToilEntry.id))
        ).all()
        return [_info(r) for r in rows]


def remove_toil(db: Database, entry_id: int) -> ToilInfo:
    """A mistaken entry taken back (audited with what it was)."""
    with db.session(write=True) as s:
        row = s.get(ToilEntry, entry_id)
        if row is None:
            raise NotFound(f"there is no TOIL entry #{entry_id}", field="id")
        info = _info(row)
        s.delete(row)
        s.flush()
        audit.record(
            s,
            "toil.remove",
            "toil_entry",
            entry_id,
            member_id=info.member_id,
            day=info.day,
            before={"hours": info.hours, "reason": info.reason},
        )
        return info
