"""Each person's pricing for column generation: their cheapest roster at given prices.

By the dynamic programme (solver/pricing.py); when its answer breaks a tour limit it
left out, by a programme that keeps that limit too; and where that would be too large,
by the person's exact CP-SAT model (`Part` with one person free). Before CP-SAT, and
first of all on long horizons when a good roster soon matters more than the least one
(`quick`: best responses), the cheap programme is asked again with the broken limits'
tours priced up (Lagrangian penalties, solver/free_minutes.py `within_band`): its
first roster that keeps them all is taken, with the multipliers' bound. Where the
minutes axis is wide, minutes are priced the same way, by a programme without them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Hashable
from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from rosterapp.solver.free_minutes import WIDE, FreeMinutesDP, Warm, within_band, work
from rosterapp.solver.model import Part
from rosterapp.solver.pricing import INF, MAX_RESOURCE_CELLS, Costs, RosterDP
from rosterapp.solver.problem import Problem

Prices = dict[frozenset[str], Costs]  # per kind of person (their attrs): [day, tour]

SCALE = 1000  # cover prices are scaled to integers for CP-SAT: a thousandth of a unit
PRICE_SECONDS = 2.0  # one person's pricing; above it the round keeps what it has
KEEP_CELLS = 100_000  # resource states of a programme that keeps a broken limit
# Penalties come first for a quick answer on long horizons only, where a programme that
# keeps the broken limits takes seconds (instance 22: 10 s for one person); on short
# ones the exact answer costs little and makes better rosters (instance 15 at 60 s:
# 6,454 with penalties first, where the exact answers had given 5,571).
QUICK_DAYS = 100
PENALTY_TRIES = 40  # re-solves with broken limits' tours priced up, before giving up


@dataclass
class _Exact:
    """One person's exact CP-SAT model: for the rosters the programme cannot give."""

    part: Part
    keys: list[tuple[int, int]]  # (day, shift index) of each decision
    index: list[int]  # the decisions' CP-SAT variable indices


@dataclass
class _Pricer:
    """One person's pricing: the programme, and each decision's request cost."""

    dp: RosterDP
    request: Costs  # [day, shift index]: request cost of taking it (INF: cannot be taken)
    base: int  # request cost of working nothing at all
    # Built when first needed: programmes that keep the limits named (None: too large),
    # and CP-SAT's model.
    keeping: dict[frozenset[int], RosterDP | None] = field(default_factory=dict)
    exact: _Exact | None = None
    # Where the programme's minutes axis is wide, the one with minutes priced instead
    # (solver/free_minutes.py) is asked first.
    free: FreeMinutesDP | None = None
    warm: Warm = field(default_factory=Warm)


@dataclass
class Priced:
    person: Hashable
    plan: dict[int, str] | None  # None: no roster found within the time
    value: int  # scaled: the roster's cost less its cover prices
    bound: int  # scaled: CP-SAT's proven lower bound of that minimum
    infeasible: bool


@dataclass
class Pending:
    """A pricing the programme could not settle: CP-SAT's to solve."""

    person: Hashable
    cost: Costs  # [day, shift index], scaled
    lower: int  # the programme's value: a lower bound (scaled, without the base)


