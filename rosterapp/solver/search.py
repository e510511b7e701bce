"""The rostering engine's search: a first roster, then better ones by parts.

Every hard rule belongs to one person and people are coupled only through cover,
so a roster is improved by freeing a few people (or everyone over a few days) and
re-solving that part exactly with the rest fixed (a large-neighbourhood search).
Small problems (a team's week) go whole to CP-SAT, which also proves a bound;
long ones are built a week at a time, each week whole, the weeks before fixed.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rosterapp.solver.model import Part
from rosterapp.solver.problem import Problem, Roster
from rosterapp.solver.rota import allowed, rota_lines, rotated

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Progress:
    """What the search has found so far; the callback returns False to stop."""

    stage: str  # "first" (a first whole roster), "better", "bound"
    objective: float
    bound: float
    short: int  # people short of cover, summed over all cover
    seconds: float


Watch = Callable[[Progress], bool]


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
# Long problems: the first roster, week by week, within this share of the time (and cap).
FIRST_SHARE = 0.3
FIRST_CAP = 20.0
JOIN_SHARE = 0.6  # of that, the first week's (the pattern rotated), before the joins
TEMPLATE_SHARE = 0.2  # but the first week never less than this share of the whole time
PART_SECONDS = 1.0  # one part's time limit; sizes adapt so that most finish sooner
PART_WORKERS = 2


def decisions(problem: Problem) -> int:
    return sum(len(p.tours) for p in problem.people for d in range(problem.days) if d not in p.kept)


def solver(seconds: float, workers: int, seed: int = 0) -> cp_model.CpSolver:
    s = cp_model.CpSolver()
    s.parameters.max_time_in_seconds = max(seconds, 0.05)
    s.parameters.num_workers = workers
    s.parameters.random_seed = seed
    return s


class _Run:
    """One search: the best roster so far, and the watch to tell."""

    def __init__(self, problem: Problem, time_limit: float, workers: int, watch: Watch | None):
        self.problem = problem
        self.start = time.monotonic()
        self.deadline = self.start + time_limit
        self.workers = workers or 8
        self.watch = watch
        self.best: Roster | None = None
        self.value = float("inf")
        self.bound = 0.0
        self.first: float | None = None
        self.stopped = False
        self.infeasible = False  # proved: no roster keeps every rule

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def offer(self, roster: Roster, value: float) -> None:
        if value >= self.value and self.best is not None:
            return
        first = self.best is None
        self.best, self.value = roster, value
        if first:
            self.first = time.monotonic() - self.start
        self.tell("first" if first else "better")

    def tell(self, stage: str) -> None:
        if self.watch is None or self.best is None:
            return
        report = Progress(
            stage,
            self.value,
            self.bound,
            shortfall(self.problem, self.best),
            time.monotonic() - self.start,
        )
        if not self.watch(report):
            self.stopped = True


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, run: _Run, part: Part) -> None:
        super().__init__()
        self.run, self.part = run, part

    def on_solution_callback(self) -> None:
        self.run.bound = max(self.run.bound, self.best_objective_bound)
        self.run.offer(self.part.read(self), self.objective_value)
        if self.run.stopped:
            self.stop_search()


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
    run = _Run(problem, time_limit, workers, watch)
    base = _with_kept(problem, start or {})
    status = "UNKNOWN"
    if decisions(problem) <= WHOLE_LIMIT:
        status = _whole(run, base, run.left() * WHOLE_SHARE)
        if run.best is not None and status != "OPTIMAL" and not run.stopped:
            _improve(run, random.Random(seed))
    else:
        weekly = any(p.week_rest or p.week_duties for p in problem.people)
        # A rota only fits weekly rules; otherwise each person's best in turn (greedy).
        built = _by_rota(run, base) if weekly else _by_people(run, base)
        if built is not None and not run.stopped:
            _improve(run, random.Random(seed))
            status = "FEASIBLE"
        elif built is None:
            status = "INFEASIBLE" if run.infeasible else "UNKNOWN"
    if run.best is not None and status not in ("OPTIMAL",):
        status = "OPTIMAL" if run.value <= run.bound else "FEASIBLE"
    return Result(
        run.best if run.best is not None else base,
        run.value if run.best is not None else float("nan"),
        run.bound,
        status,
        time.monotonic() - run.start,
        run.first,
    )


def _with_kept(problem: Problem, start: Roster) -> Roster:
    out: Roster = {p.id: dict(start.get(p.id, {})) for p in problem.people}
    for p in problem.people:
        for d, kept in p.kept.items():
            if isinstance(kept, str):
                out[p.id][d] = kept
            else:
                out[p.id].pop(d, None)
    return out


def _whole(run: _Run, base: Roster, seconds: float) -> str:
    problem = run.problem
    part = Part(problem, {p.id: (0, problem.days) for p in problem.people}, base)
    part.hint(_rota_hint(problem, base))
    s = solver(seconds, run.workers)
    status = s.solve(part.m, _Callback(run, part))
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        run.bound = max(run.bound, s.best_objective_bound)
        run.offer(part.read(s), s.objective_value)
    return s.status_name(status)


def _rota_hint(problem: Problem, base: Roster) -> Roster:
    """Where to start a search: what the free cells hold now; or, where they are empty
    and the week before is rostered, that week rotated along the rota lines (a team's
    next week, as a sergeant would start it)."""
    weekly = any(p.week_rest or p.week_duties for p in problem.people)
    before = sum(1 for plan in base.values() for d in plan if -7 <= d < 0)
    kept = {p.id: p.kept for p in problem.people}
    filled = sum(
        1
        for pid, plan in base.items()
        for d in plan
        if 0 <= d < problem.days and d not in kept[pid]
    )
    if not weekly or before == 0 or filled:
        return base
    lines = rota_lines(problem)
    hint = base
    for week in problem.weeks():
        hint = rotated(problem, hint, lines, max(week.start, 0), min(week.stop, problem.days))
    return _with_kept(problem, allowed(problem, hint))


def _by_rota(run: _Run, base: Roster) -> Roster | None:
    """A first roster for a long horizon, built like a rota.

    The first week is solved whole; each later week is the week before rotated like
    a rota's lines (each person takes the next person's week, within the people one
    cover line counts); then each join between weeks is re-solved with everyone free
    over it, which mends rest and runs across the weekend."""
    problem = run.problem
    share = min(FIRST_SHARE * (run.deadline - run.start), FIRST_CAP)
    first = problem.weeks()[0]
    lo, hi = max(first.start, 0), min(first.stop, problem.days)
    part = Part(problem, {p.id: (lo, hi) for p in problem.people}, base)
    part.hint(base)
    # The first week is the pattern every later week rotates: its quality is the
    # quarter's, so it gets at least a fifth of the whole time.
    template = max(JOIN_SHARE * share, TEMPLATE_SHARE * (run.deadline - run.start))
    found = _solve_part(run, part, template, run.workers)
    if found is None:
        return None
    roster = found
    lines = rota_lines(problem)
    weeks = problem.weeks()[1:]
    for week in weeks:
        roster = rotated(problem, roster, lines, max(week.start, 0), min(week.stop, problem.days))
    roster = _with_kept(problem, allowed(problem, roster))
    # Mend each join (Saturday to Tuesday: rest after a Sunday late-late, runs across
    # the weekend) with everyone free there and the rest fixed.
    for i, week in enumerate(weeks):
        budget = (run.start + share - time.monotonic()) / (len(weeks) - i)
        lo, hi = max(week.start - 2, 0), min(week.start + 2, problem.days)
        part = Part(problem, {p.id: (lo, hi) for p in problem.people}, roster)
        part.hint(roster)
        found = _solve_part(run, part, max(0.2, budget), run.workers, seed=i)
        if found is None:
            return None
        roster = found
    run.offer(roster, value(problem, roster))
    return roster


def _solve_part(run: _Run, part: Part, budget: float, workers: int, seed: int = 0) -> Roster | None:
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


def _by_people(run: _Run, base: Roster) -> Roster | None:
    """One person at a time over the whole horizon, each the best for the cover the
    others leave: a first roster (greedy), the scarcest people first."""
    problem = run.problem
    roster = base
    share = min(FIRST_SHARE * (run.deadline - run.start), FIRST_CAP)
    scarce = {
        p.id: sum(1 for c in problem.cover if c.who and c.who <= p.attrs) for p in problem.people
    }
    order = sorted(problem.people, key=lambda p: (len(p.tours), -scarce[p.id], str(p.id)))
    for i, p in enumerate(order):
        budget = max(0.05, (run.start + share - time.monotonic()) / (len(order) - i))
        part = Part(problem, {p.id: (0, problem.days)}, roster)
        part.hint(roster)
        while True:
            s = solver(min(budget, run.left()), 1, seed=i)
            status = s.solve(part.m)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                break
            if status == cp_model.INFEASIBLE or run.left() <= 0.05 or run.stopped:
                run.infeasible = status == cp_model.INFEASIBLE
                return None
            budget *= 2
        roster = part.read(s)
    run.offer(roster, value(problem, roster))
    return roster


def value(problem: Problem, roster: Roster) -> float:
    """The whole objective of a roster: the whole model, every decision fixed."""
    part = Part(problem, {p.id: (0, problem.days) for p in problem.people}, roster)
    return hinted_value(part, roster)


def hinted_value(part: Part, roster: Roster) -> float:
    """The part's objective with its decisions as `roster` has them (inf: breaks a rule)."""
    part.hint(roster)
    s = solver(10, 1)
    s.parameters.fix_variables_to_their_hinted_value = True
    status = s.solve(part.m)
    part.m.clear_hints()
    # Only a proven value: a merely feasible one overstates it (the auxiliary terms not
    # at their least), and the search's running total would drift below the truth.
    if status != cp_model.OPTIMAL:
        return float("inf")
    return s.objective_value


def shortfall(problem: Problem, roster: Roster) -> int:
    """People short, summed over every cover line."""
    attrs = {p.id: p.attrs for p in problem.people}
    counts: dict[tuple[int, str], list[Hashable]] = {}
    for pid, plan in roster.items():
        for d, t in plan.items():
            counts.setdefault((d, t), []).append(pid)
    short = 0
    for c in problem.cover:
        if c.under:
            have = sum(1 for pid in counts.get((c.day, c.tour), ()) if c.who <= attrs[pid])
            short += max(0, c.need - have)
    return short


def _improve(run: _Run, rng: random.Random) -> None:
    from rosterapp.solver.neighbourhoods import Neighbourhoods

    problem = run.problem
    hoods = Neighbourhoods(problem, rng)
    seed = 0
    assert run.best is not None
    while run.left() > 0.05 and run.value > run.bound and not run.stopped:
        kind, free = hoods.next(run.best)
        part = Part(problem, free, run.best)
        before = hinted_value(part, run.best)
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
        gain = before - s.objective_value
        if gain > 1e-6:
            log.debug("%s improved %s by %s", kind, run.value, gain)
            run.offer(part.read(s), run.value - gain)
        elif gain > -1e-6:
            run.best = part.read(s)  # as good: move on from it
