"""CP-SAT on the staff-scheduling benchmark: an exact model plus a large-neighbourhood search.

Every hard rule of the benchmark belongs to one employee; employees are coupled only
through the cover terms of the objective. So a roster is built one employee at a time
(each a small exact model against the cover the others already give), and improved by
freeing a few employees — or everyone over a few days — and re-solving that part exactly
with the rest fixed. The same builder makes the whole model (everyone free), which proves
optimality and gives the lower bound on the smaller instances.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rosterapp.solver.nrp import Instance, Solution

log = logging.getLogger(__name__)

Progress = Callable[[float, float, float], bool]  # (objective, bound, seconds) → go on?
Lit = cp_model.IntVar | int  # a decision, or a value already fixed (0 or 1)

# Up to this many shift decisions CP-SAT's own portfolio on the whole model is worth
# most of a minute on two cores (it proves the small benchmark instances optimal and
# gives a bound); above it, the roster is built and improved by parts only. Measured on
# instances 1-19 with benchmarks/nrp.py.
WHOLE_MODEL_LIMIT = 6_000
# Its many threads on two cores make the whole model's minute vary from run to run:
# it gets 60 % of the time, and improving its best by parts the rest.
WHOLE_SHARE = 0.6
# Of the whole model's time: on the smallest instances the plain model first (it proves
# them optimal in a second or two), then cover alone, then everything with cover kept.
PLAIN_LIMIT = 700
PLAIN_SHARE = 0.2
COVER_SHARE = 0.5
PART_SECONDS = 1.0  # one part's time limit; sizes adapt so that most finish sooner
# (2 s measured worse on 19 and no better elsewhere; 0.5 s worse on 12, 13 and 15)
PART_WORKERS = 2  # measured: one worker per part does worse, four no better
# The first roster on the larger instances: each employee's best roster gets a share of
# the time left, but at least this long. Measured on 13, 15 and 19: a short, imperfect
# build leaves more time for the parts, which mend it faster (19: 18.6 s to build before).
CONSTRUCT_SHARE = 0.1
CONSTRUCT_FLOOR = 0.05


@dataclass
class NrpResult:
    solution: Solution
    objective: float
    bound: float
    status: str
    seconds: float


def objective(inst: Instance, sol: Solution) -> int:
    """The weighted sum the benchmark minimises (hard rules are the evaluator's job)."""
    total = 0
    for r in inst.on_requests:
        if sol.get(r.staff, {}).get(r.day) != r.shift:
            total += r.weight
    for r in inst.off_requests:
        if sol.get(r.staff, {}).get(r.day) == r.shift:
            total += r.weight
    counts = _counts(sol)
    for c in inst.cover:
        have = counts.get((c.day, c.shift), 0)
        total += max(0, c.requirement - have) * c.under_weight
        total += max(0, have - c.requirement) * c.over_weight
    return total


def shortfall(inst: Instance, sol: Solution) -> int:
    """The under-cover part of the objective alone."""
    counts = _counts(sol)
    return sum(
        max(0, c.requirement - counts.get((c.day, c.shift), 0)) * c.under_weight for c in inst.cover
    )


def _counts(sol: Solution) -> dict[tuple[int, str], int]:
    counts: dict[tuple[int, str], int] = {}
    for plan in sol.values():
        for d, s in plan.items():
            counts[(d, s)] = counts.get((d, s), 0) + 1
    return counts


class Part:
    """The model of some employees over some days, everything else fixed to `base`.

    `free[e] = (lo, hi)` frees employee e on days lo ≤ d < hi. Rules that reach outside
    the freed days see the fixed values as constants, so any solution of the part put
    back into `base` keeps every hard rule (if `base` kept them).
    """

    def __init__(
        self,
        inst: Instance,
        free: dict[str, tuple[int, int]],
        base: Solution,
        *,
        cover_weight: Callable[[int, str], bool] | None = None,
    ) -> None:
        self.inst = inst
        self.free = free
        self.base = base
        self.m = cp_model.CpModel()
        self.x: dict[tuple[str, int, str], cp_model.IntVar] = {}
        self.terms: list[cp_model.LinearExprT] = []
        self.shortfall: list[cp_model.LinearExprT] = []  # the cover-under terms alone
        for e, (lo, hi) in free.items():
            self._employee(e, lo, hi)
        self._requests()
        self._cover()
        self.m.minimize(sum(self.terms))

    # -- literals that may be constants --------------------------------------------
    def _clause(self, lits: Iterable[tuple[Lit, bool]]) -> None:
        """At least one of the literals (value, wanted truth) holds; constants fold."""
        out: list[cp_model.LiteralT] = []
        for lit, positive in lits:
            if isinstance(lit, int):
                if bool(lit) == positive:
                    return  # already satisfied by the fixed part
                continue
            out.append(lit if positive else lit.negated())
        if out:
            self.m.add_bool_or(out)

    def _employee(self, e: str, lo: int, hi: int) -> None:
        inst, m = self.inst, self.m
        st = inst.staff[e]
        h = inst.days
        plan = self.base.get(e, {})
        off = inst.days_off.get(e, set())
        allowed = [s for s in inst.shifts if st.max_shifts.get(s, 0) > 0]
        x = self.x
        mine: list[tuple[int, cp_model.IntVar]] = []  # (minutes, decision)
        for d in range(lo, hi):
            if d in off:
                continue
            day_vars = []
            for s in allowed:
                v = m.new_bool_var(f"x_{e}_{d}_{s}")
                x[(e, d, s)] = v
                day_vars.append(v)
                mine.append((inst.shifts[s].minutes, v))
            if len(day_vars) > 1:
                m.add_at_most_one(day_vars)

        def lit(d: int, s: str) -> Lit:
            if lo <= d < hi:
                return x.get((e, d, s), 0)
            return 1 if plan.get(d) == s else 0

        work: list[Lit] = []
        for d in range(h):
            if not lo <= d < hi:
                work.append(1 if d in plan else 0)
                continue
            day_vars = [x[(e, d, s)] for s in allowed if (e, d, s) in x]
            if not day_vars:
                work.append(0)
            elif len(day_vars) == 1:
                work.append(day_vars[0])
            else:
                w = m.new_bool_var(f"w_{e}_{d}")
                m.add(sum(day_vars) == w)
                work.append(w)

        def touches(a: int, b: int) -> bool:  # days a..b (inclusive) meet the free days
            return a < hi and b >= lo

        # Forbidden successions.
        for d in range(max(lo - 1, 0), min(hi, h - 1)):
            for a in allowed:
                for b in inst.shifts[a].cannot_follow:
                    if b in inst.shifts:
                        self._clause([(lit(d, a), False), (lit(d + 1, b), False)])
        # Counts and minutes over the horizon: the fixed days are constants.
        outside = [s for d, s in plan.items() if not lo <= d < hi]
        for s in inst.shifts:
            limit = st.max_shifts.get(s, 0)
            if s not in allowed:
                continue
            inside = [x[(e, d, s)] for d in range(lo, hi) if (e, d, s) in x]
            fixed = outside.count(s)
            if len(inside) + fixed > limit:
                m.add(sum(inside) <= limit - fixed)
        fixed_minutes = sum(inst.shifts[s].minutes for s in outside)
        minutes = sum(length * v for length, v in mine)
        m.add_linear_constraint(
            minutes, st.min_minutes - fixed_minutes, st.max_minutes - fixed_minutes
        )
        # At most k days of work in any k + 1.
        k = st.max_consecutive
        for d in range(max(0, lo - k), min(h - k, hi)):
            window = work[d : d + k + 1]
            variables = [v for v in window if not isinstance(v, int)]
            fixed = sum(v for v in window if isinstance(v, int))
            if variables and len(variables) + fixed > k:
                m.add(sum(variables) <= k - fixed)
        # Runs of work, and of days off, shorter than the minimum — only runs wholly
        # inside the horizon count (the benchmark knows nothing of the days around it).
        for length in range(1, st.min_consecutive):
            for d in range(max(1, lo - length), min(h - length, hi + 1)):
                if touches(d - 1, d + length):
                    self._clause(
                        [
                            (work[d - 1], True),
                            *((work[i], False) for i in range(d, d + length)),
                            (work[d + length], True),
                        ]
                    )
        for length in range(1, st.min_days_off):
            for d in range(max(1, lo - length), min(h - length, hi + 1)):
                if touches(d - 1, d + length):
                    self._clause(
                        [
                            (work[d - 1], False),
                            *((work[i], True) for i in range(d, d + length)),
                            (work[d + length], False),
                        ]
                    )
        # Weekends worked.
        weekends: list[Lit] = []
        for wk in range(h // 7):
            days = (work[7 * wk + 5], work[7 * wk + 6])
            parts = [v for v in days if not isinstance(v, int)]
            worked = any(isinstance(v, int) and v == 1 for v in days)
            if worked or not parts:
                weekends.append(1 if worked else 0)
            elif len(parts) == 1:
                weekends.append(parts[0])
            else:
                we = m.new_bool_var(f"we_{e}_{wk}")
                m.add_max_equality(we, parts)
                weekends.append(we)
        variables = [v for v in weekends if not isinstance(v, int)]
        fixed = sum(v for v in weekends if isinstance(v, int))
        if variables and len(variables) + fixed > st.max_weekends:
            m.add(sum(variables) <= st.max_weekends - fixed)

    def _requests(self) -> None:
        for r in self.inst.on_requests:
            v = self.x.get((r.staff, r.day, r.shift))
            if v is not None:
                self.terms.append(r.weight * (1 - v))
            elif self._is_free(r.staff, r.day):
                self.terms.append(r.weight)  # cannot be met: a constant, kept for the value
        for r in self.inst.off_requests:
            v = self.x.get((r.staff, r.day, r.shift))
            if v is not None:
                self.terms.append(r.weight * v)

    def _is_free(self, e: str, d: int) -> bool:
        span = self.free.get(e)
        return span is not None and span[0] <= d < span[1]

    def _cover(self) -> None:
        counts = _counts(self.base)
        for e, (lo, hi) in self.free.items():  # the freed cells no longer count
            for d, s in self.base.get(e, {}).items():
                if lo <= d < hi:
                    counts[(d, s)] -= 1
        by_cell: dict[tuple[int, str], list[cp_model.IntVar]] = {}
        for (_, d, s), v in self.x.items():
            by_cell.setdefault((d, s), []).append(v)
        for c in self.inst.cover:
            variables = by_cell.get((c.day, c.shift), [])
            fixed = counts.get((c.day, c.shift), 0)
            need = c.requirement - fixed
            if not variables:  # a constant: kept so that the whole model's bound is true
                self.terms.append(max(need, 0) * c.under_weight + max(-need, 0) * c.over_weight)
                self.shortfall.append(max(need, 0) * c.under_weight)
                continue
            under = self.m.new_int_var(0, max(need, 0), f"u_{c.day}_{c.shift}")
            over = self.m.new_int_var(0, len(variables) + max(-need, 0), f"o_{c.day}_{c.shift}")
            self.m.add(sum(variables) + under - over == need)
            self.terms.append(c.under_weight * under + c.over_weight * over)
            self.shortfall.append(c.under_weight * under)

    # -- solving ------------------------------------------------------------------------
    def hint(self, sol: Solution) -> None:
        for (e, d, s), v in self.x.items():
            self.m.add_hint(v, sol.get(e, {}).get(d) == s)

    def read(self, solver: cp_model.CpSolver) -> Solution:
        """`base` with the freed days replaced by the solver's values."""
        out = {e: dict(plan) for e, plan in self.base.items()}
        for e, (lo, hi) in self.free.items():
            plan = out.setdefault(e, {})
            for d in range(lo, hi):
                plan.pop(d, None)
        for (e, d, s), v in self.x.items():
            if solver.boolean_value(v):
                out[e][d] = s
        return out


class _Watch(cp_model.CpSolverSolutionCallback):
    def __init__(self, report: Callable[[float, float], bool]) -> None:
        super().__init__()
        self.report = report

    def on_solution_callback(self) -> None:
        if not self.report(self.objective_value, self.best_objective_bound):
            self.stop_search()


def _solver(seconds: float, workers: int, seed: int = 0) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.05)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    return solver


def construct(inst: Instance, deadline: float, rng: random.Random) -> Solution | None:
    """One employee at a time, each the best for the cover the others leave (greedy)."""
    sol: Solution = {e: {} for e in inst.staff}
    order = list(inst.staff)
    rng.shuffle(order)
    # The most constrained (fewest allowed shifts, most minutes to work) go first.
    order.sort(key=lambda e: -inst.staff[e].min_minutes)
    for i, e in enumerate(order):
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        part = Part(inst, {e: (0, inst.days)}, sol)
        # Two workers: one search alone can wander for long on a tight minutes band.
        solver = _solver(
            min(left, 3.0, max(CONSTRUCT_FLOOR, CONSTRUCT_SHARE * left / (len(order) - i))), 2
        )
        status = solver.solve(part.m)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            # No roster for this person in that time: any roster that keeps the rules.
            part.m.clear_objective()
            solver = _solver(deadline - time.monotonic(), 2)
            status = solver.solve(part.m)
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                log.debug("no roster for %s: %s", e, solver.status_name(status))
                return None
        sol = part.read(solver)
    return sol


class _Neighbourhoods:
    """Which part to free next; sizes adapt so that a part solves in about a second."""

    def __init__(self, inst: Instance, rng: random.Random) -> None:
        self.inst = inst
        self.rng = rng
        self.staff = list(inst.staff)
        self.people = min(len(self.staff), 4)
        self.days = min(inst.days, 7)
        self.span = min(inst.days, 28)  # people are freed over at most four weeks
        self.kind = 0

    def next(self, sol: Solution) -> tuple[str, dict[str, tuple[int, int]]]:
        self.kind = (self.kind + 1) % 3
        h = self.inst.days
        if self.kind == 0:
            chosen = self.rng.sample(self.staff, self.people)
            lo = self.rng.randrange(0, max(1, h - self.span + 1))
            return "people", {e: (lo, min(h, lo + self.span)) for e in chosen}
        if self.kind == 1:
            lo = self.rng.randrange(0, max(1, h - self.days + 1))
            return "days", {e: (lo, lo + self.days) for e in self.staff}
        # Half of them people who could fill a worst-covered cell (off that day, allowed
        # the shift), half anyone, over a window around that day.
        worst = self._worst_cell(sol)
        if worst is None:
            day, chosen = 0, self.rng.sample(self.staff, min(len(self.staff), 2 * self.people))
        else:
            day, shift = worst
            chosen = self._around(sol, day, shift, 2 * self.people)
        lo = max(0, min(h - 2 * self.days, day - self.days))
        return "cell", {e: (lo, min(h, lo + 2 * self.days)) for e in chosen}

    def _worst_cell(self, sol: Solution) -> tuple[int, str] | None:
        counts = _counts(sol)
        worst = 0
        cells: list[tuple[int, str]] = []
        for c in self.inst.cover:
            have = counts.get((c.day, c.shift), 0)
            cost = max(0, c.requirement - have) * c.under_weight
            cost += max(0, have - c.requirement) * c.over_weight
            if cost > worst:
                worst, cells = cost, []
            if cost == worst and cost > 0:
                cells.append((c.day, c.shift))
        return self.rng.choice(cells) if cells else None

    def _around(self, sol: Solution, day: int, shift: str, count: int) -> list[str]:
        inst = self.inst
        could = [
            e
            for e in self.staff
            if day not in sol.get(e, {})
            and day not in inst.days_off.get(e, set())
            and inst.staff[e].max_shifts.get(shift, 0) > 0
        ]
        self.rng.shuffle(could)
        chosen = could[: count // 2]
        rest = [e for e in self.staff if e not in chosen]
        chosen += self.rng.sample(rest, min(len(rest), count - len(chosen)))
        return chosen

    def feedback(self, kind: str, proved: bool) -> None:
        grow = 1 if proved else -1
        if kind == "people":
            self.people = max(2, min(len(self.staff), self.people + grow))
        elif kind == "days":
            self.days = max(2, min(self.inst.days, self.days + grow))


def solve(
    inst: Instance, *, time_limit: float = 60, workers: int = 0, progress: Progress | None = None
) -> NrpResult:
    """The best roster found within `time_limit` seconds, with CP-SAT's lower bound."""
    start = time.monotonic()
    deadline = start + time_limit
    workers = workers or 8
    rng = random.Random(1)
    best: Solution | None = None
    best_value = float("inf")
    bound = 0.0
    stopped = False

    def report(value: float, lower: float) -> bool:
        nonlocal stopped
        if progress is not None and not progress(value, lower, time.monotonic() - start):
            stopped = True
        return not stopped

    # 1. The whole model, when it is small enough (see _whole).
    if _size(inst) <= WHOLE_MODEL_LIMIT:
        best, bound = _whole(inst, time_limit * WHOLE_SHARE, workers, report)
        if best is not None:
            best_value = objective(inst, best)
    # 2. Otherwise (or if it found nothing) a first roster, employee by employee.
    if best is None and not stopped:
        best = construct(inst, deadline, rng)
        if best is not None:
            best_value = objective(inst, best)
            report(best_value, bound)
        log.debug("constructed %s in %.1f s", best_value, time.monotonic() - start)
    # 3. Improve by parts until the time is up (or the bound is reached).
    if best is not None and not stopped:
        best, best_value = _improve(inst, best, best_value, bound, deadline, rng, report)
        log.debug("by parts %s at %.1f s", best_value, time.monotonic() - start)
    name = "UNKNOWN" if best is None else "OPTIMAL" if best_value <= bound else "FEASIBLE"
    return NrpResult(
        best or {e: {} for e in inst.staff},
        best_value if best is not None else float("nan"),
        bound,
        name,
        time.monotonic() - start,
    )


def _size(inst: Instance) -> int:
    """How many shift decisions the whole model has."""
    return inst.days * sum(
        1 for st in inst.staff.values() for s in inst.shifts if st.max_shifts.get(s, 0) > 0
    )


def _whole(
    inst: Instance, seconds: float, workers: int, report: Callable[[float, float], bool]
) -> tuple[Solution | None, float]:
    """CP-SAT on everyone at once, in three stages; the best roster and a lower bound.

    Under-cover costs a hundred times what an unmet request or an over-covered shift
    does, and the search on the plain objective was measured to stall one or two
    uncovered shifts above the best known rosters (instances 4-8). Minimising the
    shortfall alone finds those rosters' cover far more often; the full objective is
    then minimised among rosters that cover at least as well, starting from it.
    """
    end = time.monotonic() + seconds
    everyone = {e: (0, inst.days) for e in inst.staff}
    best: Solution | None = None
    best_value = float("inf")

    def keep(part: Part, solver: cp_model.CpSolver, status: cp_model.CpSolverStatus) -> None:
        nonlocal best, best_value
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = part.read(solver)
            value = objective(inst, found)
            if value < best_value:
                best, best_value = found, value

    bound = 0.0
    # a. The plain model on the smallest instances: it proves them optimal in a second
    # or two. (Given a share of the time on larger ones it was measured to do worse.)
    if _size(inst) <= PLAIN_LIMIT:
        plain = Part(inst, everyone, {})
        solver = _solver(seconds * PLAIN_SHARE, workers)
        status = solver.solve(plain.m, _Watch(report))
        bound = solver.best_objective_bound
        keep(plain, solver, status)
        log.debug("plain model %s: %s, bound %s", status.name, best_value, bound)
        if status == cp_model.OPTIMAL or not report(best_value, bound):
            return best, bound
    # b. Cover alone. Its optimum is a lower bound of the whole objective as well.
    cover = Part(inst, everyone, {})
    cover.m.clear_objective()
    cover.m.minimize(sum(cover.shortfall))
    solver = _solver(seconds * COVER_SHARE, workers)
    status = solver.solve(cover.m, _Watch(lambda _v, _b: report(best_value, bound)))
    bound = max(bound, solver.best_objective_bound)
    log.debug("cover alone %s: %s, bound %s", status.name, solver.objective_value, bound)
    if not report(best_value, bound):
        return best, bound
    start = best
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        covered = cover.read(solver)
        keep(cover, solver, status)
        if start is None or shortfall(inst, covered) < shortfall(inst, start):
            start = covered
    if start is None:
        return best, bound
    # c. Everything, among rosters that cover at least as well, from the better cover.
    full = Part(inst, everyone, {})
    full.m.add(sum(full.shortfall) <= shortfall(inst, start))
    full.hint(start)
    solver = _solver(end - time.monotonic(), workers)
    status = solver.solve(full.m, _Watch(report))
    keep(full, solver, status)
    log.debug("cover kept %s: %s", status.name, best_value)
    return best, bound


def _improve(
    inst: Instance,
    sol: Solution,
    value: float,
    bound: float,
    deadline: float,
    rng: random.Random,
    report: Callable[[float, float], bool],
) -> tuple[Solution, float]:
    hoods = _Neighbourhoods(inst, rng)
    seed = 0
    while time.monotonic() < deadline - 0.05 and value > bound:
        kind, free = hoods.next(sol)
        part = Part(inst, free, sol)
        part.hint(sol)
        seed += 1
        solver = _solver(min(PART_SECONDS, deadline - time.monotonic()), PART_WORKERS, seed)
        status = solver.solve(part.m)
        hoods.feedback(kind, status == cp_model.OPTIMAL)
        log.debug(
            "%s %d people %d days: %s %.2fs %s",
            kind,
            len(free),
            max(hi - lo for lo, hi in free.values()),
            solver.status_name(status),
            solver.wall_time,
            solver.objective_value,
        )
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        found = part.read(solver)
        new = objective(inst, found)
        if new < value:
            log.debug("%s improved %s -> %s", kind, value, new)
        if new <= value:
            improved = new < value
            sol, value = found, new
            if improved and not report(value, bound):
                break
    return sol, value
