"""Editing roster cells: set and clear, with version checks, notice of changes to a
published roster, and the audit trail. One transaction per call."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlmodel import Session, col, select

from rosterapp import paths
from rosterapp.domain.calendar import LONDON
from rosterapp.domain.enums import AbsenceKind, EntryKind, PeriodStatus, Rank
from rosterapp.domain.grid import Cell, CellChange, CellEdit
from rosterapp.domain.tables import (
    Absence,
    Assignment,
    Beat,
    ChangeRecord,
    Member,
    RosterPeriod,
    ShiftType,
    Team,
    TeamMembership,
)
from rosterapp.domain.types import utcnow
from rosterapp.rules.notice import EntryTimes, classify_change
from rosterapp.services import audit
from rosterapp.services.balances import refuse_lieu_beyond_owed
from rosterapp.services.errors import Conflict, InvalidInput, NotFound
from rosterapp.services.lookup import (
    member_by_id,
    member_by_shoulder,
    membership_on,
    team_by_code,
    team_on,
)
from rosterapp.services.roster.coded import Coded
from rosterapp.services.roster.grid import assignment_cell
from rosterapp.services.roster.operation_guard import refuse_code, refuse_over_duty
from rosterapp.services.shift_types import ABSENCE_CODES
from rosterapp.services.validation import clean_text, in_window
from rosterapp.storage import Database
from rosterapp.storage.faults import retrying


class EditContext:
    """Everything one transaction needs to turn edits into rows, loaded once."""

    def __init__(self, session: Session, team: Team, member_ids: set[int], lo: date, hi: date):
        self.session = session
        self.team = team
        self.operations = False  # True: the operations service, writing their duties
        self.shifts = Coded(session.exec(select(ShiftType)).all())
        self.beats = Coded(session.exec(select(Beat).where(Beat.team_id == team.id)).all())
        self.assignments: dict[tuple[int, date], Assignment] = {}
        self.absences: dict[int, list[Absence]] = {}
        self.memberships: dict[int, list[TeamMembership]] = {}
        self.staff: set[int] = set()
        self.inspectors: set[int] = set()  # no overtime (Police Regulations)
        ids = sorted(member_ids)
        for i in range(0, len(ids), 500):
            self._load(ids[i : i + 500], lo, hi)
        self.periods = session.exec(
            select(RosterPeriod).where(
                RosterPeriod.team_id == team.id,
                RosterPeriod.status == PeriodStatus.PUBLISHED,
                RosterPeriod.start_date <= hi,
                RosterPeriod.end_date >= lo,
            )
        ).all()

    def _load(self, chunk: list[int], lo: date, hi: date) -> None:
        s = self.session
        # FOR UPDATE (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers): a
        # second writer of these cells waits here and then reads the first one's rows,
        # instead of updating a version that is gone.
        for a in s.exec(
            select(Assignment)
            .where(col(Assignment.member_id).in_(chunk), Assignment.day >= lo, Assignment.day <= hi)
            .with_for_update()
        ).all():
            self.assignments[(a.member_id, a.day)] = a
        for ab in s.exec(
            select(Absence).where(
                col(Absence.member_id).in_(chunk),
                Absence.start_date <= hi,
                Absence.end_date >= lo,
            )
        ).all():
            self.absences.setdefault(ab.member_id, []).append(ab)
        for tm in s.exec(
            select(TeamMembership).where(col(TeamMembership.member_id).in_(chunk))
        ).all():
            self.memberships.setdefault(tm.member_id, []).append(tm)
        for mid, rank in s.exec(
            select(Member.id, Member.rank).where(col(Member.id).in_(chunk))
        ).all():
            if Rank(rank).is_police_staff and mid is not None:
                self.staff.add(mid)
            if Rank(rank) is Rank.INSPECTOR and mid is not None:
                self.inspectors.add(mid)

    def cell(self, member_id: int, day: date) -> Cell | None:
        a = self.assignments.get((member_id, day))
        if a is not None:
            return assignment_cell(a, self.shifts, self.beats)
        for ab in self.absences.get(member_id, ()):
            if ab.start_date <= day <= ab.end_date:
                return Cell(code=ABSENCE_CODES.get(ab.kind, "AL"), note=ab.note, from_absence=True)
        return None

    def in_team(self, member_id: int, day: date) -> bool:
        tm = membership_on(self.memberships.get(member_id, ()), day)
        return tm is not None and tm.team_id == self.team.id

    def published_period(self, day: date) -> RosterPeriod | None:
        for p in self.periods:
            if p.start_date <= day <= p.end_date:
                return p
        return None

    def entry_times(self, cell: Cell | None) -> EntryTimes | None:
        if cell is None:
            return None
        shift = self.shifts.get(cell.code)
        if shift is None:
            return None
        return EntryTimes(
            is_duty=shift.kind is EntryKind.DUTY,
            is_rest_day=shift.absence_kind is AbsenceKind.REST_DAY,
            start=shift.start,
            end=shift.end,
        )


class StaleCell(Conflict):
    """A cell changed by someone else since the user read it."""


def _stale_message(s: Session, edit: CellEdit, row: Assignment | None, ctx: EditContext) -> str:
    m = member_by_id(s, edit.member_id)
    who = f"{m.first_name} {m.last_name} on {edit.day:%a %d %b}"
    if row is None:
        return f"{who} was cleared by someone else since you looked; reload to see it"
    now = assignment_cell(row, ctx.shifts, ctx.beats)
    when = row.updated_at.astimezone(LONDON)
    value = f"{now.code} {now.beat}" if now.beat else now.code
    return (
        f"{who} was changed by {row.updated_by or 'someone'} at {when:%H:%M on %d %b} "
        f"to {value}; reload to see it, or apply yours again"
    )


def apply_edits(
    ctx: EditContext, edits: Sequence[CellEdit], told_at: datetime | None, reason: str | None
) -> list[CellChange]:
    """Apply edits inside ctx's transaction; what changed, for undo."""
    assert ctx.team.id is not None
    changes: list[CellChange] = []
    seen: set[tuple[int, date]] = set()
    for edit in edits:
        key = (edit.member_id, edit.day)
        if key in seen:
            raise InvalidInput(f"the same cell ({edit.day}) is set twice in one edit", field="day")
        seen.add(key)
        in_window(edit.day, field="day")
        _check_edit(ctx, edit)
        before = ctx.cell(*key)
        after = _clear(ctx, edit) if edit.code is None else _write(ctx, edit, edit.code)
        if before == after:
            continue  # Cell equality leaves out the version: nothing the user sees changed
        changes.append(CellChange(edit.member_id, edit.day, before, after))
        _record_change(ctx, edit, before, after, told_at)
        audit.record(
            ctx.session,
            "roster.set" if after is not None else "roster.clear",
            "assignment",
            team_id=ctx.team.id,
            member_id=edit.member_id,
            day=edit.day,
            before=_cell_view(before),
            after=_cell_view(after),
            reason=reason,
        )
    refuse_lieu_beyond_owed(ctx.session, ctx.shifts, changes)
    return changes


