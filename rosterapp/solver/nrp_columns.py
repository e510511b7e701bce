"""Column generation on the staff-scheduling benchmark: a lower bound, and a roster by diving.

Every hard rule belongs to one employee, and employees meet only in the cover terms. So
the benchmark is also a choice of one whole roster ("column") per employee: a linear
master problem (GLOP) mixes the columns found so far, and each employee's pricing problem
finds the roster that the master's cover prices make most worthwhile — by a dynamic
programme over the days (nrp_pricing), or by the employee's exact CP-SAT model (`Part`
with one person free) where the programme would be too large. Two things come of it:

- a lower bound (the Lagrangian bound of each round, exact in integers), which on
  instances 1-18 is at or within a few units of the best known rosters — far above
  what CP-SAT's own relaxation proves (and proves 4, 10, 11, 12 and 14 optimal);
- a roster, by diving: fix the employees whose column the master is surest of, re-solve
  the master with fresh columns, and repeat; the last few are placed together by
  CP-SAT. Dives are repeated in other orders while they find better rosters, and
  `pooled` mixes their columns, one per employee, by CP-SAT;
- reduced costs (`reduced`): the shifts each employee could still work in a roster at
  most a target, which cut the whole model down (nrp_fixing).

Measured on this 2-core machine: one pricing costs 1-6 ms per employee on instances
1-18 and a root takes 30-80 rounds (12: 9 s, 17: 9 s, 18: 11 s). Where limits the
programme leaves out bind often (13, 15, 19) or the horizon is a year, pricing is slower,
so the caller times a few pricings (`probe`) and the first rounds (`converge`) and gives
up when the root would not fit its budget.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from rosterapp.solver.nrp import Instance, Solution, evaluate
from rosterapp.solver.nrp_part import Part
from rosterapp.solver.nrp_pricing import INF, MAX_RESOURCE_CELLS, Costs, RosterDP, TooSlow

log = logging.getLogger(__name__)

SCALE = 1000  # cover prices are scaled to integers for CP-SAT: a thousandth of a unit
PRICE_SECONDS = 2.0  # one employee's pricing; above it the round keeps what it has
KEEP_CELLS = 100_000  # resource states of a programme that keeps a broken limit
SURE = 0.999
# A dive's last few employees (at most this many, and a quarter of the staff) are
# placed together by CP-SAT for at most FINISH_SECONDS: re-converging the master for
# each of them was the dive's slowest part (instance 12: 14 s for its last 16 people,
# ending 500 above the bound; CP-SAT's finish reached the bound).
FINISH_FREE = 10
FINISH_SECONDS = 8.0
STALE_DIVES = 5  # a column the master uses at least this much is fixed without question


@dataclass
class _Exact:
    """One employee's exact CP-SAT model: for the rosters the programme cannot give."""

    part: Part
    keys: list[tuple[int, int]]  # (day, shift index) of each decision
    index: list[int]  # the decisions' CP-SAT variable indices


@dataclass
class _Pricer:
    """One employee's pricing: the programme, and each decision's request cost."""

    dp: RosterDP
    request: Costs  # [day, shift index]: request cost of taking it (INF: cannot be taken)
    base: int  # request cost of working nothing at all
    # Built when first needed: programmes that keep the limits named (None: too large),
    # and CP-SAT's model.
    keeping: dict[frozenset[int], RosterDP | None] = field(default_factory=dict)
    exact: _Exact | None = None


@dataclass
class _CoverRow:
    """One cover line of the master: the rosters' count plus under less over is `need`."""

    cell: tuple[int, str]  # (day, shift)
    need: int
    row: pywraplp.Constraint
    under: int  # weight of a missing person
    over: int  # weight of a person too many


@dataclass
class _Priced:
    employee: str
    plan: dict[int, str] | None  # None: no roster found within the time
    value: int  # scaled: the roster's cost less its cover prices
    bound: int  # scaled: CP-SAT's proven lower bound of that minimum
    infeasible: bool


@dataclass
class _Pending:
    """A pricing the programme could not settle: CP-SAT's to solve."""

    employee: str
    cost: Costs  # [day, shift index], scaled
    lower: int  # the programme's value: a lower bound (scaled, without the base)


