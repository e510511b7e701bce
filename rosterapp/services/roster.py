"""Roster cells: set, clear, copy, patterns, and the team × dates grid."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rosterapp import paths
from rosterapp.domain.calendar import LONDON, bank_holidays, days_between
from rosterapp.domain.enums import RANK_ORDER, AbsenceKind, EntryKind, PeriodStatus, Rank
from rosterapp.domain.grid import Cell, CellChange, CellEdit, Grid, GridRow
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
from rosterapp.services.convert import beat_info, period_info, shift_info, team_info
from rosterapp.services.errors import Conflict, InvalidInput, NotFound
from rosterapp.services.lookup import member_by_id, team_by_code
from rosterapp.services.members import members_in_team
from rosterapp.services.shift_types import ABSENCE_CODES
from rosterapp.services.validation import clean_text
from rosterapp.storage import Database

MAX_RANGE_DAYS = 366


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise InvalidInput(f"the period ends ({end}) before it starts ({start})")
    if (end - start).days >= MAX_RANGE_DAYS:
        raise InvalidInput("a period can be at most one year long")


class _Context:
    """Everything one transaction needs to turn edits into rows, loaded once."""

    def __init__(self, session: Session, team: Team, member_ids: set[int], lo: date, hi: date):
        self.session = session
        self.team = team
        self.shifts = {s.code: s for s in session.exec(select(ShiftType)).all()}
        self.shifts_by_id = {s.id: s for s in self.shifts.values()}
        self.beats = {
            b.code: b for b in session.exec(select(Beat).where(Beat.team_id == team.id)).all()
        }
        self.beats_by_id = {b.id: b for b in self.beats.values()}
        ids = sorted(member_ids)
        self.assignments: dict[tuple[int, date], Assignment] = {}
        self.absences: dict[int, list[Absence]] = {}
        self.memberships: dict[int, list[TeamMembership]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for a in session.exec(
                select(Assignment).where(
                    col(Assignment.member_id).in_(chunk), Assignment.day >= lo, Assignment.day <= hi
                )
            ).all():
                self.assignments[(a.member_id, a.day)] = a
            for ab in session.exec(
                select(Absence).where(
                    col(Absence.member_id).in_(chunk),
                    Absence.start_date <= hi,
                    Absence.end_date >= lo,
                )
            ).all():
                self.absences.setdefault(ab.member_id, []).append(ab)
            for tm in session.exec(
                select(TeamMembership).where(col(TeamMembership.member_id).in_(chunk))
            ).all():
                self.memberships.setdefault(tm.member_id, []).append(tm)
        self.staff: set[int] = set()
        for i in range(0, len(ids), 500):
            for mid, rank in session.exec(
                select(Member.id, Member.rank).where(col(Member.id).in_(ids[i : i + 500]))
            ).all():
                if Rank(rank).is_police_staff and mid is not None:
                    self.staff.add(mid)
        self.periods = session.exec(
            select(RosterPeriod).where(
                RosterPeriod.team_id == team.id,
                RosterPeriod.status == PeriodStatus.PUBLISHED,
                RosterPeriod.start_date <= hi,
                RosterPeriod.end_date >= lo,
            )
        ).all()

    def cell(self, member_id: int, day: date) -> Cell | None:
        a = self.assignments.get((member_id, day))
        if a is not None:
            return assignment_cell(a, self.shifts_by_id, self.beats_by_id)
        for ab in self.absences.get(member_id, ()):
            if ab.start_date <= day <= ab.end_date:
                return Cell(code=ABSENCE_CODES.get(ab.kind, "AL"), note=ab.note, from_absence=True)
        return None

    def in_team(self, member_id: int, day: date) -> bool:
        return any(
            tm.team_id == self.team.id
            and tm.start_date <= day
            and (tm.end_date is None or tm.end_date >= day)
            for tm in self.memberships.get(member_id, ())
        )

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


def _stale_message(s: Session, edit: CellEdit, row: Assignment | None, ctx: _Context) -> str:
    m = member_by_id(s, edit.member_id)
    who = f"{m.first_name} {m.last_name} on {edit.day:%a %d %b}"
    if row is None:
        return f"{who} was cleared by someone else since you looked; reload to see it"
    now = assignment_cell(row, ctx.shifts_by_id, ctx.beats_by_id)
    when = row.updated_at.astimezone(LONDON)
    value = f"{now.code} {now.beat}" if now.beat else now.code
    return (
        f"{who} was changed by {row.updated_by or 'someone'} at {when:%H:%M on %d %b} "
        f"to {value}; reload to see it, or apply yours again"
    )


def assignment_cell(
    a: Assignment, shifts_by_id: dict[int | None, ShiftType], beats_by_id: dict[int | None, Beat]
) -> Cell:
    beat = beats_by_id.get(a.beat_id) if a.beat_id is not None else None
    return Cell(
        code=shifts_by_id[a.shift_type_id].code,
        beat=beat.code if beat else None,
        call_sign=a.call_sign,
        note=a.note,
        pinned=a.pinned,
        version=a.version,
    )


def _apply(
    ctx: _Context, edits: Sequence[CellEdit], told_at: datetime | None, reason: str | None
) -> list[CellChange]:
    s = ctx.session
    team = ctx.team
    assert team.id is not None
    changes: list[CellChange] = []
    seen: set[tuple[int, date]] = set()
    for edit in edits:
        key = (edit.member_id, edit.day)
        if key in seen:
            raise InvalidInput(f"the same cell ({edit.day}) is set twice in one edit")
        seen.add(key)
        if not ctx.in_team(edit.member_id, edit.day):
            m = member_by_id(s, edit.member_id)
            raise InvalidInput(
                f"{m.shoulder_number} {m.first_name} {m.last_name} is not in team "
                f"{team.code} on {edit.day:%a %d %b %Y}"
            )
        before = ctx.cell(*key)
        row = ctx.assignments.get(key)
        if edit.check_version and (row.version if row else None) != edit.expected_version:
            raise StaleCell(_stale_message(s, edit, row, ctx))
        if edit.code is None:
            if row is None:
                continue
            s.delete(row)
            del ctx.assignments[key]
            after = ctx.cell(*key)
        else:
            code = edit.code.strip().upper()
            shift = ctx.shifts.get(code)
            if shift is None:
                known = ", ".join(sorted(ctx.shifts))
                raise NotFound(f"unknown shift or absence code '{edit.code}' (codes: {known})")
            beat_id = None
            if edit.beat:
                if shift.kind is not EntryKind.DUTY:
                    raise InvalidInput(f"{code} is not a duty: it cannot have a beat")
                beat = ctx.beats.get(edit.beat.strip().upper())
                if beat is None:
                    raise NotFound(f"team {team.code} has no beat '{edit.beat}'")
                beat_id = beat.id
            note = clean_text(edit.note, "note", max_len=500) or None
            call_sign = clean_text(edit.call_sign, "call sign", max_len=16).upper() or None
            if row is not None and (
                row.shift_type_id,
                row.beat_id,
                row.note,
                row.call_sign,
                row.pinned,
                row.team_id,
            ) == (shift.id, beat_id, note, call_sign, edit.pinned, team.id):
                continue  # nothing to change: no write, so no new version for others to trip on
            if row is None:
                row = Assignment(
                    member_id=edit.member_id,
                    team_id=team.id,
                    day=edit.day,
                    shift_type_id=shift.id or 0,
                )
                s.add(row)
                ctx.assignments[key] = row
            row.shift_type_id = shift.id or 0
            row.beat_id = beat_id
            row.note = note
            row.call_sign = call_sign
            row.pinned = edit.pinned
            row.team_id = team.id
            row.updated_at = utcnow()
            row.updated_by = paths.current_user()
            s.flush()
            after = assignment_cell(row, ctx.shifts_by_id, ctx.beats_by_id)
        if _same(before, after):
            continue
        changes.append(CellChange(edit.member_id, edit.day, before, after))
        period = ctx.published_period(edit.day)
        if period is not None and (_code(before), _beat(before)) != (_code(after), _beat(after)):
            assert period.id is not None
            when = told_at or utcnow()
            notice = classify_change(
                edit.day,
                ctx.entry_times(before),
                ctx.entry_times(after),
                when,
                staff=edit.member_id in ctx.staff,
            )
            s.add(
                ChangeRecord(
                    team_id=team.id,
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
        audit.record(
            s,
            "roster.set" if after is not None else "roster.clear",
            "assignment",
            team_id=team.id,
            member_id=edit.member_id,
            day=edit.day,
            before=_cell_view(before),
            after=_cell_view(after),
            reason=reason,
        )
    return changes


def _code(c: Cell | None) -> str | None:
    return c.code if c else None


def _beat(c: Cell | None) -> str | None:
    return c.beat if c else None


def _same(a: Cell | None, b: Cell | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.code, a.beat, a.call_sign, a.note, a.pinned, a.from_absence) == (
        b.code,
        b.beat,
        b.call_sign,
        b.note,
        b.pinned,
        b.from_absence,
    )


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
        ctx = _Context(s, team, {e.member_id for e in edits}, lo, hi)
        return _apply(ctx, edits, told_at, reason)


def set_cell(db: Database, team_code: str, edit: CellEdit, **kw: object) -> CellChange | None:
    changes = set_cells(db, team_code, [edit], **kw)  # type: ignore[arg-type]
    return changes[0] if changes else None


def read_grid(db: Database, team_code: str, start: date, end: date) -> Grid:
    _check_range(start, end)
    with db.session() as s:
        team = team_by_code(s, team_code)
        assert team.id is not None
        spans = members_in_team(s, team.id, start, end)
        shifts = {st.id: st for st in s.exec(select(ShiftType)).all()}
        beats = {b.id: b for b in s.exec(select(Beat).where(Beat.team_id == team.id)).all()}
        cells: dict[tuple[int, date], Cell] = {}
        # Plain rows, not ORM objects: building thousands of instances is the slow part.
        codes = {sid: st.code for sid, st in shifts.items()}
        beat_codes = {bid: b.code for bid, b in beats.items()}
        assignment_rows = s.execute(
            sa.select(
                col(Assignment.member_id),
                # Raw text on SQLite: its per-row date parsing costs more than the query.
                sa.type_coerce(col(Assignment.day), sa.String),
                col(Assignment.shift_type_id),
                col(Assignment.beat_id),
                col(Assignment.call_sign),
                col(Assignment.note),
                col(Assignment.pinned),
                col(Assignment.version),
            ).where(
                col(Assignment.team_id) == team.id,
                col(Assignment.day) >= start,
                col(Assignment.day) <= end,
            )
        ).all()
        for mid, raw_day, sid, bid, call_sign, note, pinned, version in assignment_rows:
            day = raw_day if isinstance(raw_day, date) else date.fromisoformat(raw_day)
            cells[(mid, day)] = Cell(
                code=codes[sid],
                beat=beat_codes.get(bid) if bid is not None else None,
                call_sign=call_sign,
                note=note,
                pinned=pinned,
                version=version,
            )
        member_ids = [m.id for m, _, _ in spans]
        leave_days: dict[tuple[int, date], str] = {}
        for i in range(0, len(member_ids), 500):
            chunk = member_ids[i : i + 500]
            for ab in s.exec(
                select(Absence).where(
                    col(Absence.member_id).in_(chunk),
                    Absence.start_date <= end,
                    Absence.end_date >= start,
                )
            ).all():
                code = ABSENCE_CODES.get(ab.kind, "AL")
                for day in days_between(max(ab.start_date, start), min(ab.end_date, end)):
                    leave_days[(ab.member_id, day)] = code
                    cells.setdefault(
                        (ab.member_id, day), Cell(code=code, note=ab.note, from_absence=True)
                    )
        rank_pos = {r: i for i, r in enumerate(RANK_ORDER)}
        rows = sorted(
            (GridRow(m, lo, hi) for m, lo, hi in spans),
            key=lambda r: (
                rank_pos[r.member.rank],
                r.member.last_name.casefold(),
                r.member.first_name.casefold(),
                r.member.shoulder_number,
            ),
        )
        periods = s.exec(
            select(RosterPeriod).where(
                RosterPeriod.team_id == team.id,
                RosterPeriod.start_date <= end,
                RosterPeriod.end_date >= start,
            )
        ).all()
        return Grid(
            team=team_info(team),
            start=start,
            end=end,
            rows=rows,
            cells=cells,
            shift_types={st.code: shift_info(st) for st in shifts.values()},
            beats={b.code: beat_info(b) for b in beats.values()},
            bank_holidays=bank_holidays(start, end),
            periods=[period_info(p) for p in periods],
            leave_days=leave_days,
        )


def copy_week(
    db: Database,
    team_code: str,
    source_monday: date,
    target_monday: date,
    *,
    overwrite: bool = False,
) -> list[CellChange]:
    """Copy one week's typed entries onto another week (absence ranges stay as they are)."""
    if source_monday.weekday() != 0 or target_monday.weekday() != 0:
        raise InvalidInput("weeks start on a Monday")
    if source_monday == target_monday:
        raise InvalidInput("the source and target weeks are the same")
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        assert team.id is not None
        spans = members_in_team(s, team.id, target_monday, target_monday + timedelta(days=6))
        ids = {m.id for m, _, _ in spans}
        src = _Context(s, team, ids, source_monday, source_monday + timedelta(days=6))
        edits: list[CellEdit] = []
        tgt = _Context(s, team, ids, target_monday, target_monday + timedelta(days=6))
        for (mid, day), a in sorted(src.assignments.items()):
            if a.team_id != team.id:
                continue
            new_day = target_monday + (day - source_monday)
            if not tgt.in_team(mid, new_day):
                continue
            if not overwrite and tgt.cell(mid, new_day) is not None:
                continue
            c = assignment_cell(a, src.shifts_by_id, src.beats_by_id)
            edits.append(CellEdit(mid, new_day, c.code, c.beat, c.call_sign, c.note))
        return _apply(tgt, edits, None, f"copied from week of {source_monday}")


