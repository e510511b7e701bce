"""Filling and repairing a team's roster with CP-SAT.

The problem is plain data (built from the database by services/solving.py):
people, days, tours, what is fixed, what is there now, and the cover required.
Rules that protect people are hard (11 hours between tours, at most 7 days in a
row, rest days each week); cover, contracted hours, fairness and change are costs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ortools.sat.python import cp_model

from rosterapp.domain.policy import MAX_DAYS_IN_A_ROW, MIN_REST_HOURS

REST = "RD"

# Weights of the costs, per unit (a person short, a changed cell...).
W_SHORT = 100
W_OVER = 1
W_HOURS = 30
W_CHANGE = 4
W_COMPENSATION = 25  # turning a published rest day into a duty costs overtime
W_FAIR = 3


@dataclass(frozen=True)
class Tour:
    code: str
    start: datetime  # on a reference day; the model only needs the hours between tours
    hours: float


@dataclass
class Person:
    id: int
    label: str  # "PC Ali Khan"
    rank: str
    skills: frozenset[str]
    beat: str | None  # the beat their duties are on
    duties_per_week: int  # from contracted hours
    # day → a code that must stay (leave, sickness, a pinned cell, not in the team).
    fixed: dict[date, str | None] = field(default_factory=dict)
    # day → what the roster says now (for the minimal-change cost).
    current: dict[date, str | None] = field(default_factory=dict)
    # the days before the period, for rest and runs of work
    before: dict[date, str | None] = field(default_factory=dict)
    published_rest_days: set[date] = field(default_factory=set)


@dataclass(frozen=True)
class Need:
    day: date
    shift: str
    beat: str | None
    rank: str | None
    skill: str | None
    count: int


@dataclass
class Problem:
    days: list[date]
    tours: dict[str, Tour]
    people: list[Person]
    needs: list[Need]
    absence_codes: frozenset[str]  # codes that are not duties (RD, AL, S...)
    working_codes: frozenset[str] = frozenset()  # not tours, but work: training, court, aid
    keep_current: bool = True  # repair: prefer what is there; fill: only blanks change


@dataclass
class Shortfall:
    need: Need
    rostered: int
    why: str


@dataclass
class Outcome:
    status: str
    assignment: dict[tuple[int, date], str]
    objective: float
    bound: float
    seconds: float
    shortfalls: list[Shortfall]
    conflicts: list[str]  # when the fixed entries cannot all be kept


Progress = Callable[[float, float, float], bool]


def _forbidden_pairs(tours: dict[str, Tour]) -> set[tuple[str, str]]:
    """(a, b): tour b the day after tour a leaves less than 11 hours' rest."""
    out = set()
    for a, ta in tours.items():
        end_a = ta.start + timedelta(hours=ta.hours)
        for b, tb in tours.items():
            if tb.start + timedelta(days=1) - end_a < timedelta(hours=MIN_REST_HOURS):
                out.add((a, b))
    return out


class _Watch(cp_model.CpSolverSolutionCallback):
    def __init__(self, progress: Progress | None, start: float) -> None:
        super().__init__()
        self.progress, self.start = progress, start

    def on_solution_callback(self) -> None:
        if self.progress is not None and not self.progress(
            self.objective_value, self.best_objective_bound, time.monotonic() - self.start
        ):
            self.stop_search()


