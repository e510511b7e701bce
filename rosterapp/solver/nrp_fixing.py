"""The whole model cut down by the root's reduced costs: a better roster, or a proof.

Column generation's bound is often a unit or two below the best roster the dives find
(instances 6 and 7: 1949 and 1055 against 1950 and 1056), and CP-SAT on the whole model
does not close such a gap in a minute: its own relaxation is far weaker. But the root's
prices say how much more than their cheapest each employee's roster may cost within a
roster at most the target (`Columns.reduced`), and that rules out most of each
employee's shifts. The model cut down to the rest, with each employee's reduced cost
bounded as a linear constraint (which also gives CP-SAT's relaxation the root's bound),
holds every roster at most the target: CP-SAT then finds one or proves there is none.
Measured: instance 6's 1950 found and proved optimal in 3 s; instance 7's 1055 proved
impossible in 12 s.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rosterapp.solver.nrp import Instance, Solution, evaluate
from rosterapp.solver.nrp_columns import Reduced
from rosterapp.solver.nrp_part import Part

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    roster: Solution | None  # a roster costing at most the target, if one was found
    bound: int  # proven: no roster costs less than this (0: nothing proved)


def cut_down(inst: Instance, reduced: Reduced) -> Part:
    """The whole model with only the cells `reduced` allows, each employee's reduced
    cost within the slack, and the objective at most the target."""
    part = Part(inst, {e: (0, inst.days) for e in inst.staff}, {})
    m = part.m
    priced: dict[str, list[cp_model.LinearExprT]] = {e: [] for e in inst.staff}
    working: dict[tuple[str, int], list[cp_model.IntVar]] = {}
    for (e, d, s), x in part.x.items():
        if (d, s) not in reduced.allowed[e]:
            m.add(x == 0)
            continue
        priced[e].append(reduced.cost[e][(d, s)] * x)
        working.setdefault((e, d), []).append(x)
    for e in inst.staff:
        least = reduced.least[e]
        m.add_linear_constraint(sum(priced[e]), least, least + reduced.slack)
        for d in range(inst.days):
            if (d, None) not in reduced.allowed[e]:
                m.add(sum(working.get((e, d), [])) == 1)  # no day off that day
    m.add(sum(part.terms) <= reduced.target)
    return part


class _Watch(cp_model.CpSolverSolutionCallback):
    def __init__(self, report: Callable[[float, float], bool]) -> None:
        super().__init__()
        self.report = report

    def on_solution_callback(self) -> None:
        if not self.report(self.objective_value, self.best_objective_bound):
            self.stop_search()


def solve_cut_down(
    inst: Instance,
    reduced: Reduced,
    seconds: float,
    workers: int,
    report: Callable[[float, float], bool] | None = None,
) -> Outcome:
    """CP-SAT on the cut-down model for at most `seconds`."""
    if reduced.slack < 0:  # the root's bound is above the target already
        return Outcome(None, reduced.target + 1)
    part = cut_down(inst, reduced)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    status = solver.solve(part.m, _Watch(report) if report is not None else None)
    log.debug(
        "cut down to %d: %s in %.1f s", reduced.target, solver.status_name(status), solver.wall_time
    )
    if status == cp_model.INFEASIBLE:
        return Outcome(None, reduced.target + 1)
    # Every roster at most the target is in the model, so its bound (below the target)
    # is the instance's; its optimum, the instance's optimum.
    bound = min(reduced.target + 1, math.ceil(solver.best_objective_bound - 1e-9))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Outcome(None, bound)
    found = part.read(solver)
    return Outcome(found, evaluate(inst, found).objective if status == cp_model.OPTIMAL else bound)
