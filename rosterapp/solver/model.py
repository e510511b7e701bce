"""One exact CP-SAT model of some people over some days, the rest of a roster fixed.

The engine's building block: the whole model (everyone free), one person's best
roster (one person free) and the parts of the large-neighbourhood search are all
this model with different people and days freed. Rules that reach outside the
freed days read the fixed values as constants, so a solution put back into the
roster keeps every hard rule (if the roster kept them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import cast

from ortools.sat.python import cp_model

from rosterapp.solver.average import add_average
from rosterapp.solver.problem import Kept, Person, Problem, Roster
from rosterapp.solver.shape_terms import ShapeTerms

Lit = cp_model.IntVar | cp_model.NotBooleanVariable | int  # a decision, or fixed (0/1)
Expr = cp_model.LinearExprT


class Part:
    """`free[p] = (lo, hi)` frees person p on days lo <= d < hi (kept days excepted)."""

    def __init__(self, problem: Problem, free: dict[Hashable, tuple[int, int]], base: Roster):
        self.problem = problem
        self.free = free
        self.base = base
        self.m = cp_model.CpModel()
        self.x: dict[tuple[Hashable, int, str], cp_model.IntVar] = {}
        self.terms: list[Expr] = []
        self.shortfall: list[Expr] = []  # the cover-under terms alone
        self.people = {p.id: p for p in problem.people}
        self.forbidden_after: dict[str, set[str]] = {}
        for a, b in problem.forbidden:
            self.forbidden_after.setdefault(a, set()).add(b)
        for pid, (lo, hi) in free.items():
            _PersonModel(self, self.people[pid], lo, hi).build()
        self._wishes()
        self._cover()
        self.m.minimize(sum(self.terms))

    # -- literals that may be constants --------------------------------------------
    def clause(self, lits: Iterable[tuple[Lit, bool]]) -> None:
        """At least one of the literals (value, wanted truth) holds; constants fold."""
        out: list[cp_model.LiteralT] = []
        for lit, positive in lits:
            if isinstance(lit, int):
                if bool(lit) == positive:
                    return
                continue
            out.append(lit if positive else lit.negated())
        if out:
            self.m.add_bool_or(out)
        else:
            self.m.add_bool_or([])  # every literal fixed false: the part is infeasible

    def at_most(self, lits: list[Lit], limit: int) -> None:
        variables = [v for v in lits if not isinstance(v, int)]
        fixed = sum(v for v in lits if isinstance(v, int))
        if variables and len(variables) + fixed > limit:
            self.m.add(sum(variables) <= limit - fixed)

    def tour_lit(self, pid: Hashable, d: int, tour: str) -> Lit:
        v = self.x.get((pid, d, tour))
        if v is not None:
            return v
        span = self.free.get(pid)
        if span is not None and span[0] <= d < span[1] and d not in self.people[pid].kept:
            return 0
        return 1 if self.base.get(pid, {}).get(d) == tour else 0

    # -- terms that couple people --------------------------------------------------
    def _wishes(self) -> None:
        for w in self.problem.wishes:
            span = self.free.get(w.person)
            if span is None or not span[0] <= w.day < span[1]:
                continue  # decided outside the part: a constant
            if w.tour is None:
                on: Lit | Expr = 1 - self._works(w.person, w.day)
            else:
                on = self.tour_lit(w.person, w.day, w.tour)
            miss = (1 - on) if w.wanted else on
            self.terms.append(w.weight * miss)

    def _works(self, pid: Hashable, d: int) -> Expr:
        p = self.people[pid]
        return sum(self.tour_lit(pid, d, t) for t in p.tours) + (
            1 if p.kept.get(d) is Kept.WORK else 0
        )

    def _cover(self) -> None:
        by_cell: dict[tuple[int, str], list[tuple[Person, cp_model.IntVar]]] = {}
        for (pid, d, t), v in self.x.items():
            by_cell.setdefault((d, t), []).append((self.people[pid], v))
        fixed_counts: dict[tuple[int, str, frozenset[str]], int] = {}
        fixed_on = self._fixed_on()
        for c in self.problem.cover:
            variables = [v for p, v in by_cell.get((c.day, c.tour), []) if c.who <= p.attrs]
            if not variables:
                continue  # decided outside the part: a constant
            key = (c.day, c.tour, c.who)
            if key not in fixed_counts:
                fixed_counts[key] = sum(
                    1 for p in fixed_on.get((c.day, c.tour), ()) if c.who <= p.attrs
                )
            need = c.need - fixed_counts[key]
            under = self.m.new_int_var(0, max(need, 0), "u")
            over = self.m.new_int_var(0, len(variables) + max(-need, 0), "o")
            self.m.add(sum(variables) + under - over == need)
            self.terms.append(c.under * under + c.over * over)
            if not c.spare:
                self.shortfall.append(c.under * under)

    def _fixed_on(self) -> dict[tuple[int, str], list[Person]]:
        """Who is on each (day, tour) outside the part's decisions."""
        out: dict[tuple[int, str], list[Person]] = {}
        for pid, plan in self.base.items():
            p = self.people[pid]
            span = self.free.get(pid)
            for day, tour in plan.items():
                if span is None or not span[0] <= day < span[1] or day in p.kept:
                    out.setdefault((day, tour), []).append(p)
        return out

    # -- solving ------------------------------------------------------------------------
    def hint(self, roster: Roster) -> None:
        for (pid, d, t), v in self.x.items():
            self.m.add_hint(v, roster.get(pid, {}).get(d) == t)

    def read(self, solver: cp_model.CpSolver | cp_model.CpSolverSolutionCallback) -> Roster:
        """`base` with the freed days replaced by the solver's (or a callback's) values."""
        out = {pid: dict(plan) for pid, plan in self.base.items()}
        for pid, (lo, hi) in self.free.items():
            plan = out.setdefault(pid, {})
            kept = self.people[pid].kept
            for d in range(lo, hi):
                if d not in kept:
                    plan.pop(d, None)
        for (pid, d, t), v in self.x.items():
            if solver.boolean_value(v):
                out[pid][d] = t
        return out


