"""The staff-scheduling benchmark through the rostering engine, re-scored by its evaluator.

Every roster here comes from the engine (solver/search.py and its stages) on the
problem read from an instance (solver/nrp_problem.py); the benchmark's own evaluator
(solver/nrp.py), which knows nothing of the engine, judges it.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import numpy as np
import pytest
from ortools.sat.python import cp_model

from rosterapp.cli.main import run
from rosterapp.solver.columns import Columns
from rosterapp.solver.dives import dive, dives, pooled
from rosterapp.solver.evaluate import weighted_shortfall
from rosterapp.solver.model import Part
from rosterapp.solver.nrp import evaluate, read_solution, write_solution
from rosterapp.solver.nrp_problem import to_solution
from rosterapp.solver.pricers import SCALE
from rosterapp.solver.problem import roster_cost
from rosterapp.solver.run import Run
from rosterapp.solver.search import solve
from rosterapp.solver.whole import staged
from tests.nrp_data import NRP, both, instance


@pytest.mark.slow
def test_instance_1_solved_to_its_known_optimum(tmp_path: Path) -> None:
    inst, problem = both(1)
    result = solve(problem, time_limit=30, workers=8)
    assert result.status == "OPTIMAL"
    solution = to_solution(inst, result.roster)
    checked = evaluate(inst, solution)
    assert checked.feasible and checked.objective == 607 == result.objective
    out = tmp_path / "sol.txt"
    write_solution(out, solution)
    assert evaluate(inst, read_solution(out, inst)).objective == 607


@pytest.mark.slow
def test_evaluator_catches_each_hard_rule() -> None:
    inst, problem = both(1)  # 14 days, 8 staff, one shift D; max 5 in a row
    staff = next(iter(inst.staff.values()))
    base = to_solution(inst, solve(problem, time_limit=30, workers=8).roster)
    bad = {s: dict(p) for s, p in base.items()}
    bad[staff.id] = {d: "D" for d in range(inst.days)}  # every day: too many, too long
    violations = " ".join(evaluate(inst, bad).violations)
    assert "in a row" in violations and "minutes outside" in violations
    off = next(iter(inst.days_off[staff.id]))
    assert "a day off" in violations and f"day {off}" in violations


def test_evaluator_objective_by_hand() -> None:
    inst, problem = both(1)
    empty = {s: {} for s in inst.staff}
    expected = sum(r.weight for r in inst.on_requests)
    expected += sum(c.requirement * c.under_weight for c in inst.cover)
    assert evaluate(inst, empty).objective == expected == roster_cost(problem, empty)


@pytest.mark.slow
def test_cli_nrp_json_and_solution_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.txt"
    args = ["nrp", str(NRP / "Instance1.txt"), "--time-limit", "30", "--solution-out", str(out)]
    assert run([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"instance", "objective", "bound", "status", "seconds"}
    assert report["objective"] == 607 and report["instance"] == "Instance1"
    assert out.read_text().count("\n") > 10


def test_a_part_resolved_keeps_every_rule_and_never_loses_value() -> None:
    """Freeing some people over some days and solving that part exactly, with the rest
    fixed, gives a roster the independent evaluator accepts, no worse than before."""
    inst, problem = both(3)  # 14 days, 20 staff, 3 shift types, runs of at least 2
    rng = random.Random(7)
    roster = solve(problem, time_limit=2, workers=2).roster
    value = evaluate(inst, to_solution(inst, roster)).objective
    assert value == roster_cost(problem, roster)
    for _ in range(12):
        people = rng.sample(list(inst.staff), rng.randint(1, 6))
        lo = rng.randrange(inst.days)
        hi = rng.randint(lo + 1, inst.days)
        part = Part(problem, {e: (lo, hi) for e in people}, roster)
        part.hint(roster)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = 10
        solver.parameters.num_workers = 2
        assert solver.solve(part.m) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        found = part.read(solver)
        checked = evaluate(inst, to_solution(inst, found))
        assert checked.feasible, checked.violations
        assert checked.objective <= value
        for e in inst.staff:  # nothing outside the part moved
            for d in range(inst.days):
                if e not in people or not lo <= d < hi:
                    assert found[e].get(d) == roster[e].get(d)
        roster, value = found, checked.objective


@pytest.mark.slow
def test_the_whole_model_bound_is_a_true_lower_bound() -> None:
    inst, problem = both(2)  # best known 828, proven optimal
    whole = Part(problem, {e: (0, inst.days) for e in inst.staff}, {})
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = 8
    assert solver.solve(whole.m) == cp_model.OPTIMAL
    assert solver.objective_value == 828
    assert evaluate(inst, to_solution(inst, whole.read(solver))).objective == 828


@pytest.mark.slow
def test_cover_first_keeps_a_true_bound_and_every_rule() -> None:
    """Minimising the shortfall alone gives a lower bound of the whole objective; the
    roster then found among those that cover as well keeps every hard rule."""
    inst, problem = both(6)  # 28 days, 18 staff; best known 1950
    empty: dict[object, dict[int, str]] = {e: {} for e in inst.staff}
    under = sum(c.requirement * c.under_weight for c in inst.cover)
    assert weighted_shortfall(problem, empty) == under
    state = Run(problem, 8, 8, None)
    staged(state, empty, 8, 10_000)
    assert state.best is not None
    checked = evaluate(inst, to_solution(inst, state.best))
    assert checked.feasible, checked.violations
    assert 0 < state.bound <= 1950 <= checked.objective == state.value
    assert weighted_shortfall(problem, state.best) <= checked.objective


def test_column_generation_bound_is_true_and_the_dive_keeps_every_rule() -> None:
    """Instance 4's best known 1716 is proven optimal: the Lagrangian bound may not pass
    it, and on this instance the master is tight enough to reach it; the dive's roster
    is re-scored by the independent evaluator."""
    inst, problem = both(4)
    columns = Columns(problem, 2)
    try:
        root = columns.converge(time.monotonic() + 120)
        assert root is not None
        assert 1700 <= columns.bound <= 1716
        assert columns.bound <= root + 1e-6
        rostered = dive(columns, time.monotonic() + 120)
    finally:
        columns.close()
    assert rostered is not None and set(rostered) == set(inst.staff)
    checked = evaluate(inst, to_solution(inst, rostered))
    assert checked.feasible, checked.violations
    assert checked.objective >= columns.bound


def test_pricing_scores_a_roster_by_its_requests_less_its_cover_prices() -> None:
    """The pricing model's objective is rewritten in place every round: its value must
    be the roster's request cost (counted here from the instance) less the prices."""
    inst, problem = both(5)
    columns = Columns(problem, 1)
    try:
        prices = {(c.day, c.shift): (c.day * 37 + len(c.shift) * 11) % 150 for c in inst.cover}
        table = np.zeros((inst.days, len(inst.shifts)), dtype=np.int64)
        for (d, s), k in prices.items():
            table[d, columns.shift_column[s]] = k
        for e in list(inst.staff)[:4]:
            priced = columns._price(e, {frozenset(): table})
            assert priced.plan is not None and priced.value == priced.bound  # solved exactly
            requests = sum(
                r.weight
                for r in inst.on_requests
                if r.staff == e and priced.plan.get(r.day) != r.shift
            ) + sum(
                r.weight
                for r in inst.off_requests
                if r.staff == e and priced.plan.get(r.day) == r.shift
            )
            paid = sum(prices.get(cell, 0) for cell in priced.plan.items())
            assert priced.value == SCALE * requests - paid
    finally:
        columns.close()


