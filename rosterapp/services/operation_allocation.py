"""Allocating officers to an occurrence of an operation, and taking them off again.

Every check (services/operation_checks.py) runs before anything is written; the write
is one transaction, version-checked against what was checked: the occurrence's row
(two sergeants filling the last place cannot both succeed) and each roster cell.
An allocated duty becomes the officer's roster entry for the day with the operation's
own code; unallocating puts back the entry it replaced.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, select

from rosterapp import paths
from rosterapp.domain.grid import CellChange, CellEdit
from rosterapp.domain.operation_tables import OperationAllocation, OperationOccurrence
from rosterapp.domain.operations import AllocationChange, OperationInfo
from rosterapp.domain.tables import Assignment, Team
from rosterapp.services import audit
from rosterapp.services.errors import Conflict, InvalidInput
from rosterapp.services.lookup import member_by_shoulder
from rosterapp.services.operation_checks import (
    Checked,
    Person,
    allocations_of,
    evaluate,
    occurrence_of,
)
from rosterapp.services.roster.edits import apply_edits_in
from rosterapp.storage import Database


def _conflict(info: OperationInfo, occ: OperationOccurrence | None = None) -> Conflict:
    when = f" on {occ.day:%a %d %b %Y}" if occ is not None else ""
    return Conflict(
        f"operation {info.name}{when} was changed by someone else while you looked; look again"
    )


def allocate(
    db: Database,
    operation_id: int,
    occurrence_id: int,
    shoulders: Sequence[str],
    *,
    expected_version: int | None = None,
) -> AllocationChange:
    """Allocate the officers to the occurrence, all or none: each refusal is named."""
    if not shoulders:
        raise InvalidInput("say who to allocate (--member SN)", field="member")
    r = evaluate(db, operation_id, occurrence_id, shoulders)
    already = [p.label for p in r.people if p.member_id in r.allocated_ids]
    if already:
        raise InvalidInput(
            f"already allocated to {r.info.name} on {r.occ.day:%a %d %b}: " + ", ".join(already),
            field="member",
        )
    if r.refusals():
        raise InvalidInput("not allocated: " + "; ".join(r.refusals()), field="member")
    try:
        with db.session(write=True) as s:
            cells = _write(s, r, expected_version)
    except StaleDataError:
        raise _conflict(r.info) from None
    return AllocationChange(
        operation_id,
        occurrence_id,
        r.occ.day,
        tuple(p.shoulder_number for p in r.people),
        True,
        tuple(cells),
        tuple(dict.fromkeys(r.warnings)),
    )


def _write(s: Session, r: Checked, expected: int | None) -> list[CellChange]:
    occ = s.get(OperationOccurrence, r.occ.id)
    if occ is None:
        raise Conflict(f"operation {r.info.name} on {r.occ.day:%a %d %b} no longer exists")
    if occ.version != r.occ.version or (expected is not None and occ.version != expected):
        raise _conflict(r.info, occ)
    by_team: dict[int, list[Person]] = {}
    for p in r.people:
        assert p.team_id is not None
        by_team.setdefault(p.team_id, []).append(p)
    changes: list[CellChange] = []
    for team_id, people in by_team.items():
        team = s.get(Team, team_id)
        assert team is not None
        for p in people:
            s.add(
                OperationAllocation(
                    occurrence_id=r.occ.id,
                    member_id=p.member_id,
                    team_id=team_id,
                    previous=p.previous,
                    allocated_by=paths.current_user(),
                )
            )
            audit.record(
                s,
                "operation.allocate",
                "operation",
                r.info.id,
                team_id=team_id,
                member_id=p.member_id,
                day=r.occ.day,
                after={"operation": r.info.name, "code": r.code},
            )
        edits = [
            CellEdit(
                p.member_id,
                r.occ.day,
                r.code,
                pinned=True,  # the auto-roster keeps it
                expected_version=p.cell_version,
                check_version=True,
            )
            for p in people
        ]
        label = f"operation {r.info.name} ({r.code})"
        changes += apply_edits_in(s, team, edits, reason=label, operations=True)
    occ.allocated += len(r.people)
    s.add(occ)
    s.flush()
    return changes


def unallocate(
    db: Database,
    operation_id: int,
    occurrence_id: int,
    shoulders: Sequence[str],
    *,
    expected_version: int | None = None,
) -> AllocationChange:
    """Take officers off the occurrence: each roster cell goes back to what it was."""
    if not shoulders:
        raise InvalidInput("say who to take off (--member SN)", field="member")
    if len({sn.strip().upper() for sn in shoulders}) != len(shoulders):
        raise InvalidInput("an officer is named twice", field="member")
    info = None
    try:
        with db.session(write=True) as s:
            info = occurrence_of(s, operation_id, occurrence_id)
            occ = s.get(OperationOccurrence, occurrence_id)
            assert occ is not None
            if expected_version is not None and occ.version != expected_version:
                raise _conflict(info, occ)
            changes = _remove(s, info, occ, shoulders)
            day = occ.day
    except StaleDataError:
        assert info is not None
        raise _conflict(info) from None
    return AllocationChange(
        operation_id,
        occurrence_id,
        day,
        tuple(sn.strip().upper() for sn in shoulders),
        False,
        tuple(changes),
    )


def _remove(
    s: Session, info: OperationInfo, occ: OperationOccurrence, shoulders: Sequence[str]
) -> list[CellChange]:
    allocations = {a.member_id: a for a in allocations_of(s, occ.id or 0)}
    changes: list[CellChange] = []
    for sn in shoulders:
        m = member_by_shoulder(s, sn)
        a = allocations.get(m.id or 0)
        if a is None or m.id is None:
            raise InvalidInput(
                f"{m.shoulder_number} {m.first_name} {m.last_name} is not allocated to "
                f"{info.name} on {occ.day:%a %d %b %Y}",
                field="member",
            )
        now = s.exec(
            select(Assignment).where(Assignment.member_id == m.id, Assignment.day == occ.day)
        ).first()
        prev = a.previous or {}
        code = prev.get("code")
        edit = CellEdit(
            m.id,
            occ.day,
            str(code) if code else None,
            _text(prev.get("beat")),
            _text(prev.get("call_sign")),
            _text(prev.get("note")),
            bool(prev.get("pinned", False)),
            expected_version=now.version if now is not None else None,
            check_version=True,
        )
        team = s.get(Team, now.team_id if now is not None else a.team_id)
        assert team is not None
        reason = f"taken off operation {info.name}"
        changes += apply_edits_in(s, team, [edit], reason=reason, operations=True)
        s.delete(a)
        audit.record(
            s,
            "operation.unallocate",
            "operation",
            info.id,
            team_id=team.id,
            member_id=m.id,
            day=occ.day,
            before={"operation": info.name, "code": info.code},
        )
    occ.allocated -= len(shoulders)
    s.add(occ)
    s.flush()
    return changes


def _text(value: object) -> str | None:
    return str(value) if value else None
