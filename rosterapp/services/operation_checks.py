"""Who can be allocated to an occurrence of an operation, and why the others cannot.

An officer can be allocated when they are in a supplying team that day, free (no
leave, sickness or other absence), qualified (their rank or a valid skill matches a
need that still has room), on no overlapping operation, within their team's share,
and when the roster with the operation's duty in their cell breaks none of the rest
and hours rules nor any blocking rule: the rules engine runs on the changed roster,
as it does for a request. The same checks list candidates, refuse an allocation and
explain an operation's shortfall.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta

from sqlmodel import Session, col, select

from rosterapp.domain.calendar import tour_instants
from rosterapp.domain.enums import AbsenceKind, Rank
from rosterapp.domain.findings import Finding, RuleId, Severity
from rosterapp.domain.grid import Cell
from rosterapp.domain.operation_plan import Need
from rosterapp.domain.operation_tables import (
    Operation,
    OperationAllocation,
    OperationOccurrence,
)
from rosterapp.domain.operations import Candidate, OccurrenceInfo, OperationInfo
from rosterapp.domain.tables import Absence, Assignment, Beat, Member, ShiftType, Team
from rosterapp.rules.engine import member_findings, team_findings
from rosterapp.services.checks import load_check_input
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import member_by_shoulder
from rosterapp.services.operation_supply import (
    matches,
    skills_by_member,
    supplying_teams,
    team_people,
    valid_skills,
)
from rosterapp.services.operations import load_operation, operation_info
from rosterapp.storage import Database

# Rules that refuse an allocation although a sergeant may roster them with a warning:
# the issue asks that each officer's rest, hours and 11-hour rules hold.
REFUSING_RULES = frozenset(
    {
        RuleId.REST_11H,
        RuleId.REST_DAYS_WEEK,
        RuleId.REST_DAY_GAP,
        RuleId.WTR_WEEKLY_REST,
        RuleId.WTR_48H,
    }
)
RULES_AFTER = timedelta(days=7)  # the week holding the day and the next tour's rest


@dataclass
class Person:
    """One officer as the checks see them (plain values: read sessions end early)."""

    member_id: int
    shoulder_number: str
    name: str  # "PC Ali Khan"
    rank: Rank
    team_id: int | None  # None: not in a supplying team that day
    team_code: str
    matches: tuple[Need, ...]
    cell_version: int | None = None  # the typed entry of the day the duty replaces
    previous: dict[str, object] | None = None
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (kind, sentence)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.shoulder_number})"


@dataclass
class Checked:
    """One occurrence and the people checked for it."""

    info: OperationInfo
    occ: OccurrenceInfo
    code: str
    people: list[Person]
    allocated_ids: set[int]
    team_counts: Counter[int]
    team_quota: dict[int, int | None]
    warnings: list[str] = field(default_factory=list)

    def refusals(self) -> list[str]:
        return [text for p in self.people for _, text in p.reasons]


def what(need: Need) -> str:
    return need.rank.short if need.rank is not None else str(need.skill)


def occurrence_of(s: Session, operation_id: int, occurrence_id: int) -> OperationInfo:
    info = operation_info(s, load_operation(s, operation_id))
    if info.occurrence(occurrence_id) is None:
        raise InvalidInput(
            f"operation #{operation_id} has no occurrence #{occurrence_id}", field="on"
        )
    return info


def allocations_of(s: Session, occurrence_id: int) -> list[OperationAllocation]:
    return list(
        s.exec(
            select(OperationAllocation).where(OperationAllocation.occurrence_id == occurrence_id)
        ).all()
    )


def _wanted(
    s: Session, in_teams: list[tuple[Member, int]], shoulders: Sequence[str] | None
) -> list[Member]:
    if shoulders is None:
        return [m for m, _ in in_teams]
    out: list[Member] = []
    for sn in shoulders:
        m = member_by_shoulder(s, sn)
        if any(o.id == m.id for o in out):
            raise InvalidInput(f"{m.shoulder_number} is named twice", field="member")
        out.append(m)
    return out


def _read(
    s: Session, operation_id: int, occurrence_id: int, shoulders: Sequence[str] | None
) -> Checked:
    """The occurrence and the people to check: `shoulders`, or every officer of the
    supplying teams that day (None). People outside the teams are refused here."""
    info = occurrence_of(s, operation_id, occurrence_id)
    occ = info.occurrence(occurrence_id)
    assert occ is not None
    teams = supplying_teams(s, operation_id)
    team_ids = [t.id for t, _ in teams if t.id is not None] or None
    people_in = team_people(s, team_ids, occ.day)
    in_teams = {m.id: tid for m, tid in people_in if m.id is not None}
    wanted = _wanted(s, people_in, shoulders)
    skills = skills_by_member(s, [m.id for m in wanted if m.id is not None])
    codes = {t.id: t.code for t in s.exec(select(Team)).all()}
    where = ", ".join(t.code for t, _ in teams) or "any team"
    people = []
    for m in wanted:
        assert m.id is not None
        held = valid_skills(skills.get(m.id, []), occ.day)
        team_id = in_teams.get(m.id)
        p = Person(
            m.id,
            m.shoulder_number,
            f"{m.rank.short} {m.first_name} {m.last_name}",
            m.rank,
            team_id,
            codes.get(team_id, "") if team_id is not None else "",
            tuple(n for n in info.needs if matches(n, m.rank, held)),
        )
        if team_id is None:
            p.reasons.append(
                ("team", f"{p.label} is not in a supplying team ({where}) on {occ.day:%a %d %b}")
            )
        people.append(p)
    allocated = allocations_of(s, occ.id)
    return Checked(
        info,
        occ,
        info.code,
        people,
        {a.member_id for a in allocated},
        Counter(a.team_id for a in allocated),
        {t.id or 0: c for t, c in teams},
    )


def _check_free(s: Session, r: Checked) -> None:
    """Absences, the day's roster entry and other operations of everyone still in."""
    people = [p for p in r.people if not p.reasons and p.member_id not in r.allocated_ids]
    ids = [p.member_id for p in people]
    if not ids:
        return
    day = r.occ.day
    away = {
        a.member_id: a
        for a in s.exec(
            select(Absence).where(
                col(Absence.member_id).in_(ids),
                Absence.start_date <= day,
                Absence.end_date >= day,
            )
        ).all()
    }
    cells = {
        a.member_id: a
        for a in s.exec(
            select(Assignment).where(col(Assignment.member_id).in_(ids), Assignment.day == day)
        ).all()
    }
    shifts = {st.id: st for st in s.exec(select(ShiftType)).all()}
    beats = {b.id: b.code for b in s.exec(select(Beat)).all()}
    busy = _other_operations(s, ids, r)
    for p in people:
        cell = cells.get(p.member_id)
        st = shifts.get(cell.shift_type_id) if cell is not None else None
        if cell is not None and st is not None:
            p.cell_version = cell.version
            p.previous = _previous(cell, st, beats)
        if p.member_id in away:
            kind = away[p.member_id].kind.label.lower()
            p.reasons.append(("absent", f"{p.label} is on {kind} on {day:%a %d %b %Y}"))
        elif st is not None and st.absence_kind not in (None, AbsenceKind.REST_DAY):
            p.reasons.append(
                ("absent", f"{p.label} is rostered {st.name.lower()} on {day:%a %d %b %Y}")
            )
        elif p.member_id in busy:
            p.reasons.append(("busy", busy[p.member_id]))
        elif st is not None and st.abstraction is not None:
            p.reasons.append(("busy", f"{p.label} is on operation {st.name} ({st.code}) that day"))


