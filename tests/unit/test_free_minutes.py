"""Minutes priced instead of counted (solver/free_minutes.py): the rosters it finds keep
every rule, cost no less than the exact programme's least, and its bounds hold."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rosterapp.solver.columns import Columns
from rosterapp.solver.free_minutes import FreeMinutesDP, Warm, within_band, work
from rosterapp.solver.pricing import RosterDP
from tests.nrp_data import both
from tests.unit.test_pricing import own_violations, person, random_prices


@pytest.mark.parametrize("number", [15, 19])
def test_a_roster_found_with_minutes_priced_keeps_every_rule(number: int) -> None:
    """Instances 15 and 19 mix tours of 8, 10 and 12 hours (or 8 and 10), as the
    year-long instance 23 does, on horizons short enough for the exact programme to
    answer too: their people whose programme keeps every tour limit."""
    inst, problem = both(number)
    columns = Columns(problem, 1)
    try:
        found = 0
        exact_people = [p.id for p in problem.people if not RosterDP(problem, p).relaxed]
        for seed, e in enumerate(exact_people[:6]):
            dp = RosterDP(problem, person(problem, e))
            free = FreeMinutesDP(problem, person(problem, e), 1)  # every limit priced
            cost = columns.costs(e, random_prices(inst, columns, seed))
            exact = dp.solve(cost)
            assert exact is not None and exact.exact
            warm = Warm()
            answer = within_band(free, dp, cost, math.inf, warm=warm)
            if answer is None:
                continue
            found += 1
            plan, value, bound = answer
            assert own_violations(inst, e, {d: s for d, s in plan.items()}) == []
            column = dp.column
            assert value == sum(int(cost[d, column[s]]) for d, s in plan.items())
            assert bound <= exact.value <= value
            assert warm.penalty is not None  # the next pricing starts from here
        assert found >= 4
    finally:
        columns.close()


def test_without_its_minutes_the_programme_is_small() -> None:
    """Instance 23's people: the wide minutes axis is what made the programme slow."""
    _inst, problem = both(23)
    p = problem.people[0]
    full, free = RosterDP(problem, p), FreeMinutesDP(problem, p, 1)
    assert work(free) * 100 < work(full)
    assert free.shape[0] == 1 and free.min_units == 0


def test_no_roster_is_claimed_when_the_tries_run_out() -> None:
    inst, problem = both(13)
    e = next(iter(inst.staff))
    dp = RosterDP(problem, person(problem, e))
    free = FreeMinutesDP(problem, person(problem, e), 1)
    cost = np.zeros((inst.days, len(dp.shifts)), dtype=np.int64)
    assert within_band(free, dp, cost, math.inf, tries=0) is None
