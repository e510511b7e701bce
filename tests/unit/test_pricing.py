"""The pricing programme against CP-SAT's exact model of the same person."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest

from rosterapp.solver.columns import Columns
from rosterapp.solver.nrp import Instance, evaluate
from rosterapp.solver.pricers import SCALE, Pending, Priced, Prices
from rosterapp.solver.pricing import RosterDP
from rosterapp.solver.problem import Kept, Problem
from tests.nrp_data import both


def own_violations(inst: Instance, e: str, plan: dict[int, str]) -> list[str]:
    """The evaluator's findings about this person alone."""
    found = evaluate(inst, {e: plan}).violations
    return [v for v in found if v.startswith((f"{e}:", f"{e} "))]


def random_prices(inst: Instance, columns: Columns, seed: int) -> Prices:
    rng = random.Random(seed)
    prices = np.zeros((inst.days, len(inst.shifts)), dtype=np.int64)
    for c in inst.cover:
        prices[c.day, columns.shift_column[c.shift]] += rng.randint(
            -SCALE * c.over_weight, SCALE * c.under_weight
        )
    return {frozenset(): prices}


def person(problem: Problem, e: str):  # type: ignore[no-untyped-def]
    return next(p for p in problem.people if p.id == e)


@pytest.mark.parametrize("number", [5, 8, pytest.param(16, marks=pytest.mark.slow)])
def test_programme_finds_cp_sats_optimum_and_keeps_every_rule(number: int) -> None:
    """Instances with forbidden successions, weekend limits, minimum runs of work and of
    days off, and (16) a 56-day horizon: the programme's least cost is CP-SAT's, its
    roster costs what it says and breaks no rule."""
    inst, problem = both(number)
    columns = Columns(problem, 1)
    try:
        # CP-SAT takes seconds over each 56-day person: two of those are enough.
        for seed, e in enumerate(list(inst.staff)[: 2 if inst.days > 28 else 5]):
            prices = random_prices(inst, columns, seed)
            first = columns._programme(e, prices)
            assert not isinstance(first, Pending)  # no limit left out on these
            assert first.plan is not None
            p = columns.pricer(e)
            cost = columns.costs(e, prices)
            by_cp_sat = columns._by_cp_sat(Pending(e, cost, -(10**15)), 30.0)
            # The programme is exact: its least cost lies within what CP-SAT proved (a
            # loaded machine may stop CP-SAT before it closes the gap), and equals CP-SAT's
            # optimum whenever CP-SAT proved one.
            assert by_cp_sat.bound <= first.value <= by_cp_sat.value
            if by_cp_sat.value == by_cp_sat.bound:
                assert first.value == by_cp_sat.value
            column = {s: j for j, s in enumerate(p.dp.shifts)}
            spent = SCALE * p.base + sum(int(cost[d, column[s]]) for d, s in first.plan.items())
            assert spent == first.value
            assert own_violations(inst, e, first.plan) == []
    finally:
        columns.close()


def _pushed_past_a_limit(
    monkeypatch: pytest.MonkeyPatch, keep_cells: int, tries: int
) -> tuple[Priced, bool]:
    """Instance 10's first person with a limit left out of the first programme, at
    prices that make that limit's tour worth taking every day: the pricing, and
    whether the programme left it to CP-SAT."""
    import rosterapp.solver.pricers as columns_module

    monkeypatch.setattr(columns_module, "KEEP_CELLS", keep_cells)
    monkeypatch.setattr(columns_module, "PENALTY_TRIES", tries)
    inst, problem = both(10)
    e, limit, j = next(
        (p.id, *RosterDP(problem, p).relaxed[0])
        for p in problem.people
        if RosterDP(problem, p).relaxed
    )
    shift = RosterDP(problem, person(problem, e)).shifts[j]
    columns = Columns(problem, 1)
    try:
        table = np.zeros((inst.days, len(inst.shifts)), dtype=np.int64)
        table[:, columns.shift_column[shift]] = 50 * SCALE
        prices = {frozenset(): table}
        pending = isinstance(columns._programme(e, prices), Pending)
        priced = columns._price(e, prices, 30.0)
    finally:
        columns.close()
    assert priced.plan is not None
    assert sum(1 for s in priced.plan.values() if s == shift) <= limit
    assert own_violations(inst, e, priced.plan) == []
    return priced, pending


def test_a_limit_the_programme_left_out_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Instance 10 leaves some shift-type limits out of the first programme. Prices that
    make that shift type worth taking every day push it past the limit; the pricing must
    then answer with the programme that keeps every limit, or (when that one would be
    too large and penalties find nothing) with CP-SAT: both keep the limit and find the
    same optimum. Penalties keep it too, at no less than that optimum, with a bound no
    more than it."""
    keeping, pending = _pushed_past_a_limit(monkeypatch, 100_000, 12)
    assert not pending and keeping.bound == keeping.value
    exact, pending = _pushed_past_a_limit(monkeypatch, 1, 0)
    assert pending and exact.bound == exact.value == keeping.value
    penalised, pending = _pushed_past_a_limit(monkeypatch, 1, 12)
    assert not pending
    assert penalised.bound <= keeping.value <= penalised.value


def test_a_person_with_no_roster_is_reported_as_such() -> None:
    """Minimum minutes out of reach (every day a day off): no roster, not a crash."""
    inst, problem = both(1)
    p = dataclasses.replace(problem.people[0], kept=dict.fromkeys(range(inst.days), Kept.REST))
    assert RosterDP(problem, p).solve(np.zeros((inst.days, 1), dtype=np.int64)) is None


def test_a_person_allowed_no_tour_gets_the_empty_roster() -> None:
    inst, problem = both(1)
    p = dataclasses.replace(problem.people[0], tours=frozenset(), min_minutes=0)
    cheapest = RosterDP(problem, p).solve(np.zeros((inst.days, 0), dtype=np.int64))
    assert cheapest is not None and cheapest.plan == {} and cheapest.value == 0
