"""Column generation: a lower bound, and rosters by diving (solver/dives.py).

Every hard rule belongs to one person, and people meet only in the cover terms. So a
problem is also a choice of one whole roster ("column") per person: a linear master
problem (GLOP) mixes the columns found so far, and each person's pricing problem finds
the roster that the master's cover prices make most worthwhile — by a dynamic programme
over the days (solver/pricing.py), or by the person's exact CP-SAT model (`Part` with
one person free) where the programme would be too large. Three things come of it:

- a lower bound (the Lagrangian bound of each round, exact in integers), which on the
  benchmark's instances 1-18 is at or within a few units of the best known rosters —
  far above what CP-SAT's own relaxation proves;
- a roster, by diving (solver/dives.py);
- reduced costs (solver/reduced.py): the tours each person could still work in a
  roster at most a target, which cut the whole model down (solver/fixing.py).

It serves problems whose only costs are cover and wishes, and whose people keep only
the rules the programme knows (`applies`): the benchmark's. A team's roster also costs
shape and contracted hours per person, which no column's price holds yet.

Measured on this 2-core machine: one pricing costs 1-6 ms per person on instances 1-18
and a root takes 30-80 rounds (12: 9 s, 17: 9 s, 18: 11 s). Where limits the programme
leaves out bind often (13, 15, 19) or the horizon is a year, pricing is slower, so the
caller times a few pricings (`probe`) and the first rounds (`converge`) and gives up
when the root would not fit its budget.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import pywraplp

from rosterapp.solver.pricers import SCALE, Pending, Priced, Pricers, Prices
from rosterapp.solver.pricing import TooSlow, priceable
from rosterapp.solver.problem import Problem, Roster, Shape

log = logging.getLogger(__name__)

SURE = 0.999
# A dive's last few people (at most this many, and a quarter of the staff) are
# placed together by CP-SAT for at most FINISH_SECONDS: re-converging the master for
# each of them was the dive's slowest part (instance 12: 14 s for its last 16 people,
# ending 500 above the bound; CP-SAT's finish reached the bound).
FINISH_FREE = 10
FINISH_SECONDS = 8.0
STALE_DIVES = 5  # a column the master uses at least this much is fixed without question


@dataclass
class _CoverRow:
    """One cover line of the master: the rosters' count plus under less over is `need`."""

    cell: tuple[int, str]  # (day, tour)
    need: int
    row: pywraplp.Constraint
    under: int  # weight of a missing person
    over: int  # weight of a person too many
    who: frozenset[str]  # what a person must have to count


def applies(problem: Problem) -> bool:
    """Whether column generation serves this problem (see the module's note)."""
    return (
        bool(problem.people)
        and problem.shape == Shape()
        and all(priceable(problem, p) for p in problem.people)
    )