def _check_edit(ctx: EditContext, edit: CellEdit) -> None:
    """Refuse an edit outside the member's time in the team, or over someone's newer one."""
    s = ctx.session
    if not ctx.in_team(edit.member_id, edit.day):
        m = member_by_id(s, edit.member_id)
        raise InvalidInput(
            f"{m.shoulder_number} {m.first_name} {m.last_name} is not in team "
            f"{ctx.team.code} on {edit.day:%a %d %b %Y}",
            field="day",
        )
    row = ctx.assignments.get((edit.member_id, edit.day))
    if edit.check_version and (row.version if row else None) != edit.expected_version:
        raise StaleCell(_stale_message(s, edit, row, ctx))
    if row is not None and not ctx.operations:
        refuse_over_duty(s, edit.member_id, edit.day, ctx.shifts.by_id(row.shift_type_id))


def _clear(ctx: EditContext, edit: CellEdit) -> Cell | None:
    key = (edit.member_id, edit.day)
    row = ctx.assignments.pop(key, None)
    if row is not None:
        ctx.session.delete(row)
    return ctx.cell(*key)


def _write(ctx: EditContext, edit: CellEdit, raw_code: str) -> Cell | None:
    """Set the typed entry; no write when nothing differs (so no new version for others
    to trip on)."""
    key = (edit.member_id, edit.day)
    team = ctx.team
    assert team.id is not None
    code = raw_code.strip().upper()
    shift = ctx.shifts.get(code)
    if shift is None:
        known = ", ".join(sorted(ctx.shifts))
        raise NotFound(
            f"unknown shift or absence code '{raw_code}' (codes: {known})", field="shift"
        )
    row_now = ctx.assignments.get(key)
    refuse_code(shift, row_now.shift_type_id if row_now else None, operations=ctx.operations)
    beat_id = None
    if edit.beat:
        if shift.kind is not EntryKind.DUTY:
            raise InvalidInput(f"{code} is not a duty: it cannot have a beat", field="beat")
        beat = ctx.beats.get(edit.beat.strip().upper())
        if beat is None:
            raise NotFound(f"team {team.code} has no beat '{edit.beat}'", field="beat")
        if not beat.active and (row_now is None or row_now.beat_id != beat.id):
            raise InvalidInput(f"beat {beat.code} is retired (Team → Beats)", field="beat")
        beat_id = beat.id
    note = clean_text(edit.note, "note", max_len=500) or None
    call_sign = clean_text(edit.call_sign, "call sign", max_len=16).upper() or None
    values = (shift.id or 0, beat_id, note, call_sign, edit.pinned, team.id)
    row = ctx.assignments.get(key)
    if (
        row is not None
        and (
            row.shift_type_id,
            row.beat_id,
            row.note,
            row.call_sign,
            row.pinned,
            row.team_id,
        )
        == values
    ):
        return ctx.cell(*key)
    if row is None:
        row = Assignment(
            member_id=edit.member_id, team_id=team.id, day=edit.day, shift_type_id=shift.id or 0
        )
        ctx.session.add(row)
        ctx.assignments[key] = row
    row.shift_type_id, row.beat_id, row.note, row.call_sign, row.pinned, row.team_id = values
    row.updated_at = utcnow()
    row.updated_by = paths.current_user()
    ctx.session.flush()
    return assignment_cell(row, ctx.shifts, ctx.beats)