class Pricers:
    """The people's pricing models, built when first needed."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.people = {p.id: p for p in problem.people}
        self.staff = list(self.people)
        self.kind = {p.id: p.attrs for p in problem.people}
        self.shift_column = {t: j for j, t in enumerate(problem.tours)}
        self._pricers: dict[Hashable, _Pricer] = {}

    def pricer(self, e: Hashable) -> _Pricer:
        if e in self._pricers:
            return self._pricers[e]
        dp = RosterDP(self.problem, self.people[e])
        column = dp.column
        request = np.zeros((self.problem.days, len(dp.shifts)), dtype=np.int64)
        for d in dp.off:
            request[d] = INF
        base = 0
        for w in self.problem.wishes:
            if w.person != e or not 0 <= w.day < self.problem.days:
                continue
            # Taking the tour (every tour, for a day off wished or not) moves its cost.
            cols = list(range(len(dp.shifts))) if w.tour is None else [column.get(w.tour)]
            works_meets = (w.tour is not None) == w.wanted
            if works_meets:
                base += w.weight
            for j in cols:
                if j is not None and request[w.day, j] < INF:
                    request[w.day, j] += -w.weight if works_meets else w.weight
        # Every tour limit left out (cells=1): each is priced instead, a few states a day.
        wide = work(dp) > WIDE
        free = FreeMinutesDP(self.problem, self.people[e], 1) if wide else None
        self._pricers[e] = _Pricer(dp, request, base, free=free)
        return self._pricers[e]

    def _exact(self, e: Hashable, p: _Pricer) -> _Exact:
        if p.exact is None:
            part = Part(self.problem, {e: (0, self.problem.days)}, {})
            part.m.clear_objective()
            part.m.minimize(0)  # an empty objective whose terms each pricing replaces
            column = p.dp.column
            keys = [(d, column[s]) for _e, d, s in part.x]
            p.exact = _Exact(part, keys, [v.index for v in part.x.values()])
        return p.exact

    def cost(self, e: Hashable, plan: dict[int, str]) -> int:
        """The wishes' cost of one person's roster."""
        p = self.pricer(e)
        column = p.dp.column
        return p.base + sum(int(p.request[d, column[s]]) for d, s in plan.items())

    def cheapest(
        self, e: Hashable, prices: Prices, seconds: float = PRICE_SECONDS, quick: bool = False
    ) -> Priced:
        """The person's cheapest roster at these prices (see `_price`)."""
        return self._price(e, prices, seconds, quick)

    def _price(
        self, e: Hashable, prices: Prices, seconds: float = PRICE_SECONDS, quick: bool = False
    ) -> Priced:
        """The person's cheapest roster at these cover prices ([day, shift], scaled);
        raises TooSlow if the programme takes more than `seconds`."""
        first = self._programme(e, prices, time.monotonic() + seconds, quick)
        return first if isinstance(first, Priced) else self._by_cp_sat(first, seconds)

    def _programme(
        self, e: Hashable, prices: Prices, give_up: float = math.inf, quick: bool = False
    ) -> Priced | Pending:
        """By the programme. When its answer breaks a shift-type limit it left out (its
        value is then still a lower bound), by a programme that keeps the broken limits
        too, where that is not too large (measured 60-90 ms with every limit kept on 10,
        15 and 18, against CP-SAT's 2 s limit on the long horizons); else by penalties
        (`within_band`), else pending for CP-SAT. `quick`: penalties first on long
        horizons. The cheap programme comes first every time: most answers keep the
        limits anyway (instance 18 converged in 11 s so, in 25 s starting from the last
        round's larger programme)."""
        p = self.pricer(e)
        cost = self.costs(e, prices)
        if p.free is not None:
            found = within_band(p.free, p.dp, cost, give_up, PENALTY_TRIES, p.warm)
            if found is not None:
                return self._priced(e, found, found[2])
            return Pending(e, cost, -int(INF))  # the programme would be too slow
        cheapest = p.dp.solve(cost, give_up)
        if cheapest is None:
            return Priced(e, None, 0, 0, True)
        if quick and not cheapest.exact and self.problem.days >= QUICK_DAYS:
            found = within_band(p.dp, p.dp, cost, give_up, PENALTY_TRIES)
            if found is not None:
                return self._priced(e, found, cheapest.value)
        keep: frozenset[int] = frozenset()
        while not cheapest.exact:
            keep |= cheapest.broken
            dp_keeping = self._keeping(e, p, keep)
            if dp_keeping is None:
                found = None if quick else within_band(p.dp, p.dp, cost, give_up, PENALTY_TRIES)
                if found is not None:
                    return self._priced(e, found, cheapest.value)
                return Pending(e, cost, cheapest.value)
            better = dp_keeping.solve(cost, give_up)
            if better is None:  # cannot be: a looser programme found a roster
                return Priced(e, None, 0, 0, True)
            cheapest = better
        value = cheapest.value + SCALE * p.base
        return Priced(e, cheapest.plan, value, value, False)

    def _keeping(self, e: Hashable, p: _Pricer, keep: frozenset[int]) -> RosterDP | None:
        """The programme that keeps these limits too; None when it would be too large."""
        if keep not in p.keeping:
            # At most the first programme's states times the kept limits' values: known
            # before building it (a large one takes memory to build at all).
            left_out = {j: limit for limit, j in p.dp.relaxed}
            size = p.dp.size * math.prod(left_out.get(j, 0) + 1 for j in keep)
            fits = size <= KEEP_CELLS
            person = self.people[e]
            dp = RosterDP(self.problem, person, MAX_RESOURCE_CELLS, keep) if fits else None
            p.keeping[keep] = dp
        return p.keeping[keep]

    def _priced(self, e: Hashable, found: tuple[dict[int, str], int, int], lower: int) -> Priced:
        """A roster found by penalties, with its cost and bound (scaled, with the base)."""
        plan, value, bound = found
        base = SCALE * self.pricer(e).base
        return Priced(e, plan, value + base, max(lower, bound) + base, False)

    def _by_cp_sat(self, pending: Pending, seconds: float = PRICE_SECONDS) -> Priced:
        e, cost = pending.person, pending.cost
        p = self.pricer(e)
        base = SCALE * p.base
        exact = self._exact(e, p)
        objective = exact.part.m.proto.objective
        objective.vars.clear()
        objective.coeffs.clear()
        objective.vars.extend(exact.index)
        objective.coeffs.extend(int(cost[d, j]) for d, j in exact.keys)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = seconds
        status = solver.solve(exact.part.m)
        response = solver.response_proto
        # CP-SAT's bound of an integer objective is integral but a float: round it up.
        bound = max(math.ceil(response.best_objective_bound - 1e-9), pending.lower) + base
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Priced(e, None, bound, bound, status == cp_model.INFEASIBLE)
        values = response.solution
        chosen = zip(exact.keys, exact.index, strict=True)
        plan = {d: p.dp.shifts[j] for (d, j), i in chosen if values[i]}
        return Priced(e, plan, round(response.objective_value) + base, bound, False)

    def costs(self, e: Hashable, prices: Prices) -> Costs:
        """Each of the person's decisions' cost at these prices ([day, tour index], scaled)."""
        p = self.pricer(e)
        columns = [self.shift_column[s] for s in p.dp.shifts]
        return np.where(p.request >= INF, INF, SCALE * p.request - prices[self.kind[e]][:, columns])