def _previous(row: Assignment, st: ShiftType, beats: dict[int | None, str]) -> dict[str, object]:
    """The roster entry an operation's duty replaces, to put back when unallocated."""
    return {
        "code": st.code,
        "beat": beats.get(row.beat_id) if row.beat_id is not None else None,
        "call_sign": row.call_sign,
        "note": row.note,
        "pinned": row.pinned,
    }


def _other_operations(s: Session, ids: list[int], r: Checked) -> dict[int, str]:
    """Members on another occurrence whose tour overlaps this one, with the sentence."""
    out: dict[int, str] = {}
    day = r.occ.day
    rows = s.exec(
        select(OperationAllocation, OperationOccurrence, Operation, Member)
        .join(OperationOccurrence, col(OperationOccurrence.id) == OperationAllocation.occurrence_id)
        .join(Operation, col(Operation.id) == OperationOccurrence.operation_id)
        .join(Member, col(Member.id) == OperationAllocation.member_id)
        .where(
            col(OperationAllocation.member_id).in_(ids),
            OperationOccurrence.day >= day - timedelta(days=1),
            OperationOccurrence.day <= day + timedelta(days=1),
            OperationOccurrence.id != r.occ.id,
        )
    ).all()
    for a, o, op, m in rows:
        begins, ends = tour_instants(o.day, op.starts, op.ends)
        if begins < r.occ.ends and r.occ.begins < ends:
            out[a.member_id] = (
                f"{m.rank.short} {m.first_name} {m.last_name} ({m.shoulder_number}) is already "
                f"on operation {op.name} {op.starts:%H:%M}–{op.ends:%H:%M} on "
                f"{o.day:%a %d %b %Y}, which overlaps"
            )
    return out


def _check_room(r: Checked, *, together: bool) -> None:
    """Qualification, room in a need and the team's share: for people allocated
    `together` counted in the order asked, else each against what is allocated now."""
    need_counts = {c.need: c.allocated for c in r.occ.counts}
    teams = Counter(r.team_counts)
    for p in r.people:
        if p.reasons or p.member_id in r.allocated_ids:
            continue
        if not p.matches:
            wanted = ", ".join(what(n) for n in r.info.needs)
            p.reasons.append(("qualified", f"{p.label} is not what it needs ({wanted})"))
            continue
        if not any(need_counts[n] < n.count for n in p.matches):
            full = ", ".join(f"{n.count} {what(n)}" for n in p.matches)
            p.reasons.append(("full", f"the operation already has its {full} for {p.label}"))
            continue
        assert p.team_id is not None
        quota = r.team_quota.get(p.team_id)
        if quota is not None and teams[p.team_id] >= quota:
            p.reasons.append(
                ("share", f"team {p.team_code} already supplies its {quota} ({p.label})")
            )
            continue
        if together:
            for n in p.matches:
                need_counts[n] += 1
            teams[p.team_id] += 1


