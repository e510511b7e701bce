"""Auto-roster use cases: build the solver's problem from the database, and apply it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rosterapp.domain.calendar import tour_hours
from rosterapp.domain.cover import Requirement
from rosterapp.domain.enums import Rank
from rosterapp.domain.grid import CellChange, CellEdit, Grid
from rosterapp.domain.policy import REFERENCE_DAY
from rosterapp.rules.findings import dstr
from rosterapp.services.beats import list_requirements
from rosterapp.services.errors import InvalidInput
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.solver import roster_model as rm
from rosterapp.storage import Database

# Ranks the solver rosters; inspectors, specials and police staff are left as they are.
SOLVED_RANKS = (Rank.SERGEANT, Rank.PC, Rank.PCSO)
MAX_SOLVE_DAYS = 35


@dataclass
class Proposal:
    team: str
    start: date
    end: date
    mode: str
    status: str
    edits: list[CellEdit]
    before: dict[tuple[int, date], str | None]
    objective: float
    bound: float
    seconds: float
    explanations: list[str]
    conflicts: list[str]
    labels: dict[int, str]

    @property
    def found(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    def describe(self, edit: CellEdit) -> str:
        old = self.before.get((edit.member_id, edit.day)) or "empty"
        new = edit.code or "empty"
        beat = f" {edit.beat}" if edit.beat else ""
        return (
            f"{self.labels.get(edit.member_id, edit.member_id)}, {dstr(edit.day)}: "
            f"{old} → {new}{beat}"
        )


def build_problem(
    grid: Grid,
    requirements: list[Requirement],
    start: date,
    end: date,
    mode: str,
    only: set[tuple[int, date]] | None = None,
) -> tuple[rm.Problem, dict[tuple[int, date], str | None]]:
    days = [d for d in grid.days if start <= d <= end]
    tours = {
        code: rm.Tour(
            code,
            datetime.combine(REFERENCE_DAY, st.start),
            tour_hours(REFERENCE_DAY, st.start, st.end),
        )
        for code, st in grid.shift_types.items()
        if st.is_duty and st.start is not None and st.end is not None
    }
    absences = frozenset(c for c, st in grid.shift_types.items() if not st.is_duty)
    # Training, court and aid are work for the 7-days-in-a-row rule.
    working = frozenset(
        c
        for c, st in grid.shift_types.items()
        if st.absence_kind is not None and st.absence_kind.is_abstraction
    )
    people: list[rm.Person] = []
    current_of: dict[tuple[int, date], str | None] = {}
    unmanaged: Counter[tuple[date, str, str | None, str | None, str | None]] = Counter()
    for row in grid.rows:
        m = row.member
        managed = m.rank in SOLVED_RANKS and m.contracted_hours > 0
        beats = Counter(c.beat for (mid, _), c in grid.cells.items() if mid == m.id and c.beat)
        home = beats.most_common(1)[0][0] if beats else None
        if not managed:
            for d in days:
                cell = grid.cells.get((m.id, d))
                if cell and cell.code in tours and not cell.from_absence:
                    for beat in {None, cell.beat}:
                        for rank in (None, m.rank.value):
                            for skill in {None, *m.skill_names_on(d)}:
                                unmanaged[(d, cell.code, beat, rank, skill)] += 1
            continue
        p = rm.Person(
            id=m.id,
            label=m.display_name,
            rank=m.rank.value,
            skills=frozenset(m.skill_names_on(start)),
            beat=home,
            duties_per_week=max(0, min(7, round(m.contracted_hours / 8))),
        )
        for d in grid.days:
            cell = grid.cells.get((m.id, d))
            if d < start:
                p.before[d] = cell.code if cell else None
                continue
            if d > end:
                continue
            current_of[(m.id, d)] = cell.code if cell else None
            if only is not None and (m.id, d) not in only:
                p.fixed[d] = cell.code if cell else None  # outside the selection: as it is
            elif not row.in_team(d):
                p.fixed[d] = None
            elif (m.id, d) in grid.leave_days and (cell is None or cell.from_absence):
                p.fixed[d] = grid.leave_days[(m.id, d)]
            elif cell is not None and (
                cell.pinned or cell.from_absence or (cell.code in absences and cell.code != rm.REST)
            ):
                p.fixed[d] = cell.code
            elif cell is not None and mode == "fill":
                p.fixed[d] = cell.code  # filling: only the empty cells are the solver's
            elif cell is not None:
                p.current[d] = cell.code
                if cell.code == rm.REST and grid.is_published(d):
                    p.published_rest_days.add(d)
        people.append(p)
    needs = []
    for d in days:
        for r in requirements:
            if r.weekday != d.weekday():
                continue
            already = unmanaged[(d, r.shift, r.beat, r.rank.value if r.rank else None, r.skill)]
            if r.min_count - already > 0:
                needs.append(
                    rm.Need(
                        d,
                        r.shift,
                        r.beat,
                        r.rank.value if r.rank else None,
                        r.skill,
                        r.min_count - already,
                    )
                )
    return rm.Problem(
        days, tours, people, needs, absences, working, keep_current=mode == "repair"
    ), current_of


def propose(
    db: Database,
    team: str,
    start: date,
    end: date,
    *,
    mode: str = "fill",
    time_limit: float = 10,
    workers: int = 0,
    progress: rm.Progress | None = None,
    only: set[tuple[int, date]] | None = None,
) -> Proposal:
    """Fill the empty cells ("fill") or repair a period changing as little as possible;
    with `only`, just those (member, day) cells may change."""
    if mode not in ("fill", "repair"):
        raise InvalidInput(f"unknown mode '{mode}' (fill or repair)")
    if end < start:
        raise InvalidInput(f"the period ends ({end}) before it starts ({start})")
    if (end - start).days >= MAX_SOLVE_DAYS:
        raise InvalidInput(f"solve at most {MAX_SOLVE_DAYS} days at a time")
    if time_limit <= 0:
        raise InvalidInput("the time limit must be positive")
    grid = read_grid(db, team, start - timedelta(days=7), end)
    problem, current = build_problem(grid, list_requirements(db, team), start, end, mode, only)
    outcome = rm.solve(problem, time_limit=time_limit, workers=workers, progress=progress)
    labels = {p.id: p.label for p in problem.people}
    edits = []
    for (mid, d), code in sorted(outcome.assignment.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if current.get((mid, d)) == code:
            continue
        person = next(p for p in problem.people if p.id == mid)
        beat = person.beat if code in problem.tours else None
        edits.append(CellEdit(mid, d, code, beat))
    explanations = []
    for s in outcome.shortfalls:
        n = s.need
        where = grid.beats[n.beat].name if n.beat and n.beat in grid.beats else grid.team.name
        shift = grid.shift_types[n.shift].name
        if n.rank:
            noun = f"{n.rank}{'s' if n.count > 1 else ''}"
        elif n.skill:
            noun = f"{'people' if n.count > 1 else 'person'} with {n.skill}"
        else:
            noun = "people" if n.count > 1 else "person"
        explanations.append(
            f"{where} {shift} on {dstr(n.day)}: {s.rostered} of {n.count} {noun} the solver "
            f"could place — {s.why}"
        )
    return Proposal(
        team,
        start,
        end,
        mode,
        outcome.status,
        edits,
        current,
        outcome.objective,
        outcome.bound,
        outcome.seconds,
        explanations,
        outcome.conflicts,
        labels,
    )


def apply_proposal(
    db: Database, proposal: Proposal, chosen: list[CellEdit] | None = None
) -> list[CellChange]:
    """Write the accepted cells as one transaction (one undo step in the window)."""
    edits = proposal.edits if chosen is None else chosen
    return set_cells(db, proposal.team, edits, reason=f"auto-roster ({proposal.mode})")