class _PersonModel(ShapeTerms):
    """One person's decisions and hard rules over a window, and their own costs."""

    def __init__(self, part: Part, person: Person, lo: int, hi: int) -> None:
        self.part, self.p, self.lo, self.hi = part, person, lo, hi
        self.m = part.m
        self.problem = part.problem
        self.plan = part.base.get(person.id, {})
        self.tours = sorted(person.tours)

    def inside(self, d: int) -> bool:
        return self.lo <= d < self.hi and d not in self.p.kept

    def build(self) -> None:
        p, m = self.p, self.m
        for d in range(self.lo, self.hi):
            if d in p.kept:
                continue
            cell = []
            for t in self.tours:
                v = m.new_bool_var("x")
                self.part.x[(p.id, d, t)] = v
                cell.append(v)
            if len(cell) > 1:
                m.add_at_most_one(cell)
        self._work_literals()
        self._successions()
        self._counts()
        self._runs()
        self._weeks()
        self._weekends()
        add_average(self)
        self._shape()

    # Literals for one day: tour t, any work, a rest day.
    def tour(self, d: int, t: str) -> Lit:
        return self.part.tour_lit(self.p.id, d, t)

    def _work_literals(self) -> None:
        """work[d] and rest[d] for the days the rules read: the horizon and its neighbours."""
        p = self.p
        reach = max(p.max_run or 0, p.min_run or 0, p.min_off_run or 0, 7) + 1
        self.first = min(self.lo - reach, min(p.kept, default=0), 0)
        self.last = max(self.hi + reach, max(p.kept, default=0) + 1, self.problem.days)
        self.work: dict[int, Lit] = {}
        self.rest: dict[int, Lit] = {}
        for d in range(self.first, self.last):
            kept = p.kept.get(d)
            if self.inside(d):
                lits = [self.part.x[(p.id, d, t)] for t in self.tours]
                if not lits:
                    w: Lit = 0
                elif len(lits) == 1:
                    w = lits[0]
                else:
                    w = self.m.new_bool_var("w")
                    self.m.add(sum(lits) == w)
                self.work[d] = w
                self.rest[d] = (1 - w) if isinstance(w, int) else cast(Lit, w.negated())
            elif isinstance(kept, str) or kept is Kept.WORK:
                self.work[d], self.rest[d] = 1, 0
            elif kept is not None:
                self.work[d], self.rest[d] = 0, 1 if kept is Kept.REST else 0
            elif 0 <= d < self.problem.days:
                worked = 1 if d in self.plan else 0
                self.work[d], self.rest[d] = worked, 1 - worked
            else:
                self.work[d], self.rest[d] = 0, 0  # beyond the horizon, nothing known

    def rest_expr(self, d: int) -> Expr:
        """A rest day as a number: a free day without a tour is a rest day."""
        w, r = self.work[d], self.rest[d]
        if isinstance(w, int):
            return int(r == 1)
        return 1 - w

    def touches(self, a: int, b: int) -> bool:
        """Days a..b (inclusive) meet the freed days."""
        return a < self.hi and b >= self.lo

    def _successions(self) -> None:
        """No forbidden pair on two days running, only where one of them is free: each
        day's possible tours (every allowed one on a freed day, else what the roster
        holds) are paired with the next day's (a year's horizon of 32 tours made
        checking every pair the slowest part of building a part)."""
        after = self.part.forbidden_after

        def possible(d: int) -> tuple[str, ...]:
            if self.inside(d):
                return tuple(self.tours)
            held = self.plan.get(d)
            return (held,) if held is not None else ()

        today = possible(self.lo - 1)
        for d in range(self.lo - 1, self.hi):
            tomorrow = possible(d + 1)
            if today and tomorrow and (self.inside(d) or self.inside(d + 1)):
                for a in today:
                    for b in after.get(a, ()):
                        if b in tomorrow:
                            self.part.clause(
                                [(self.tour(d, a), False), (self.tour(d + 1, b), False)]
                            )
            today = tomorrow

    def _counts(self) -> None:
        """Tours of each kind and minutes over the horizon: the freed days' decisions,
        the rest as constants (counted from the roster, not literal by literal: a year's
        horizon of 32 tours made that the slowest part of building a part)."""
        p, problem = self.p, self.problem
        if not p.max_tours and p.min_minutes is None and p.max_minutes is None:
            return
        fixed: Counter[str] = Counter(
            t
            for d, t in self.plan.items()
            if 0 <= d < problem.days and t in p.tours and not self.inside(d)
        )
        chosen: dict[str, list[cp_model.IntVar]] = {t: [] for t in self.tours}
        for d in range(max(self.lo, 0), min(self.hi, problem.days)):
            if not self.inside(d):
                continue
            for t in self.tours:
                chosen[t].append(self.part.x[(p.id, d, t)])
        for t, limit in p.max_tours.items():
            if t in chosen:
                self.part.at_most(list(chosen[t]), limit - fixed[t])
        if p.min_minutes is not None or p.max_minutes is not None:
            length = {t: problem.tours[t].minutes for t in self.tours}
            done = sum(length[t] * n for t, n in fixed.items())
            minutes = sum(length[t] * v for t, vs in chosen.items() for v in vs)
            most = p.max_minutes if p.max_minutes is not None else 10**9
            self.m.add_linear_constraint(minutes, (p.min_minutes or 0) - done, most - done)

    def _runs(self) -> None:
        p, work = self.p, self.work
        if p.max_run is not None:
            k = p.max_run
            for d in range(self.lo - k, self.hi):
                if d >= self.first and d + k < self.last:
                    self.part.at_most([work[i] for i in range(d, d + k + 1)], k)
        h = self.problem.days
        # Minimum runs count only runs wholly inside the horizon.
        for minimum, on in ((p.min_run, work), (p.min_off_run, None)):
            for length in range(1, minimum or 0):
                for d in range(max(1, self.lo - length), min(h - length, self.hi + 1)):
                    if not self.touches(d - 1, d + length):
                        continue
                    if on is not None:
                        inner = [(work[i], False) for i in range(d, d + length)]
                        self.part.clause([(work[d - 1], True), *inner, (work[d + length], True)])
                    else:
                        inner = [(work[i], True) for i in range(d, d + length)]
                        self.part.clause([(work[d - 1], False), *inner, (work[d + length], False)])
        if p.max_unsocial_run is not None:
            unsocial = [t for t in self.tours if self.problem.tours[t].unsocial]
            k = p.max_unsocial_run
            for d in range(self.lo - k, self.hi):
                window = [self.tour(i, t) for i in range(d, d + k + 1) for t in unsocial]
                self.part.at_most(window, k)

    def _weeks(self) -> None:
        """Rest days in each week, and the week's duties against the contracted number."""
        p, problem = self.p, self.problem
        if p.week_rest is None and p.week_duties is None:
            return
        for week in problem.weeks(self.lo, self.hi):
            if not any(self.inside(d) for d in week):
                continue
            known = [d for d in week if 0 <= d < problem.days or d in p.kept]
            if p.week_rest is not None and len(known) == 7:
                # Days that are or could be rest days: the freed ones, and rest days
                # already in the roster around them (kept, or outside the part).
                could = [d for d in week if self.inside(d) or self.rest[d] == 1]
                rests = sum(self.rest_expr(d) for d in week)
                self.m.add(rests >= min(p.week_rest, len(could)))
            if p.week_duties is not None:
                self._week_duties(week)

    def _week_duties(self, week: range) -> None:
        p, problem = self.p, self.problem
        inside = [d for d in week if 0 <= d < problem.days]
        target = p.week_duties or 0
        target = round(target * len(inside) / 7)
        for d in inside:
            if p.kept.get(d) in (Kept.LEAVE, Kept.AWAY):
                target -= 1
        target = max(target, 0)
        # A bank holiday not worked is a paid day off (as the contracted-hours check
        # counts it): it stands for a duty; one worked is a duty like any other.
        credit = [
            1 - self.work[d]
            for d in inside
            if problem.holiday_credit and d in problem.holidays and d not in p.kept
        ]
        duties = sum(self.work[d] for d in inside) + sum(credit)
        gap = self.m.new_int_var(0, 7, "gap")
        self.m.add(duties - target <= gap)
        self.m.add(target - duties <= gap)
        self.part.terms.append(HOURS_WEIGHT * gap)

    def _weekends(self) -> None:
        p, problem = self.p, self.problem
        if p.max_weekends is None and not (problem.shape.weekend_off and p.weekends_off):
            return
        worked: list[Lit] = []
        for week in problem.weeks(0, problem.days):
            sat, sun = week[5], week[6]
            if not (sat >= 0 and sun < problem.days):
                continue
            days = [self.work[sat], self.work[sun]]
            variables = [v for v in days if not isinstance(v, int)]
            fixed_on = any(isinstance(v, int) and v == 1 for v in days)
            if fixed_on or not variables:
                worked.append(1 if fixed_on else 0)
            elif len(variables) == 1:
                worked.append(variables[0])
            else:
                we = self.m.new_bool_var("we")
                self.m.add_max_equality(we, variables)
                worked.append(we)
        if p.max_weekends is not None:
            self.part.at_most(worked, p.max_weekends)
        if problem.shape.weekend_off and p.weekends_off:
            off = len(worked) - sum(worked)
            short = self.m.new_int_var(0, p.weekends_off, "wo")
            self.m.add(short >= p.weekends_off - off)
            self.part.terms.append(problem.shape.weekend_off * short)


# Each duty a week holds beyond or short of the contracted number: above the shape's
# costs (a week of 0 duties was seen as cheaper than a tour changed), below a late-late
# that cover does not ask for.
HOURS_WEIGHT = 50
