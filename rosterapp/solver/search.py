"""The rostering engine's search: a bound and a first roster, then better ones by parts.

Every hard rule belongs to one person and people are coupled only through cover,
so a roster is improved by freeing a few people (or everyone over a few days) and
re-solving that part exactly with the rest fixed (a large-neighbourhood search).
Before that, in turn, where each fits: column generation (solver/by_columns.py: the
strongest bound, and rosters by diving); the whole model on CP-SAT (solver/whole.py:
a team's week, or the benchmark's smaller instances); long horizons built a week at a
time like a rota, or one person at a time.
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rosterapp.solver.by_columns import by_columns
from rosterapp.solver.evaluate import cover_and_wishes_only, hinted_value, solver, value
from rosterapp.solver.model import Part
from rosterapp.solver.neighbourhoods import Neighbourhoods
from rosterapp.solver.problem import Person, Problem, Roster, Shape, roster_cost, with_kept
from rosterapp.solver.respond import Sweeps, responded, responds
from rosterapp.solver.rota import allowed, rota_lines, rotated
from rosterapp.solver.run import Progress, Run, Watch
from rosterapp.solver.whole import staged, whole

log = logging.getLogger(__name__)

__all__ = ["Progress", "Result", "Watch", "decisions", "solve"]


@dataclass
class Result:
    roster: Roster
    objective: float
    bound: float
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN
    seconds: float
    first_seconds: float | None


# Up to this many decisions the whole model goes to CP-SAT (a West End week is about
# 5,000); above it, the roster is built a week at a time and improved by parts.
WHOLE_LIMIT = 9_000
# The whole model's share of the time; parts improve on its roster for the rest.
WHOLE_SHARE = 1.0  # measured: CP-SAT's own search beats ours on a team's week
# Unshaped problems (the benchmark) go whole, in stages, up to this many decisions, for
# this share of the time left (its many threads on two cores make the stages vary from
# run to run; improving by parts takes the rest). Measured on benchmark instances 1-19.
STAGED_LIMIT = 6_000
STAGED_SHARE = 0.6
# Long problems: the first roster, week by week, within this share of the time (and cap).
FIRST_SHARE = 0.3
FIRST_CAP = 20.0
# Best responses (solver/respond.py): their first pass may take this share of the time
# (more, foreseen, and the search goes another way), its sweeps FIRST_CAP in all.
RESPOND_SHARE = 0.3
# ...and at most this long: instance 23's pass (130 s) left too little for the parts,
# and one person at a time by CP-SAT takes some 50 s of its own there.
FIRST_PASS_CAP = 60.0
QUICK_TEMPLATE = 6.0  # seconds for the rota's first week (see _by_rota)
# Sweeps of best responses between parts, where they are exact and the horizon is long
# (at least SWEEP_DAYS): at most this share of the improving time (solver/respond.py,
# Sweeps). Measured at 60 s on 4- and 6-week instances 13 and 15, sweeps made them
# worse (5,004 and 6,585 against 4,383 and 6,161 without); on the half-year 20, better.
SWEEP_SHARE = 0.5
SWEEP_DAYS = 100
PART_SECONDS = 1.0  # one part's time limit; sizes adapt so that most finish sooner
PART_WORKERS = 2


def decisions(problem: Problem) -> int:
    return sum(len(p.tours) for p in problem.people for d in range(problem.days) if d not in p.kept)


def solve(
    problem: Problem,
    *,
    time_limit: float = 10,
    workers: int = 0,
    start: Roster | None = None,
    watch: Watch | None = None,
    seed: int = 1,
) -> Result:
    """The best roster found within `time_limit` seconds. `start` holds what the free
    cells hold now (a repair starts from it); kept tours are always in the roster."""
    run = Run(problem, time_limit, workers, watch)
    base = with_kept(problem, start or {})
    size = decisions(problem)
    status = "UNKNOWN"
    by_columns(run, size)
    unshaped = problem.shape == Shape()
    if run.value > run.bound and not run.stopped:
        if unshaped and size <= STAGED_LIMIT:
            status = staged(run, base, run.left() * STAGED_SHARE, size)
        elif not unshaped and size <= WHOLE_LIMIT:
            status = whole(run, base, run.left() * WHOLE_SHARE)
    sweep = False  # sweeps of best responses while improving: where the first pass was quick
    if run.best is None and not run.stopped:
        weekly = any(p.week_rest or p.week_duties for p in problem.people)
        # A rota only fits weekly rules; otherwise each person's best in turn (greedy),
        # by the programme where its answers are exact.
        built = None
        if weekly:
            built = _by_rota(run, base)
        elif responds(problem):
            built = _by_responses(run, base)
            sweep = built is not None and problem.days >= SWEEP_DAYS
        if built is None and not weekly and not run.stopped:
            built = _by_people(run, base)
        if built is None:
            status = "INFEASIBLE" if run.infeasible else "UNKNOWN"
    if run.best is not None and status != "OPTIMAL" and run.value > run.bound:
        if not run.stopped:
            _improve(run, random.Random(seed), sweep)
        status = "OPTIMAL" if run.value <= run.bound else "FEASIBLE"
    if run.best is not None and run.value <= run.bound:
        status = "OPTIMAL"
    return Result(
        run.best if run.best is not None else base,
        run.value if run.best is not None else float("nan"),
        run.bound,
        status,
        time.monotonic() - run.start,
        run.first,
    )


def _by_rota(run: Run, base: Roster) -> Roster | None:
    """A first roster for a long horizon, built like a rota.

    The first week is solved whole; each later week is the week before rotated like
    a rota's lines (each person takes the next person's week, within the people one
    cover line counts); then each join between weeks is re-solved with everyone free
    over it, which mends rest and runs across the weekend.

    The first week gets a few seconds only. Measured on the West End quarter (300 s):
    that week given a fifth of the time made the first roster better (145,340 against
    164,719) but came at 91 s, not 25 s, and the parts then had less time: 21,781 at
    the end against 19,865."""
    share = min(FIRST_SHARE * (run.deadline - run.start), FIRST_CAP)
    week = _first_week(run, base, QUICK_TEMPLATE)
    if week is None:
        return None
    roster = _rotated_and_joined(run, week, run.start + share)
    if roster is not None:
        run.offer(roster, value(run.problem, roster))
        log.debug("rota: offered at %.1f s", time.monotonic() - run.start)
    return roster


def _first_week(run: Run, start: Roster, budget: float) -> Roster | None:
    problem = run.problem
    first = problem.weeks()[0]
    lo, hi = max(first.start, 0), min(first.stop, problem.days)
    part = Part(problem, {p.id: (lo, hi) for p in problem.people}, start)
    part.hint(start)
    return _solve_part(run, part, budget, run.workers)


def _rotated_and_joined(run: Run, week: Roster, joins: float) -> Roster | None:
    """The first week's pattern rotated over the later weeks, each join mended with
    everyone free there and the rest fixed (Saturday to Tuesday: rest after a Sunday
    late-late, runs across the weekend), all by the time `joins`."""
    problem = run.problem
    lines = rota_lines(problem)
    weeks = problem.weeks()[1:]
    roster = week
    for w in weeks:
        roster = rotated(problem, roster, lines, max(w.start, 0), min(w.stop, problem.days))
    roster = with_kept(problem, allowed(problem, roster))
    for i, w in enumerate(weeks):
        budget = (joins - time.monotonic()) / (len(weeks) - i)
        lo, hi = max(w.start - 2, 0), min(w.start + 2, problem.days)
        part = Part(problem, {p.id: (lo, hi) for p in problem.people}, roster)
        part.hint(roster)
        found = _solve_part(run, part, max(0.2, budget), run.workers, seed=i)
        if found is None:
            return None
        roster = found
    return roster


def _solve_part(run: Run, part: Part, budget: float, workers: int, seed: int = 0) -> Roster | None:
    """The part's best roster in its budget, given longer while time lasts."""
    while True:
        s = solver(min(budget, run.left()), workers, seed=seed)
        status = s.solve(part.m)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return part.read(s)
        if status == cp_model.INFEASIBLE or run.left() <= 0.05 or run.stopped:
            run.infeasible = status == cp_model.INFEASIBLE
            return None
        budget *= 2


