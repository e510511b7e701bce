from __future__ import annotations

import json
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from rosterapp.cli.main import run
from rosterapp.domain.grid import CellEdit
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.solving import apply_proposal, propose
from rosterapp.solver.nrp import evaluate, read_instance, read_solution, write_solution
from rosterapp.solver.nrp_model import solve
from rosterapp.storage import Database
from tests.factories import small_team

NRP = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "nrp"  # carried in the repo
MON = date(2026, 12, 14)


def instance(n: int):  # type: ignore[no-untyped-def]
    path = NRP / f"Instance{n}.txt"
    if not path.exists():
        pytest.fail(f"benchmark data missing at {path}")
    return read_instance(path)


@pytest.mark.slow
def test_instance_1_solved_to_its_known_optimum(tmp_path: Path) -> None:
    inst = instance(1)
    result = solve(inst, time_limit=30, workers=8)
    assert result.status == "OPTIMAL"
    checked = evaluate(inst, result.solution)
    assert checked.feasible and checked.objective == 607
    out = tmp_path / "sol.txt"
    write_solution(out, result.solution)
    assert evaluate(inst, read_solution(out, inst)).objective == 607


@pytest.mark.slow
def test_evaluator_catches_each_hard_rule() -> None:
    inst = instance(1)  # 14 days, 8 staff, one shift D; max 5 in a row
    staff = next(iter(inst.staff.values()))
    base = solve(inst, time_limit=30, workers=8).solution
    bad = {s: dict(p) for s, p in base.items()}
    bad[staff.id] = {d: "D" for d in range(inst.days)}  # every day: too many, too long
    violations = " ".join(evaluate(inst, bad).violations)
    assert "in a row" in violations and "minutes outside" in violations
    off = next(iter(inst.days_off[staff.id]))
    assert "a day off" in violations and f"day {off}" in violations


def test_evaluator_objective_by_hand() -> None:
    inst = instance(1)
    empty = {s: {} for s in inst.staff}
    expected = sum(r.weight for r in inst.on_requests)
    expected += sum(c.requirement * c.under_weight for c in inst.cover)
    assert evaluate(inst, empty).objective == expected


@pytest.mark.slow
def test_cli_nrp_json_and_solution_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.txt"
    assert (
        run(
            [
                "nrp",
                str(NRP / "Instance1.txt"),
                "--time-limit",
                "30",
                "--solution-out",
                str(out),
                "--json",
            ]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"instance", "objective", "bound", "status", "seconds"}
    assert report["objective"] == 607 and report["instance"] == "Instance1"
    assert out.read_text().count("\n") > 10


def test_fill_respects_rules_and_keeps_what_is_there(sqlite_db: Database) -> None:
    people = small_team(sqlite_db, n=4)
    pinned = CellEdit(people[1].id, MON + timedelta(days=2), "LL", "SOH", pinned=True)
    set_cells(sqlite_db, "T1", [pinned, CellEdit(people[2].id, MON, "AL")])
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=6), time_limit=10)
    assert proposal.found
    changed = {(e.member_id, e.day) for e in proposal.edits}
    assert (people[1].id, MON + timedelta(days=2)) not in changed
    assert (people[2].id, MON) not in changed
    apply_proposal(sqlite_db, proposal)
    grid = read_grid(sqlite_db, "T1", MON, MON + timedelta(days=6))
    for p in people:
        week = [grid.cell(p.id, MON + timedelta(days=i)) for i in range(7)]
        assert all(c is not None for c in week)
        codes = [c.code for c in week if c]
        if p.id != people[2].id:
            assert codes.count("RD") >= 2
    from rosterapp.services.checks import check_team

    report = check_team(sqlite_db, "T1", MON, MON + timedelta(days=6))
    assert not [
        f
        for f in report.findings
        if f.rule in ("rest-11h", "rest-days-week", "rest-day-gap", "leave-clash")
    ]


