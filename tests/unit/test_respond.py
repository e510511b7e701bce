"""Best responses (solver/respond.py): each person's exact best with the others fixed.

Judged by the benchmark's own evaluator and by each person's exact CP-SAT model, which
know nothing of the prices the programme is given.
"""

from __future__ import annotations

import random
import time

from ortools.sat.python import cp_model

from rosterapp.solver.model import Part
from rosterapp.solver.nrp import evaluate
from rosterapp.solver.nrp_problem import to_solution
from rosterapp.solver.pricers import SCALE
from rosterapp.solver.problem import roster_cost, with_kept
from rosterapp.solver.respond import Responder, responded, responds
from rosterapp.solver.search import solve
from tests.nrp_data import both


def test_a_first_roster_by_responses_keeps_every_rule_of_the_benchmark() -> None:
    inst, problem = both(4)
    assert responds(problem)
    order = [p.id for p in problem.people]
    roster = responded(problem, with_kept(problem, {}), order, time.monotonic() + 60)
    assert roster is not None
    checked = evaluate(inst, to_solution(inst, roster))
    assert checked.feasible, checked
    assert checked.objective == roster_cost(problem, roster)


def test_each_gain_is_the_rosters_whole_change_in_cost() -> None:
    # The prices are exact marginal costs: a response's gain is what the whole roster's
    # cost falls by, never an estimate.
    _inst, problem = both(3)
    order = [p.id for p in problem.people]
    start = responded(problem, with_kept(problem, {}), order, time.monotonic() + 60)
    assert start is not None
    r = Responder(problem, start)
    # Spoil the roster: half the people lose their tours on the first week.
    rng = random.Random(3)
    for pid in rng.sample(order, len(order) // 2):
        r._count(pid, r.roster[pid], -1)
        r.roster[pid] = {d: t for d, t in r.roster[pid].items() if d >= 7}
        r._count(pid, r.roster[pid], 1)
    gains = 0
    for pid in order:
        before = roster_cost(problem, r.roster)
        gain = r.respond(pid)
        after = roster_cost(problem, r.roster)
        assert gain == SCALE * (before - after)
        gains += gain
    assert gains > 0


def test_after_the_sweeps_no_one_alone_does_better() -> None:
    _inst, problem = both(2)
    order = [p.id for p in problem.people]
    roster = responded(problem, with_kept(problem, {}), order, time.monotonic() + 120)
    assert roster is not None
    now = roster_cost(problem, roster)
    for p in problem.people:
        part = Part(problem, {p.id: (0, problem.days)}, roster)
        s = cp_model.CpSolver()
        s.parameters.num_workers = 2
        s.parameters.max_time_in_seconds = 30
        assert s.solve(part.m) == cp_model.OPTIMAL
        assert roster_cost(problem, part.read(s)) >= now, p.id


def test_the_engine_builds_large_benchmark_rosters_by_responses() -> None:
    inst, problem = both(13)
    result = solve(problem, time_limit=30, workers=2)
    assert result.first_seconds is not None
    checked = evaluate(inst, to_solution(inst, result.roster))
    assert checked.feasible
    assert checked.objective == round(result.objective)
