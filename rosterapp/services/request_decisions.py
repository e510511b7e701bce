"""Deciding a request: its impact (cover before and after, the rule findings the change
would bring, the leave limit, blackouts, the balance), approve, decline, and undo.

The impact runs the rules engine on the roster as it would be after approval, so a
refusal names the rule and the officer, not a guess.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlmodel import Session

from rosterapp import paths
from rosterapp.domain.cover import Requirement, cover_counts
from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.findings import Finding, RuleId, Severity
from rosterapp.domain.grid import Cell, CellChange, CellEdit, Grid
from rosterapp.domain.requests import (
    BlackoutInfo,
    RequestInfo,
    RequestKind,
    RequestStatus,
)
from rosterapp.domain.tables import RosterRequest, Team
from rosterapp.domain.types import utcnow
from rosterapp.rules.engine import check
from rosterapp.services import audit
from rosterapp.services.absences import AbsenceInfo, _add_in, _delete_in
from rosterapp.services.balances import balance_for
from rosterapp.services.checks import load_check_input
from rosterapp.services.errors import Conflict, InvalidInput
from rosterapp.services.operation_marks import on_operations
from rosterapp.services.requests import (
    blackouts_in,
    checked_version,
    load_request,
    request_info,
)
from rosterapp.services.roster.edits import apply_edits_in
from rosterapp.services.validation import clean_text
from rosterapp.storage import Database

_ABSENCE = {
    RequestKind.LEAVE: AbsenceKind.ANNUAL_LEAVE,
    RequestKind.TOIL: AbsenceKind.TOIL,
    RequestKind.LIEU: AbsenceKind.DAY_IN_LIEU,
}
_CODES = {
    RequestKind.LEAVE: "AL",
    RequestKind.TOIL: "TOIL",
    RequestKind.LIEU: "DIL",
    RequestKind.REST_DAY: "RD",
}


@dataclass(frozen=True, slots=True)
class CoverDelta:
    day: date
    shift: str
    beat: str | None
    required: int
    before: int
    after: int


@dataclass(frozen=True, slots=True)
class Impact:
    request: RequestInfo
    edits: list[CellEdit]
    cover: list[CoverDelta]
    new_findings: list[Finding]
    leave_limit_pct: float
    blackouts: list[BlackoutInfo]
    remaining_before: float | None  # leave, TOIL or days in lieu; None for other kinds
    remaining_after: float | None
    on_duty: list[tuple[date, str, int, int]] = field(default_factory=list)  # shift: before, after
    refusals: list[str] = field(default_factory=list)  # why approving is refused
    overridable: list[str] = field(default_factory=list)  # refused unless a reason is given


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision saved: the request after it, the cells it changed, the absence it
    made (or, for a cancellation, removed), and the request as it was before."""

    request: RequestInfo
    changes: list[CellChange]
    absence: AbsenceInfo | None
    previous: RequestInfo | None = None


def _after_cells(info: RequestInfo, grid: Grid) -> dict[tuple[int, date], Cell | None]:
    """The cells the request changes, as they would be after approval."""
    out: dict[tuple[int, date], Cell | None] = {}
    day = info.start
    while day <= info.end:
        key = (info.member_id, day)
        now = grid.cells.get(key)
        if info.kind in _ABSENCE:
            rest = now is not None and now.code == "RD"
            if not rest:
                out[key] = Cell(code=_CODES[info.kind], from_absence=True)
        elif info.kind is RequestKind.REST_DAY:
            out[key] = Cell(code="RD")
        elif info.kind is RequestKind.SHIFT:
            beat = now.beat if now is not None and now.beat else None
            out[key] = Cell(code=info.shift or "", beat=beat)
        elif info.kind is RequestKind.SWAP and info.with_member_id is not None:
            other = (info.with_member_id, day)
            mine, theirs = now, grid.cells.get(other)
            out[key] = replace(theirs, version=None) if theirs else None
            out[other] = replace(mine, version=None) if mine else None
        day += timedelta(days=1)
    return out


