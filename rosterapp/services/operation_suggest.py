"""Who to allocate to an operation, chosen for the sergeant: enough free and qualified
officers for each short need, each supplying team giving no more than what is left of
its share, keeping ward officers on their wards and rest days as rest days where
someone else can go. An officer counts for every need they meet (a PC with public
order level 2 fills a place in both), as an allocation counts them. The choice is
checked as an allocation would be (together: shares, rest, hours); the sergeant sees
it ticked and allocates it, and is told plainly what stays short and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlmodel import col, select

from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.operations import Candidate, OccurrenceInfo, OperationInfo
from rosterapp.domain.tables import Assignment, Member, ShiftType
from rosterapp.rules.absence import is_dwo
from rosterapp.services.convert import member_info
from rosterapp.services.operation_checks import WHY_NOT, candidates, evaluate, what
from rosterapp.services.operations import get_operation
from rosterapp.storage import Database

MAX_ROUNDS = 4  # choose, check together, drop the refused, choose again
Room = dict[str, int | None]  # team code: places left in its share (None: no share set)


@dataclass(frozen=True, slots=True)
class Suggestion:
    shoulder_numbers: tuple[str, ...]
    notes: tuple[str, ...]  # what stays short and why, and who was passed over and why
    short_after: int  # places still short once the suggestion is allocated


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


def _room(op: OperationInfo, occ: OccurrenceInfo) -> Room:
    given = Counter(a.team_code for a in occ.allocated)
    return {t.code: None if t.count is None else max(0, t.count - given[t.code]) for t in op.teams}


def _open(room: Room, team: str) -> bool:
    left = room.get(team)
    return left is None or left > 0


def _covers(c: Candidate, left: dict[str, int]) -> int:
    return sum(1 for n in c.matches if left.get(n, 0) > 0)


def _choose(
    needs: dict[str, int],
    pool: list[Candidate],
    facts: dict[int, tuple[bool, bool]],
    room: Room,
) -> list[Candidate]:
    """One at a time, the best officer for what is still short, from a team with room:
    not a ward officer, not on a rest day, filling most needs at once, from a team
    whose share is set and most open (a share is an ask to meet before the open
    teams are drawn on)."""
    left, room = dict(needs), dict(room)

    def cost(c: Candidate) -> tuple[bool, bool, int, bool, int, str, str]:
        dwo, resting = facts.get(c.member_id, (False, False))
        share = room.get(c.team_code)
        covers = -_covers(c, left)
        return (dwo, resting, covers, share is None, -(share or 0), c.team_code, c.shoulder_number)

    chosen: list[Candidate] = []
    while any(v > 0 for v in left.values()):
        fits = [
            c for c in pool if c not in chosen and _open(room, c.team_code) and _covers(c, left)
        ]
        if not fits:
            break
        best = min(fits, key=cost)
        chosen.append(best)
        for n in best.matches:
            if left.get(n, 0) > 0:
                left[n] -= 1
        share = room.get(best.team_code)
        if share is not None:
            room[best.team_code] = share - 1
    return chosen


def _left(needs: dict[str, int], chosen: list[Candidate]) -> dict[str, int]:
    left = dict(needs)
    for c in chosen:
        for n in c.matches:
            if left.get(n, 0) > 0:
                left[n] -= 1
    return left


def _after(room: Room, chosen: list[Candidate]) -> Room:
    room = dict(room)
    for c in chosen:
        share = room.get(c.team_code)
        if share is not None:
            room[c.team_code] = share - 1
    return room


def suggest(db: Database, operation_id: int, occurrence_id: int) -> Suggestion:
    op = get_operation(db, operation_id)
    occ = op.occurrence(occurrence_id)
    assert occ is not None
    needs = {what(c.need): c.short for c in occ.counts if c.short}
    if not needs:
        return Suggestion((), ("nothing is short",), 0)
    found = candidates(db, operation_id, occurrence_id)
    pool = [c for c in found if c.free]
    facts = _facts(db, pool, occ.day)
    room = _room(op, occ)
    passed: list[str] = []
    chosen: list[Candidate] = []
    for _ in range(MAX_ROUNDS):
        chosen = _choose(needs, pool, facts, room)
        if not chosen:
            break
        checked = evaluate(db, operation_id, occurrence_id, [c.shoulder_number for c in chosen])
        refused = {p.shoulder_number: p.reasons for p in checked.people if p.reasons}
        passed += [f"passed over {sn}: {reasons[0][1]}" for sn, reasons in refused.items()]
        pool = [c for c in pool if c.shoulder_number not in refused]
        # Fewer officers than were checked together pass the same checks: the refused
        # only ever take up room, and each one's rules are their own.
        chosen = [c for c in chosen if c.shoulder_number not in refused]
        if not refused:
            break
    left = _left(needs, chosen)
    why = Why(
        op, occ, found, [c for c in pool if c not in chosen], _after(room, chosen), len(chosen)
    )
    notes = [why.short(name, n) for name, n in left.items() if n > 0] + passed
    if any(facts.get(c.member_id, (False, False))[0] for c in chosen):
        notes.append("ward officers (DWOs) chosen only where nobody else could go")
    return Suggestion(tuple(c.shoulder_number for c in chosen), tuple(notes), sum(left.values()))


@dataclass(frozen=True, slots=True)
class Why:
    """Why a need stays short once the suggestion is allocated, in a sentence."""

    op: OperationInfo
    occ: OccurrenceInfo
    found: list[Candidate]  # everyone of the supplying teams, as first checked
    unused: list[Candidate]  # free, qualified, not refused, not chosen
    room: Room  # each team's share left after the suggestion
    chosen: int  # how many are suggested

    def short(self, name: str, n: int) -> str:
        beyond = [c for c in self.unused if name in c.matches and not _open(self.room, c.team_code)]
        beyond += [c for c in self.found if name in c.matches and c.blocked_by == "share"]
        more = f"{len(beyond)} more free and qualified are beyond their team's share"
        head = f"{n} {name} stays short: "
        if self.op.teams and not any(_open(self.room, t.code) for t in self.op.teams):
            total = sum(t.count or 0 for t in self.op.teams)
            shares = ", ".join(f"{t.code} {t.count}" for t in self.op.teams)
            given = (
                "suggested"
                if not self.occ.allocated
                else "allocated"
                if not self.chosen
                else "allocated or suggested"
            )
            text = f"the supplying teams are asked for {total} in all ({shares}), all {given}"
            return head + text + (f"; {more}" if beyond else "")
        teams = [t.code for t in self.op.teams if _open(self.room, t.code)]
        if teams and len(teams) < len(self.op.teams):
            verb = "has" if len(teams) == 1 else "have"
            text = f"{', '.join(teams)} {verb} no more free and qualified"
        else:
            text = "nobody else in the supplying teams is free and qualified"
        others = Counter(
            c.blocked_by
            for c in self.found
            if name in c.matches
            and not c.free
            and not c.allocated
            and c.blocked_by not in ("share", "qualified")
            and _open(self.room, c.team_code)
        )
        if others:
            text += (
                " (" + ", ".join(f"{k} {WHY_NOT.get(b, b)}" for b, k in others.most_common()) + ")"
            )
        if beyond:
            full = ", ".join(
                self._given(t.code) for t in self.op.teams if not _open(self.room, t.code)
            )
            return head + f"{more} ({full}); " + text
        return head + text

    def _given(self, team: str) -> str:
        share = next(t.count for t in self.op.teams if t.code == team)
        return f"{team}: {share}, all given"
