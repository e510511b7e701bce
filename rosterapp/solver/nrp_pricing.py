"""One employee's cheapest roster under given day/shift costs, by dynamic programming.

Column generation asks the same question thousands of times: which roster that keeps
every one of this employee's rules costs least, when each shift on each day has a price?
CP-SAT answers it exactly but slowly on the long horizons (a quarter of a second, often
its full two seconds, for one 56-day employee of instance 16). The rules are all about
the sequence of days, so a dynamic programme over the days answers it in milliseconds:

- the *control* state is how the roster stands at the end of a day — the last shift (for
  forbidden successions) and how long the current run of work has lasted, or how long the
  current run of days off, each with a flag for a run that began on the first day (runs
  touching the horizon's edges are exempt from the minimum lengths, as in the model);
- the *resources* are array axes: minutes worked (in units of the shifts' common
  divisor), weekends worked, and the count of each shift type whose limit can bind.

Each day is a few numpy operations over whole arrays, one per shift type. When the
resource axes would be too large, the shift-type limits least likely to bind are left out
of the programme and checked on its answer: the value is then only a lower bound, and the
caller falls back to CP-SAT if the answer breaks a limit (`Cheapest.exact` says which).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rosterapp.solver.nrp import Instance

INF = np.int64(2**60)  # unreachable; sums of a horizon's costs stay far below it
MAX_RESOURCE_CELLS = 4000  # resource states per control state before limits are relaxed

Costs = npt.NDArray[np.int64]


@dataclass
class Cheapest:
    value: int  # the least total cost (a lower bound only when not exact)
    plan: dict[int, str]  # day -> shift of that roster
    exact: bool  # False: the plan breaks a shift-type limit the programme left out


@dataclass
class _Axis:
    size: int
    step: list[int]  # increment per allowed shift


class RosterDP:
    """The programme for one employee; `solve` takes a (days × allowed shifts) cost array."""

    def __init__(self, inst: Instance, employee: str) -> None:
        st = inst.staff[employee]
        self.days = inst.days
        self.shifts = [s for s in inst.shifts if st.max_shifts.get(s, 0) > 0]
        n = len(self.shifts)
        self.off = inst.days_off.get(employee, set())
        self.k = max(1, st.max_consecutive)
        self.min_on = max(1, st.min_consecutive)
        self.min_off = max(1, st.min_days_off)
        # follows[j]: the shifts i after which shift j may be worked the next day.
        self.follows = [
            np.array([j_s not in inst.shifts[i_s].cannot_follow for i_s in self.shifts])
            for j_s in self.shifts
        ]
        lengths = [inst.shifts[s].minutes for s in self.shifts]
        self.unit = math.gcd(*lengths) if lengths else 1
        self.min_units = -(-st.min_minutes // self.unit)
        axes = [_Axis(st.max_minutes // self.unit + 1, [m // self.unit for m in lengths])]
        workable = self.days - len(self.off)
        # Shift-type limits that can bind, smallest first (the likeliest to matter).
        limits = []
        for j, s in enumerate(self.shifts):
            limit = st.max_shifts[s]
            if limit < min(workable, st.max_minutes // lengths[j]):
                limits.append((limit, j))
        limits.sort()
        self.weekend_axis: int | None = None
        if st.max_weekends < self.days // 7:
            self.weekend_axis = len(axes)
            axes.append(_Axis(st.max_weekends + 1, [0] * n))
        self.relaxed: list[tuple[int, int]] = []  # (limit, shift index) checked afterwards
        for limit, j in limits:
            size = math.prod(a.size for a in axes) * (limit + 1)
            if size > MAX_RESOURCE_CELLS:
                self.relaxed.append((limit, j))
                continue
            axes.append(_Axis(limit + 1, [1 if i == j else 0 for i in range(n)]))
        self.axes = axes
        self.shape = tuple(a.size for a in axes)

        self.size = math.prod(self.shape)
        # Where each resource state comes from when a shift is worked: the flat index
        # of the state before it, or `size` (a padding cell that is always unreachable)
        # when the shift would pass a limit. One row per shift; weekend days add one.
        steps: dict[tuple[tuple[int, ...], tuple[int, ...]], list[int]] = {}
        for j in range(n):
            key = (tuple(self._step(j, False)), tuple(self._step(j, True)))
            steps.setdefault(key, []).append(j)
        # Shifts that move the resources alike are moved together.
        self.moves = [(np.array(js), plain, weekend) for (plain, weekend), js in steps.items()]
        self.plain = np.stack([self._sources(self._step(j, False)) for j in range(n)])
        self.weekend = np.stack([self._sources(self._step(j, True)) for j in range(n)])
        units = np.unravel_index(np.arange(self.size), self.shape)[0]
        self.enough = units >= self.min_units  # minutes axis: enough worked at the end
        # Shifts with the same predecessors share one minimum over them.
        masks: dict[bytes, int] = {}
        self.group = np.array([masks.setdefault(f.tobytes(), len(masks)) for f in self.follows])
        self.groups = [
            self.follows[int(np.flatnonzero(self.group == g)[0])] for g in range(len(masks))
        ]

    def _step(self, j: int, weekend: bool) -> list[int]:
        step = [a.step[j] for a in self.axes]
        if weekend and self.weekend_axis is not None:
            step[self.weekend_axis] += 1
        return step

    def _sources(self, step: list[int]) -> npt.NDArray[np.intp]:
        coords = np.unravel_index(np.arange(self.size), self.shape)
        before = [c - a for c, a in zip(coords, step, strict=True)]
        ok = np.logical_and.reduce([b >= 0 for b in before])
        flat = np.ravel_multi_index([np.where(ok, b, 0) for b in before], self.shape)
        return np.where(ok, flat, self.size)

    # -- the programme ------------------------------------------------------------------
    def solve(self, cost: Costs) -> Cheapest | None:
        """The cheapest roster; None when the employee has no roster that keeps the rules.

        cost[d, j]: the cost of working shift `self.shifts[j]` on day d; a day off costs 0.
        """
        h, n, k, size = self.days, len(self.shifts), self.k, self.size
        work_states: list[Costs] = []
        off_states: list[Costs] = []
        w = np.full((n, k, 2, size), INF, dtype=np.int64)
        o = np.full((self.min_off, 2, size), INF, dtype=np.int64)
        o[0, 1, 0] = 0  # off on the first day: a run that began at the edge
        if 0 not in self.off:
            start = np.full(size + 1, INF, dtype=np.int64)
            start[0] = 0
            w[:, 0, 1] = start[self.plain] + cost[0][:, None]
        np.minimum(w, INF, out=w)
        work_states.append(w)
        off_states.append(o)
        for d in range(1, h):
            w, o = self._day(d, w, o, cost)
            work_states.append(w)
            off_states.append(o)
        # Any state at the end is allowed (runs reaching the edge are exempt) with enough
        # minutes worked.
        best = INF
        where: tuple[str, tuple[int, ...]] | None = None
        for kind, arr in (("w", w), ("o", o)):
            view = np.where(self.enough, arr, INF)
            if view.min() < best:
                best = view.min()
                where = (kind, tuple(int(i) for i in np.unravel_index(view.argmin(), arr.shape)))
        if where is None or best >= INF // 2:
            return None
        plan = self._back(where, work_states, off_states, cost)
        exact = all(
            sum(1 for s in plan.values() if s == self.shifts[j]) <= limit
            for limit, j in self.relaxed
        )
        return Cheapest(int(best), plan, exact)

    def _ended(self, w: Costs) -> Costs:
        """The least cost of ending a run of work yesterday, where its length allows it."""
        long_enough = w[:, self.min_on - 1 :].min(axis=(0, 1, 2))
        if self.min_on == 1:
            return long_enough
        return np.minimum(long_enough, w[:, : self.min_on - 1, 1].min(axis=(0, 1)))

    def _rested(self, o: Costs) -> Costs:
        """The least cost of a run of days off long enough (or exempt) to start work."""
        rested = o[self.min_off - 1].min(axis=0)
        if self.min_off == 1:
            return rested
        return np.minimum(rested, o[: self.min_off - 1, 1].min(axis=0))

    def _moved(self, src: Costs, step: tuple[int, ...]) -> Costs:
        """`src` with its resource axes moved up by `step`; what passes a limit drops.

        Slices of the resource axes, not a gather: measured twice as fast on the larger
        arrays (instance 17: 1,870 resource states).
        """
        out = np.full_like(src, INF)
        lead = src.shape[:-1]
        into: list[slice] = [slice(None)] * len(lead)
        frm: list[slice] = [slice(None)] * len(lead)
        for size, a in zip(self.shape, step, strict=True):
            if a >= size:
                return out
            into.append(slice(a, None))
            frm.append(slice(0, size - a))
        out.reshape(*lead, *self.shape)[tuple(into)] = src.reshape(*lead, *self.shape)[tuple(frm)]
        return out

    def _day(self, d: int, w: Costs, o: Costs, cost: Costs) -> tuple[Costs, Costs]:
        k, last = self.k, self.min_off - 1
        o2 = np.full_like(o, INF)
        o2[0, 0] = self._ended(w)
        for i in range(self.min_off):
            j = min(i + 1, last)
            o2[j] = np.minimum(o2[j], o[i])
        w2 = np.full_like(w, INF)
        if d in self.off:
            return w2, o2
        saturday, sunday = d % 7 == 5, d % 7 == 6
        rested = self._rested(o)
        # A run of work begun on the first day has ended after k days: from then on only
        # the runs begun later (flag 0) are carried.
        flags = slice(0, 1) if d >= k else slice(0, 2)
        least = None
        if k > 1:
            runs = [w[g, : k - 1, flags].min(axis=0, initial=INF) for g in self.groups]
            least = np.stack(runs)
        for js, plain, weekend in self.moves:
            w2[js, 0, 0] = self._moved(rested, weekend if saturday or sunday else plain)
            if least is not None:
                step = weekend if saturday else plain
                w2[js, 1:, flags] = self._moved(least[self.group[js]], step)
        w2 += cost[d][:, None, None, None]
        np.minimum(w2, INF, out=w2)
        return w2, o2

    def _ended_at(self, w: Costs, here: int, res: int) -> tuple[str, tuple[int, ...]] | None:
        for r in range(self.k):
            for ex in (0, 1):
                if r + 1 < self.min_on and not ex:
                    continue
                hit = np.flatnonzero(w[:, r, ex, res] == here)
                if hit.size:
                    return "w", (int(hit[0]), r, ex, res)
        return None

    def _back(
        self,
        where: tuple[str, tuple[int, ...]],
        work_states: list[Costs],
        off_states: list[Costs],
        cost: Costs,
    ) -> dict[int, str]:
        """Walk back from the best final state to the roster that reached it."""
        plan: dict[int, str] = {}
        kind, idx = where
        for d in range(self.days - 1, 0, -1):
            w, o = work_states[d - 1], off_states[d - 1]
            found: tuple[str, tuple[int, ...]] | None = None
            if kind == "o":
                i, x, res = idx
                here = int(off_states[d][idx])
                if i == 0 and x == 0:  # a run of days off began today: work ended yesterday
                    found = self._ended_at(w, here, res)
                for i0 in (i - 1, i):
                    ok = i0 >= 0 and (i0 == i - 1 or i == self.min_off - 1)
                    if found is None and ok and o[i0, x, res] == here:
                        found = ("o", (i0, x, res))
            else:
                j, r, x, res = idx
                plan[d] = self.shifts[j]
                here = int(work_states[d][idx] - cost[d, j])
                weekend = d % 7 == 5 or (d % 7 == 6 and r == 0)
                src = int((self.weekend if weekend else self.plain)[j, res])
                if r == 0:
                    for i0 in range(self.min_off):
                        for ex in (0, 1):
                            ok = i0 == self.min_off - 1 or ex == 1
                            if found is None and ok and o[i0, ex, src] == here:
                                found = ("o", (i0, ex, src))
                else:
                    for i_ in np.flatnonzero(self.follows[j]):
                        i = int(i_)
                        if found is None and w[i, r - 1, x, src] == here:
                            found = ("w", (i, r - 1, x, src))
            if found is None:
                raise AssertionError(f"no way into day {d}'s state {idx}")
            kind, idx = found
        if kind == "w":
            plan[0] = self.shifts[idx[0]]
        return plan