def _edits(
    grid: Grid, after: dict[tuple[int, date], Cell | None], kind: RequestKind
) -> list[CellEdit]:
    """Version-checked edits against the grid read: leave clears duties (the absence shows)."""
    edits = []
    for (mid, day), cell in after.items():
        now = grid.cells.get((mid, day))
        if now is not None and now.from_absence:
            now = None
        version = now.version if now is not None else None
        if kind in _ABSENCE:
            if now is None:
                continue
            edits.append(CellEdit(mid, day, None, expected_version=version, check_version=True))
            continue
        if cell is None or cell.from_absence:
            edits.append(CellEdit(mid, day, None, expected_version=version, check_version=True))
        else:
            edits.append(
                CellEdit(
                    mid,
                    day,
                    cell.code,
                    cell.beat,
                    cell.call_sign,
                    cell.note,
                    expected_version=version,
                    check_version=True,
                )
            )
    return edits


def _changed_grid(
    grid: Grid, after: dict[tuple[int, date], Cell | None], info: RequestInfo
) -> Grid:
    cells = dict(grid.cells)
    leave_days = dict(grid.leave_days)
    for key, cell in after.items():
        if cell is None:
            cells.pop(key, None)
        else:
            cells[key] = cell
        if cell is not None and cell.from_absence:
            leave_days[key] = cell.code
    return replace(grid, cells=cells, leave_days=leave_days)


def _cover(
    before: Grid, after: Grid, ci_reqs: list[Requirement], lo: date, hi: date
) -> list[CoverDelta]:
    was = cover_counts(before, ci_reqs, lo, hi)
    now = cover_counts(after, ci_reqs, lo, hi)
    return [
        CoverDelta(a.day, a.shift, a.beat, a.required, a.rostered, b.rostered)
        for a, b in zip(was, now, strict=True)
        if a.rostered != b.rostered or a.shortfall
    ]


def _on_duty(before: Grid, after: Grid, days: set[date]) -> list[tuple[date, str, int, int]]:
    """Who is on duty per shift on the days the change touches, before and after."""

    def count(grid: Grid) -> Counter[tuple[date, str]]:
        out: Counter[tuple[date, str]] = Counter()
        for (_, day), cell in grid.cells.items():
            st = grid.shift_types.get(cell.code)
            if day in days and st is not None and st.is_duty and not cell.from_absence:
                out[(day, cell.code)] += 1
        return out

    was, now = count(before), count(after)
    keys = sorted(set(was) | set(now))
    return [
        (d, code, was[(d, code)], now[(d, code)])
        for d, code in keys
        if was != now and was[(d, code)] != now[(d, code)]
    ]


def _new_findings(old: list[Finding], new: list[Finding]) -> list[Finding]:
    seen = {(f.rule, f.member_id, f.day, f.beat, f.shift) for f in old}
    return [f for f in new if f.key not in seen and f.accepted_reason is None]


def impact(db: Database, request_id: int) -> Impact:
    """What approving the request would do, and whether approving is refused."""
    with db.session() as s:
        row = load_request(s, request_id)
        info = request_info(s, row)
        team = s.get(Team, row.team_id)
        assert team is not None
        blackouts = blackouts_in(s, row.team_id, info.start, info.end)
        limit = team.leave_threshold_pct
    lo, hi = info.start - timedelta(days=1), info.end + timedelta(days=1)
    ci = load_check_input(db, info.team_code, lo, hi)
    after = _after_cells(info, ci.grid)
    changed = replace(ci, grid=_changed_grid(ci.grid, after, info))
    new = _new_findings(check(ci), check(changed))
    cover = _cover(ci.grid, changed.grid, ci.requirements, info.start, info.end)
    remaining_before = remaining_after = None
    refusals: list[str] = []
    overridable: list[str] = []
    if info.kind in _ABSENCE:
        days = sum(1 for c in after.values() if c is not None and c.from_absence)
        remaining_before, remaining_after, short = balance_for(db, info, days)
        refusals += short
    for f in new:
        blocks = f.severity is Severity.BLOCK
        partner = info.kind is RequestKind.SWAP and f.member_id in (
            info.member_id,
            info.with_member_id,
        )
        if f.rule == RuleId.LEAVE_THRESHOLD:
            overridable.append(f.message)
        elif blocks or (partner and f.severity is Severity.WARN):
            refusals.append(f"{f.member or 'the team'} on {f.day:%a %d %b}: {f.message}")
    refusals += on_operations(ci.grid, after)  # only Operations takes an officer off one
    if info.kind in _ABSENCE:
        for b in blackouts:
            overridable.append(f"{b.start:%d %b}–{b.end:%d %b} is a blackout: {b.reason}")
    return Impact(
        request=info,
        edits=_edits(ci.grid, after, info.kind),
        cover=cover,
        new_findings=new,
        leave_limit_pct=limit,
        blackouts=blackouts,
        remaining_before=remaining_before,
        remaining_after=remaining_after,
        on_duty=_on_duty(ci.grid, changed.grid, {day for _, day in after}),
        refusals=refusals,
        overridable=overridable,
    )