def _record_change(
    ctx: EditContext,
    edit: CellEdit,
    before: Cell | None,
    after: Cell | None,
    told_at: datetime | None,
) -> None:
    """A change to a published day is recorded with its notice and compensation class."""
    period = ctx.published_period(edit.day)
    if period is None or (_code(before), _beat(before)) == (_code(after), _beat(after)):
        return
    assert period.id is not None and ctx.team.id is not None
    when = told_at or utcnow()
    notice = classify_change(
        edit.day,
        ctx.entry_times(before),
        ctx.entry_times(after),
        when,
        staff=edit.member_id in ctx.staff,
        inspector=edit.member_id in ctx.inspectors,
    )
    ctx.session.add(
        ChangeRecord(
            team_id=ctx.team.id,
            member_id=edit.member_id,
            period_id=period.id,
            day=edit.day,
            old_code=_code(before),
            old_beat=_beat(before),
            new_code=_code(after),
            new_beat=_beat(after),
            told_at=when,
            recorded_by=paths.current_user(),
            notice_clear_days=notice.clear_days,
            compensation_class=notice.compensation_class,
        )
    )


def _code(c: Cell | None) -> str | None:
    return c.code if c else None


def _beat(c: Cell | None) -> str | None:
    return c.beat if c else None


def _cell_view(c: Cell | None) -> dict[str, object] | None:
    if c is None:
        return None
    view: dict[str, object] = {"code": c.code}
    for key in ("beat", "call_sign", "note"):
        if getattr(c, key):
            view[key] = getattr(c, key)
    if c.from_absence:
        view["from_absence"] = True
    return view


@retrying
def set_cells(
    db: Database,
    team_code: str,
    edits: Sequence[CellEdit],
    *,
    told_at: datetime | None = None,
    reason: str | None = None,
) -> list[CellChange]:
    """Apply many cell edits as one transaction (a paste, a fill, an undo)."""
    if not edits:
        return []
    lo = min(e.day for e in edits)
    hi = max(e.day for e in edits)
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        ctx = EditContext(s, team, {e.member_id for e in edits}, lo, hi)
        return apply_edits(ctx, edits, told_at, reason)


def set_cell(db: Database, team_code: str, edit: CellEdit, **kw: object) -> CellChange | None:
    changes = set_cells(db, team_code, [edit], **kw)  # type: ignore[arg-type]
    return changes[0] if changes else None


@retrying
def assign(
    db: Database,
    shoulder: str,
    day: date,
    code: str,
    *,
    beat: str | None = None,
    note: str | None = None,
    told_at: datetime | None = None,
) -> CellChange | None:
    """Set one member's cell on one day in the roster of the team they are in that day
    (`rosterapp assign`); None when it was already so."""
    in_window(day, field="day")
    with db.session(write=True) as s:
        member = member_by_shoulder(s, shoulder)
        assert member.id is not None
        team = team_on(s, member, day)
        ctx = EditContext(s, team, {member.id}, day, day)
        changes = apply_edits(
            ctx, [CellEdit(member.id, day, code, beat, None, note)], told_at, None
        )
        return changes[0] if changes else None


def apply_edits_in(
    session: Session,
    team: Team,
    edits: Sequence[CellEdit],
    *,
    reason: str | None = None,
    operations: bool = False,
) -> list[CellChange]:
    """Apply edits inside a transaction someone else owns (imports, absences, and with
    `operations` the allocations of officers to operations)."""
    if not edits:
        return []
    lo = min(e.day for e in edits)
    hi = max(e.day for e in edits)
    ctx = EditContext(session, team, {e.member_id for e in edits}, lo, hi)
    ctx.operations = operations
    return apply_edits(ctx, edits, None, reason)
