"""One person's cheapest roster under given day/tour costs, by dynamic programming.

Column generation (solver/columns.py) asks the same question thousands of times:
which roster that keeps every one of this person's rules costs least, when each tour
on each day has a price? CP-SAT answers it exactly but slowly on long horizons (a
quarter of a second, often its full two seconds, for one 56-day person of benchmark
instance 16). The rules are all about the sequence of days, so a dynamic programme
over the days answers it in milliseconds:

- the *control* state is how the roster stands at the end of a day — the last tour
  (for forbidden successions) and how long the current run of work has lasted, or how
  long the current run of days off, each with a flag for a run that began on the first
  day (runs touching the horizon's edges are exempt from the minimum lengths, as in the
  model);
- the *resources* are array axes: minutes worked (in units of the tours' common
  divisor), weekends worked, and the count of each tour whose limit can bind.

Each day is a few numpy operations over whole arrays, one per set of tours that move
the resources alike, and only over the minutes still useful that day. When the
resource axes would be too large, the tour limits least likely to bind are left out of
the programme and checked on its answer: the value is then only a lower bound, and the
caller solves again with the broken limits kept (`Cheapest.broken` says which), or
falls back to CP-SAT. A person with rules it does not know (`priceable`: weekly rest,
the 48-hour average, kept duties, neighbours) is priced by CP-SAT."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rosterapp.solver.problem import Kept, Person, Problem
from rosterapp.solver.workable import minutes_window

INF = np.int64(2**60)  # unreachable; sums of a horizon's costs stay far below it
MAX_RESOURCE_CELLS = 4000  # resource states per control state before limits are relaxed

Costs = npt.NDArray[np.int64]


class TooSlow(Exception):
    """The programme passed the time it was given."""


@dataclass
class Cheapest:
    value: int  # the least total cost (a lower bound only when not exact)
    plan: dict[int, str]  # day -> shift of that roster
    broken: frozenset[int]  # shift indices whose limit (left out) the plan breaks

    @property
    def exact(self) -> bool:
        return not self.broken


@dataclass
class _Axis:
    size: int
    step: list[int]  # increment per allowed shift


def priceable(problem: Problem, p: Person) -> bool:
    """Whether the programme knows every rule this person has."""
    return (
        problem.first_weekday == 0
        and all(
            rule is None
            for rule in (p.week_rest, p.week_duties, p.max_unsocial_run, p.average_minutes)
        )
        and all(kept is Kept.REST and 0 <= d < problem.days for d, kept in p.kept.items())
    )


class RosterDP:
    """The programme for one person; `solve` takes a (days × allowed tours) cost array."""

    def __init__(
        self,
        problem: Problem,
        person: Person,
        cells: int = MAX_RESOURCE_CELLS,
        keep: frozenset[int] = frozenset(),
    ) -> None:
        """`keep`: tour indices whose limits are axes whatever the size; the others are
        added smallest first while the resource states stay within `cells`."""
        self.days = problem.days
        self.shifts = [t for t in problem.tours if t in person.tours]
        self.column = {s: j for j, s in enumerate(self.shifts)}  # tour -> its index
        n = len(self.shifts)
        self.off = set(person.kept)
        self.k = max(1, person.max_run or self.days)
        self.min_on = max(1, person.min_run or 1)
        self.min_off = max(1, person.min_off_run or 1)
        # follows[j]: the tours i after which tour j may be worked the next day.
        self.follows = [
            np.array([(i_s, j_s) not in problem.forbidden for i_s in self.shifts])
            for j_s in self.shifts
        ]
        lengths = [problem.tours[s].minutes for s in self.shifts]
        self.unit = math.gcd(*lengths) if lengths else 1
        self.min_units = -(-(person.min_minutes or 0) // self.unit)
        axes = self._axes(person, lengths, cells, keep)
        self.axes = axes
        self.shape = tuple(a.size for a in axes)
        self.size = math.prod(self.shape)
        self.stride = self.size // self.shape[0]  # flat states per minutes value
        # The minutes that can have been worked by the end of each day and can still
        # reach the minimum by the end of the horizon (the rest are left unreachable).
        most = max(axes[0].step, default=0)
        top = self.shape[0] - 1
        self.window = minutes_window(
            self.days, self.off, self.k, self.min_off, most, self.min_units, top
        )
        steps: dict[tuple[tuple[int, ...], tuple[int, ...]], list[int]] = {}
        for j in range(n):
            key = (tuple(self._step(j, False)), tuple(self._step(j, True)))
            steps.setdefault(key, []).append(j)
        # Shifts that move the resources alike are moved together.
        self.moves = [(np.array(js), plain, weekend) for (plain, weekend), js in steps.items()]
        # Shifts with the same predecessors share one minimum over them.
        masks: dict[bytes, int] = {}
        self.group = np.array([masks.setdefault(f.tobytes(), len(masks)) for f in self.follows])
        self.groups = [
            self.follows[int(np.flatnonzero(self.group == g)[0])] for g in range(len(masks))
        ]

    def _axes(
        self, person: Person, lengths: list[int], cells: int, keep: frozenset[int]
    ) -> list[_Axis]:
        """Minutes, weekends, and the tour limits that fit within `cells` (or `keep`);
        the limits left out go in `self.relaxed`, checked on each answer."""
        n = len(self.shifts)
        most_minutes = self.days * max(lengths, default=0)
        max_minutes = most_minutes if person.max_minutes is None else person.max_minutes
        axes = [self._minutes_axis(max_minutes, lengths)]
        workable = self.days - len(self.off)
        # Tour limits that can bind, smallest first (the likeliest to matter).
        limits = []
        for j, s in enumerate(self.shifts):
            limit = person.max_tours.get(s)
            if limit is not None and limit < min(workable, max_minutes // max(lengths[j], 1)):
                limits.append((limit, j))
        limits.sort(key=lambda limit: (limit[1] not in keep, limit))
        self.weekend_axis: int | None = None
        weekends = person.max_weekends
        if weekends is not None and weekends < self.days // 7:
            self.weekend_axis = len(axes)
            axes.append(_Axis(weekends + 1, [0] * n))
        self.relaxed: list[tuple[int, int]] = []  # (limit, tour index) checked afterwards
        for limit, j in limits:
            size = math.prod(a.size for a in axes) * (limit + 1)
            if size > cells and j not in keep:
                self.relaxed.append((limit, j))
                continue
            axes.append(_Axis(limit + 1, [1 if i == j else 0 for i in range(n)]))
        return axes

    def _minutes_axis(self, max_minutes: int, lengths: list[int]) -> _Axis:
        return _Axis(max_minutes // self.unit + 1, [m // self.unit for m in lengths])

    def _step(self, j: int, weekend: bool) -> list[int]:
        step = [a.step[j] for a in self.axes]
        if weekend and self.weekend_axis is not None:
            step[self.weekend_axis] += 1
        return step

    def _source(self, g: int, step: list[int]) -> int:
        """The flat resource state that working a shift moved to state `g` by `step`;
        `size` (never held) when there is none."""
        before = [c - a for c, a in zip(np.unravel_index(g, self.shape), step, strict=True)]
        if min(before) < 0:
            return self.size
        return int(np.ravel_multi_index(before, self.shape))

    # -- the programme ------------------------------------------------------------------
    def solve(self, cost: Costs, give_up: float = math.inf) -> Cheapest | None:
        """The cheapest roster; None when the employee has no roster that keeps the rules.
        cost[d, j]: the cost of working shift `self.shifts[j]` on day d; a day off costs 0.
        Raises TooSlow once the monotonic clock passes `give_up` (a year-long employee
        with many shift types takes seconds)."""
        tables = self._forward(cost, give_up)
        ends = self._ends(tables)
        if not ends:
            return None
        best, where = min(ends, key=lambda end: end[0])
        plan = self._back(where, tables, cost)
        return Cheapest(best, plan, self._broken(plan))

    def _broken(self, plan: dict[int, str]) -> frozenset[int]:
        return frozenset(
            j
            for limit, j in self.relaxed
            if sum(1 for s in plan.values() if s == self.shifts[j]) > limit
        )

    def _forward(self, cost: Costs, give_up: float) -> tuple[list[Costs], list[Costs]]:
        """Each day's work and off states with the least cost of reaching them.

        Each day's states cover only that day's window of minutes (`self.window`): the
        work states are [shift, run length - 1, flag, flat resource state], the off
        states [run length - 1, flag, flat resource state]; flag 1 marks a run that began
        on the first day, and is dropped from the work states once such a run has ended.
        """
        n, k = len(self.shifts), self.k
        lo, hi = self.window[0]
        size = (hi - lo + 1) * self.stride
        w = np.full((n, k, 2, size), INF, dtype=np.int64)
        o = np.full((self.min_off, 2, size), INF, dtype=np.int64)
        start = np.full((1, 1, 1, self.stride), INF, dtype=np.int64)
        start.reshape(-1)[0] = 0  # nothing worked yet: minutes 0, every count 0
        if lo == 0:
            o[0, 1, : self.stride] = start.reshape(-1)  # off on the first day, at the edge
        if 0 not in self.off:
            for js, plain, _weekend in self.moves:
                w[js, :1, 1:] = self._moved(start, 0, plain, lo, hi)
            w += self._costs(cost, 0)
            np.minimum(w, INF, out=w)
        work_states, off_states = [w], [o]
        for d in range(1, self.days):
            if time.monotonic() > give_up:
                raise TooSlow
            w, o = self._day(d, w, o, cost)
            work_states.append(w)
            off_states.append(o)
        return work_states, off_states

    def _ends(
        self, tables: tuple[list[Costs], list[Costs]]
    ) -> list[tuple[int, tuple[str, tuple[int, ...]]]]:
        """The cheapest final state of each kind, with its value: any state is allowed
        (runs reaching the edge are exempt) with enough minutes worked."""
        lo, hi = self.window[-1]
        minutes = lo + np.arange((hi - lo + 1) * self.stride) // self.stride
        enough = minutes >= self.min_units
        ends: list[tuple[int, tuple[str, tuple[int, ...]]]] = []
        for kind, arr in (("w", tables[0][-1]), ("o", tables[1][-1])):
            view = np.where(enough, arr, INF)
            if not view.size or view.min() >= INF // 2:
                continue
            at = [int(i) for i in np.unravel_index(view.argmin(), arr.shape)]
            at[-1] += lo * self.stride  # states are named by their flat index overall
            ends.append((int(view.min()), (kind, tuple(at))))
        return ends

    def _costs(self, cost: Costs, d: int) -> Costs:
        """Day d's shift costs, shaped to add to the work states (INF for a shift that
        cannot be taken keeps its states unreachable)."""
        return np.minimum(cost[d], INF)[:, None, None, None]

    def _ended(self, w: Costs) -> Costs:
        """The least cost of ending a run of work yesterday, where its length allows it."""
        long_enough = w[:, self.min_on - 1 :].min(axis=(0, 1, 2), initial=INF)
        if self.min_on == 1 or w.shape[2] == 1:
            return long_enough
        return np.minimum(long_enough, w[:, : self.min_on - 1, 1].min(axis=(0, 1), initial=INF))

    def _rested(self, o: Costs) -> Costs:
        """The least cost of a run of days off long enough (or exempt) to start work."""
        rested = o[self.min_off - 1].min(axis=0)
        if self.min_off == 1:
            return rested
        return np.minimum(rested, o[: self.min_off - 1, 1].min(axis=0))

    def _moved(self, src: Costs, src_lo: int, step: tuple[int, ...], lo: int, hi: int) -> Costs:
        """States worked into minutes lo..hi from `src` (minutes src_lo on), every resource
        moved up by `step`; what passes a limit drops.

        Both are windows of whole minutes rows of the flat resource axis. Slices, not a
        gather: measured twice as fast on the larger arrays (17: 1,870 resource states).
        """
        lead, rest, stride = src.shape[:-1], self.shape[1:], self.stride
        rows = src.shape[-1] // stride
        out = np.full((*lead, hi - lo + 1, *rest), INF, dtype=np.int64)
        a = step[0]
        first, last = max(lo, src_lo + a), min(hi, src_lo + rows - 1 + a)
        if first <= last and all(b < size for b, size in zip(step[1:], rest, strict=True)):
            keep = [slice(None)] * len(lead)
            into = [*keep, slice(first - lo, last - lo + 1), *(slice(b, None) for b in step[1:])]
            frm = [
                *keep,
                slice(first - a - src_lo, last - a - src_lo + 1),
                *(slice(0, size - b) for b, size in zip(step[1:], rest, strict=True)),
            ]
            out[tuple(into)] = src.reshape(*lead, rows, *rest)[tuple(frm)]
        return out.reshape(*lead, (hi - lo + 1) * stride)

    def _day(self, d: int, w: Costs, o: Costs, cost: Costs) -> tuple[Costs, Costs]:
        k, last, stride = self.k, self.min_off - 1, self.stride
        was, had = self.window[d - 1]
        lo, hi = self.window[d]
        size = (hi - lo + 1) * stride
        # The minutes both days hold: days off keep them (windows only move up).
        both = slice((lo - was) * stride, (had - was + 1) * stride)
        kept = (had - lo + 1) * stride
        o2 = np.full((self.min_off, 2, size), INF, dtype=np.int64)
        if kept > 0:
            o2[0, 0, :kept] = self._ended(w[..., both])
            for i in range(self.min_off):
                j = min(i + 1, last)
                np.minimum(o2[j, :, :kept], o[i, :, both], out=o2[j, :, :kept])
        # A run of work begun on the first day has ended after k days: from then on only
        # the runs begun later (flag 0) are kept.
        flags = 2 if d < k else 1
        w2 = np.full((len(self.shifts), k, flags, size), INF, dtype=np.int64)
        if d in self.off:
            return w2, o2
        saturday, sunday = d % 7 == 5, d % 7 == 6
        rested = self._rested(o)
        least = None
        if k > 1 and self.groups:
            runs = [w[g, : k - 1, :flags].min(axis=0, initial=INF) for g in self.groups]
            least = np.stack(runs)
        for js, plain, weekend in self.moves:
            step = weekend if saturday or sunday else plain
            w2[js, :1, :1] = self._moved(rested[None, None], was, step, lo, hi)
            if least is not None:
                step = weekend if saturday else plain
                w2[js, 1:] = self._moved(least[self.group[js]], was, step, lo, hi)
        w2 += self._costs(cost, d)
        np.minimum(w2, INF, out=w2)  # unreachable stays INF, however many days it lasts
        return w2, o2

    def _value(self, arr: Costs, d: int, at: tuple[int, ...]) -> int:
        """Day d's state `at` (its last index the flat state overall), INF if not held."""
        t = at[-1] - self.window[d][0] * self.stride
        if (
            at[-1] >= self.size
            or not 0 <= t < arr.shape[-1]
            or any(i >= n for i, n in zip(at[:-1], arr.shape[:-1], strict=True))
        ):
            return int(INF)
        return int(arr[(*at[:-1], t)])

    def _before(
        self, d: int, state: tuple[str, tuple[int, ...]]
    ) -> list[tuple[str, tuple[int, ...]]]:
        """The states of day d - 1 from which day d's `state` can be reached (some may not
        be held: `_value` says INF for those)."""
        kind, at = state
        before: list[tuple[str, tuple[int, ...]]] = []
        if kind == "o":
            i, x, g = at
            if i == 0 and x == 0:  # a run of days off began today: work ended yesterday
                before += [
                    ("w", (j, r, ex, g))
                    for r in range(self.k)
                    for ex in (0, 1)
                    if r + 1 >= self.min_on or ex
                    for j in range(len(self.shifts))
                ]
            if i > 0:
                before.append(("o", (i - 1, x, g)))
            if i == self.min_off - 1:
                before.append(("o", (i, x, g)))
        else:
            j, r, x, g = at
            weekend = d % 7 == 5 or (d % 7 == 6 and r == 0)
            src = self._source(g, self._step(j, weekend))
            if r == 0:
                before += [
                    ("o", (i0, ex, src))
                    for i0 in range(self.min_off)
                    for ex in (0, 1)
                    if i0 == self.min_off - 1 or ex
                ]
            else:
                before += [("w", (int(i), r - 1, x, src)) for i in np.flatnonzero(self.follows[j])]
        return before

    def _back(
        self,
        where: tuple[str, tuple[int, ...]],
        tables: tuple[list[Costs], list[Costs]],
        cost: Costs,
    ) -> dict[int, str]:
        """Walk back from the best final state to the roster that reached it."""
        work_states, off_states = tables
        plan: dict[int, str] = {}
        state = where
        for d in range(self.days - 1, 0, -1):
            kind, at = state
            here = self._value((work_states if kind == "w" else off_states)[d], d, at)
            if kind == "w":
                plan[d] = self.shifts[at[0]]
                here -= int(cost[d, at[0]])
            w, o = work_states[d - 1], off_states[d - 1]
            sources = self._before(d, state)
            for state in sources:
                if self._value(w if state[0] == "w" else o, d - 1, state[1]) == here:
                    break
            else:
                raise AssertionError(f"no way into day {d}'s state {at}")
        if state[0] == "w":
            plan[0] = self.shifts[state[1][0]]
        return plan
