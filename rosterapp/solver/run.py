"""One search's state: the best roster so far, its bound, and the watch to tell."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from rosterapp.solver.evaluate import shortfall
from rosterapp.solver.problem import Problem, Roster


@dataclass(frozen=True)
class Progress:
    """What the search has found so far; the callback returns False to stop."""

    stage: str  # "first" (a first whole roster), "better", "bound"
    objective: float
    bound: float
    short: int  # people short of cover, summed over all cover
    seconds: float


Watch = Callable[[Progress], bool]


class Run:
    def __init__(self, problem: Problem, time_limit: float, workers: int, watch: Watch | None):
        self.problem = problem
        self.start = time.monotonic()
        self.deadline = self.start + time_limit
        self.workers = workers or 8
        self.watch = watch
        self.best: Roster | None = None
        self.value = float("inf")
        self.bound = 0.0
        self.first: float | None = None
        self.stopped = False
        self.infeasible = False  # proved: no roster keeps every rule

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def offer(self, roster: Roster, value: float) -> None:
        if value >= self.value and self.best is not None:
            return
        first = self.best is None
        self.best, self.value = roster, value
        if first:
            self.first = time.monotonic() - self.start
        self.tell("first" if first else "better")

    def tell(self, stage: str) -> None:
        if self.watch is None or self.best is None:
            return
        report = Progress(
            stage,
            self.value,
            self.bound,
            shortfall(self.problem, self.best),
            time.monotonic() - self.start,
        )
        if not self.watch(report):
            self.stopped = True
