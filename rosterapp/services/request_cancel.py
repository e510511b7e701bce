"""Cancelling a granted request (its leave, TOIL or day in lieu given back) and taking
a cancellation back, each one transaction, so that the window can undo either."""

from __future__ import annotations

from sqlmodel import col, select

from rosterapp.domain.enums import EntryKind
from rosterapp.domain.requests import RequestInfo, RequestStatus
from rosterapp.domain.tables import Absence, Assignment, ShiftType
from rosterapp.services import audit
from rosterapp.services.absences import _add_in, _delete_in, _info
from rosterapp.services.errors import Conflict, InvalidInput
from rosterapp.services.lookup import member_by_id
from rosterapp.services.request_decisions import Decision, _decided
from rosterapp.services.requests import checked_version, load_request, request_info
from rosterapp.services.validation import clean_text
from rosterapp.storage import Database


def cancel_request(
    db: Database,
    request_id: int,
    *,
    reason: str | None = None,
    expected_version: int | None = None,
) -> Decision:
    """A granted request the officer no longer needs: approved leave, TOIL or a day in
    lieu gives its days back (the absence is removed); the roster's cells stay for the
    sergeant. The decision keeps the absence removed and the request as it was."""
    text = clean_text(reason, "reason", max_len=500) or None
    with db.session(write=True) as s:
        row = load_request(s, request_id)
        checked_version(s, row, expected_version)
        if row.status is not RequestStatus.APPROVED:
            raise InvalidInput(
                f"request #{request_id} is {row.status.value}: only an approved one is "
                "cancelled (withdraw a pending one)",
                field="id",
            )
        previous = request_info(s, row)
        absence = s.get(Absence, row.absence_id) if row.absence_id else None
        removed = _info(absence, member_by_id(s, absence.member_id)) if absence else None
        row.absence_id = None
        s.flush()
        if removed is not None:
            _delete_in(s, removed, check_version=False)
        _decided(s, row, RequestStatus.CANCELLED, text, None)
        return Decision(request_info(s, row), [], removed, previous)


def undo_cancel(db: Database, decision: Decision) -> RequestInfo:
    """Grant a cancelled request again as it was: its absence is recorded again, refused
    (saying which day) if a duty has been rostered on one of its days since."""
    before = decision.previous
    assert before is not None, "only a cancellation is undone here"
    with db.session(write=True) as s:
        row = load_request(s, decision.request.id)
        checked_version(s, row, decision.request.version)
        gone = decision.absence
        if gone is not None:
            duty = s.exec(
                select(Assignment)
                .join(ShiftType, col(ShiftType.id) == Assignment.shift_type_id)
                .where(
                    Assignment.member_id == gone.member_id,
                    Assignment.day >= gone.start_date,
                    Assignment.day <= gone.end_date,
                    ShiftType.kind == EntryKind.DUTY,
                )
            ).first()
            if duty is not None:
                raise Conflict(
                    f"{gone.shoulder_number} has been rostered on {duty.day:%a %d %b} since "
                    "the cancellation; clear that duty first to grant the request again"
                )
            again = _add_in(
                s,
                gone.shoulder_number,
                gone.kind,
                gone.start_date,
                gone.end_date,
                gone.category,
                gone.note,
            )
            row.absence_id = again.id
        row.status = RequestStatus.APPROVED
        # Who approved it and why come back; decided_at stays the last decision's time
        # (the audit trail holds each one's).
        row.decided_by, row.decision_reason = before.decided_by, before.decision_reason
        row.override_reason = before.override_reason
        s.add(row)
        s.flush()
        audit.record(
            s,
            "request.undo",
            "roster_request",
            row.id,
            team_id=row.team_id,
            member_id=row.member_id,
            day=row.start_date,
            before={"status": RequestStatus.CANCELLED.value},
            after={"status": RequestStatus.APPROVED.value},
        )
        return request_info(s, row)