def _check_rules(db: Database, r: Checked, *, team_rules: bool) -> None:
    """Run the rules on each team's roster with the duties in; refuse the officers whose
    rest, hours or blocking rules it breaks. With `team_rules` the team's own rules too
    (cover, abstraction…): what they newly find is a warning, never a refusal."""
    day = r.occ.day
    by_team: dict[str, list[Person]] = {}
    for p in r.people:
        if not p.reasons and p.member_id not in r.allocated_ids:
            by_team.setdefault(p.team_code, []).append(p)
    for team_code, people in sorted(by_team.items()):
        ci = load_check_input(db, team_code, day - timedelta(days=1), day + RULES_AFTER)
        cells = dict(ci.grid.cells)
        for p in people:
            cells[(p.member_id, day)] = Cell(code=r.code, pinned=True)
        changed = replace(ci, grid=replace(ci.grid, cells=cells))
        ours = {p.member_id: p for p in people}
        # Only the people changed: their own rules are all that can refuse them.
        for f in _new(member_findings(ci, ours), member_findings(changed, ours)):
            who = ours.get(f.member_id) if f.member_id is not None else None
            if who is not None and (f.severity is Severity.BLOCK or f.rule in REFUSING_RULES):
                who.reasons.append(("rules", f"{who.label} would break a rule: {f.message}"))
            elif f.severity is not Severity.INFO:
                r.warnings.append(f"{team_code}: {f.message}")
        if team_rules:
            for f in _new(team_findings(ci), team_findings(changed)):
                if f.severity is not Severity.INFO:
                    r.warnings.append(f"{team_code}: {f.message}")


def _new(old: list[Finding], new: list[Finding]) -> list[Finding]:
    seen = {f.key for f in old}
    return [f for f in new if f.key not in seen and f.accepted_reason is None]


def evaluate(
    db: Database, operation_id: int, occurrence_id: int, shoulders: Sequence[str] | None
) -> Checked:
    """Every check, in order, for `shoulders` (None: everyone in the supplying teams)."""
    with db.session() as s:
        r = _read(s, operation_id, occurrence_id, shoulders)
        _check_free(s, r)
    _check_room(r, together=shoulders is not None)
    _check_rules(db, r, team_rules=shoulders is not None)
    return r


def candidates(db: Database, operation_id: int, occurrence_id: int) -> list[Candidate]:
    """Everyone of the supplying teams for the occurrence: who is free and qualified,
    who is allocated, and for the others why not. Free and qualified first."""
    r = evaluate(db, operation_id, occurrence_id, None)
    out = [
        Candidate(
            p.member_id,
            p.shoulder_number,
            p.name,
            p.rank,
            p.team_code,
            tuple(what(n) for n in p.matches),
            tuple(text for _, text in p.reasons),
            p.member_id in r.allocated_ids,
            p.reasons[0][0] if p.reasons else "",
        )
        for p in r.people
    ]
    return sorted(out, key=lambda c: (not c.free, c.allocated, not c.matches, c.team_code, c.name))


def shortfall(db: Database, operation_id: int, occurrence_id: int) -> OccurrenceInfo:
    """The occurrence's needs, allocated against asked, each short one explained: how
    many more are free and qualified, and why the teams' other officers are not."""
    found = candidates(db, operation_id, occurrence_id)
    with db.session() as s:
        occ = occurrence_of(s, operation_id, occurrence_id).occurrence(occurrence_id)
    assert occ is not None
    counts = [
        replace(c, explanation=explain(c.need, c.short, c.allocated, found)) if c.short else c
        for c in occ.counts
    ]
    return replace(occ, counts=tuple(counts))


WHY_NOT = {
    "absent": "on leave or absent",
    "busy": "on another operation",
    "rules": "would break a rest or hours rule",
    "share": "beyond their team's share",
    "full": "counted for a need already full",
}


def explain(need: Need, short: int, allocated: int, found: list[Candidate]) -> str:
    """Why a need is short, as the cover panel says why a shift is."""
    name = what(need)
    fitting = [c for c in found if name in c.matches and not c.allocated]
    free = [c for c in fitting if c.free]
    why = Counter(c.blocked_by for c in fitting if not c.free)
    parts = [f"{short} {name} short: {allocated} of {need.count} allocated"]
    if free:
        names = ", ".join(c.shoulder_number for c in free[:8]) + (" …" if len(free) > 8 else "")
        parts.append(f"{len(free)} more free and qualified ({names})")
    else:
        parts.append("nobody else in the supplying teams is free and qualified")
    others = [f"{n} {WHY_NOT.get(k, k)}" for k, n in why.most_common()]
    if others:
        parts.append("of the others " + ", ".join(others))
    if len(fitting) < short:
        parts.append(f"the teams hold only {len(fitting)} more {name} in all")
    return "; ".join(parts)
