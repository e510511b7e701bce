"""The search's first stage where column generation fits: a bound, and a roster.

Where its root converges within COLUMN_ROOT_SHARE of the time (measured by a probe of
three pricings, then the first rounds), the master's bound is far stronger than
CP-SAT's and its dives give the roster the rest starts from. On problems of at most
CUT_DOWN_LIMIT decisions the whole model cut down by the root's reduced costs
(solver/fixing.py) then finds a better roster or proves there is none; elsewhere
CP-SAT picks one column per person from all the dives' columns.
"""

from __future__ import annotations

import logging
import math
import os
import time

from rosterapp.solver.columns import Columns, applies
from rosterapp.solver.dives import dives, pooled
from rosterapp.solver.fixing import solve_cut_down
from rosterapp.solver.pricers import PRICE_SECONDS
from rosterapp.solver.problem import Roster, roster_cost
from rosterapp.solver.reduced import reduced
from rosterapp.solver.run import Run

log = logging.getLogger(__name__)

# The root must converge within this share of the time, and the dives finish within
# the second; then one column per person from all the dives' columns, for POOL_SHARE.
# A root slower than the dives can use (DIVE_ROOT_SHARE, below) is not waited for: on
# benchmark instance 20 it took 120 of 300 s for a bound alone, and the rosters built
# by best responses and improved by parts had that much less time (16,634 so).
COLUMN_ROOT_SHARE = 0.25
COLUMN_SHARE = 0.75
POOL_SHARE = 0.15
# A root takes some 25-80 pricing rounds (measured on benchmark instances 4-18): it is
# only tried, and only carried on, while this many rounds at the pace measured fit.
COLUMN_ROUNDS = 50
# The dives pay where the root came quickly (benchmark 12: 9 s of its minute, then its
# optimum); where the root took most of its share (20, half a year: a third of its five
# minutes) rosters built a person at a time and improved by parts did better with the
# time left (old solver, measured: 7,129 so, 8,932 after the dives). There the root
# gives the bound only.
DIVE_ROOT_SHARE = 0.25
# On problems of at most this many decisions, the whole model cut down by the root's
# reduced costs until CUT_DOWN_SHARE of the time: a better roster or a proof that there
# is none. The dives stop as soon as one is within CUT_DOWN_GAP of the bound. Measured:
# it finds and proves benchmark instances 5's, 6's and 7's best known rosters within
# the minute (1,000-1,700 decisions); on 8 and 16 (3,360) it found nothing better in
# 25 s, time the dives and the parts use better.
CUT_DOWN_LIMIT = 2_000
CUT_DOWN_GAP = 5
CUT_DOWN_SHARE = 0.9


def by_columns(run: Run, size: int) -> None:
    """Column generation's bound and rosters, offered to `run`, when a root fits."""
    problem = run.problem
    if not applies(problem):
        return
    time_limit = run.deadline - run.start
    columns = Columns(problem, min(run.workers, os.cpu_count() or 1))
    try:
        budget = run.start + time_limit * COLUMN_ROOT_SHARE - time.monotonic()
        # The programme prices one person after another (see Columns.price_round).
        affordable = budget / COLUMN_ROUNDS / len(columns.staff)  # one pricing
        # First-round prices make the programme's widest search: the rounds that follow
        # were measured at half the probe's pace (instance 17), so it is judged leniently
        # here and strictly by `converge` after two rounds.
        one = columns.probe(min(2 * affordable, PRICE_SECONDS))
        if one * len(columns.staff) * COLUMN_ROUNDS > 2 * budget:
            log.debug("no column generation: a round would take %.1f s", one)
            return
        root = columns.converge(run.start + time_limit * COLUMN_ROOT_SHARE, COLUMN_ROUNDS)
        log.debug("column root %s, bound %s, %d rounds", root, columns.bound, columns.rounds)
        run.bound = max(run.bound, columns.bound)
        run.tell("bound")
        if root is None or run.stopped:
            return
        if time.monotonic() - run.start > DIVE_ROOT_SHARE * time_limit:
            log.debug("root too slow for dives: the bound only")
            return
        _dive(run, columns, size <= CUT_DOWN_LIMIT)
    finally:
        columns.close()


def _dive(run: Run, columns: Columns, small: bool) -> None:
    problem = run.problem
    time_limit = run.deadline - run.start

    def dived_enough(value: float, bound: float) -> bool:
        """Go on diving? Not once the cut-down model can take over."""
        return not run.stopped and not (small and value - bound <= CUT_DOWN_GAP)

    found = dives(columns, run.start + time_limit * COLUMN_SHARE, dived_enough)
    if found is None:
        return
    value = roster_cost(problem, found)
    run.offer(found, value)
    log.debug("dive %s", value)
    if value <= columns.bound or run.stopped:
        return
    if small:  # the cut-down model holds whatever the pool could give, and more
        _cut_down(run, columns, found, run.start + time_limit * CUT_DOWN_SHARE)
    else:
        best = pooled(columns, found, time_limit * POOL_SHARE, run.workers)
        run.offer(best, roster_cost(problem, best))


def _cut_down(run: Run, columns: Columns, best: Roster, deadline: float) -> None:
    """A roster better than `best` from the model cut down by the root's reduced
    costs, or the proof that there is none (the bound then reaches `best`)."""
    problem = run.problem
    value = roster_cost(problem, best)

    def watch(found: float, lower: float) -> bool:
        return not run.stopped

    # First the lowest targets, every person held to half the slack: a small model
    # each, and the first roster found is likely the best there is (instance 7: 1055
    # ruled out so in 0.4-4 s, 1056 found in 13-17 s; starting from the dives' 1059,
    # nothing at 1058 in 19 s).
    target = math.ceil(run.bound)
    while target < value and time.monotonic() < deadline:
        cut = reduced(columns, target, deadline)
        if cut is None:
            break
        left = deadline - time.monotonic()
        outcome = solve_cut_down(problem, cut, left / 2, run.workers, watch, exact=False)
        if outcome.roster is not None:
            value = roster_cost(problem, outcome.roster)
            run.offer(outcome.roster, value)
            break
        if not outcome.finished or run.stopped:
            break
        target += 1
    # Then each person allowed the whole slack: a better roster, or the proof.
    while value > run.bound and time.monotonic() < deadline and not run.stopped:
        cut = reduced(columns, math.ceil(value) - 1, deadline)
        if cut is None:
            break
        outcome = solve_cut_down(problem, cut, deadline - time.monotonic(), run.workers, watch)
        run.bound = max(run.bound, outcome.bound)
        if outcome.roster is None:
            run.tell("bound")
            break
        value = roster_cost(problem, outcome.roster)
        run.offer(outcome.roster, value)
    log.debug("cut down: %s, bound %s", value, run.bound)