def _order(problem: Problem) -> list[Person]:
    """Who gets a first roster first: the scarcest and the busiest."""
    scarce = {
        p.id: sum(1 for c in problem.cover if c.who and c.who <= p.attrs) for p in problem.people
    }
    # Ties in a random order (measured on benchmark instance 21: 89,256 so, 160,886 in
    # the order of the staff list).
    order = list(problem.people)
    random.Random(1).shuffle(order)
    order.sort(key=lambda p: (-scarce[p.id], -(p.min_minutes or 0)))
    return order


def _by_responses(run: Run, base: Roster) -> Roster | None:
    """Each person's exact best for the cover the others leave, in turn, then sweeps
    of best responses until no one alone does better (solver/respond.py)."""
    share = RESPOND_SHARE * (run.deadline - run.start)
    order = [p.id for p in _order(run.problem)]
    first_by = run.start + min(share, FIRST_PASS_CAP)
    sweeps_by = run.start + min(share, FIRST_CAP)
    roster = responded(run.problem, base, order, sweeps_by, seed=1, first_by=first_by)
    if roster is not None:
        run.offer(roster, value(run.problem, roster))
    return roster


def _by_people(run: Run, base: Roster) -> Roster | None:
    """One person at a time over the whole horizon, each the best for the cover the
    others leave: a first roster (greedy), the scarcest and the busiest first."""
    problem = run.problem
    roster = base
    share = min(FIRST_SHARE * (run.deadline - run.start), FIRST_CAP)
    order = _order(problem)
    for i, p in enumerate(order):
        budget = max(0.05, (run.start + share - time.monotonic()) / (len(order) - i))
        part = Part(problem, {p.id: (0, problem.days)}, roster)
        if any(0 <= d < problem.days for d in roster.get(p.id, {})):
            part.hint(roster)  # a repair: start from what they hold
        # Two workers: one search alone was measured to wander for long on a tight band
        # of minutes (benchmark instance 19: no roster at all within its minute).
        s = solver(min(budget, run.left()), 2, seed=i)
        status = s.solve(part.m)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and not run.stopped:
            # No best roster for this person in that time: any that keeps the rules.
            part.m.clear_objective()
            s = solver(run.left(), 2, seed=i)
            status = s.solve(part.m)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            run.infeasible = status == cp_model.INFEASIBLE
            return None
        roster = part.read(s)
    run.offer(roster, value(problem, roster))
    return roster


