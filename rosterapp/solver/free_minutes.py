"""One person's roster with their minutes priced instead of counted.

The pricing programme (solver/pricing.py) carries the minutes worked as an array
axis. Where tours of several lengths can be mixed over a year, that axis is wide on
most days (benchmark instance 23: 330 units a day on average, against 10 on
instance 22), and one person's programme took 6-23 s. Yet the minutes only matter at
the end, inside a band (instance 23: 111,360-112,320 minutes). So this asks a
programme without the minutes axis, a few states per day, with every minute worked
priced by one multiplier, moved until the roster's minutes fall in the band (and the
tours whose limits were left out priced up until they are kept, as in
solver/pricers.py). A roster found so keeps every rule; it is the cheapest at the
multipliers it was found at, not always at the prices asked, and the multipliers
give a lower bound for those (weak duality).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from rosterapp.solver.pricing import INF, Cheapest, Costs, RosterDP, _Axis

TRIES = 40  # programmes solved before giving up on the band
# Above this much work (minutes units x resource states x tours, summed over the days)
# the programme with its minutes axis is left for last: measured 0.1-0.3 s at 0.9
# million (instance 22), 6-23 s at 42 million (instance 23).
WIDE = 5_000_000
# Costs are scaled by this and given a fixed noise below it, so that no two rosters
# cost the same: cover prices repeat from day to day, and at a multiplier where they
# tie, dozens of days switch at once (one instance 22 person went from 239 days
# worked to 77, stepping over a band two days wide; with 64 levels of noise, from 142
# to 138).
NOISE = 4096
NEAR = 8  # minutes units either side of a roster that the last programme may go
SETTLE = 12  # answers keeping the tour limits before the band is left to that programme


class FreeMinutesDP(RosterDP):
    """The programme with no minutes axis (and no minimum to reach)."""

    def _minutes_axis(self, max_minutes: int, lengths: list[int]) -> _Axis:
        self.min_units = 0
        return _Axis(1, [0] * len(lengths))


def work(dp: RosterDP) -> int:
    """How much the programme does: the states it holds, summed over the days."""
    return sum(hi - lo + 1 for lo, hi in dp.window) * dp.stride * len(dp.shifts)


@dataclass
class Warm:
    """The multipliers one person's last roster was found at: the next pricing starts
    there (prices move little from one sweep to the next)."""

    mu: int = 0
    penalty: Costs | None = None


def within_band(
    free: RosterDP,
    full: RosterDP,
    cost: Costs,
    give_up: float,
    tries: int = TRIES,
    warm: Warm | None = None,
) -> tuple[dict[int, str], int, int] | None:
    """A roster that keeps all of `full`'s rules, from `free` (`full` itself, or one
    that leaves out its minutes) with minutes and left-out tour limits priced:
    (roster, its cost at `cost`, a lower bound of the least such cost); None if
    none was found in `tries` programmes. `warm` is read and kept up to date."""
    band = _Band(free, full, cost, warm or Warm())
    for _ in range(tries):
        answer = free.solve(band.priced(), give_up)
        if answer is None:
            return None
        worked = band.heard(answer)
        if answer.broken:
            band.penalise(answer.broken)
        elif band.lo <= worked <= band.hi:
            return band.found(answer.plan)
        elif not band.mu.move(worked > band.hi) or band.kept >= SETTLE:
            # The band falls between two neighbouring multipliers (runs switch days
            # on and off together), or is slow to be found: the programme with its
            # minutes, kept near the closest roster's, settles it.
            near = band.near(give_up)
            return None if near is None else band.found(near)
    return None


class _Band:
    """The multipliers' search for one pricing (see `within_band`)."""

    def __init__(self, free: RosterDP, full: RosterDP, cost: Costs, warm: Warm) -> None:
        self.free, self.full, self.cost, self.warm = free, full, cost, warm
        self.units = np.array(full.axes[0].step, dtype=np.int64)
        self.lo, self.hi = full.min_units, full.shape[0] - 1
        self.limits = {j: limit for limit, j in free.relaxed}
        noise = np.random.default_rng(0).integers(0, NOISE, size=cost.shape)
        self.scaled = np.where(cost >= INF, INF, cost * NOISE + noise)
        finite = np.abs(self.scaled[self.scaled < INF])
        first = max(1, int(finite.mean() / max(1, self.units.mean()))) if finite.size else 1
        # A minutes unit's price (< 0: more work), moved in small steps from a warm start.
        self.mu = _Multiplier(max(1, first // (64 if warm.penalty is not None else 8)), warm.mu)
        self.penalty = np.zeros(cost.shape[1], dtype=np.int64)
        if warm.penalty is not None:
            self.penalty[:] = warm.penalty
        self.raise_by = dict.fromkeys(self.limits, first)
        self.bound = -int(INF)  # scaled by NOISE, with the noise
        self.kept = 0  # answers that kept every tour limit
        self.closest: tuple[int, dict[int, str]] | None = None  # (minutes off the band, roster)

    def priced(self) -> Costs:
        return np.where(
            self.scaled >= INF, INF, self.scaled + self.mu.value * self.units + self.penalty
        )

    def heard(self, answer: Cheapest) -> int:
        """Note an answer (its bound, and how close it came); the minutes it works."""
        worked = int(sum(self.units[self.free.column[s]] for s in answer.plan.values()))
        penalties = sum(int(self.penalty[j]) * n for j, n in self.limits.items())
        mu = self.mu.value
        self.bound = max(
            self.bound, answer.value - penalties - mu * (self.hi if mu > 0 else self.lo)
        )
        if not answer.broken:
            self.kept += 1
            off = max(self.lo - worked, worked - self.hi, 0)
            if self.closest is None or off < self.closest[0]:
                self.closest = (off, answer.plan)
        return worked

    def penalise(self, broken: frozenset[int]) -> None:
        for j in broken:
            self.penalty[j] += self.raise_by[j]
            self.raise_by[j] *= 2
        self.mu.forget()  # the minutes answer the multiplier differently now

    def near(self, give_up: float) -> dict[int, str] | None:
        if self.closest is None:
            return None
        off, plan = self.closest
        cost = np.where(self.scaled >= INF, INF, self.scaled + self.penalty)
        near = _near(self.full, plan, cost, NEAR + off, give_up)
        return near.plan if near is not None and near.exact else None

    def found(self, plan: dict[int, str]) -> tuple[dict[int, str], int, int]:
        self.warm.mu, self.warm.penalty = self.mu.value, self.penalty.copy()
        value = sum(int(self.cost[d, self.free.column[s]]) for d, s in plan.items())
        # Scaled, a roster costs at most NOISE - 1 more per day it works.
        least = -(-(self.bound - (NOISE - 1) * self.full.days) // NOISE)
        return plan, value, min(least, value)


def _near(
    full: RosterDP, plan: dict[int, str], cost: Costs, width: int, give_up: float
) -> Cheapest | None:
    """`full`'s cheapest roster among those whose minutes stay within `width` units of
    `plan`'s on every day (both ends of each day's window still never go down)."""
    units = full.axes[0].step
    worked, total = [], 0
    for d in range(full.days):
        total += units[full.column[plan[d]]] if d in plan else 0
        worked.append(total)
    near = copy.copy(full)
    near.window = [
        (min(max(lo, w - width), hi), max(min(hi, w + width), lo))
        for (lo, hi), w in zip(full.window, worked, strict=True)
    ]
    return near.solve(cost, give_up)


class _Multiplier:
    """The minutes' price: doubled steps until the band is bracketed, then halved."""

    def __init__(self, step: int, value: int = 0) -> None:
        self.value, self.first = value, step
        self.forget()

    def forget(self) -> None:
        self.step = self.first
        self.over: int | None = None  # the highest value seen to give too many minutes
        self.under: int | None = None  # the lowest seen to give too few

    def move(self, too_many: bool) -> bool:
        """After an answer with too many (or too few) minutes; False when the band lies
        between two neighbouring values."""
        if too_many:
            self.over = self.value if self.over is None else max(self.over, self.value)
        else:
            self.under = self.value if self.under is None else min(self.under, self.value)
        if self.over is not None and self.under is not None:
            if self.under - self.over <= 1:
                return False
            self.value = (self.over + self.under) // 2
        else:
            self.value += self.step if too_many else -self.step
            self.step *= 2
        return True