def test_repair_changes_as_few_cells_as_needed(sqlite_db: Database) -> None:
    people = small_team(sqlite_db, n=3)
    week = [MON + timedelta(days=i) for i in range(7)]
    good = ["E", "E", "E", "E", "E", "RD", "RD"]
    set_cells(
        sqlite_db,
        "T1",
        [CellEdit(p.id, d, c) for p in people for d, c in zip(week, good, strict=True)],
    )
    # A late-late then an early for one person breaks the 11-hour rule: one cell to mend.
    set_cells(sqlite_db, "T1", [CellEdit(people[0].id, week[1], "LL")])
    proposal = propose(sqlite_db, "T1", MON, week[-1], mode="repair", time_limit=10)
    assert proposal.found
    assert 1 <= len(proposal.edits) <= 2
    assert all(e.member_id == people[0].id for e in proposal.edits)


def test_conflicting_fixed_entries_are_named(sqlite_db: Database) -> None:
    people = small_team(sqlite_db, n=2)
    a = people[1]
    # Pinned: a late-late then an early the next day: cannot both stand.
    set_cells(
        sqlite_db,
        "T1",
        [
            CellEdit(a.id, MON, "LL", pinned=True),
            CellEdit(a.id, MON + timedelta(days=1), "E", pinned=True),
        ],
    )
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=6), time_limit=10)
    # The solver plans around them and says which fixed entries break the rule.
    assert proposal.found
    assert not {(e.member_id, e.day) for e in proposal.edits} & {
        (a.id, MON),
        (a.id, MON + timedelta(days=1)),
    }
    text = " ".join(proposal.conflicts)
    assert "LL on Mon 14 Dec" in text and "E on Tue 15 Dec" in text


def test_shortfall_is_explained(sqlite_db: Database) -> None:
    from rosterapp.domain.enums import Rank
    from rosterapp.services.beats import set_requirement

    small_team(sqlite_db, n=3)
    set_requirement(sqlite_db, "T1", weekday=0, shift="L", min_count=2, rank=Rank.SERGEANT)
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=6), time_limit=10)
    assert proposal.found
    (text,) = [t for t in proposal.explanations if "Late on Mon 14 Dec" in t]
    assert "1 of 2 sergeants" in text and "1 could" in text


def test_a_part_resolved_keeps_every_rule_and_never_loses_value() -> None:
    """Freeing some people over some days and solving that part exactly, with the rest
    fixed, gives a roster the independent evaluator accepts, no worse than before."""
    import random

    from ortools.sat.python import cp_model

    from rosterapp.solver.nrp_model import construct, objective
    from rosterapp.solver.nrp_part import Part

    inst = instance(3)  # 14 days, 20 staff, 3 shift types, runs of at least 2
    rng = random.Random(7)
    sol = construct(inst, time.monotonic() + 60, rng)
    assert sol is not None and evaluate(inst, sol).feasible
    value = objective(inst, sol)
    assert value == evaluate(inst, sol).objective
    for _ in range(12):
        people = rng.sample(list(inst.staff), rng.randint(1, 6))
        lo = rng.randrange(inst.days)
        hi = rng.randint(lo + 1, inst.days)
        part = Part(inst, {e: (lo, hi) for e in people}, sol)
        part.hint(sol)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = 10
        solver.parameters.num_workers = 2
        assert solver.solve(part.m) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        found = part.read(solver)
        checked = evaluate(inst, found)
        assert checked.feasible, checked.violations
        assert checked.objective <= value
        for e in inst.staff:  # nothing outside the part moved
            for d in range(inst.days):
                if e not in people or not lo <= d < hi:
                    assert found[e].get(d) == sol[e].get(d)
        sol, value = found, checked.objective


@pytest.mark.slow
def test_the_whole_model_bound_is_a_true_lower_bound() -> None:
    from ortools.sat.python import cp_model

    from rosterapp.solver.nrp_part import Part

    inst = instance(2)  # best known 828, proven optimal
    whole = Part(inst, {e: (0, inst.days) for e in inst.staff}, {})
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = 8
    assert solver.solve(whole.m) == cp_model.OPTIMAL
    assert solver.objective_value == 828
    assert evaluate(inst, whole.read(solver)).objective == 828


