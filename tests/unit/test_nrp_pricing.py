"""The pricing programme against CP-SAT's exact model of the same employee."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
import pytest

from rosterapp.solver.nrp import Instance, evaluate, read_instance
from rosterapp.solver.nrp_columns import SCALE, Columns, _Pending
from rosterapp.solver.nrp_pricing import INF, RosterDP

NRP = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "nrp"  # carried in the repo


def instance(n: int) -> Instance:
    path = NRP / f"Instance{n}.txt"
    if not path.exists():
        pytest.fail(f"benchmark data missing at {path}")
    return read_instance(path)


def own_violations(inst: Instance, e: str, plan: dict[int, str]) -> list[str]:
    """The evaluator's findings about this employee alone."""
    found = evaluate(inst, {e: plan}).violations
    return [v for v in found if v.startswith((f"{e}:", f"{e} "))]


def random_prices(inst: Instance, columns: Columns, seed: int) -> np.ndarray:
    rng = random.Random(seed)
    prices = np.zeros((inst.days, len(inst.shifts)), dtype=np.int64)
    for c in inst.cover:
        prices[c.day, columns.shift_column[c.shift]] += rng.randint(
            -SCALE * c.over_weight, SCALE * c.under_weight
        )
    return prices


@pytest.mark.parametrize("number", [5, 8, pytest.param(16, marks=pytest.mark.slow)])
def test_programme_finds_cp_sats_optimum_and_keeps_every_rule(number: int) -> None:
    """Instances with forbidden successions, weekend limits, minimum runs of work and of
    days off, and (16) a 56-day horizon: the programme's least cost is CP-SAT's, its
    roster costs what it says and breaks no rule."""
    inst = instance(number)
    columns = Columns(inst, 1)
    try:
        # CP-SAT takes seconds over each 56-day employee: two of those are enough.
        for seed, e in enumerate(list(inst.staff)[: 2 if inst.days > 28 else 5]):
            prices = random_prices(inst, columns, seed)
            first = columns._programme(e, prices)
            assert not isinstance(first, _Pending)  # no limit left out on these
            assert first.plan is not None
            p = columns._pricer(e)
            cost = np.where(
                p.request >= INF,
                INF,
                SCALE * p.request - prices[:, [columns.shift_column[s] for s in p.dp.shifts]],
            )
            by_cp_sat = columns._by_cp_sat(_Pending(e, cost, -(10**15)), 30.0)
            assert by_cp_sat.value == by_cp_sat.bound  # CP-SAT proved its optimum
            assert first.value == by_cp_sat.value
            column = {s: j for j, s in enumerate(p.dp.shifts)}
            spent = SCALE * p.base + sum(int(cost[d, column[s]]) for d, s in first.plan.items())
            assert spent == first.value
            assert own_violations(inst, e, first.plan) == []
    finally:
        columns.close()


def test_a_limit_the_programme_left_out_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Instance 10 leaves some shift-type limits out of the first programme. Prices that
    make that shift type worth taking every day push it past the limit; the pricing must
    then answer with the programme that keeps every limit, or (when that one would be
    too large) with CP-SAT: both keep the limit and find the same optimum."""
    import rosterapp.solver.nrp_columns as nrp_columns

    inst = instance(10)
    e, limit, j = next(
        (e, *RosterDP(inst, e).relaxed[0]) for e in inst.staff if RosterDP(inst, e).relaxed
    )
    shift = RosterDP(inst, e).shifts[j]
    values = []
    for whole_cells in (nrp_columns.KEEP_CELLS, 1):
        monkeypatch.setattr(nrp_columns, "KEEP_CELLS", whole_cells)
        columns = Columns(inst, 1)
        try:
            prices = np.zeros((inst.days, len(inst.shifts)), dtype=np.int64)
            prices[:, columns.shift_column[shift]] = 50 * SCALE
            first = columns._programme(e, prices)
            assert isinstance(first, _Pending) == (whole_cells == 1)
            priced = columns._price(e, prices, 30.0)
        finally:
            columns.close()
        assert priced.plan is not None
        assert sum(1 for s in priced.plan.values() if s == shift) <= limit
        assert priced.bound == priced.value  # proved optimal either way
        assert own_violations(inst, e, priced.plan) == []
        values.append(priced.value)
    assert values[0] == values[1]


def test_an_employee_with_no_roster_is_reported_as_such() -> None:
    """Minimum minutes out of reach (every day a day off): no roster, not a crash."""
    inst = instance(1)
    e = next(iter(inst.staff))
    inst.days_off[e] = set(range(inst.days))
    assert RosterDP(inst, e).solve(np.zeros((inst.days, 1), dtype=np.int64)) is None


def test_an_employee_allowed_no_shift_gets_the_empty_roster() -> None:
    inst = instance(1)
    e = next(iter(inst.staff))
    st = inst.staff[e]
    inst.staff[e] = dataclasses.replace(
        st, max_shifts=dict.fromkeys(st.max_shifts, 0), min_minutes=0
    )
    cheapest = RosterDP(inst, e).solve(np.zeros((inst.days, 0), dtype=np.int64))
    assert cheapest is not None and cheapest.plan == {} and cheapest.value == 0