def apply_pattern(
    db: Database,
    team_code: str,
    member_ids: Iterable[int],
    pattern: Sequence[str | None],
    start: date,
    end: date,
    *,
    stagger_days: int = 7,
    beat_of: dict[int, str] | None = None,
    overwrite: bool = True,
) -> list[CellChange]:
    """A repeating rota from `start`: member k begins `k * stagger_days` into the pattern.

    With a 35-day pattern and a 7-day stagger, this is the classic 5-line rota
    in which each line is one week behind the one before.
    """
    _check_range(start, end)
    if not pattern:
        raise InvalidInput("the pattern is empty")
    ids = list(member_ids)
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        ctx = _Context(s, team, set(ids), start, end)
        edits: list[CellEdit] = []
        for k, mid in enumerate(ids):
            for day in days_between(start, end):
                if not ctx.in_team(mid, day):
                    continue
                current = ctx.cell(mid, day)
                if current is not None and (current.from_absence or current.pinned):
                    continue  # leave and pinned entries are never overwritten by a rota
                if current is not None and not overwrite:
                    continue
                code = pattern[((day - start).days + k * stagger_days) % len(pattern)]
                if code is None:
                    if current is not None:
                        edits.append(CellEdit(mid, day, None))
                    continue
                shift = ctx.shifts.get(code)
                beat = (beat_of or {}).get(mid) if shift and shift.kind is EntryKind.DUTY else None
                edits.append(CellEdit(mid, day, code, beat))
        return _apply(ctx, edits, None, "pattern")