@dataclass
class Reduced:
    """The root's reduced costs against a target: see Columns.reduced."""

    target: int
    slack: int  # scaled: how far above their least an employee's roster may cost
    least: dict[str, int]  # employee -> their least (scaled)
    # employee -> the (day, shift or None for a day off) cells allowed, each with the
    # least reduced cost above the employee's least of a roster through it — exact
    # where that is above a quarter of the slack, else only known to be within it
    allowed: dict[str, dict[tuple[int, str | None], int]]
    cost: dict[str, dict[tuple[int, str], int]]  # each allowed shift's reduced cost


class Columns:
    """The master problem, its columns and the employees' pricing models."""

    def __init__(self, inst: Instance, workers: int = 2) -> None:
        self.inst = inst
        self.staff = list(inst.staff)
        self.shift_column = {s: j for j, s in enumerate(inst.shifts)}
        self.workers = max(1, workers)
        self.pool = ThreadPoolExecutor(self.workers)  # CP-SAT releases the GIL
        self._pricers: dict[str, _Pricer] = {}  # built when first needed: see probe()
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        self.obj = self.lp.Objective()
        self.obj.SetMinimization()
        # The cost of "nobody's roster yet", which keeps the first master feasible: more
        # than any one roster can cost in requests and over-cover, so never kept.
        self.artificial = 1 + sum(r.weight for r in (*inst.on_requests, *inst.off_requests))
        self.artificial += sum(c.over_weight + c.under_weight for c in inst.cover)
        self.convexity: dict[str, pywraplp.Constraint] = {}
        for e in self.staff:  # each employee works exactly one roster
            row = self.lp.Constraint(1, 1)
            nobody = self.lp.NumVar(0, 1, "")
            row.SetCoefficient(nobody, 1)
            self.obj.SetCoefficient(nobody, self.artificial)
            self.convexity[e] = row
        # One row per cover line: the rosters' count plus under less over is the need.
        self.rows: list[_CoverRow] = []
        self.cells: dict[tuple[int, str], list[pywraplp.Constraint]] = {}
        for c in inst.cover:
            row = self.lp.Constraint(c.requirement, c.requirement)
            under = self.lp.NumVar(0, self.lp.infinity(), "")
            over = self.lp.NumVar(0, self.lp.infinity(), "")
            row.SetCoefficient(under, 1)
            row.SetCoefficient(over, -1)
            self.obj.SetCoefficient(under, c.under_weight)
            self.obj.SetCoefficient(over, c.over_weight)
            cell = (c.day, c.shift)
            self.rows.append(_CoverRow(cell, c.requirement, row, c.under_weight, c.over_weight))
            self.cells.setdefault(cell, []).append(row)
        self.columns: dict[str, list[tuple[pywraplp.Variable, dict[int, str]]]] = {
            e: [] for e in self.staff
        }
        self._seen: dict[str, set[tuple[tuple[int, str], ...]]] = {e: set() for e in self.staff}
        self.fixed: dict[str, dict[int, str]] = {}
        self._fixed_vars: dict[str, pywraplp.Variable] = {}
        self.bound = 0  # the best Lagrangian bound proved so far (an integer)
        # The prices of the best bound so far: (that bound, the prices, their cover part),
        # scaled.
        self._best_prices: tuple[int, Costs, int] | None = None
        self.rounds = 0

    def close(self) -> None:
        self.pool.shutdown(wait=True)

    # -- columns ------------------------------------------------------------------------
    def _pricer(self, e: str) -> _Pricer:
        if e in self._pricers:
            return self._pricers[e]
        dp = RosterDP(self.inst, e)
        column = dp.column
        request = np.zeros((self.inst.days, len(dp.shifts)), dtype=np.int64)
        for d in dp.off:
            request[d] = INF
        base = 0
        for r in self.inst.on_requests:
            if r.staff == e:
                base += r.weight
                if r.shift in column and request[r.day, column[r.shift]] < INF:
                    request[r.day, column[r.shift]] -= r.weight
        for r in self.inst.off_requests:
            if r.staff == e and r.shift in column and request[r.day, column[r.shift]] < INF:
                request[r.day, column[r.shift]] += r.weight
        self._pricers[e] = _Pricer(dp, request, base)
        return self._pricers[e]

    def _exact(self, e: str, p: _Pricer) -> _Exact:
        if p.exact is None:
            part = Part(self.inst, {e: (0, self.inst.days)}, {})
            part.m.clear_objective()
            part.m.minimize(0)  # an empty objective whose terms each pricing replaces
            column = p.dp.column
            keys = [(d, column[s]) for _e, d, s in part.x]
            p.exact = _Exact(part, keys, [v.index for v in part.x.values()])
        return p.exact

    def cost(self, e: str, plan: dict[int, str]) -> int:
        """The request cost of one employee's roster."""
        p = self._pricer(e)
        column = p.dp.column
        return p.base + sum(int(p.request[d, column[s]]) for d, s in plan.items())

    def add(self, e: str, plan: dict[int, str]) -> bool:
        key = tuple(sorted(plan.items()))
        if key in self._seen[e]:
            return False
        self._seen[e].add(key)
        v = self.lp.NumVar(0, self.lp.infinity(), "")
        self.convexity[e].SetCoefficient(v, 1)
        self.obj.SetCoefficient(v, self.cost(e, plan))
        for d, s in plan.items():
            for row in self.cells.get((d, s), []):
                row.SetCoefficient(v, 1)
        self.columns[e].append((v, plan))
        return True

    def _price(self, e: str, prices: Costs, seconds: float = PRICE_SECONDS) -> _Priced:
        """The employee's cheapest roster at these cover prices ([day, shift], scaled);
        raises TooSlow if the programme takes more than `seconds`."""
        first = self._programme(e, prices, time.monotonic() + seconds)
        return first if isinstance(first, _Priced) else self._by_cp_sat(first, seconds)

    def _programme(self, e: str, prices: Costs, give_up: float = math.inf) -> _Priced | _Pending:
        """By the programme. When its answer breaks a shift-type limit it left out (its
        value is then still a lower bound), by a programme that keeps the broken limits
        too, where that is not too large (measured 60-90 ms with every limit kept on 10,
        15 and 18, against CP-SAT's 2 s limit on the long horizons); else pending for
        CP-SAT. The cheap programme comes first every time: most answers keep the limits
        anyway (instance 18 converged in 11 s so, in 25 s starting from the last round's
        larger programme)."""
        p = self._pricer(e)
        columns = [self.shift_column[s] for s in p.dp.shifts]
        cost = np.where(p.request >= INF, INF, SCALE * p.request - prices[:, columns])
        cheapest = p.dp.solve(cost, give_up)
        if cheapest is None:
            return _Priced(e, None, 0, 0, True)
        keep: frozenset[int] = frozenset()
        while not cheapest.exact:
            keep |= cheapest.broken
            if keep not in p.keeping:
                # At most the first programme's states times the kept limits' values:
                # known before building it (a large one takes memory to build at all).
                left_out = {j: limit for limit, j in p.dp.relaxed}
                size = p.dp.size * math.prod(left_out.get(j, 0) + 1 for j in keep)
                fits = size <= KEEP_CELLS
                p.keeping[keep] = RosterDP(self.inst, e, MAX_RESOURCE_CELLS, keep) if fits else None
            dp_keeping = p.keeping[keep]
            if dp_keeping is None:
                return _Pending(e, cost, cheapest.value)
            better = dp_keeping.solve(cost, give_up)
            if better is None:  # cannot be: a looser programme found a roster
                return _Priced(e, None, 0, 0, True)
            cheapest = better
        value = cheapest.value + SCALE * p.base
        return _Priced(e, cheapest.plan, value, value, False)

    def _by_cp_sat(self, pending: _Pending, seconds: float = PRICE_SECONDS) -> _Priced:
        e, cost = pending.employee, pending.cost
        p = self._pricer(e)
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
            return _Priced(e, None, bound, bound, status == cp_model.INFEASIBLE)
        values = response.solution
        chosen = zip(exact.keys, exact.index, strict=True)
        plan = {d: p.dp.shifts[j] for (d, j), i in chosen if values[i]}
        return _Priced(e, plan, round(response.objective_value) + base, bound, False)

    # -- the master ---------------------------------------------------------------------
    def _prices(self) -> tuple[Costs, list[int]]:
        """The cover duals, scaled to integers and kept where the slacks allow them.

        Kept within [-over weight, under weight] the rounded prices are themselves
        feasible duals, so the Lagrangian bound computed from them is exact.
        """
        prices = np.zeros((self.inst.days, len(self.shift_column)), dtype=np.int64)
        by_row: list[int] = []
        for r in self.rows:
            k = max(-SCALE * r.over, min(SCALE * r.under, round(SCALE * r.row.dual_value())))
            by_row.append(k)
            prices[r.cell[0], self.shift_column[r.cell[1]]] += k
        return prices, by_row

    def price_round(self, deadline: float) -> tuple[float, int] | None:
        """Solve the master, price every free employee; (master value, columns added).

        None when the time ran out before the round was complete or a person has no
        roster at all (the instance is then infeasible; the caller's other methods say so).
        """
        if self.lp.Solve() != pywraplp.Solver.OPTIMAL:
            log.debug("master not solved to optimality: column generation stops")
            return None
        z = self.obj.Value()
        prices, by_row = self._prices()
        # The exact duals, read before any column is added (that voids the solution).
        duals: dict[tuple[int, str], float] = {}
        for r in self.rows:
            duals[r.cell] = duals.get(r.cell, 0.0) + r.row.dual_value()
        mu = {e: self.convexity[e].dual_value() for e in self.staff}
        free = [e for e in self.staff if e not in self.fixed]
        # The programme in this thread (numpy's small steps hold the GIL: two threads
        # were measured slower than one); CP-SAT, which releases it, on the pool.
        try:
            first = [self._programme(e, prices, deadline) for e in free]
        except TooSlow:
            return None
        pending = [p for p in first if isinstance(p, _Pending)]
        solved = iter(self.pool.map(self._by_cp_sat, pending))
        priced = [p if isinstance(p, _Priced) else next(solved) for p in first]
        if time.monotonic() > deadline or any(p.infeasible for p in priced):
            return None
        self.rounds += 1
        if not self.fixed:
            need = sum(k * r.need for k, r in zip(by_row, self.rows, strict=True))
            lagrangian = need + sum(p.bound for p in priced)
            self.bound = max(self.bound, -(-lagrangian // SCALE))  # ceiling division
            if self._best_prices is None or lagrangian > self._best_prices[0]:
                self._best_prices = (lagrangian, prices, need)
        added = 0
        for p in priced:
            if p.plan is None:
                continue
            reduced = self.cost(p.employee, p.plan) - mu[p.employee]
            reduced -= sum(duals.get(cell, 0.0) for cell in p.plan.items())
            if reduced < -1e-6 and self.add(p.employee, p.plan):
                added += 1
        return z, added

    def converge(self, deadline: float, rounds: int = 0) -> float | None:
        """Rounds until no column improves the master; its value, or None if out of time.

        With `rounds`, gives up after the second round if that many rounds at its pace
        would take three times the time left (10's early rounds are slower than its later
        ones), and during any round that alone takes three times its share: on instance
        22 a probe of three employees looked affordable, but one round of all fifty was
        not.
        """
        begun = time.monotonic()
        done = 0
        share = (deadline - begun) / rounds if rounds else math.inf
        while time.monotonic() < deadline:
            priced = self.price_round(min(deadline, time.monotonic() + 3 * share))
            if priced is None:
                return None
            z, added = priced
            if added == 0:
                return z
            done += 1
            pace = (time.monotonic() - begun) / done
            if rounds and done == 2 and pace * rounds > 3 * (deadline - begun):
                log.debug("root would take %d rounds of %.2f s: gave up", rounds, pace)
                return None
        return None

    def dives(
        self, deadline: float, report: Callable[[float, float], bool] | None = None
    ) -> Solution | None:
        """Dive, then dive again from the root in another order while a dive still fits
        the time; the best roster found.

        Up to STALE_DIVES dives in a row that find nothing better (the small instances'
        bound is often below their optimum: CP-SAT then proves it faster). The later
        dives draw each employee's column by its weight in the master and
        shuffle the fixing order a little: on instances 5-8 one dive takes 1-20 s and
        lands 1-10 above the bound, in different places each time. `report(value,
        bound)` hears each better roster, and may stop the search.
        """
        chance: random.Random | None = None
        best: Solution | None = None
        best_value = math.inf
        stale = 0  # dives in a row that found nothing better
        dived = 0
        while stale < STALE_DIVES:
            begun = time.monotonic()
            found = self.dive(deadline, chance)
            dived += 1
            if found is not None:
                value = evaluate(self.inst, found).objective
                log.debug("dive %d: %d", dived, value)
                stale += 1
                if value < best_value:
                    best, best_value, stale = found, value, 0
                    if report is not None and not report(value, self.bound):
                        return best
            if (
                best_value <= self.bound
                or time.monotonic() + 1.5 * (time.monotonic() - begun) > deadline
            ):
                return best
            self.unfix()
            chance = chance or random.Random(0)
        return best

    def unfix(self) -> None:
        """Back to the root: every employee free again."""
        for e in self.fixed:
            self._fixed_vars[e].SetLb(0)
        self.fixed.clear()
        self._fixed_vars.clear()

    def dive(self, deadline: float, chance: random.Random | None = None) -> Solution | None:
        """Fix the surest employees' columns and re-converge, until everyone is fixed.

        One employee per step when time allows (measured best: fixing a quarter at a time
        lost 100 on instance 7 and gained nothing on 9), more when the steps so far say
        the deadline would not be met otherwise. With `chance`, each employee's column is
        drawn by its weight and the order is shuffled a little.
        """
        begun = time.monotonic()
        steps = 0
        rounded: Solution | None = None  # everyone on their likeliest column, so far
        while len(self.fixed) < len(self.staff):
            z = self.converge(deadline)
            if z is None or z >= self.artificial / 2:
                log.debug("dive stopped with %d of %d fixed", len(self.fixed), len(self.staff))
                return rounded
            candidates = []
            for e in self.staff:
                if e not in self.fixed:
                    v, plan = self._pick(e, chance)
                    weight = v.solution_value()
                    order = weight if chance is None else weight * chance.uniform(0.6, 1.0)
                    candidates.append((order, weight, e, v, plan))
            candidates.sort(key=lambda c: -c[0])
            rounded = {**self.fixed, **{e: plan for *_w, e, _var, plan in candidates}}
            if len(candidates) <= min(FINISH_FREE, len(self.staff) // 4):
                return self._finish(rounded, deadline)
            steps += 1
            per_step = (time.monotonic() - begun) / steps
            # Later steps re-converge longer than early ones: plan on 70 % of the time left.
            affordable = max(1.0, 0.7 * (deadline - time.monotonic()) / per_step)
            take = max(1, math.ceil(len(candidates) / affordable))
            chosen = [c for i, c in enumerate(candidates) if c[1] >= SURE or i < take]
            for *_w, e, v, plan in chosen:
                v.SetLb(1)
                self.fixed[e] = plan
                self._fixed_vars[e] = v
            log.debug("dive: master %.2f, %d of %d fixed", z, len(self.fixed), len(self.staff))
        return {e: dict(self.fixed[e]) for e in self.staff}

    def pooled(self, best: Solution, seconds: float, workers: int) -> Solution:
        """The best roster that takes one column per employee from those generated so
        far (every dive's columns and `best`'s own), by CP-SAT from `best`.

        The dives end a few units above the bound, each in its own place; mixing their
        columns found instance 5's best known roster (1143, proven best over the pool in
        8 s) where every dive stayed at 1146 or above.
        """
        for e in self.staff:
            self.add(e, best[e])  # the finish's columns were never priced
        m = cp_model.CpModel()
        by_cell: dict[tuple[int, str], list[cp_model.IntVar]] = {}
        terms: list[cp_model.LinearExprT] = []
        chosen: list[tuple[cp_model.IntVar, str, dict[int, str]]] = []
        for e in self.staff:
            options = []
            for _var, plan in self.columns[e]:
                y = m.new_bool_var("")
                options.append(y)
                chosen.append((y, e, plan))
                terms.append(self.cost(e, plan) * y)
                for cell in plan.items():
                    by_cell.setdefault(cell, []).append(y)
                m.add_hint(y, plan == best[e])
            m.add_exactly_one(options)
        for r in self.rows:
            rostered = by_cell.get(r.cell, [])
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
        value = evaluate(self.inst, found).objective
        log.debug("pool of %d columns: %d", len(chosen), value)
        return found if value < evaluate(self.inst, best).objective else best

    def _pick(
        self, e: str, chance: random.Random | None
    ) -> tuple[pywraplp.Variable, dict[int, str]]:
        """The employee's column with the most weight in the master, or one drawn by it."""
        if chance is not None:
            used = [(v, plan) for v, plan in self.columns[e] if v.solution_value() > 1e-6]
            if used:
                weights = [v.solution_value() for v, _plan in used]
                return chance.choices(used, weights)[0]
        return max(self.columns[e], key=lambda c: c[0].solution_value())

    def _finish(self, rounded: Solution, deadline: float) -> Solution:
        """The last few employees together by CP-SAT, everyone else as fixed."""
        free = {e: (0, self.inst.days) for e in self.staff if e not in self.fixed}
        part = Part(self.inst, free, self.fixed)
        part.hint(rounded)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = self.workers
        left = deadline - time.monotonic()
        solver.parameters.max_time_in_seconds = max(0.1, min(FINISH_SECONDS, left))
        status = solver.solve(part.m)
        log.debug(
            "dive finished by CP-SAT: %s %.0f", solver.status_name(status), solver.objective_value
        )
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return rounded
        found = part.read(solver)
        return min((found, rounded), key=lambda sol: evaluate(self.inst, sol).objective)

    def reduced(self, target: int, deadline: float) -> Reduced | None:
        """What a roster costing at most `target` can give each employee, by the root's
        reduced costs; None if out of time (or a person has no roster at all).

        With cover prices π kept within the slacks' weights, any roster's cost is the
        Lagrangian bound L(π) plus each employee's reduced cost above their least (and
        the slacks' reduced costs, never negative). So no employee's roster in a roster
        costing at most `target` lies more than `target - L(π)` above their least: an
        employee's shift (or day off) that only dearer rosters take is ruled out. One
        programme per shift and day with that cell forced finds it; a cell that a roster
        found so far takes within the slack needs none.

        The prices are those of the best bound proved (the root's, once converged):
        the smaller the slack, the more is ruled out. (Re-solving the master after the
        dives gives other prices of the same bound, measured to make instance 7's
        cut-down model slower: 21 s or more against 12-13 s to its 1056 roster.)
        """
        if self._best_prices is None:
            return None
        _bound, prices, need = self._best_prices
        costs: dict[str, Costs] = {}
        least: dict[str, int] = {}
        try:
            for e in self.staff:
                p = self._pricer(e)
                columns = [self.shift_column[s] for s in p.dp.shifts]
                costs[e] = np.where(p.request >= INF, INF, SCALE * p.request - prices[:, columns])
                cheapest = p.dp.solve(costs[e], deadline)
                if cheapest is None:
                    return None
                least[e] = cheapest.value
            # The bound again, from the programme's least values: where it leaves a limit
            # out they are below the exact ones, and the slack must be measured from them.
            bound = need + sum(least[e] + SCALE * self._pricer(e).base for e in self.staff)
            slack = SCALE * target - bound
            allowed: dict[str, dict[tuple[int, str | None], int]] = {}
            cost: dict[str, dict[tuple[int, str], int]] = {}
            for e in self.staff if slack >= 0 else []:
                allowed[e] = self._cells(e, costs[e], least[e], slack, deadline)
                column = self._pricer(e).dp.column
                cost[e] = {
                    (d, s): int(costs[e][d, column[s]]) for d, s in allowed[e] if s is not None
                }
        except TooSlow:
            return None
        return Reduced(target, slack, least, allowed, cost)

    def _cells(
        self, e: str, cost: Costs, least: int, slack: int, deadline: float
    ) -> dict[tuple[int, str | None], int]:
        """The (day, shift or None for a day off) cells of employee e's rosters that cost
        at most `least + slack`, each with how much more than `least` the cheapest of
        them through it costs (exact above `slack // 4`; below, only known to be so).

        A cell's cheapest roster is known exactly once it is forced; a roster found on
        the way bounds each of its cells from above, which is enough below a quarter.
        """
        dp = self._pricer(e).dp
        # Forcing a shift: a discount no roster's other days can outweigh.
        force = np.int64(2**40)
        known: dict[tuple[int, str | None], int] = {}  # cell -> a roster's value through it
        for d in range(self.inst.days):
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
                    for cell in ((day, found.plan.get(day)) for day in range(self.inst.days)):
                        known[cell] = min(value, known.get(cell, value))
        return {cell: int(value) - least for cell, value in known.items()}

    def probe(self, seconds: float) -> float:
        """Seconds a pricing takes at first-round prices (every cover at its full price),
        the mean of three employees spread over the staff list; each given up after
        `seconds`, which the caller sets to what it could afford.

        The caller multiplies it out to judge whether a root fits its budget at all; the
        year-long horizons price a hundred times slower than the 28-day ones.
        """
        prices = np.zeros((self.inst.days, len(self.shift_column)), dtype=np.int64)
        for r in self.rows:
            prices[r.cell[0], self.shift_column[r.cell[1]]] += SCALE * r.under
        sample = sorted({self.staff[0], self.staff[len(self.staff) // 2], self.staff[-1]})
        spent = 0.0
        for e in sample:
            self._pricer(e)  # built once for the whole search: not the pace of a round
            start = time.monotonic()
            try:
                self._price(e, prices, seconds)
            except TooSlow:
                return seconds  # no need to know how much slower
            spent += time.monotonic() - start
        return spent / len(sample)
