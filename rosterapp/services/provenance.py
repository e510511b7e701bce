"""Who last changed a record and when, read from the audit trail.

Every write records an audit event in the same transaction, so the newest event for a
row names the person and time of its current version: no extra columns to keep in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from rosterapp.domain.calendar import LONDON
from rosterapp.domain.tables import AuditEvent
from rosterapp.services.errors import StaleRow


def last_change(session: Session, entity: str, entity_id: int | None) -> AuditEvent | None:
    return session.exec(
        select(AuditEvent)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
        .order_by(col(AuditEvent.id).desc())
        .limit(1)
    ).first()


# Field names as the forms label them.
LABELS = {
    "leave_threshold_pct": "leave limit %",
    "abstraction_threshold_pct": "abstraction limit %",
    "contract_hours_tolerance": "hours tolerance",
    "protective_marking": "marking",
    "show_absence_reason": "show absence reasons",
    "wtr_opt_out": "48-hour opt-out",
    "wtr_opt_out_since": "48-hour opt-out signed",
    "shoulder_number": "shoulder number",
    "staff_number": "staff number",
    "visit_interval_minutes": "minutes between visits",
    "visit_minutes": "visit minutes",
}


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value) or "—"
    return "—" if value in (None, "") else str(value)


def differences(seen: Mapping[str, Any], now: Mapping[str, Any]) -> list[str]:
    """ "name: Soho → Soho West" for every field the other person changed."""
    return [
        f"{LABELS.get(key, key.replace('_', ' '))}: {_show(seen.get(key))} → {_show(value)}"
        for key, value in now.items()
        if key != "version" and seen.get(key) != value
    ]


def stale(
    session: Session,
    what: str,
    entity: str,
    entity_id: int | None,
    *,
    current: object = None,
    current_version: int | None = None,
) -> StaleRow:
    """The error for a write refused because `what` changed since the user read it.

    The newest audit event says who and when, and its before/after what they changed.
    """
    event = last_change(session, entity, entity_id)
    if event is None:
        by = "was changed by someone else"
    else:
        when = event.at.astimezone(LONDON)
        by = f"was changed by {event.user or 'someone'} at {when:%H:%M on %d %b}"
    diff = differences(event.before, event.after) if event and event.before and event.after else []
    detail = f" ({'; '.join(diff)})" if diff else ""
    if current is None:
        message = f"{what} {by.replace('changed', 'removed', 1)}; reload to see it"
    else:
        message = f"{what} {by}{detail}; reload to see it, or apply yours again"
    return StaleRow(message, current=current, current_version=current_version)
