"""Each person's best roster with everyone else's fixed, by the dynamic programme.

People are coupled only through cover, and a person adds at most one to each cover
line's count on a day. So with the others' rosters fixed, the change in a roster's
whole cost from giving one person a new roster is exact as a price per (day, tour):
each cover line they would count saves its under-weight while it is short, and costs
its over-weight once it is met. The person's cheapest roster at those prices is the
column-generation pricing problem (solver/pricers.py), which the programme answers in
milliseconds: an exact best response, where a one-person CP-SAT model took a tenth of
a second or more for an answer that was only as good as its time limit.

This builds a first roster (each person the best for the cover the others leave) and
improves it by sweeps (each person in turn re-planned) until no one can do better
alone. It serves problems whose costs are cover and wishes and whose people keep only
the rules the programme knows (`responds`): the benchmark's. A team's roster has weekly
rules and shape costs per person, which its model, not this, holds.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Hashable, Iterable

import numpy as np

from rosterapp.solver.evaluate import cover_and_wishes_only
from rosterapp.solver.pricers import SCALE, Pricers, Prices
from rosterapp.solver.pricing import TooSlow, priceable
from rosterapp.solver.problem import Problem, Roster

log = logging.getLogger(__name__)

RESPOND_SECONDS = 2.0  # one person's programme; slower, and that person keeps their roster
# In the first pass, where a person without a roster leaves the whole without one (the
# pricing of an empty roster's cover is the slowest: instance 23, 14 of 100 people
# over 2 s with minutes priced, solver/free_minutes.py).
FIRST_SECONDS = 10.0
FORESEE = 5  # people priced in the first pass before its end is foreseen from theirs


def responds(problem: Problem) -> bool:
    """Whether best responses are exact for this problem (see the module's doc)."""
    return cover_and_wishes_only(problem) and all(priceable(problem, p) for p in problem.people)


class _Kind:
    """The cover lines that count people of one kind (their attrs), as arrays."""

    def __init__(self, problem: Problem, attrs: frozenset[str], column: dict[str, int]):
        lines = [i for i, c in enumerate(problem.cover) if c.who <= attrs]
        self.lines = np.array(lines, dtype=np.int64)
        self.day = np.array([problem.cover[i].day for i in lines], dtype=np.int64)
        self.tour = np.array([column[problem.cover[i].tour] for i in lines], dtype=np.int64)
        self.at: dict[tuple[int, str], list[int]] = {}
        for i in lines:
            c = problem.cover[i]
            self.at.setdefault((c.day, c.tour), []).append(i)


class Responder:
    """A roster kept with each cover line's count, and each person's best response."""

    def __init__(self, problem: Problem, roster: Roster) -> None:
        self.problem = problem
        self.pricers = Pricers(problem)
        self.roster: Roster = {p.id: dict(roster.get(p.id, {})) for p in problem.people}
        column = {t: j for j, t in enumerate(problem.tours)}
        self.need = np.array([c.need for c in problem.cover], dtype=np.int64)
        self.under = np.array([c.under for c in problem.cover], dtype=np.int64) * SCALE
        self.over = np.array([c.over for c in problem.cover], dtype=np.int64) * SCALE
        self.have = np.zeros(len(problem.cover), dtype=np.int64)
        self.kinds: dict[frozenset[str], _Kind] = {}
        for p in problem.people:
            if p.attrs not in self.kinds:
                self.kinds[p.attrs] = _Kind(problem, p.attrs, column)
        self.attrs = {p.id: p.attrs for p in problem.people}
        self.column = column
        self.failed: set[Hashable] = set()
        for pid, plan in self.roster.items():
            self._count(pid, plan, 1)

    def _count(self, pid: Hashable, plan: dict[int, str], sign: int) -> None:
        at = self.kinds[self.attrs[pid]].at
        for d, t in plan.items():
            for i in at.get((d, t), ()):
                self.have[i] += sign

    def _prices(self, pid: Hashable) -> Prices:
        """What each (day, tour) is worth to the roster with this person's taken out."""
        kind = self.kinds[self.attrs[pid]]
        short = self.have[kind.lines] < self.need[kind.lines]
        worth = np.where(short, self.under[kind.lines], -self.over[kind.lines])
        prices = np.zeros((self.problem.days, len(self.column)), dtype=np.int64)
        np.add.at(prices, (kind.day, kind.tour), worth)
        return {self.attrs[pid]: prices}

    def respond(self, pid: Hashable, force: bool = False, seconds: float = RESPOND_SECONDS) -> int:
        """Give the person their best roster against the others'; the gain (scaled).
        `force`: take the programme's roster even if theirs costs no more (theirs may
        break a rule: the programme's keeps them all); a person it gives none to is
        named in `failed`."""
        plan = self.roster[pid]
        self._count(pid, plan, -1)
        prices = self._prices(pid)
        price = prices[self.attrs[pid]]
        now = SCALE * self.pricers.cost(pid, plan)
        now -= sum(int(price[d, self.column[t]]) for d, t in plan.items())
        try:
            best = self.pricers.cheapest(pid, prices, seconds, quick=True)
        except TooSlow:
            best = None
        gain = 0
        if best is None or best.plan is None:
            self.failed.add(pid)
        elif best.value < now or force:
            gain, plan = now - best.value, dict(best.plan)
            self.roster[pid] = plan
            self.failed.discard(pid)
        self._count(pid, plan, 1)
        return gain

    def take(self, roster: Roster) -> None:
        """Start from `roster` (the search improved it by parts since)."""
        for pid, plan in roster.items():
            if pid in self.roster and plan != self.roster[pid]:
                self._count(pid, self.roster[pid], -1)
                self.roster[pid] = dict(plan)
                self._count(pid, plan, 1)

    def sweep(self, order: Iterable[Hashable], deadline: float, force: bool = False) -> int:
        """Each person in turn re-planned; how many changed (stops at the deadline)."""
        changed = 0
        for pid in order:
            if time.monotonic() >= deadline:
                break
            changed += self.respond(pid, force) > 0
        return changed


def responded(
    problem: Problem,
    roster: Roster,
    order: list[Hashable],
    deadline: float,
    seed: int = 1,
    first_by: float | None = None,
) -> Roster | None:
    """A roster in which no one alone can do better, starting from `roster` and
    re-planning people in `order`, then in random orders, until the deadline. None if
    the first pass (which gives everyone a roster that keeps their rules) would not
    finish by `first_by` (the deadline unless given), as soon as that is foreseen:
    the search then has the time for another way (instance 23: 130 s for this pass,
    which left a worse roster at 300 s than one person at a time by CP-SAT)."""
    r = Responder(problem, roster)
    rng = random.Random(seed)
    began = time.monotonic()
    by = deadline if first_by is None else first_by
    for i, pid in enumerate(order):
        now = time.monotonic()
        if now >= by or (i >= FORESEE and began + (now - began) * len(order) / i > by):
            log.debug("best responses: the first pass would end too late")
            return None
        r.respond(pid, force=True, seconds=FIRST_SECONDS)
        if r.failed:  # someone's programme too slow: the pass cannot give a roster
            return None
    sweeps = 1
    people = list(order)
    while time.monotonic() < deadline:
        rng.shuffle(people)
        sweeps += 1
        if r.sweep(people, deadline) == 0:
            break
    log.debug("best responses: %d sweeps", sweeps)
    return r.roster


class Sweeps:
    """Sweeps of best responses between the search's parts (solver/search.py).

    Re-solving a few people over a few weeks by CP-SAT finds moves that need people
    to change together; a best response finds the one person's best whole-horizon
    roster in a fraction of a second, which a part over a long horizon cannot. Each
    changes what the other can find, so they take turns: a sweep whenever the roster
    has changed since the last sweep found nothing, within `share` of the time."""

    def __init__(self, problem: Problem, share: float, seed: int = 1) -> None:
        self.problem = problem
        self.share = share
        self.rng = random.Random(seed)
        self.responder: Responder | None = None
        self.spent = 0.0
        self.settled = float("nan")  # the value at which a whole sweep changed nothing

    def due(self, value: float, elapsed: float) -> bool:
        return value != self.settled and self.spent <= self.share * elapsed

    def sweep(self, roster: Roster, value: float, deadline: float) -> Roster | None:
        """One sweep from `roster` (of cost `value`): the roster, if anyone did better."""
        began = time.monotonic()
        if self.responder is None:
            self.responder = Responder(self.problem, roster)
        else:
            self.responder.take(roster)
        people = [p.id for p in self.problem.people]
        self.rng.shuffle(people)
        changed = self.responder.sweep(people, deadline)
        self.spent += time.monotonic() - began
        if changed == 0:
            self.settled = value
            return None
        log.debug("a sweep of best responses changed %d rosters", changed)
        return {pid: dict(plan) for pid, plan in self.responder.roster.items()}