def _improve(run: Run, rng: random.Random, sweep: bool) -> None:
    problem = run.problem
    hoods = Neighbourhoods(problem, rng)
    seed = 0
    # Where a roster's cost is its cover and wishes, the whole roster is re-scored in
    # milliseconds; elsewhere the part's own value is checked by CP-SAT before each try.
    quick = cover_and_wishes_only(problem)
    sweeps = Sweeps(problem, SWEEP_SHARE, seed) if sweep else None
    began = time.monotonic()
    assert run.best is not None
    while run.left() > 0.05 and run.value > run.bound and not run.stopped:
        if sweeps is not None and sweeps.due(run.value, time.monotonic() - began):
            swept = sweeps.sweep(run.best, run.value, run.deadline)
            if swept is not None:
                run.offer(swept, roster_cost(problem, swept))
            continue
        kind, free = hoods.next(run.best)
        part = Part(problem, free, run.best)
        before = run.value if quick else hinted_value(part, run.best)
        if before == float("inf"):
            log.debug("%s: the roster as it is did not check in time", kind)
            continue
        part.hint(run.best)
        seed += 1
        s = solver(min(PART_SECONDS, run.left()), PART_WORKERS, seed)
        status = s.solve(part.m)
        hoods.feedback(kind, status == cp_model.OPTIMAL)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        found = part.read(s)
        gain = before - (roster_cost(problem, found) if quick else s.objective_value)
        if gain > 1e-6:
            log.debug("%s improved %s by %s", kind, run.value, gain)
            run.offer(found, run.value - gain)
        elif gain > -1e-6:
            run.best = found  # as good: move on from it
