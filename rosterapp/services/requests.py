"""Officers' requests as the sergeant enters them: add, list, withdraw; blackout periods.

Deciding a request (its impact, approve, decline, undo) is in `request_decisions.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from rosterapp import paths
from rosterapp.domain.enums import EntryKind
from rosterapp.domain.requests import BlackoutInfo, RequestInfo, RequestKind, RequestStatus
from rosterapp.domain.tables import BlackoutPeriod, Member, RosterRequest, ShiftType, Team
from rosterapp.services import audit, provenance
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import member_by_shoulder, memberships_of, team_by_code, team_on
from rosterapp.services.validation import clean_text, in_window
from rosterapp.storage import Database

MAX_REQUEST_DAYS = 62  # longer leave is booked as two requests


@dataclass(frozen=True, slots=True)
class NewRequest:
    """A request as typed or read from a file, before it is checked."""

    shoulder: str
    kind: RequestKind
    start: date
    end: date | None = None
    shift: str | None = None
    with_shoulder: str | None = None
    note: str | None = None


def request_info(s: Session, row: RosterRequest) -> RequestInfo:
    assert row.id is not None
    m = s.get(Member, row.member_id)
    team = s.get(Team, row.team_id)
    assert m is not None and m.id is not None and team is not None
    other = s.get(Member, row.with_member_id) if row.with_member_id else None
    return RequestInfo(
        id=row.id,
        team_code=team.code,
        member_id=m.id,
        shoulder_number=m.shoulder_number,
        member_name=f"{m.first_name} {m.last_name}",
        kind=row.kind,
        start=row.start_date,
        end=row.end_date,
        shift=row.shift_code,
        with_member_id=row.with_member_id,
        with_shoulder=other.shoulder_number if other else None,
        note=row.note,
        status=row.status,
        asked_at=row.asked_at,
        decided_by=row.decided_by,
        decision_reason=row.decision_reason,
        override_reason=row.override_reason,
        version=row.version,
    )


def _checked_shift(s: Session, req: NewRequest) -> str | None:
    if req.kind is not RequestKind.SHIFT:
        if req.shift:
            raise InvalidInput(f"{_article(req.kind)} request has no shift", field="shift")
        return None
    if not req.shift:
        raise InvalidInput("a tour request needs the shift asked for", field="shift")
    code = req.shift.strip().upper()
    st = s.exec(select(ShiftType).where(ShiftType.code == code)).first()
    if st is None or st.kind is not EntryKind.DUTY:
        duties = ", ".join(
            sorted(x.code for x in s.exec(select(ShiftType)).all() if x.kind is EntryKind.DUTY)
        )
        raise InvalidInput(f"'{req.shift}' is not a tour of duty (tours: {duties})", field="shift")
    return code


def _checked_partner(s: Session, req: NewRequest, member: Member, team: Team) -> int | None:
    if req.kind is not RequestKind.SWAP:
        if req.with_shoulder:
            raise InvalidInput(
                f"only a swap names a second officer, not {_article(req.kind)} request",
                field="with_shoulder_number",
            )
        return None
    if not req.with_shoulder:
        raise InvalidInput("a swap needs the officer to swap with", field="with_shoulder_number")
    other = member_by_shoulder(s, req.with_shoulder)
    if other.id == member.id:
        raise InvalidInput("an officer cannot swap with themselves", field="with_shoulder_number")
    for tm in memberships_of(s, other.id or 0):
        ends = tm.end_date is None or tm.end_date >= (req.end or req.start)
        if tm.team_id == team.id and tm.start_date <= req.start and ends:
            return other.id
    raise InvalidInput(
        f"{other.shoulder_number} is not in team {team.code} on those dates",
        field="with_shoulder_number",
    )


def _article(kind: RequestKind) -> str:
    """'an annual leave', 'a rest day': the kind's label with its article."""
    label = kind.label.lower()
    return ("an " if label[0] in "aeiou" else "a ") + label


def add_request_in(s: Session, req: NewRequest) -> RequestInfo:
    """Check and store one request (pending) inside the caller's transaction."""
    end = req.end or req.start
    in_window(req.start, field="from")
    in_window(end, field="to")
    if end < req.start:
        raise InvalidInput(f"the request ends ({end}) before it starts ({req.start})", field="to")
    if (end - req.start).days + 1 > MAX_REQUEST_DAYS:
        raise InvalidInput(
            f"a request can cover at most {MAX_REQUEST_DAYS} days; enter it as two", field="to"
        )
    if req.kind in (RequestKind.REST_DAY, RequestKind.SHIFT) and end != req.start:
        raise InvalidInput(f"{_article(req.kind)} request is for one date", field="to")
    member = member_by_shoulder(s, req.shoulder)
    team = team_on(s, member, req.start)
    row = RosterRequest(
        team_id=team.id or 0,
        member_id=member.id or 0,
        kind=req.kind,
        start_date=req.start,
        end_date=end,
        shift_code=_checked_shift(s, req),
        with_member_id=_checked_partner(s, req, member, team),
        note=clean_text(req.note, "note", max_len=500) or None,
        status=RequestStatus.PENDING,
        asked_by=paths.current_user(),
    )
    _refuse_a_repeat(s, row, member.shoulder_number)
    s.add(row)
    s.flush()
    audit.record(
        s,
        "request.add",
        "roster_request",
        row.id,
        team_id=team.id,
        member_id=member.id,
        day=req.start,
        after={"kind": req.kind.value, "from": req.start.isoformat(), "to": end.isoformat()},
    )
    return request_info(s, row)