def solve(
    problem: Problem, *, time_limit: float = 10, workers: int = 0, progress: Progress | None = None
) -> Outcome:
    start = time.monotonic()
    m = cp_model.CpModel()
    days = problem.days
    codes = [*problem.tours, REST]
    forbidden = _forbidden_pairs(problem.tours)
    x: dict[tuple[int, date, str], cp_model.IntVar] = {}
    assumptions: dict[int, str] = {}
    assumption_literals: list[cp_model.IntVar] = []
    costs: list[cp_model.LinearExprT] = []
    day_index = {d: i for i, d in enumerate(days)}

    def fixed_literal(p: Person, d: date, code: str | None, var_code: str) -> None:
        lit = m.new_bool_var(f"fix_{p.id}_{d}")
        m.add(x[(p.id, d, var_code)] == 1).only_enforce_if(lit)
        assumptions[lit.index] = f"{p.label}: {code} on {d:%a %d %b}"
        assumption_literals.append(lit)

    for p in problem.people:
        for d in days:
            cell = [m.new_bool_var(f"x_{p.id}_{d}_{c}") for c in codes]
            for c, v in zip(codes, cell, strict=True):
                x[(p.id, d, c)] = v
            fixed = p.fixed.get(d, "-")
            if fixed != "-":
                # Leave, pinned or out of the team: not the solver's to change. A fixed
                # tour is kept through an assumption, so conflicts can be named.
                if fixed in problem.tours:
                    m.add_exactly_one(cell)
                    fixed_literal(p, d, fixed, fixed)
                else:
                    for v in cell:
                        m.add(v == 0)
                continue
            m.add_exactly_one(cell)
            now = p.current.get(d)
            if now is not None and now in codes:
                weight = W_CHANGE if problem.keep_current else W_CHANGE * 50
                if now == REST and d in p.published_rest_days:
                    weight += W_COMPENSATION
                costs.append(weight * (1 - x[(p.id, d, now)]))

        def duty(d: date, p: Person = p) -> cp_model.LinearExprT | int:
            if d in day_index:
                if p.fixed.get(d) in problem.working_codes:
                    return 1
                return sum(x[(p.id, d, c)] for c in problem.tours)
            before = p.before.get(d)
            return 1 if before in problem.tours or before in problem.working_codes else 0

        for d in days:
            prev = d - timedelta(days=1)
            for a, b in forbidden:
                if prev in day_index:
                    m.add_bool_or([x[(p.id, prev, a)].negated(), x[(p.id, d, b)].negated()])
                elif p.before.get(prev) == a:
                    m.add(x[(p.id, d, b)] == 0)
        # At most 7 days of duty in a row, counting the days before the period.
        span = [days[0] - timedelta(days=k) for k in range(MAX_DAYS_IN_A_ROW, 0, -1)] + days
        for i in range(len(span) - MAX_DAYS_IN_A_ROW):
            window = span[i : i + MAX_DAYS_IN_A_ROW + 1]
            if any(w in day_index for w in window):
                m.add(sum(duty(w) for w in window) <= MAX_DAYS_IN_A_ROW)
        # Monday-to-Sunday weeks inside the period: two rest days (fewer only when
        # leave leaves no room) and the contracted number of duties.
        for i, d in enumerate(days):
            if d.weekday() != 0 or i + 7 > len(days):
                continue
            week = days[i : i + 7]
            free = [w for w in week if p.fixed.get(w, "-") == "-"]
            rests = sum(x[(p.id, w, REST)] for w in free)
            fixed_rest = sum(1 for w in week if p.fixed.get(w) == REST)
            m.add(rests + fixed_rest >= min(2, len(free) + fixed_rest))
            paid_leave = sum(
                1
                for w in week
                if p.fixed.get(w) not in (None, "-", REST) and p.fixed.get(w) not in problem.tours
            )
            target = max(0, p.duties_per_week - paid_leave)
            duties = sum(duty(w) for w in week)
            gap = m.new_int_var(0, 7, f"gap_{p.id}_{d}")
            m.add(duties - target <= gap)
            m.add(target - duties <= gap)
            costs.append(W_HOURS * gap)

    # Cover: each person counts once for every need they can meet.
    people = {p.id: p for p in problem.people}
    for n in problem.needs:
        if n.day not in day_index or n.shift not in problem.tours:
            continue
        able = [
            p
            for p in problem.people
            if (n.beat is None or p.beat == n.beat)
            and (n.rank is None or p.rank == n.rank)
            and (n.skill is None or n.skill in p.skills)
        ]
        have = sum(x[(p.id, n.day, n.shift)] for p in able)
        short = m.new_int_var(0, n.count, f"short_{n.day}_{n.shift}_{n.beat}_{n.rank}_{n.skill}")
        m.add(have + short >= n.count)
        costs.append(W_SHORT * short)
        if n.rank is None and n.skill is None:
            over = m.new_int_var(0, len(able), "over")
            m.add(have - n.count <= over)
            costs.append(W_OVER * over)
    # Fairness: late-lates, nights and weekends spread across the people.
    heavy = [c for c in problem.tours if problem.tours[c].start.hour >= 18]
    if heavy and len(problem.people) > 1:
        loads: list[cp_model.LinearExprT] = []
        for p in problem.people:
            loads.append(
                sum(x[(p.id, d, c)] for d in days for c in heavy)
                + sum(x[(p.id, d, c)] for d in days if d.weekday() >= 5 for c in problem.tours)
            )
        top = m.new_int_var(0, 2 * len(days), "top_load")
        m.add_max_equality(top, loads)
        costs.append(W_FAIR * top)
    m.minimize(sum(costs))
    m.add_assumptions(assumption_literals)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    if workers:
        solver.parameters.num_workers = workers
    status = solver.solve(m, _Watch(progress, start))
    name = solver.status_name(status)
    if status == cp_model.INFEASIBLE:
        core = solver.sufficient_assumptions_for_infeasibility()
        conflicts = sorted(assumptions[i] for i in core) or [
            "the rules cannot all be met with the entries that are fixed"
        ]
        return Outcome(
            name, {}, float("nan"), float("nan"), time.monotonic() - start, [], conflicts
        )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Outcome(name, {}, float("nan"), float("nan"), time.monotonic() - start, [], [])
    assignment: dict[tuple[int, date], str] = {}
    for p in problem.people:
        for d in days:
            if p.fixed.get(d, "-") != "-":
                continue
            for c in codes:
                if solver.boolean_value(x[(p.id, d, c)]):
                    assignment[(p.id, d)] = c
    shortfalls = explain(problem, assignment, people)
    return Outcome(
        name,
        assignment,
        solver.objective_value,
        solver.best_objective_bound,
        time.monotonic() - start,
        shortfalls,
        [],
    )


def explain(
    problem: Problem, assignment: dict[tuple[int, date], str], people: dict[int, Person]
) -> list[Shortfall]:
    """Say, for each need still short, who could have met it and what they do instead."""
    out = []
    for n in problem.needs:
        if n.day not in set(problem.days) or n.shift not in problem.tours:
            continue
        able = [
            p
            for p in people.values()
            if (n.beat is None or p.beat == n.beat)
            and (n.rank is None or p.rank == n.rank)
            and (n.skill is None or n.skill in p.skills)
        ]

        def entry(p: Person, day: date = n.day) -> str | None:
            fixed = p.fixed.get(day, "-")
            return assignment.get((p.id, day)) if fixed == "-" else fixed

        on = sum(1 for p in able if entry(p) == n.shift)
        if on >= n.count:
            continue
        leave = sum(1 for p in able if entry(p) not in (None, REST, *problem.tours))
        rest = sum(1 for p in able if entry(p) == REST)
        other = sum(1 for p in able if entry(p) in problem.tours and entry(p) != n.shift)
        absent = sum(1 for p in able if entry(p) is None)
        parts = [
            f"{len(able)} could",
            f"{leave} on leave or other absence",
            f"{rest} on rest days the rules require",
            f"{other} on other tours",
        ]
        if absent:
            parts.append(f"{absent} not in the team that day")
        out.append(Shortfall(n, on, ", ".join(parts)))
    return out
