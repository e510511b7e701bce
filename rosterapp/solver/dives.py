"""Rosters from column generation's master: dives, and a pool of their columns.

A dive fixes the people whose column the master is surest of, re-solves the master
with fresh columns, and repeats; the last few are placed together by CP-SAT. Dives are
repeated in other orders while they find better rosters, and `pooled` mixes their
columns, one per person, by CP-SAT.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable, Hashable

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from rosterapp.solver.columns import FINISH_FREE, FINISH_SECONDS, STALE_DIVES, SURE, Columns
from rosterapp.solver.model import Part
from rosterapp.solver.problem import Roster, roster_cost

log = logging.getLogger(__name__)


def dives(
    cols: Columns, deadline: float, report: Callable[[float, float], bool] | None = None
) -> Roster | None:
    """Dive, then dive again from the root in another order while a dive still fits
    the time; the best roster found.

    Up to STALE_DIVES dives in a row that find nothing better (the small instances'
    bound is often below their optimum: CP-SAT then proves it faster). The later
    dives draw each person's column by its weight in the master and
    shuffle the fixing order a little: on instances 5-8 one dive takes 1-20 s and
    lands 1-10 above the bound, in different places each time. `report(value,
    bound)` hears each better roster, and may stop the search.
    """
    chance: random.Random | None = None
    best: Roster | None = None
    best_value = math.inf
    stale = 0  # dives in a row that found nothing better
    dived = 0
    while stale < STALE_DIVES:
        begun = time.monotonic()
        found = dive(cols, deadline, chance)
        dived += 1
        if found is not None:
            value = roster_cost(cols.problem, found)
            log.debug("dive %d: %d", dived, value)
            stale += 1
            if value < best_value:
                best, best_value, stale = found, value, 0
                if report is not None and not report(value, cols.bound):
                    return best
        if (
            best_value <= cols.bound
            or time.monotonic() + 1.5 * (time.monotonic() - begun) > deadline
        ):
            return best
        unfix(
            cols,
        )
        chance = chance or random.Random(0)
    return best


def unfix(cols: Columns) -> None:
    """Back to the root: every person free again."""
    for e in cols.fixed:
        cols.fixed_vars[e].SetLb(0)
    cols.fixed.clear()
    cols.fixed_vars.clear()


def dive(cols: Columns, deadline: float, chance: random.Random | None = None) -> Roster | None:
    """Fix the surest people' columns and re-converge, until everyone is fixed.

    One person per step when time allows (measured best: fixing a quarter at a time
    lost 100 on instance 7 and gained nothing on 9), more when the steps so far say
    the deadline would not be met otherwise. With `chance`, each person's column is
    drawn by its weight and the order is shuffled a little.
    """
    begun = time.monotonic()
    steps = 0
    rounded: Roster | None = None  # everyone on their likeliest column, so far
    while len(cols.fixed) < len(cols.staff):
        z = cols.converge(deadline)
        if z is None or z >= cols.artificial / 2:
            log.debug("dive stopped with %d of %d fixed", len(cols.fixed), len(cols.staff))
            return rounded
        candidates = []
        for e in cols.staff:
            if e not in cols.fixed:
                v, plan = _pick(cols, e, chance)
                weight = v.solution_value()
                order = weight if chance is None else weight * chance.uniform(0.6, 1.0)
                candidates.append((order, weight, e, v, plan))
        candidates.sort(key=lambda c: -c[0])
        rounded = {**cols.fixed, **{e: plan for *_w, e, _var, plan in candidates}}
        if len(candidates) <= min(FINISH_FREE, len(cols.staff) // 4):
            return _finish(cols, rounded, deadline)
        steps += 1
        per_step = (time.monotonic() - begun) / steps
        # Later steps re-converge longer than early ones: plan on 70 % of the time left.
        affordable = max(1.0, 0.7 * (deadline - time.monotonic()) / per_step)
        take = max(1, math.ceil(len(candidates) / affordable))
        chosen = [c for i, c in enumerate(candidates) if c[1] >= SURE or i < take]
        for *_w, e, v, plan in chosen:
            v.SetLb(1)
            cols.fixed[e] = plan
            cols.fixed_vars[e] = v
        log.debug("dive: master %.2f, %d of %d fixed", z, len(cols.fixed), len(cols.staff))
    return {e: dict(cols.fixed[e]) for e in cols.staff}


def pooled(cols: Columns, best: Roster, seconds: float, workers: int) -> Roster:
    """The best roster that takes one column per person from those generated so
    far (every dive's columns and `best`'s own), by CP-SAT from `best`.

    The dives end a few units above the bound, each in its own place; mixing their
    columns found instance 5's best known roster (1143, proven best over the pool in
    8 s) where every dive stayed at 1146 or above.
    """
    for e in cols.staff:
        cols.add(e, best[e])  # the finish's columns were never priced
    m = cp_model.CpModel()
    by_cell: dict[tuple[int, str], list[tuple[cp_model.IntVar, frozenset[str]]]] = {}
    terms: list[cp_model.LinearExprT] = []
    chosen: list[tuple[cp_model.IntVar, Hashable, dict[int, str]]] = []
    for e in cols.staff:
        options = []
        for _var, plan in cols.columns[e]:
            y = m.new_bool_var("")
            options.append(y)
            chosen.append((y, e, plan))
            terms.append(cols.cost(e, plan) * y)
            for cell in plan.items():
                by_cell.setdefault(cell, []).append((y, cols.kind[e]))
            m.add_hint(y, plan == best[e])
        m.add_exactly_one(options)
    for r in cols.rows:
        rostered = [y for y, kind in by_cell.get(r.cell, []) if r.who <= kind]
        under = m.new_int_var(0, r.need, "")
        over = m.new_int_var(0, len(rostered), "")
        m.add(sum(rostered) + under - over == r.need)
        terms.append(r.under * under + r.over * over)
    m.minimize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    if solver.solve(m) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return best
    found = {e: plan for y, e, plan in chosen if solver.boolean_value(y)}
    value = roster_cost(cols.problem, found)
    log.debug("pool of %d columns: %d", len(chosen), value)
    return found if value < roster_cost(cols.problem, best) else best


def _pick(
    cols: Columns, e: Hashable, chance: random.Random | None
) -> tuple[pywraplp.Variable, dict[int, str]]:
    """The person's column with the most weight in the master, or one drawn by it."""
    if chance is not None:
        used = [(v, plan) for v, plan in cols.columns[e] if v.solution_value() > 1e-6]
        if used:
            weights = [v.solution_value() for v, _plan in used]
            return chance.choices(used, weights)[0]
    return max(cols.columns[e], key=lambda c: c[0].solution_value())


def _finish(cols: Columns, rounded: Roster, deadline: float) -> Roster:
    """The last few people together by CP-SAT, everyone else as fixed."""
    free = {e: (0, cols.problem.days) for e in cols.staff if e not in cols.fixed}
    part = Part(cols.problem, free, cols.fixed)
    part.hint(rounded)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = cols.workers
    left = deadline - time.monotonic()
    solver.parameters.max_time_in_seconds = max(0.1, min(FINISH_SECONDS, left))
    status = solver.solve(part.m)
    log.debug(
        "dive finished by CP-SAT: %s %.0f", solver.status_name(status), solver.objective_value
    )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return rounded
    found = part.read(solver)
    return min((found, rounded), key=lambda r: roster_cost(cols.problem, r))