@pytest.mark.slow
def test_cover_first_keeps_a_true_bound_and_every_rule() -> None:
    """Minimising the shortfall alone gives a lower bound of the whole objective; the
    roster then found among those that cover as well keeps every hard rule."""
    from rosterapp.solver.nrp_model import _whole, shortfall

    inst = instance(6)  # 28 days, 18 staff; best known 1950
    empty: dict[str, dict[int, str]] = {e: {} for e in inst.staff}
    assert shortfall(inst, empty) == sum(c.requirement * c.under_weight for c in inst.cover)
    best, bound = _whole(inst, 8, 8, lambda _value, _bound: True)
    assert best is not None
    checked = evaluate(inst, best)
    assert checked.feasible, checked.violations
    assert 0 < bound <= 1950 <= checked.objective
    assert shortfall(inst, best) <= checked.objective


def test_column_generation_bound_is_true_and_the_dive_keeps_every_rule() -> None:
    """Instance 4's best known 1716 is proven optimal: the Lagrangian bound may not pass
    it, and on this instance the master is tight enough to reach it; the dive's roster
    is re-scored by the independent evaluator."""
    from rosterapp.solver.nrp_columns import Columns

    inst = instance(4)
    columns = Columns(inst, 2)
    try:
        root = columns.converge(time.monotonic() + 120)
        assert root is not None
        assert 1700 <= columns.bound <= 1716
        assert columns.bound <= root + 1e-6
        rostered = columns.dive(time.monotonic() + 120)
    finally:
        columns.close()
    assert rostered is not None and set(rostered) == set(inst.staff)
    checked = evaluate(inst, rostered)
    assert checked.feasible, checked.violations
    assert checked.objective >= columns.bound


def test_pricing_scores_a_roster_by_its_requests_less_its_cover_prices() -> None:
    """The pricing model's objective is rewritten in place every round: its value must
    be the roster's request cost (counted here from the instance) less the prices."""
    from rosterapp.solver.nrp_columns import SCALE, Columns

    inst = instance(5)
    columns = Columns(inst, 1)
    try:
        prices = {(c.day, c.shift): (c.day * 37 + len(c.shift) * 11) % 150 for c in inst.cover}
        table = np.zeros((inst.days, len(inst.shifts)), dtype=np.int64)
        for (d, s), k in prices.items():
            table[d, columns.shift_column[s]] = k
        for e in list(inst.staff)[:4]:
            priced = columns._price(e, table)
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
    from rosterapp.solver.nrp_columns import Columns

    inst = instance(5)
    columns = Columns(inst, 2)
    heard: list[float] = []

    def report(value: float, bound: float) -> bool:
        heard.append(value)
        return False

    try:
        assert columns.converge(time.monotonic() + 120) is not None
        rostered = columns.dives(time.monotonic() + 120, report)
    finally:
        columns.close()
    assert rostered is not None and len(heard) == 1
    checked = evaluate(inst, rostered)
    assert checked.feasible, checked.violations
    assert checked.objective == heard[0] >= columns.bound


@pytest.mark.slow
def test_the_pool_of_columns_gives_a_roster_no_worse_than_the_dive() -> None:
    """One column per employee from every column generated: the dive's roster is among
    them (even the columns its CP-SAT finish made), so the answer is never worse, and it
    keeps every rule."""
    from rosterapp.solver.nrp_columns import Columns

    inst = instance(5)
    columns = Columns(inst, 2)
    try:
        assert columns.converge(time.monotonic() + 120) is not None
        dived = columns.dive(time.monotonic() + 120)
        assert dived is not None
        pooled = columns.pooled(dived, 20.0, 2)
    finally:
        columns.close()
    checked = evaluate(inst, pooled)
    assert checked.feasible, checked.violations
    assert columns.bound <= checked.objective <= evaluate(inst, dived).objective