class Refused(InvalidInput):
    """Approving would break a rule or the balance (or a limit, without a reason)."""


def _decided(
    s: Session, row: RosterRequest, status: RequestStatus, reason: str | None, override: str | None
) -> None:
    before = {"status": row.status.value}
    row.status = status
    row.decided_at = utcnow()
    row.decided_by = paths.current_user()
    row.decision_reason = reason
    row.override_reason = override
    s.add(row)
    s.flush()
    s.refresh(row)  # on PostgreSQL the server writes decided_by (its login)
    audit.record(
        s,
        f"request.{status.value}",
        "roster_request",
        row.id,
        team_id=row.team_id,
        member_id=row.member_id,
        day=row.start_date,
        before=before,
        after={"status": status.value, "override": override}
        if override
        else {"status": status.value},
        reason=reason,
    )


def decide(
    db: Database,
    request_id: int,
    *,
    approve: bool,
    reason: str | None = None,
    override_reason: str | None = None,
    expected_version: int | None = None,
) -> Decision:
    """Approve (writing the roster, version-checked) or decline a pending request."""
    reason = clean_text(reason, "reason", max_len=500) or None
    override = clean_text(override_reason, "override reason", max_len=500) or None
    found = impact(db, request_id) if approve else None
    if found is not None:
        if found.refusals:
            raise Refused("approval refused: " + "; ".join(found.refusals), field="id")
        if found.overridable and not override:
            raise Refused(
                "approval needs an override reason: " + "; ".join(found.overridable),
                field="override_reason",
            )
    with db.session(write=True) as s:
        row = load_request(s, request_id)
        checked_version(s, row, expected_version)
        if found is not None and row.version != found.request.version:
            raise Conflict(f"request #{request_id} changed while it was checked; look again")
        if row.status is not RequestStatus.PENDING:
            raise InvalidInput(f"request #{request_id} is already {row.status.value}", field="id")
        if found is None:
            _decided(s, row, RequestStatus.DECLINED, reason, None)
            return Decision(request_info(s, row), [], None)
        info = found.request
        team = s.get(Team, row.team_id)
        assert team is not None
        absence = None
        if info.kind in _ABSENCE:
            # The absence first, so that a published duty it clears is recorded as
            # becoming leave (E → AL), not as a blank, in the change records HR reads.
            absence = _add_in(
                s,
                info.shoulder_number,
                _ABSENCE[info.kind],
                info.start,
                info.end,
                None,
                info.note,
            )
            row.absence_id = absence.id
        label = f"request #{request_id} approved"
        changes = apply_edits_in(s, team, found.edits, reason=label)
        _decided(s, row, RequestStatus.APPROVED, reason, (found.overridable and override) or None)
        return Decision(request_info(s, row), changes, absence)


def undo_decision(db: Database, decision: Decision) -> RequestInfo:
    """Put a decided request back to pending in one transaction: the absence it made is
    removed and the cells put back, refused (saying who) if someone changed them since."""
    with db.session(write=True) as s:
        row = load_request(s, decision.request.id)
        checked_version(s, row, decision.request.version)
        if decision.absence is not None:
            row.absence_id = None
            s.flush()
            _delete_in(s, decision.absence, check_version=True)
        team = s.get(Team, row.team_id)
        assert team is not None
        undo = [c.undo_edit() for c in reversed(decision.changes)]
        apply_edits_in(s, team, undo, reason=f"undo: request #{row.id} decision")
        row.status = RequestStatus.PENDING
        row.decided_at = row.decided_by = row.decision_reason = row.override_reason = None
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
            before={"status": decision.request.status.value},
            after={"status": "pending"},
        )
        return request_info(s, row)
