"""The audit trail: every write records who, when (UTC), what, before and after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from rosterapp import paths
from rosterapp.domain.tables import AuditEvent
from rosterapp.storage import Database


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: int | None = None,
    *,
    team_id: int | None = None,
    member_id: int | None = None,
    day: date | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
    user: str | None = None,
) -> None:
    session.add(
        AuditEvent(
            user=user or paths.current_user(),
            action=action,
            entity=entity,
            entity_id=entity_id,
            team_id=team_id,
            member_id=member_id,
            day=day,
            before=before,
            after=after,
            reason=reason,
        )
    )


def latest_marker(db: Database, team_code: str) -> int:
    """The newest audit event of a team: it changes whenever anyone saves anything."""
    from sqlmodel import func, select

    from rosterapp.services.lookup import team_by_code

    with db.session() as s:
        team = team_by_code(s, team_code)
        newest = s.exec(select(func.max(AuditEvent.id)).where(AuditEvent.team_id == team.id))
        return int(newest.one() or 0)


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: datetime
    user: str
    action: str
    member: str | None
    day: date | None
    before: str
    after: str
    reason: str | None


def _brief(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    return ", ".join(f"{k}={v}" for k, v in value.items())


def list_events(
    db: Database,
    team_code: str | None,
    start: date | None = None,
    end: date | None = None,
    member: str = "",
    action: str = "",
    limit: int = 5000,
    user: str = "",
) -> list[AuditRow]:
    """Who changed what and when, newest first; `member` matches name or shoulder number."""
    from sqlmodel import col, or_, select

    from rosterapp.domain.tables import Member
    from rosterapp.services.lookup import team_by_code

    with db.session() as s:
        q = select(AuditEvent, Member).join(
            Member, col(Member.id) == AuditEvent.member_id, isouter=True
        )
        if team_code:
            team = team_by_code(s, team_code)
            q = q.where(or_(col(AuditEvent.team_id) == team.id, col(AuditEvent.team_id).is_(None)))
        if start:
            q = q.where(col(AuditEvent.day) >= start)
        if end:
            q = q.where(col(AuditEvent.day) <= end)
        if action:
            q = q.where(col(AuditEvent.action).startswith(action))
        if user.strip():
            q = q.where(col(AuditEvent.user).ilike(f"%{user.strip()}%"))
        if member.strip():
            like = f"%{member.strip()}%"
            q = q.where(
                or_(
                    col(Member.shoulder_number).ilike(like),
                    col(Member.first_name).ilike(like),
                    col(Member.last_name).ilike(like),
                )
            )
        rows = s.exec(q.order_by(col(AuditEvent.id).desc()).limit(limit)).all()
        return [
            AuditRow(
                e.at,
                e.user,
                e.action,
                f"{m.shoulder_number} {m.first_name} {m.last_name}" if m else None,
                e.day,
                _brief(e.before),
                _brief(e.after),
                e.reason,
            )
            for e, m in rows
        ]


def export_csv(rows: list[AuditRow], target: Path) -> Path:
    """The audit trail as CSV; text that a spreadsheet would run as a formula is quoted."""
    import csv

    from rosterapp.exports.files import atomic_path, ensure_writable
    from rosterapp.exports.text import is_formula_like

    def safe(value: object) -> str:
        text = "" if value is None else str(value)
        return "'" + text if is_formula_like(text) else text

    ensure_writable(target)
    with atomic_path(target) as tmp, tmp.open("w", newline="", encoding="utf-8-sig") as f:
        out = csv.writer(f)
        out.writerow(["when (UTC)", "who", "what", "member", "date", "before", "after", "reason"])
        for r in rows:
            out.writerow(
                [
                    r.at.strftime("%Y-%m-%d %H:%M:%S"),
                    safe(r.user),
                    r.action,
                    safe(r.member),
                    r.day.isoformat() if r.day else "",
                    safe(r.before),
                    safe(r.after),
                    safe(r.reason),
                ]
            )
    return target
