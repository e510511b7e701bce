"""Ranges of leave, sickness, training, court and aid."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from rosterapp import paths
from rosterapp.domain.enums import AbsenceKind, AbstractionCategory
from rosterapp.domain.grid import CellChange, CellEdit
from rosterapp.domain.tables import Absence, Member, TeamMembership
from rosterapp.services import audit, provenance
from rosterapp.services.errors import Conflict, InvalidInput
from rosterapp.services.lookup import member_by_shoulder, team_by_code
from rosterapp.services.validation import clean_text, in_window
from rosterapp.storage import Database


@dataclass(frozen=True, slots=True)
class AbsenceInfo:
    id: int
    member_id: int
    shoulder_number: str
    kind: AbsenceKind
    start_date: date
    end_date: date
    category: AbstractionCategory | None
    note: str | None
    version: int = 1


def _info(row: Absence, m: Member) -> AbsenceInfo:
    assert row.id is not None and m.id is not None
    return AbsenceInfo(
        row.id,
        m.id,
        m.shoulder_number,
        row.kind,
        row.start_date,
        row.end_date,
        row.category,
        row.note,
        row.version,
    )


def _add_in(
    s: Session,
    shoulder: str,
    kind: AbsenceKind,
    start: date,
    end: date,
    category: AbstractionCategory | None,
    note: str | None,
) -> AbsenceInfo:
    in_window(start, field="start")
    in_window(end, field="end")
    if end < start:
        raise InvalidInput(f"the absence ends ({end}) before it starts ({start})", field="end")
    if (end - start).days > 400:
        raise InvalidInput("an absence can be at most 400 days long; split it", field="end")
    if kind.is_abstraction and category is None:
        category = (
            AbstractionCategory.MANDATORY
            if kind in (AbsenceKind.TRAINING, AbsenceKind.COURT)
            else AbstractionCategory.OTHER
        )
    text = clean_text(note, "note", max_len=500) or None
    m = member_by_shoulder(s, shoulder)
    clash = s.exec(
        select(Absence).where(
            Absence.member_id == m.id, Absence.start_date <= end, Absence.end_date >= start
        )
    ).first()
    if clash is not None:
        raise InvalidInput(
            f"{m.shoulder_number} already has {clash.kind.label.lower()} from "
            f"{clash.start_date} to {clash.end_date}",
            field="start",
        )
    assert m.id is not None
    row = Absence(
        member_id=m.id,
        kind=kind,
        start_date=start,
        end_date=end,
        category=category,
        note=text,
        created_by=paths.current_user(),
    )
    s.add(row)
    s.flush()
    if kind is AbsenceKind.DAY_IN_LIEU:
        from rosterapp.services.balances import check_lieu_owed

        check_lieu_owed(s, m.id, [start, end])  # refused: the transaction is undone
    audit.record(
        s,
        "absence.add",
        "absence",
        row.id,
        member_id=m.id,
        day=start,
        after={"kind": kind.value, "start": start.isoformat(), "end": end.isoformat()},
    )
    return _info(row, m)


def add_absence(
    db: Database,
    shoulder: str,
    kind: AbsenceKind,
    start: date,
    end: date,
    *,
    category: AbstractionCategory | None = None,
    note: str | None = None,
) -> AbsenceInfo:
    """Record an absence range only (imports, tests); the GUI uses `record_absence`."""
    with db.session(write=True) as s:
        return _add_in(s, shoulder, kind, start, end, category, note)


def list_absences(db: Database, team_code: str, start: date, end: date) -> list[AbsenceInfo]:
    with db.session() as s:
        team = team_by_code(s, team_code)
        rows = s.exec(
            select(Absence, Member)
            .join(Member, col(Member.id) == Absence.member_id)
            .join(TeamMembership, col(TeamMembership.member_id) == Member.id)
            .where(
                TeamMembership.team_id == team.id,
                Absence.start_date <= end,
                Absence.end_date >= start,
            )
            .order_by(col(Absence.start_date))
        ).all()
        seen: set[int] = set()
        out = []
        for a, m in rows:
            if a.id in seen:
                continue
            seen.add(a.id or 0)
            out.append(_info(a, m))
        return out


def _delete_in(s: Session, info: AbsenceInfo, *, check_version: bool) -> None:
    row = s.get(Absence, info.id)
    what = f"The {info.kind.label.lower()} of {info.shoulder_number} from {info.start_date:%d %b}"
    if row is None:
        raise provenance.stale(s, what, "absence", info.id)
    if check_version and row.version != info.version:
        m = s.get(Member, row.member_id)
        assert m is not None
        raise provenance.stale(
            s, what, "absence", info.id, current=_info(row, m), current_version=row.version
        )
    audit.record(
        s,
        "absence.delete",
        "absence",
        row.id,
        member_id=row.member_id,
        day=row.start_date,
        before={
            "kind": row.kind.value,
            "start": row.start_date.isoformat(),
            "end": row.end_date.isoformat(),
        },
    )
    s.delete(row)


def delete_absence(db: Database, absence_id: int) -> AbsenceInfo:
    """Remove an absence record; returns what was removed."""
    with db.session(write=True) as s:
        row = s.get(Absence, absence_id)
        if row is None:
            raise InvalidInput("that absence has already been removed")
        m = s.get(Member, row.member_id)
        assert m is not None
        info = _info(row, m)
        _delete_in(s, info, check_version=False)
        return info


def record_absence(
    db: Database,
    shoulder: str,
    kind: AbsenceKind,
    start: date,
    end: date,
    *,
    category: AbstractionCategory | None = None,
    note: str | None = None,
) -> tuple[AbsenceInfo, list[CellChange]]:
    """Record an absence and clear the duties it replaces, in one transaction.

    Rest days stay; a published day's change is recorded with its notice like any
    other edit. Returns what was cleared so that undo can put it back.
    """
    from rosterapp.domain.enums import EntryKind
    from rosterapp.domain.tables import Assignment, ShiftType, Team
    from rosterapp.services.roster.edits import apply_edits_in

    changes: list[CellChange] = []
    with db.session(write=True) as s:
        info = _add_in(s, shoulder, kind, start, end, category, note)
        rows = s.exec(
            select(Assignment, ShiftType)
            .join(ShiftType, col(ShiftType.id) == Assignment.shift_type_id)
            .where(
                Assignment.member_id == info.member_id,
                Assignment.day >= start,
                Assignment.day <= end,
                ShiftType.kind == EntryKind.DUTY,
            )
        ).all()
        by_team: dict[int, list[CellEdit]] = {}
        for a, _ in rows:
            by_team.setdefault(a.team_id, []).append(CellEdit(a.member_id, a.day, None))
        for team_id, edits in by_team.items():
            team = s.get(Team, team_id)
            assert team is not None
            changes += apply_edits_in(s, team, edits, reason=f"{kind.label} recorded")
    return info, changes


def unrecord_absence(
    db: Database, team_code: str, info: AbsenceInfo, cleared: Sequence[CellChange]
) -> list[CellChange]:
    """Undo `record_absence` in one transaction: remove the absence (refused, saying who
    and when, if someone has changed or removed it since) and put back the duties it
    cleared, except on days someone has rostered since: their entries stay."""
    from rosterapp.services.roster.edits import apply_edits_in

    with db.session(write=True) as s:
        _delete_in(s, info, check_version=True)
        if not cleared:
            return []
        team = team_by_code(s, team_code)
        s.flush()
        restored: list[CellChange] = []
        for change in reversed(cleared):
            try:
                with s.begin_nested():
                    restored += apply_edits_in(s, team, [change.undo_edit()], reason="undo")
            except Conflict:
                continue  # someone rostered that day since: theirs stays
        return restored
