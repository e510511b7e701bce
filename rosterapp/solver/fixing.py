"""The whole model cut down by the root's reduced costs: a better roster, or a proof.

Column generation's bound is often a unit or two below the best roster the dives find
(benchmark instances 6 and 7: 1949 and 1055 against 1950 and 1056), and CP-SAT on the whole model
does not close such a gap in a minute: its own relaxation is far weaker. But the root's
prices say how much more than their cheapest each person's roster may cost within a
roster at most the target (`solver/reduced.py`), and that rules out most of each
person's shifts. The model cut down to the rest, with each person's reduced cost
bounded as a linear constraint (which also gives CP-SAT's relaxation the root's bound),
holds every roster at most the target: CP-SAT then finds one or proves there is none.
Measured in the search's minute (solver/by_columns.py): 6's 1950 found and proved optimal
within 13 s, 7's 1056 within 32-37 s, 5's 1143 within 53 s.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rosterapp.solver.model import Part
from rosterapp.solver.problem import Problem, Roster
from rosterapp.solver.reduced import Reduced

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    roster: Roster | None  # a roster costing at most the target, if one was found
    bound: int  # proven: no roster costs less than this (0: nothing proved)
    finished: bool  # the search ended before its time: the model's optimum, or none


# Reduced costs are never negative and add up to at most the slack, so fewer than k
# people' rosters cost more than a k-th of it above their least.
SHARES = (2, 3, 4)


def cut_down(problem: Problem, reduced: Reduced, dear_allowed: int = 1) -> Part:
    """The whole model with only the cells `reduced` allows, each person's reduced
    cost within the slack, and the objective at most the target.

    A flag per person and k in SHARES says their roster costs more than a k-th of
    the slack above their least; fewer than k may say so, and only those may take the
    cells that only such rosters take. With `dear_allowed` 0 nobody may cost more than
    half the slack: not every roster at most the target is left then, but the model is
    far smaller (instance 7, measured: its 1056 roster found in 12-17 s so, not in 40 s
    with one person dear, nor in 400 s with each allowed the whole slack and no
    shares).
    """
    part = Part(problem, {p.id: (0, problem.days) for p in problem.people}, {})
    staff = [p.id for p in problem.people]
    m = part.m
    slack = reduced.slack
    flags = {(e, k): m.new_bool_var(f"over_{e}_{k}") for e in staff for k in SHARES}

    def needs(e: Hashable, above: int) -> list[cp_model.IntVar]:
        """The flags a cell `above` the person's least implies."""
        return [flags[(e, k)] for k in SHARES if above > slack // k]

    priced: dict[Hashable, list[cp_model.LinearExprT]] = {e: [] for e in staff}
    working: dict[tuple[Hashable, int], list[cp_model.IntVar]] = {}
    for (e, d, s), x in part.x.items():
        above = reduced.allowed[e].get((d, s))
        if above is None:
            m.add(x == 0)
            continue
        for flag in needs(e, above):
            m.add_implication(x, flag)
        priced[e].append(reduced.cost[e][(d, s)] * x)
        working.setdefault((e, d), []).append(x)
    for e in staff:
        least = reduced.least[e]
        spent = sum(priced[e])
        m.add(spent >= least)
        for k in SHARES:
            m.add(spent <= least + slack // k + (slack - slack // k) * flags[(e, k)])
        for a, b in itertools.pairwise(SHARES):
            m.add_implication(flags[(e, a)], flags[(e, b)])
        for d in range(problem.days):
            above = reduced.allowed[e].get((d, None))
            worked = sum(working.get((e, d), []))
            if above is None:
                m.add(worked == 1)  # no day off that day
            for flag in needs(e, above or 0):
                m.add(worked >= 1 - flag)
    for k in SHARES:
        m.add(sum(flags[(e, k)] for e in staff) <= (k - 1 if k > 2 else dear_allowed))
    m.add(sum(part.terms) <= reduced.target)
    return part


class _Watch(cp_model.CpSolverSolutionCallback):
    """Reports each roster found, with the model's bound only where it is the
    instance's (every roster at most the target still in the model)."""

    def __init__(self, report: Callable[[float, float], bool], proves: bool) -> None:
        super().__init__()
        self.report, self.proves = report, proves

    def on_solution_callback(self) -> None:
        bound = self.best_objective_bound if self.proves else 0
        if not self.report(self.objective_value, bound):
            self.stop_search()


def solve_cut_down(
    problem: Problem,
    reduced: Reduced,
    seconds: float,
    workers: int,
    report: Callable[[float, float], bool] | None = None,
    exact: bool = True,
) -> Outcome:
    """CP-SAT on the cut-down model for at most `seconds`. Not `exact`: no person
    dear, which finds rosters sooner but proves nothing."""
    if reduced.slack < 0:  # the root's bound is above the target already
        return Outcome(None, reduced.target + 1 if exact else 0, True)
    part = cut_down(problem, reduced, 1 if exact else 0)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    watch = _Watch(report, exact) if report is not None else None
    status = solver.solve(part.m, watch)
    log.debug(
        "cut down to %d%s: %s in %.1f s",
        reduced.target,
        "" if exact else ", none dear",
        solver.status_name(status),
        solver.wall_time,
    )
    finished = status in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
    found = part.read(solver) if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
    if not exact:
        return Outcome(found, 0, finished)
    if status == cp_model.INFEASIBLE:
        return Outcome(None, reduced.target + 1, True)
    # Every roster at most the target is in the model: its optimum is the instance's,
    # and its bound (below the target) too.
    bound = min(reduced.target + 1, math.ceil(solver.best_objective_bound - 1e-9))
    return Outcome(found, bound, finished)
