"""A person's shape terms in the model: what makes a roster read like a rota.

Unsocial tours, tours mixed within a week, a change of tour inside a run and rest days
alone, each at the problem's Shape weight. A mixin of model._PersonModel, which holds
the person's literals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from rosterapp.solver.problem import Person, Problem

if TYPE_CHECKING:
    from rosterapp.solver.model import Lit, Part


class ShapeTerms:
    part: Part
    p: Person
    problem: Problem
    m: cp_model.CpModel
    lo: int
    hi: int
    tours: list[str]
    work: dict[int, Lit]
    rest: dict[int, Lit]

    def inside(self, d: int) -> bool:
        raise NotImplementedError

    def tour(self, d: int, t: str) -> Lit:
        raise NotImplementedError

    def _shape(self) -> None:
        shape, problem = self.problem.shape, self.problem
        terms = self.part.terms
        x = self.part.x
        if shape.unsocial:
            for d in range(self.lo, self.hi):
                for t in self.tours:
                    v = x.get((self.p.id, d, t))
                    if v is not None and problem.tours[t].unsocial:
                        terms.append(shape.unsocial * v)
        if shape.tour_mix:
            for week in problem.weeks(self.lo, self.hi):
                if any(self.inside(d) for d in week):
                    self._tour_mix(week, shape.tour_mix)
        if shape.run_change:
            for d in range(self.lo - 1, self.hi):
                if not (self.inside(d) or self.inside(d + 1)):
                    continue
                change = self.m.new_bool_var("chg")
                for t in self.tours:
                    # t today, another tour tomorrow
                    today, tomorrow = self.tour(d, t), self.tour(d + 1, t)
                    ahead = self.work[d + 1]
                    self.part.clause(
                        [(today, False), (tomorrow, True), (ahead, False), (change, True)]
                    )
                terms.append(shape.run_change * change)
        if shape.single_rest:
            for d in range(self.lo, self.hi):
                if not self.inside(d):
                    continue
                single = self.m.new_bool_var("single")
                around = [(self.work[d - 1], False), (self.work[d + 1], False)]
                self.part.clause([(self.rest[d], False), *around, (single, True)])
                terms.append(shape.single_rest * single)

    def _tour_mix(self, week: range, weight: int) -> None:
        """Each tour worked in the week beyond the first costs `weight`."""
        used: list[Lit] = []
        for t in self.tours:
            lits = [self.tour(d, t) for d in week if 0 <= d < self.problem.days]
            if any(isinstance(v, int) and v for v in lits):
                used.append(1)
                continue
            variables = [v for v in lits if not isinstance(v, int)]
            if variables:
                u = self.m.new_bool_var("mix")
                self.m.add_max_equality(u, variables)
                used.append(u)
        if len(used) < 2:
            return
        extra = self.m.new_int_var(0, len(used) - 1, "extra")
        self.m.add(extra >= sum(used) - 1)
        self.part.terms.append(weight * extra)
