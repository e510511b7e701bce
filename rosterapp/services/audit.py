"""The audit trail: every write records who, when (UTC), what, before and after."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from rosterapp import paths
from rosterapp.domain.tables import AuditEvent


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