def _refuse_a_repeat(s: Session, row: RosterRequest, shoulder: str) -> None:
    """The same request again (a file imported twice, an e-mail entered twice) would
    count its leave twice as pending: refused while the first is pending or granted."""
    same = s.exec(
        select(RosterRequest).where(
            RosterRequest.member_id == row.member_id,
            RosterRequest.kind == row.kind,
            RosterRequest.start_date == row.start_date,
            RosterRequest.end_date == row.end_date,
            col(RosterRequest.status).in_([RequestStatus.PENDING, RequestStatus.APPROVED]),
        )
    ).all()
    for other in same:
        if (other.shift_code, other.with_member_id) == (row.shift_code, row.with_member_id):
            raise InvalidInput(
                f"{shoulder} has asked for this already: request #{other.id} "
                f"({other.status.value})",
                field="from",
            )


def add_request(db: Database, req: NewRequest) -> RequestInfo:
    with db.session(write=True) as s:
        return add_request_in(s, req)


def list_requests(
    db: Database, team_code: str, status: RequestStatus | None = None
) -> list[RequestInfo]:
    """A team's requests, oldest asked first."""
    with db.session() as s:
        team = team_by_code(s, team_code)
        query = select(RosterRequest).where(RosterRequest.team_id == team.id)
        if status is not None:
            query = query.where(RosterRequest.status == status)
        rows = s.exec(query.order_by(col(RosterRequest.asked_at), col(RosterRequest.id))).all()
        return [request_info(s, r) for r in rows]


def get_request(db: Database, request_id: int) -> RequestInfo:
    with db.session() as s:
        return request_info(s, load_request(s, request_id))


def load_request(s: Session, request_id: int) -> RosterRequest:
    row = s.get(RosterRequest, request_id)
    if row is None:
        raise InvalidInput(f"there is no request #{request_id}", field="id")
    return row


def checked_version(s: Session, row: RosterRequest, expected: int | None) -> None:
    if expected is not None and row.version != expected:
        raise provenance.stale(
            s,
            f"Request #{row.id}",
            "roster_request",
            row.id,
            current=request_info(s, row),
            current_version=row.version,
        )


def withdraw_request(
    db: Database, request_id: int, *, expected_version: int | None = None
) -> RequestInfo:
    """The officer no longer wants a pending request."""
    with db.session(write=True) as s:
        row = load_request(s, request_id)
        checked_version(s, row, expected_version)
        if row.status is not RequestStatus.PENDING:
            raise InvalidInput(
                f"request #{request_id} is {row.status.value}: only a pending one is withdrawn"
            )
        row.status = RequestStatus.WITHDRAWN
        s.add(row)
        s.flush()
        audit.record(
            s,
            "request.withdraw",
            "roster_request",
            row.id,
            team_id=row.team_id,
            member_id=row.member_id,
            day=row.start_date,
        )
        return request_info(s, row)


def add_blackout(db: Database, team_code: str, start: date, end: date, reason: str) -> BlackoutInfo:
    in_window(start, field="from")
    in_window(end, field="to")
    if end < start:
        raise InvalidInput(f"the blackout ends ({end}) before it starts ({start})", field="to")
    text = clean_text(reason, "reason", max_len=200, required=True)
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        row = BlackoutPeriod(team_id=team.id or 0, start_date=start, end_date=end, reason=text)
        s.add(row)
        s.flush()
        audit.record(
            s,
            "blackout.add",
            "blackout_period",
            row.id,
            team_id=team.id,
            day=start,
            after={"from": start.isoformat(), "to": end.isoformat(), "reason": text},
        )
        return BlackoutInfo(row.id or 0, start, end, text)


def blackouts_in(s: Session, team_id: int, start: date, end: date) -> list[BlackoutInfo]:
    rows = s.exec(
        select(BlackoutPeriod).where(
            BlackoutPeriod.team_id == team_id,
            BlackoutPeriod.start_date <= end,
            BlackoutPeriod.end_date >= start,
        )
    ).all()
    return [BlackoutInfo(r.id or 0, r.start_date, r.end_date, r.reason) for r in rows]


def wish_requests(
    db: Database, team_code: str, start: date, end: date
) -> list[tuple[int, date, str | None, bool]]:
    """Pending and approved 'tour on a date' and 'day to avoid' requests in a period, as
    the auto-roster weighs them: (member, day, the tour wanted or None for a day off,
    wanted). A day to avoid is a day off wanted."""
    live = (RequestStatus.PENDING, RequestStatus.APPROVED)
    kinds = (RequestKind.SHIFT, RequestKind.AVOID)
    with db.session() as s:
        team = team_by_code(s, team_code)
        rows = s.exec(
            select(RosterRequest).where(
                RosterRequest.team_id == team.id,
                col(RosterRequest.status).in_(live),
                col(RosterRequest.kind).in_(kinds),
                RosterRequest.start_date <= end,
                RosterRequest.end_date >= start,
            )
        ).all()
        out: list[tuple[int, date, str | None, bool]] = []
        for r in rows:
            day = max(r.start_date, start)
            while day <= min(r.end_date, end):
                # A tour asked for is wanted; a day to avoid is a day off wanted.
                out.append(
                    (r.member_id, day, r.shift_code if r.kind is RequestKind.SHIFT else None, True)
                )
                day = date.fromordinal(day.toordinal() + 1)
        return out
