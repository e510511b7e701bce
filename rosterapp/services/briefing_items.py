"""Taskings and notes that the briefing sheets print."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from rosterapp import paths
from rosterapp.domain.briefing import BriefingItemInfo
from rosterapp.domain.tables import BriefingItem
from rosterapp.services import audit
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import beat_by_code, shift_by_code, team_by_code
from rosterapp.services.validation import clean_text
from rosterapp.storage import Database


def add_item(
    db: Database,
    team_code: str,
    start: date,
    end: date,
    text: str,
    *,
    shifts: tuple[str, ...] = (),
    beat: str | None = None,
    priority: int = 2,
) -> BriefingItemInfo:
    if end < start:
        raise InvalidInput("the tasking ends before it starts", field="end")
    if not 1 <= priority <= 3:
        raise InvalidInput("priority is 1 (high), 2 or 3 (low)", field="priority")
    body = clean_text(
        text.replace("\n", " "), "tasking text", max_len=2000, required=True, key="text"
    )
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        codes = tuple(shift_by_code(s, c).code for c in shifts)
        beat_row = beat_by_code(s, team, beat) if beat else None
        assert team.id is not None
        row = BriefingItem(
            team_id=team.id,
            start_date=start,
            end_date=end,
            shift_codes=list(codes),
            beat_id=beat_row.id if beat_row else None,
            priority=priority,
            text=body,
            created_by=paths.current_user(),
        )
        s.add(row)
        s.flush()
        audit.record(
            s,
            "briefing_item.add",
            "briefing_item",
            row.id,
            team_id=team.id,
            day=start,
            after={"text": body},
        )
        assert row.id is not None
        return BriefingItemInfo(
            row.id, start, end, codes, beat_row.code if beat_row else None, priority, body
        )


def items_for(db: Database, team_code: str, day: date, shift: str) -> list[BriefingItemInfo]:
    from rosterapp.domain.tables import Beat

    with db.session() as s:
        team = team_by_code(s, team_code)
        beats = {b.id: b.code for b in s.exec(select(Beat).where(Beat.team_id == team.id))}
        rows = s.exec(
            select(BriefingItem)
            .where(
                BriefingItem.team_id == team.id,
                BriefingItem.start_date <= day,
                BriefingItem.end_date >= day,
            )
            .order_by(col(BriefingItem.priority), col(BriefingItem.id))
        ).all()
        return [
            BriefingItemInfo(
                r.id or 0,
                r.start_date,
                r.end_date,
                tuple(r.shift_codes),
                beats.get(r.beat_id) if r.beat_id else None,
                r.priority,
                r.text,
            )
            for r in rows
            if not r.shift_codes or shift in r.shift_codes
        ]
