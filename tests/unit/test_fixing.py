"""Reduced-cost fixing: the rosters it keeps, against CP-SAT enumerating them all."""

from __future__ import annotations

import random
import time

import numpy as np
import pytest
from ortools.sat.python import cp_model

from rosterapp.solver.columns import Columns
from rosterapp.solver.dives import dive, unfix
from rosterapp.solver.fixing import cut_down, solve_cut_down
from rosterapp.solver.model import Part
from rosterapp.solver.nrp import evaluate
from rosterapp.solver.nrp_problem import to_solution
from rosterapp.solver.pricers import SCALE
from rosterapp.solver.pricing import INF
from rosterapp.solver.problem import Problem
from rosterapp.solver.reduced import _cells, reduced
from tests.nrp_data import both


class _Collect(cp_model.CpSolverSolutionCallback):
    def __init__(self, part: Part, e: str) -> None:
        super().__init__()
        self.part, self.e = part, e
        self.rosters: list[dict[int, str]] = []

    def on_solution_callback(self) -> None:
        self.rosters.append(self.part.read(self)[self.e])


def every_roster(problem: Problem, e: str, cost: dict[tuple[int, str], int], most: int) -> list:
    """Every roster of person e that keeps the rules and costs at most `most`, by
    CP-SAT's exact model of that person alone."""
    part = Part(problem, {e: (0, problem.days)}, {})
    part.m.clear_objective()
    part.m.add(sum(cost[(d, s)] * x for (_e, d, s), x in part.x.items()) <= most)
    solver = cp_model.CpSolver()
    solver.parameters.enumerate_all_solutions = True
    solver.parameters.num_workers = 1
    collect = _Collect(part, e)
    assert solver.solve(part.m, collect) == cp_model.OPTIMAL
    return collect.rosters


def test_the_cells_kept_are_those_of_every_roster_within_the_slack() -> None:
    """An person's allowed cells are exactly the (day, shift or day off) cells of the
    rosters costing at most their least plus the slack, as CP-SAT lists those rosters;
    each cell's figure is the cheapest of them through it, exactly where a quarter of
    the slack matters. Small uneven prices give thousands of rosters within the slack
    at many different costs (cover-sized prices leave only ties)."""
    inst, problem = both(2)
    columns = Columns(problem, 1)
    try:
        e = next(iter(inst.staff))
        table = np.random.default_rng(0).integers(-800, 800, size=(inst.days, len(inst.shifts)))
        p = columns.pricer(e)
        cost = columns.costs(e, {frozenset(): table})
        cheapest = p.dp.solve(cost)
        assert cheapest is not None
        least, slack = cheapest.value, 2 * SCALE
        by_cell = {
            (d, s): int(cost[d, p.dp.column[s]])
            for d in range(inst.days)
            for s in p.dp.shifts
            if cost[d, p.dp.column[s]] < INF
        }
        rosters = every_roster(problem, e, by_cell, least + slack)
        assert 1000 < len(rosters) < 10_000  # a real choice, and a listable one
        through: dict[tuple[int, str | None], int] = {}
        for r in rosters:
            above = sum(by_cell[(d, s)] for d, s in r.items()) - least
            for cell in ((d, r.get(d)) for d in range(inst.days)):
                through[cell] = min(above, through.get(cell, above))
        found = _cells(columns, e, cost, least, slack, time.monotonic() + 60)
        assert found.keys() == through.keys()
        assert any(above > slack // 4 for above in found.values())
        for cell, above in found.items():
            if above > slack // 4:
                assert above == through[cell]
            else:
                assert through[cell] <= slack // 4
    finally:
        columns.close()


@pytest.mark.slow
def test_the_cut_down_model_finds_the_optimum_and_proves_nothing_is_cheaper() -> None:
    """Instance 6: the root's bound is 1949 and the best roster 1950. Cut down to
    1950, the model finds a roster of 1950 that keeps every rule and proves it optimal;
    cut down to 1949 it holds no roster, which proves 1950 a bound."""
    inst, problem = both(6)
    columns = Columns(problem, 2)
    try:
        assert columns.converge(time.monotonic() + 60) is not None
        assert columns.bound == 1949
        for target, expected in ((1950, 1950), (1949, None)):
            cut = reduced(columns, target, time.monotonic() + 60)
            assert cut is not None
            outcome = solve_cut_down(problem, cut, 60, 2)
            assert outcome.bound == 1950
            if expected is None:
                assert outcome.roster is None
            else:
                assert outcome.roster is not None
                found = evaluate(inst, to_solution(inst, outcome.roster))
                assert found.feasible and found.objective == expected
                # Nobody dear: a smaller model, which here holds that roster too, but
                # proves nothing.
                quick = solve_cut_down(problem, cut, 60, 2, exact=False)
                assert quick.roster is not None and quick.bound == 0
                assert evaluate(inst, to_solution(inst, quick.roster)).objective == expected
    finally:
        columns.close()


@pytest.mark.slow
def test_every_roster_at_most_the_target_stays_in_the_cut_down_model() -> None:
    """The exact cut-down model must hold every roster at most its target, however its
    reduced costs are spread: the dives' own rosters (a few units above the bound, with
    several persons above their least) each fit the model cut down to their value."""
    inst, problem = both(6)
    columns = Columns(problem, 2)
    try:
        assert columns.converge(time.monotonic() + 60) is not None
        rosters = [dive(columns, time.monotonic() + 30)]
        unfix(columns)
        rosters.append(dive(columns, time.monotonic() + 30, random.Random(0)))
        for roster in rosters:
            assert roster is not None
            value = evaluate(inst, to_solution(inst, roster)).objective
            cut = reduced(columns, value, time.monotonic() + 60)
            assert cut is not None and cut.slack > 0
            part = cut_down(problem, cut)
            for (e, d, s), x in part.x.items():
                part.m.add(x == int(roster[e].get(d) == s))
            solver = cp_model.CpSolver()
            solver.parameters.num_workers = 2
            assert solver.solve(part.m) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    finally:
        columns.close()