class Columns(Pricers):
    """The master problem, its columns and the people's pricing models."""

    def __init__(self, problem: Problem, workers: int = 2) -> None:
        super().__init__(problem)
        self.workers = max(1, workers)
        self.pool = ThreadPoolExecutor(self.workers)  # CP-SAT releases the GIL
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        self.obj = self.lp.Objective()
        self.obj.SetMinimization()
        # The cost of "nobody's roster yet", which keeps the first master feasible: more
        # than any one roster can cost in requests and over-cover, so never kept.
        self.artificial = 1 + sum(w.weight for w in problem.wishes)
        self.artificial += sum(c.over + c.under for c in problem.cover)
        self.convexity: dict[Hashable, pywraplp.Constraint] = {}
        for e in self.staff:  # each person works exactly one roster
            row = self.lp.Constraint(1, 1)
            nobody = self.lp.NumVar(0, 1, "")
            row.SetCoefficient(nobody, 1)
            self.obj.SetCoefficient(nobody, self.artificial)
            self.convexity[e] = row
        # One row per cover line: the rosters' count plus under less over is the need.
        self.rows: list[_CoverRow] = []
        self.cells: dict[tuple[int, str], list[_CoverRow]] = {}
        for c in problem.cover:
            row = self.lp.Constraint(c.need, c.need)
            under = self.lp.NumVar(0, self.lp.infinity(), "")
            over = self.lp.NumVar(0, self.lp.infinity(), "")
            row.SetCoefficient(under, 1)
            row.SetCoefficient(over, -1)
            self.obj.SetCoefficient(under, c.under)
            self.obj.SetCoefficient(over, c.over)
            cover_row = _CoverRow((c.day, c.tour), c.need, row, c.under, c.over, c.who)
            self.rows.append(cover_row)
            self.cells.setdefault(cover_row.cell, []).append(cover_row)
        self.columns: dict[Hashable, list[tuple[pywraplp.Variable, dict[int, str]]]] = {
            e: [] for e in self.staff
        }
        self._seen: dict[Hashable, set[tuple[tuple[int, str], ...]]] = {
            e: set() for e in self.staff
        }
        self.fixed: Roster = {}
        self.fixed_vars: dict[Hashable, pywraplp.Variable] = {}
        self.bound = 0  # the best Lagrangian bound proved so far (an integer)
        # The prices of the best bound so far: (that bound, the prices, their cover part),
        # scaled.
        self.best_prices: tuple[int, Prices, int] | None = None
        self.rounds = 0

    def close(self) -> None:
        self.pool.shutdown(wait=True)

    # -- columns ------------------------------------------------------------------------
    def add(self, e: Hashable, plan: dict[int, str]) -> bool:
        key = tuple(sorted(plan.items()))
        if key in self._seen[e]:
            return False
        self._seen[e].add(key)
        v = self.lp.NumVar(0, self.lp.infinity(), "")
        self.convexity[e].SetCoefficient(v, 1)
        self.obj.SetCoefficient(v, self.cost(e, plan))
        attrs = self.kind[e]
        for cell in plan.items():
            for r in self.cells.get(cell, []):
                if r.who <= attrs:
                    r.row.SetCoefficient(v, 1)
        self.columns[e].append((v, plan))
        return True

    # -- the master ---------------------------------------------------------------------
    def zero_prices(self) -> Prices:
        shape = (self.problem.days, len(self.shift_column))
        return {kind: np.zeros(shape, dtype=np.int64) for kind in set(self.kind.values())}

    def _add_price(self, prices: Prices, r: _CoverRow, k: int) -> None:
        for kind, matrix in prices.items():
            if r.who <= kind:
                matrix[r.cell[0], self.shift_column[r.cell[1]]] += k

    def _prices(self) -> tuple[Prices, list[int]]:
        """The cover duals, scaled to integers and kept where the slacks allow them.

        Kept within [-over weight, under weight] the rounded prices are themselves
        feasible duals, so the Lagrangian bound computed from them is exact.
        """
        prices = self.zero_prices()
        by_row: list[int] = []
        for r in self.rows:
            k = max(-SCALE * r.over, min(SCALE * r.under, round(SCALE * r.row.dual_value())))
            by_row.append(k)
            self._add_price(prices, r, k)
        return prices, by_row

    def price_round(self, deadline: float) -> tuple[float, int] | None:
        """Solve the master, price every free person; (master value, columns added).

        None when the time ran out before the round was complete or a person has no
        roster at all (the instance is then infeasible; the caller's other methods say so).
        """
        if self.lp.Solve() != pywraplp.Solver.OPTIMAL:
            log.debug("master not solved to optimality: column generation stops")
            return None
        z = self.obj.Value()
        prices, by_row = self._prices()
        # The exact duals, read before any column is added (that voids the solution).
        duals: dict[tuple[int, str], list[tuple[frozenset[str], float]]] = {}
        for r in self.rows:
            duals.setdefault(r.cell, []).append((r.who, r.row.dual_value()))
        mu = {e: self.convexity[e].dual_value() for e in self.staff}
        free = [e for e in self.staff if e not in self.fixed]
        # The programme in this thread (numpy's small steps hold the GIL: two threads
        # were measured slower than one); CP-SAT, which releases it, on the pool.
        try:
            first = [self._programme(e, prices, deadline) for e in free]
        except TooSlow:
            return None
        pending = [p for p in first if isinstance(p, Pending)]
        solved = iter(self.pool.map(self._by_cp_sat, pending))
        priced = [p if isinstance(p, Priced) else next(solved) for p in first]
        if time.monotonic() > deadline or any(p.infeasible for p in priced):
            return None
        self.rounds += 1
        if not self.fixed:
            need = sum(k * r.need for k, r in zip(by_row, self.rows, strict=True))
            lagrangian = need + sum(p.bound for p in priced)
            self.bound = max(self.bound, -(-lagrangian // SCALE))  # ceiling division
            if self.best_prices is None or lagrangian > self.best_prices[0]:
                self.best_prices = (lagrangian, prices, need)
        added = 0
        for p in priced:
            if p.plan is None:
                continue
            attrs = self.kind[p.person]
            reduced = self.cost(p.person, p.plan) - mu[p.person]
            reduced -= sum(
                dual for cell in p.plan.items() for who, dual in duals.get(cell, ()) if who <= attrs
            )
            if reduced < -1e-6 and self.add(p.person, p.plan):
                added += 1
        return z, added

    def converge(self, deadline: float, rounds: int = 0) -> float | None:
        """Rounds until no column improves the master; its value, or None if out of time.

        With `rounds`, gives up after the second round if that many rounds at its pace
        would take three times the time left (10's early rounds are slower than its later
        ones), and during any round that alone takes three times its share: on instance
        22 a probe of three people looked affordable, but one round of all fifty was
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

    def probe(self, seconds: float) -> float:
        """Seconds a pricing takes at first-round prices (every cover at its full price),
        the mean of three people spread over the staff list; each given up after
        `seconds`, which the caller sets to what it could afford.

        The caller multiplies it out to judge whether a root fits its budget at all; the
        year-long horizons price a hundred times slower than the 28-day ones.
        """
        prices = self.zero_prices()
        for r in self.rows:
            self._add_price(prices, r, SCALE * r.under)
        sample = list(
            dict.fromkeys((self.staff[0], self.staff[len(self.staff) // 2], self.staff[-1]))
        )
        spent = 0.0
        for e in sample:
            self.pricer(e)  # built once for the whole search: not the pace of a round
            start = time.monotonic()
            try:
                self._price(e, prices, seconds)
            except TooSlow:
                return seconds  # no need to know how much slower
            spent += time.monotonic() - start
        return spent / len(sample)
