"""A roster's value under the engine's objective, and CP-SAT solvers as the search sets them."""

from __future__ import annotations

from collections.abc import Hashable

from ortools.sat.python import cp_model

from rosterapp.solver.model import Part
from rosterapp.solver.problem import Problem, Roster, Shape, roster_cost


def solver(seconds: float, workers: int, seed: int = 0) -> cp_model.CpSolver:
    s = cp_model.CpSolver()
    s.parameters.max_time_in_seconds = max(seconds, 0.05)
    s.parameters.num_workers = workers
    s.parameters.random_seed = seed
    return s


def cover_and_wishes_only(problem: Problem) -> bool:
    """Whether a roster's whole cost is its cover and wishes (no per-person terms)."""
    return problem.shape == Shape() and all(p.week_duties is None for p in problem.people)


def value(problem: Problem, roster: Roster) -> float:
    """The whole objective of a roster (inf: it breaks a rule, or did not check in time)."""
    if cover_and_wishes_only(problem):
        return roster_cost(problem, roster)  # exact, and far quicker than the model
    part = Part(problem, {p.id: (0, problem.days) for p in problem.people}, roster)
    return hinted_value(part, roster)


def hinted_value(part: Part, roster: Roster) -> float:
    """The part's objective with its decisions as `roster` has them (inf: breaks a rule)."""
    part.hint(roster)
    s = solver(10, 1)
    s.parameters.fix_variables_to_their_hinted_value = True
    status = s.solve(part.m)
    part.m.clear_hints()
    # Only a proven value: a merely feasible one overstates it (the auxiliary terms not
    # at their least), and the search's running total would drift below the truth.
    if status != cp_model.OPTIMAL:
        return float("inf")
    return s.objective_value


def _have(problem: Problem, roster: Roster) -> list[int]:
    """How many people each cover line counts in the roster, in the problem's order."""
    attrs = {p.id: p.attrs for p in problem.people}
    on: dict[tuple[int, str], list[Hashable]] = {}
    for pid, plan in roster.items():
        for d, t in plan.items():
            on.setdefault((d, t), []).append(pid)
    return [
        sum(1 for pid in on.get((c.day, c.tour), ()) if c.who <= attrs[pid]) for c in problem.cover
    ]


def shortfall(problem: Problem, roster: Roster) -> int:
    """People short, summed over every cover line that weighs a shortfall."""
    have = _have(problem, roster)
    return sum(
        max(0, c.need - n)
        for c, n in zip(problem.cover, have, strict=True)
        if c.under and not c.spare
    )


def weighted_shortfall(problem: Problem, roster: Roster) -> int:
    """The cover-under part of the objective alone."""
    have = _have(problem, roster)
    return sum(
        max(0, c.need - n) * c.under
        for c, n in zip(problem.cover, have, strict=True)
        if not c.spare
    )
