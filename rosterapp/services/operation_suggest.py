"""Who to allocate to an operation, chosen for the sergeant: enough free and qualified
officers for each short need, keeping ward officers on their wards and rest days as
rest days where someone else can go. The choice is checked as an allocation would be
(together: shares, rest, hours); the sergeant sees it ticked and allocates it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.operations import Candidate
from rosterapp.domain.tables import Assignment, Member, ShiftType
from rosterapp.rules.absence import is_dwo
from rosterapp.services.convert import member_info
from rosterapp.services.operation_checks import candidates, evaluate, shortfall, what
from rosterapp.storage import Database

MAX_ROUNDS = 4  # choose, check together, drop the refused, choose again


@dataclass(frozen=True, slots=True)
class Suggestion:
    shoulder_numbers: tuple[str, ...]
    notes: tuple[str, ...]  # what could not be met, and who was passed over and why
    short_after: int  # people still short once the suggestion is allocated


def _facts(db: Database, found: list[Candidate], day: object) -> dict[int, tuple[bool, bool]]:
    """Per candidate: (a ward officer, on a rest day that day)."""
    ids = [c.member_id for c in found]
    if not ids:
        return {}
    with db.session() as s:
        members = {m.id: m for m in s.exec(select(Member).where(col(Member.id).in_(ids))).all()}
        rest = {
            a.member_id
            for a, st in s.exec(
                select(Assignment, ShiftType)
                .join(ShiftType, col(ShiftType.id) == Assignment.shift_type_id)
                .where(col(Assignment.member_id).in_(ids), Assignment.day == day)
            ).all()
            if st.absence_kind is AbsenceKind.REST_DAY
        }
        return {mid: (is_dwo(member_info(m)), mid in rest) for mid, m in members.items() if mid}


def _choose(
    needs: list[tuple[str, int]], pool: list[Candidate], facts: dict[int, tuple[bool, bool]]
) -> list[Candidate]:
    def cost(c: Candidate) -> tuple[bool, bool, str, str]:
        dwo, resting = facts.get(c.member_id, (False, False))
        return (dwo, resting, c.team_code, c.shoulder_number)

    chosen: list[Candidate] = []
    for name, short in needs:
        fits = sorted((c for c in pool if name in c.matches and c not in chosen), key=cost)
        chosen.extend(fits[:short])
    return chosen


def suggest(db: Database, operation_id: int, occurrence_id: int) -> Suggestion:
    occ = shortfall(db, operation_id, occurrence_id)
    needs = [(what(c.need), c.short) for c in occ.counts if c.short]
    if not needs:
        return Suggestion((), ("nothing is short",), 0)
    pool = [c for c in candidates(db, operation_id, occurrence_id) if c.free]
    facts = _facts(db, pool, occ.day)
    notes: list[str] = []
    chosen: list[Candidate] = []
    for _ in range(MAX_ROUNDS):
        chosen = _choose(needs, pool, facts)
        if not chosen:
            break
        checked = evaluate(db, operation_id, occurrence_id, [c.shoulder_number for c in chosen])
        refused = {p.shoulder_number: p.reasons for p in checked.people if p.reasons}
        if not refused:
            break
        for sn, reasons in refused.items():
            notes.append(f"passed over {sn}: {reasons[0][1]}")
        pool = [c for c in pool if c.shoulder_number not in refused]
    else:
        chosen = []
    wanted = sum(short for _, short in needs)
    if len(chosen) < wanted:
        notes.insert(0, f"{wanted - len(chosen)} short: not enough free and qualified officers")
    if any(facts.get(c.member_id, (False, False))[0] for c in chosen):
        notes.append("ward officers (DWOs) chosen only where nobody else could go")
    return Suggestion(tuple(c.shoulder_number for c in chosen), tuple(notes), wanted - len(chosen))
