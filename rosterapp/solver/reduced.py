"""Column generation's reduced costs: what a roster at most a target can give each person.

With cover prices kept within the slacks' weights, any roster's cost is the Lagrangian
bound plus each person's reduced cost above their least; that rules out most of each
person's tours, and the whole model cut down to the rest (solver/fixing.py) holds every
roster at most the target.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np

from rosterapp.solver.columns import Columns
from rosterapp.solver.pricers import SCALE
from rosterapp.solver.pricing import INF, Costs, TooSlow


@dataclass
class Reduced:
    """The root's reduced costs against a target: see `reduced`."""

    target: int
    slack: int  # scaled: how far above their least a person's roster may cost
    least: dict[Hashable, int]  # person -> their least (scaled)
    # person -> the (day, tour or None for a day off) cells allowed, each with the
    # least reduced cost above the person's least of a roster through it — exact
    # where that is above a quarter of the slack, else only known to be within it
    allowed: dict[Hashable, dict[tuple[int, str | None], int]]
    cost: dict[Hashable, dict[tuple[int, str], int]]  # each allowed tour's reduced cost


def reduced(cols: Columns, target: int, deadline: float) -> Reduced | None:
    """What a roster costing at most `target` can give each person, by the root's
    reduced costs; None if out of time (or a person has no roster at all).

    With cover prices π kept within the slacks' weights, any roster's cost is the
    Lagrangian bound L(π) plus each person's reduced cost above their least (and
    the slacks' reduced costs, never negative). So no person's roster in a roster
    costing at most `target` lies more than `target - L(π)` above their least: an
    person's shift (or day off) that only dearer rosters take is ruled out. One
    programme per shift and day with that cell forced finds it; a cell that a roster
    found so far takes within the slack needs none.

    The prices are those of the best bound proved (the root's, once converged):
    the smaller the slack, the more is ruled out. (Re-solving the master after the
    dives gives other prices of the same bound, measured to make instance 7's
    cut-down model slower: 21 s or more against 12-13 s to its 1056 roster.)
    """
    if cols.best_prices is None:
        return None
    _bound, prices, need = cols.best_prices
    costs: dict[Hashable, Costs] = {}
    least: dict[Hashable, int] = {}
    try:
        for e in cols.staff:
            costs[e] = cols.costs(e, prices)
            cheapest = cols.pricer(e).dp.solve(costs[e], deadline)
            if cheapest is None:
                return None
            least[e] = cheapest.value
        # The bound again, from the programme's least values: where it leaves a limit
        # out they are below the exact ones, and the slack must be measured from them.
        bound = need + sum(least[e] + SCALE * cols.pricer(e).base for e in cols.staff)
        slack = SCALE * target - bound
        allowed: dict[Hashable, dict[tuple[int, str | None], int]] = {}
        cost: dict[Hashable, dict[tuple[int, str], int]] = {}
        for e in cols.staff if slack >= 0 else []:
            allowed[e] = _cells(cols, e, costs[e], least[e], slack, deadline)
            column = cols.pricer(e).dp.column
            cost[e] = {(d, s): int(costs[e][d, column[s]]) for d, s in allowed[e] if s is not None}
    except TooSlow:
        return None
    return Reduced(target, slack, least, allowed, cost)


def _cells(
    cols: Columns, e: Hashable, cost: Costs, least: int, slack: int, deadline: float
) -> dict[tuple[int, str | None], int]:
    """The (day, shift or None for a day off) cells of person e's rosters that cost
    at most `least + slack`, each with how much more than `least` the cheapest of
    them through it costs (exact above `slack // 4`; below, only known to be so).

    A cell's cheapest roster is known exactly once it is forced; a roster found on
    the way bounds each of its cells from above, which is enough below a quarter.
    """
    dp = cols.pricer(e).dp
    # Forcing a shift: a discount no roster's other days can outweigh.
    force = np.int64(2**40)
    known: dict[tuple[int, str | None], int] = {}  # cell -> a roster's value through it
    for d in range(cols.problem.days):
        options: list[str | None] = [None, *dp.shifts]
        for s in options:
            if (d, s) in known and known[(d, s)] <= least + slack // 4:
                continue
            forced = cost.copy()
            if s is None:
                forced[d] = INF
            elif forced[d, dp.column[s]] >= INF:
                continue
            else:
                forced[d, dp.column[s]] -= force
            found = dp.solve(forced, deadline)
            if found is None or found.plan.get(d) != s:
                continue
            value = found.value + (0 if s is None else int(force))
            if value <= least + slack:
                for cell in ((day, found.plan.get(day)) for day in range(cols.problem.days)):
                    known[cell] = min(value, known.get(cell, value))
    return {cell: int(value) - least for cell, value in known.items()}