def member_roster(db: Database, shoulder: str, start: date, end: date) -> list[tuple[date, Cell]]:
    """One member's entries across all teams (for calendars and the member view)."""
    from rosterapp.services.lookup import member_by_shoulder

    _check_range(start, end)
    with db.session() as s:
        m = member_by_shoulder(s, shoulder)
        assert m.id is not None
        shifts = {st.id: st for st in s.exec(select(ShiftType)).all()}
        beats = {b.id: b for b in s.exec(select(Beat)).all()}
        out: dict[date, Cell] = {}
        for a in s.exec(
            select(Assignment).where(
                Assignment.member_id == m.id, Assignment.day >= start, Assignment.day <= end
            )
        ).all():
            out[a.day] = assignment_cell(a, shifts, beats)
        for ab in s.exec(
            select(Absence).where(
                Absence.member_id == m.id, Absence.start_date <= end, Absence.end_date >= start
            )
        ).all():
            for day in days_between(max(ab.start_date, start), min(ab.end_date, end)):
                out.setdefault(day, Cell(ABSENCE_CODES.get(ab.kind, "AL"), from_absence=True))
        return sorted(out.items())


def apply_edits_in(
    session: Session, team: Team, edits: Sequence[CellEdit], *, reason: str | None = None
) -> list[CellChange]:
    """Apply edits inside a transaction someone else owns (imports, solver)."""
    if not edits:
        return []
    lo = min(e.day for e in edits)
    hi = max(e.day for e in edits)
    ctx = _Context(session, team, {e.member_id for e in edits}, lo, hi)
    return _apply(ctx, edits, None, reason)