def test_dives_report_each_better_roster_and_stop_when_told() -> None:
    """The repeated dives tell their caller of each better roster; a caller that says
    stop gets that roster back at once, and it keeps every rule."""
    inst, problem = both(5)
    columns = Columns(problem, 2)
    heard: list[float] = []

    def report(value: float, bound: float) -> bool:
        heard.append(value)
        return False

    try:
        assert columns.converge(time.monotonic() + 120) is not None
        rostered = dives(columns, time.monotonic() + 120, report)
    finally:
        columns.close()
    assert rostered is not None and len(heard) == 1
    checked = evaluate(inst, to_solution(inst, rostered))
    assert checked.feasible, checked.violations
    assert checked.objective == heard[0] >= columns.bound


@pytest.mark.slow
def test_the_pool_of_columns_gives_a_roster_no_worse_than_the_dive() -> None:
    """One column per person from every column generated: the dive's roster is among
    them (even the columns its CP-SAT finish made), so the answer is never worse, and it
    keeps every rule."""
    inst, problem = both(5)
    columns = Columns(problem, 2)
    try:
        assert columns.converge(time.monotonic() + 120) is not None
        dived = dive(columns, time.monotonic() + 120)
        assert dived is not None
        mixed = pooled(columns, dived, 20.0, 2)
    finally:
        columns.close()
    checked = evaluate(inst, to_solution(inst, mixed))
    assert checked.feasible, checked.violations
    dived_value = evaluate(inst, to_solution(inst, dived)).objective
    assert columns.bound <= checked.objective <= dived_value


def test_the_search_takes_column_generation_where_it_fits() -> None:
    """Instance 4 in a few seconds: the column stage's bound (1700 or more) is far above
    what CP-SAT's relaxation proves in that time, and the roster keeps every rule."""
    inst, problem = both(4)
    result = solve(problem, time_limit=12, workers=2)
    assert result.bound >= 1700
    checked = evaluate(inst, to_solution(inst, result.roster))
    assert checked.feasible and checked.objective == result.objective >= result.bound


def test_instance_reader_gives_every_rule_to_its_person() -> None:
    inst = instance(3)
    _inst, problem = both(3)
    person = next(p for p in problem.people if p.id == next(iter(inst.staff)))
    staff = inst.staff[person.id]
    assert person.max_run == staff.max_consecutive and person.min_run == staff.min_consecutive
    assert person.min_off_run == staff.min_days_off and person.max_weekends == staff.max_weekends
