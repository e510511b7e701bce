"""A CP-SAT model of the benchmark: one boolean per employee, day and shift."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rosterapp.solver.nrp import Instance, Solution

Progress = Callable[[float, float, float], bool]  # (objective, bound, seconds) → go on?


@dataclass
class NrpResult:
    solution: Solution
    objective: float
    bound: float
    status: str
    seconds: float


class _Watch(cp_model.CpSolverSolutionCallback):
    def __init__(self, progress: Progress | None, start: float) -> None:
        super().__init__()
        self.progress = progress
        self.start = start

    def on_solution_callback(self) -> None:
        if self.progress is not None and not self.progress(
            self.objective_value, self.best_objective_bound, time.monotonic() - self.start
        ):
            self.stop_search()


def build(inst: Instance) -> tuple[cp_model.CpModel, dict[tuple[str, int, str], cp_model.IntVar]]:
    m = cp_model.CpModel()
    h = inst.days
    shifts = list(inst.shifts)
    x: dict[tuple[str, int, str], cp_model.IntVar] = {}
    work: dict[tuple[str, int], cp_model.IntVar] = {}
    for e, st in inst.staff.items():
        off = inst.days_off.get(e, set())
        for d in range(h):
            for s in shifts:
                v = m.new_bool_var(f"x_{e}_{d}_{s}")
                x[(e, d, s)] = v
                if d in off or st.max_shifts.get(s, 0) == 0:
                    m.add(v == 0)
            w = m.new_bool_var(f"w_{e}_{d}")
            m.add(sum(x[(e, d, s)] for s in shifts) == w)
            work[(e, d)] = w
        for d in range(h - 1):
            for a in shifts:
                for b in inst.shifts[a].cannot_follow:
                    if b in inst.shifts:
                        m.add_bool_or([x[(e, d, a)].negated(), x[(e, d + 1, b)].negated()])
        for s in shifts:
            m.add(sum(x[(e, d, s)] for d in range(h)) <= st.max_shifts.get(s, 0))
        minutes = sum(inst.shifts[s].minutes * x[(e, d, s)] for d in range(h) for s in shifts)
        m.add(minutes >= st.min_minutes)
        m.add(minutes <= st.max_minutes)
        w_ = [work[(e, d)] for d in range(h)]
        k = st.max_consecutive
        for d in range(h - k):
            m.add(sum(w_[d : d + k + 1]) <= k)
        # Short runs of work between two days off. Runs touching either end of the
        # horizon are free: the benchmark knows nothing of the days around it.
        for length in range(1, st.min_consecutive):
            for d in range(1, h - length):
                clause: list[cp_model.LiteralT] = [w_[d - 1]]
                clause += [w_[i].negated() for i in range(d, d + length)]
                clause.append(w_[d + length])
                m.add_bool_or(clause)
        # Short runs of days off between two days of work (free at either end).
        for length in range(1, st.min_days_off):
            for d in range(1, h - length):
                clause = [w_[d - 1].negated(), *(w_[i] for i in range(d, d + length))]
                clause.append(w_[d + length].negated())
                m.add_bool_or(clause)
        weekends = []
        for wk in range(h // 7):
            we = m.new_bool_var(f"we_{e}_{wk}")
            m.add_max_equality(we, [w_[7 * wk + 5], w_[7 * wk + 6]])
            weekends.append(we)
        m.add(sum(weekends) <= st.max_weekends)
    terms = []
    for r in inst.on_requests:
        if (r.staff, r.day, r.shift) in x:
            terms.append(r.weight * (1 - x[(r.staff, r.day, r.shift)]))
    for r in inst.off_requests:
        if (r.staff, r.day, r.shift) in x:
            terms.append(r.weight * x[(r.staff, r.day, r.shift)])
    n_staff = len(inst.staff)
    for c in inst.cover:
        have = sum(x[(e, c.day, c.shift)] for e in inst.staff)
        under = m.new_int_var(0, c.requirement, f"u_{c.day}_{c.shift}")
        over = m.new_int_var(0, n_staff, f"o_{c.day}_{c.shift}")
        m.add(have + under - over == c.requirement)
        terms.append(c.under_weight * under + c.over_weight * over)
    m.minimize(sum(terms))
    return m, x


def solve(
    inst: Instance, *, time_limit: float = 60, workers: int = 0, progress: Progress | None = None
) -> NrpResult:
    start = time.monotonic()
    model, x = build(inst)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    if workers:
        solver.parameters.num_workers = workers
    status = solver.solve(model, _Watch(progress, start))
    name = solver.status_name(status)
    solution: Solution = {e: {} for e in inst.staff}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for (e, d, s), v in x.items():
            if solver.boolean_value(v):
                solution[e][d] = s
        objective = solver.objective_value
    else:
        objective = float("nan")
    return NrpResult(
        solution, objective, solver.best_objective_bound, name, time.monotonic() - start
    )
