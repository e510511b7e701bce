"""One exact CP-SAT model of some employees over some days, the rest of a roster fixed.

The benchmark solver's building block: the whole model (everyone free), one employee's
best roster (one person free), and the parts of the large-neighbourhood search are all
this model with different people and days freed.
"""

from __future__ import annotations

from collections.abc import Iterable

from ortools.sat.python import cp_model

from rosterapp.solver.nrp import Instance, Solution

Lit = cp_model.IntVar | int  # a decision, or a value already fixed (0 or 1)


def cell_counts(sol: Solution) -> dict[tuple[int, str], int]:
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
        counts = cell_counts(self.base)
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

    def read(self, solver: cp_model.CpSolver | cp_model.CpSolverSolutionCallback) -> Solution:
        """`base` with the freed days replaced by the solver's (or a callback's) values."""
        out = {e: dict(plan) for e, plan in self.base.items()}
        for e, (lo, hi) in self.free.items():
            plan = out.setdefault(e, {})
            for d in range(lo, hi):
                plan.pop(d, None)
        for (e, d, s), v in self.x.items():
            if solver.boolean_value(v):
                out[e][d] = s
        return out
