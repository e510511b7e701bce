"""The list of a team's taskings: reworded, raised or lowered in priority (the order
the briefing prints them in), or ended. Ending keeps what was briefed before."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from rosterapp.domain.briefing import BriefingItemInfo
from rosterapp.domain.tables import Beat, BriefingItem, Team
from rosterapp.services import audit
from rosterapp.services.errors import InvalidInput, NotFound
from rosterapp.services.lookup import team_by_code
from rosterapp.services.validation import clean_text
from rosterapp.storage import Database


def list_taskings(db: Database, team_code: str, since: date) -> list[BriefingItemInfo]:
    """Taskings that still print on or after `since`, highest priority first."""
    with db.session() as s:
        team = team_by_code(s, team_code)
        beats = {b.id: b.code for b in s.exec(select(Beat).where(Beat.team_id == team.id))}
        rows = s.exec(
            select(BriefingItem)
            .where(BriefingItem.team_id == team.id, BriefingItem.end_date >= since)
            .order_by(
                col(BriefingItem.priority), col(BriefingItem.start_date), col(BriefingItem.id)
            )
        ).all()
        return [_info(r, beats) for r in rows]


def update_tasking(
    db: Database,
    team_code: str,
    item_id: int,
    *,
    text: str | None = None,
    priority: int | None = None,
) -> None:
    with db.session(write=True) as s:
        team, row = _row(s, team_code, item_id)
        before = {"text": row.text, "priority": row.priority}
        if text is not None:
            row.text = clean_text(
                text.replace("\n", " "), "tasking text", max_len=2000, required=True, key="text"
            )
        if priority is not None:
            if not 1 <= priority <= 3:
                raise InvalidInput("priority is 1 (high), 2 or 3 (low)", field="priority")
            row.priority = priority
        audit.record(
            s,
            "briefing_item.update",
            "briefing_item",
            row.id,
            team_id=team.id,
            before=before,
            after={"text": row.text, "priority": row.priority},
        )


def end_tasking(db: Database, team_code: str, item_id: int, last_day: date) -> None:
    """Stop printing it after `last_day`; one that had not started yet is removed."""
    with db.session(write=True) as s:
        team, row = _row(s, team_code, item_id)
        if last_day < row.start_date:
            s.delete(row)
        else:
            row.end_date = min(row.end_date, last_day)
        audit.record(
            s,
            "briefing_item.end",
            "briefing_item",
            item_id,
            team_id=team.id,
            after={"until": last_day.isoformat()},
        )


def _row(s: Session, team_code: str, item_id: int) -> tuple[Team, BriefingItem]:
    team = team_by_code(s, team_code)
    row = s.get(BriefingItem, item_id)
    if row is None or row.team_id != team.id:
        raise NotFound("that tasking is no longer there; reload the list")
    return team, row


def _info(r: BriefingItem, beats: dict[int | None, str]) -> BriefingItemInfo:
    return BriefingItemInfo(
        r.id or 0,
        r.start_date,
        r.end_date,
        tuple(r.shift_codes),
        beats.get(r.beat_id) if r.beat_id else None,
        r.priority,
        r.text,
    )
