"""Which part of a roster to free next in the large-neighbourhood search.

Three kinds in turn: a few people over some weeks (their shape and fairness),
everyone over a few days (cover that needs people moved together), and the people
who could fill the worst-covered cell around its day. Sizes adapt so that a part
solves to optimality in about a second.
"""

from __future__ import annotations

import random
from collections.abc import Hashable

from rosterapp.solver.problem import Cover, Problem, Roster, qualified

Free = dict[Hashable, tuple[int, int]]


class Neighbourhoods:
    def __init__(self, problem: Problem, rng: random.Random) -> None:
        self.problem = problem
        self.rng = rng
        self.ids = [p.id for p in problem.people]
        self.people = min(len(self.ids), 4)
        self.days = min(problem.days, 4)
        self.span = min(problem.days, 28)  # people are freed over at most four weeks
        self.kind = 0
        # The people one cover line counts (a beat's officers, the sergeants) are
        # coupled most: free them together.
        groups: set[frozenset[Hashable]] = set()
        for c in problem.cover:
            if c.who:
                able = frozenset(p.id for p in problem.people if qualified(c, p))
                if len(able) > 1:
                    groups.add(able)
        self.groups = sorted(
            (sorted(g, key=str) for g in groups), key=lambda g: [str(e) for e in g]
        )
        self.group_size = 24
        self.group_days = min(problem.days, 14)

    def next(self, roster: Roster) -> tuple[str, Free]:
        self.kind = (self.kind + 1) % 4
        h = self.problem.days
        if self.kind == 3 and self.groups:
            group = self.rng.choice(self.groups)
            chosen = self.rng.sample(group, min(len(group), self.group_size))
            lo = self.rng.randrange(0, max(1, h - self.group_days + 1))
            return "group", {e: (lo, min(h, lo + self.group_days)) for e in chosen}
        if self.kind == 0 or self.kind == 3:
            chosen = self._people()
            lo = self.rng.randrange(0, max(1, h - self.span + 1))
            return "people", {e: (lo, min(h, lo + self.span)) for e in chosen}
        if self.kind == 1:
            lo = self.rng.randrange(0, max(1, h - self.days + 1))
            return "days", {e: (lo, lo + self.days) for e in self.ids}
        worst = self._worst_cell(roster)
        if worst is None:
            day, chosen = self.rng.randrange(h), self._people()
        else:
            day, chosen = worst
        lo = max(0, min(h - 14, day - 7))
        return "cell", {e: (lo, min(h, lo + 14)) for e in chosen}

    def _people(self) -> list[Hashable]:
        """Half from one group (people alike), half anyone."""
        group = self.rng.choice(self.groups) if self.groups else self.ids
        chosen = self.rng.sample(group, min(len(group), max(1, self.people // 2)))
        rest = [e for e in self.ids if e not in chosen]
        chosen += self.rng.sample(rest, min(len(rest), self.people - len(chosen)))
        return chosen

    def _worst_cell(self, roster: Roster) -> tuple[int, list[Hashable]] | None:
        problem = self.problem
        by_id = {p.id: p for p in problem.people}
        on: dict[tuple[int, str], list[Hashable]] = {}
        for pid, plan in roster.items():
            for d, t in plan.items():
                on.setdefault((d, t), []).append(pid)
        worst, cells = 0, list[Cover]()
        for c in problem.cover:
            have = sum(1 for pid in on.get((c.day, c.tour), ()) if c.who <= by_id[pid].attrs)
            cost = max(0, c.need - have) * c.under + max(0, have - c.need) * c.over
            if cost > worst:
                worst, cells = cost, []
            if cost == worst and cost > 0:
                cells.append(c)
        if not cells:
            return None
        c = self.rng.choice(cells)
        able = [p.id for p in problem.people if qualified(c, p) and c.day not in p.kept]
        self.rng.shuffle(able)
        # Those off that day first: they can take the cell without leaving another
        # (the replaced solver's choice, measured better on benchmark instance 13).
        able.sort(key=lambda pid: c.day in roster.get(pid, {}))
        chosen = able[: self.people]
        rest = [e for e in self.ids if e not in chosen]
        chosen += self.rng.sample(rest, min(len(rest), self.people))
        return c.day, chosen

    def feedback(self, kind: str, proved: bool) -> None:
        grow = 1 if proved else -1
        if kind == "people":
            self.people = max(2, min(len(self.ids), self.people + grow))
        elif kind == "days":
            self.days = max(1, min(self.problem.days, self.days + grow))
        elif kind == "group":
            if proved:
                self.group_days = min(self.problem.days, self.group_days + 1)
            else:
                self.group_days = max(3, self.group_days - 1)
