"""Ranges of leave, sickness, training, court and aid."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from rosterapp import paths
from rosterapp.domain.enums import AbsenceKind, AbstractionCategory
from rosterapp.domain.tables import Absence, Member, TeamMembership
from rosterapp.services import audit
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import member_by_shoulder, team_by_code
from rosterapp.services.validation import clean_text
from rosterapp.services.values import CellChange, CellEdit
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
    if end < start:
        raise InvalidInput(f"the absence ends ({end}) before it starts ({start})")
    if (end - start).days > 400:
        raise InvalidInput("an absence can be at most 400 days long; split it")
    if kind.is_abstraction and category is None:
        category = (
            AbstractionCategory.MANDATORY
            if kind in (AbsenceKind.TRAINING, AbsenceKind.COURT)
            else AbstractionCategory.OTHER
        )
    text = clean_text(note, "note", max_len=500) or None
    with db.session(write=True) as s:
        m = member_by_shoulder(s, shoulder)
        clash = s.exec(
            select(Absence).where(
                Absence.member_id == m.id, Absence.start_date <= end, Absence.end_date >= start
            )
        ).first()
        if clash is not None:
            raise InvalidInput(
                f"{m.shoulder_number} already has {clash.kind.label.lower()} from "
                f"{clash.start_date} to {clash.end_date}"
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
        audit.record(
            s,
            "absence.add",
            "absence",
            row.id,
            member_id=m.id,
            day=start,
            after={"kind": kind.value, "start": start.isoformat(), "end": end.isoformat()},
        )
        assert row.id is not None
        return AbsenceInfo(row.id, m.id, m.shoulder_number, kind, start, end, category, text)


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
            out.append(
                AbsenceInfo(
                    a.id or 0,
                    m.id or 0,
                    m.shoulder_number,
                    a.kind,
                    a.start_date,
                    a.end_date,
                    a.category,
                    a.note,
                )
            )
        return out


def delete_absence(db: Database, absence_id: int) -> AbsenceInfo:
    """Remove an absence record (used by undo); returns what was removed."""
    with db.session(write=True) as s:
        row = s.get(Absence, absence_id)
        if row is None:
            raise InvalidInput("that absence has already been removed")
        m = s.get(Member, row.member_id)
        assert m is not None and m.id is not None and row.id is not None
        info = AbsenceInfo(
            row.id,
            m.id,
            m.shoulder_number,
            row.kind,
            row.start_date,
            row.end_date,
            row.category,
            row.note,
        )
        audit.record(
            s,
            "absence.delete",
            "absence",
            row.id,
            member_id=m.id,
            day=row.start_date,
            before={
                "kind": row.kind.value,
                "start": row.start_date.isoformat(),
                "end": row.end_date.isoformat(),
            },
        )
        s.delete(row)
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
    from rosterapp.services.roster import apply_edits_in

    info = add_absence(db, shoulder, kind, start, end, category=category, note=note)
    changes: list[CellChange] = []
    with db.session(write=True) as s:
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
