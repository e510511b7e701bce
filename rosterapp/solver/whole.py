"""The whole model (everyone free) on CP-SAT: the first stage of a problem small enough.

A shaped problem (a team's roster) starts from the week before rotated like a rota and
gets the whole time: measured, CP-SAT's own search beats ours on a team's week. An
unshaped one (cover and wishes only, as the benchmark) goes in stages: under-cover
costs a hundred times what an unmet wish or an over-covered tour does there, and the
search on the plain objective was measured to stall one or two uncovered tours above
the best known rosters (benchmark instances 4-8). Minimising the shortfall alone finds
those rosters' cover far more often; the full objective is then minimised among
rosters that cover at least as well, starting from it.
"""

from __future__ import annotations

import math
import time

from ortools.sat.python import cp_model

from rosterapp.solver.evaluate import solver, value, weighted_shortfall
from rosterapp.solver.model import Part
from rosterapp.solver.problem import Problem, Roster, with_kept
from rosterapp.solver.rota import allowed, rota_lines, rotated
from rosterapp.solver.run import Run

# Unshaped: the plain model first on the smallest problems (it proves the benchmark's
# 1-4 optimal in a second or two; given a share on larger ones it did worse), then
# cover alone for half the time.
PLAIN_LIMIT = 700
PLAIN_SHARE = 0.2
COVER_SHARE = 0.5


class Callback(cp_model.CpSolverSolutionCallback):
    """Offers each roster CP-SAT finds (at `full`'s value: the part's own by default)."""

    def __init__(self, run: Run, part: Part, full: bool = False) -> None:
        super().__init__()
        self.run, self.part, self.full = run, part, full

    def on_solution_callback(self) -> None:
        roster = self.part.read(self)
        if self.full:
            self.run.offer(roster, value(self.run.problem, roster))
        else:
            self.run.bound = max(self.run.bound, self.best_objective_bound)
            self.run.offer(roster, self.objective_value)
        if self.run.stopped:
            self.stop_search()


def everyone(problem: Problem, base: Roster) -> Part:
    return Part(problem, {p.id: (0, problem.days) for p in problem.people}, base)


def whole(run: Run, base: Roster, seconds: float) -> str:
    """The whole model from the rota hint, for `seconds`; CP-SAT's status name."""
    problem = run.problem
    part = everyone(problem, base)
    part.hint(rota_hint(problem, base))
    s = solver(seconds, run.workers)
    status = s.solve(part.m, Callback(run, part))
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        run.bound = max(run.bound, s.best_objective_bound)
        run.offer(part.read(s), s.objective_value)
    return s.status_name(status)


def staged(run: Run, base: Roster, seconds: float, size: int) -> str:
    """The whole model in stages (see the module's note); CP-SAT's last status name."""
    problem = run.problem
    end = time.monotonic() + seconds
    best = run.best
    if size <= PLAIN_LIMIT:
        plain = everyone(problem, base)
        if best is not None:
            plain.hint(best)
        s = solver(seconds * PLAIN_SHARE, run.workers)
        status = s.solve(plain.m, Callback(run, plain))
        run.bound = max(run.bound, s.best_objective_bound)
        if status == cp_model.OPTIMAL or run.stopped:
            return s.status_name(status)
    # Cover alone. Its optimum is a lower bound of the whole objective as well.
    cover = everyone(problem, base)
    cover.m.clear_objective()
    cover.m.minimize(sum(cover.shortfall))
    if run.best is not None:
        cover.hint(run.best)
    s = solver(seconds * COVER_SHARE, run.workers)
    status = s.solve(cover.m, Callback(run, cover, full=True))
    run.bound = max(run.bound, s.best_objective_bound)
    if run.stopped:
        return s.status_name(status)
    start = run.best
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        covered = cover.read(s)
        if start is None or weighted_shortfall(problem, covered) < weighted_shortfall(
            problem, start
        ):
            start = covered
    if start is None:
        return s.status_name(status)
    # Everything, among rosters that cover at least as well, from the better cover.
    full = everyone(problem, base)
    full.m.add(sum(full.shortfall) <= weighted_shortfall(problem, start))
    full.m.add(sum(full.terms) >= math.ceil(run.bound))  # lets it stop at a proven bound
    full.hint(start)
    s = solver(end - time.monotonic(), run.workers)
    status = s.solve(full.m, Callback(run, full))
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        run.offer(full.read(s), s.objective_value)
    # Its bound is only among rosters covering as well: not the problem's.
    return "FEASIBLE" if status == cp_model.OPTIMAL else s.status_name(status)


def rota_hint(problem: Problem, base: Roster) -> Roster:
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
    return with_kept(problem, allowed(problem, hint))
