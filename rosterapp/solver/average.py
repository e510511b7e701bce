"""The 48-hour average (WTR reg. 4) as one person's hard rule in the engine's model.

Over every reference period that ends on a day of the part (119 days by default, days
of leave left out and made up by as many days before, as reg. 4(6) has it and the rule
in rules/working_time.py checks), the minutes worked are at most the weekly limit
times the period's weeks. The weeks before the horizon count with what was worked
then (`Person.worked_before`). A period is written into the model only when its days
could hold more than the limit at all (a week's duties are at most seven less the
rest days it owes): most officers' never can, and cost the model nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rosterapp.solver.problem import Kept, Person

if TYPE_CHECKING:
    from rosterapp.solver.model import _PersonModel as PersonModel


def add_average(pm: PersonModel) -> int:
    """Add the person's reference periods that could be broken; how many."""
    p, problem = pm.p, pm.problem
    if p.average_minutes is None or not pm.tours:
        return 0
    length = {t: problem.tours[t].minutes for t in problem.tours}
    longest = max(length[t] for t in pm.tours)
    limit = p.average_minutes * p.average_days // 7
    weekly = 7 - (p.week_rest or 0)
    if p.average_safe is None:
        p.average_safe = _safe(p, problem.days, problem.first_weekday, longest, limit, length)
    if p.average_safe:
        return 0

    def on_leave(d: int) -> bool:
        return d in p.leave_before if d < 0 else p.kept.get(d) is Kept.LEAVE

    def fixed_minutes(d: int) -> int:
        if d < 0:
            return p.worked_before.get(d, 0)
        held = p.kept.get(d)
        if isinstance(held, str):
            return length.get(held, 0)
        tour = pm.plan.get(d)
        return length.get(tour, 0) if tour is not None and not pm.inside(d) else 0

    first = min([*p.worked_before, *p.leave_before, -p.average_days, pm.lo])
    seq = [d for d in range(first, problem.days) if not on_leave(d)]
    pos = {d: i for i, d in enumerate(seq)}
    done_sum, free_sum = [0], [0]
    for d in seq:
        done_sum.append(done_sum[-1] + fixed_minutes(d))
        free_sum.append(free_sum[-1] + pm.inside(d))
    added = 0
    for end in range(max(pm.lo, 0), min(pm.hi + p.average_days, problem.days)):
        if end not in pos:
            continue
        j = pos[end]
        i = max(0, j - p.average_days + 1)
        free = free_sum[j + 1] - free_sum[i]
        if not free:
            continue
        done = done_sum[j + 1] - done_sum[i]
        # The free days lie between these; a week holds at most `weekly` duties.
        lo, hi = max(seq[i], pm.lo), min(end, pm.hi - 1)
        most = min(free, ((hi - lo) // 7 + 2) * weekly) * longest
        if done + most <= limit:
            continue
        days = [d for d in range(lo, hi + 1) if pm.inside(d) and not on_leave(d)]
        terms = [length[t] * pm.part.x[(p.id, d, t)] for d in days for t in pm.tours]
        # Already above it before the part (the weeks before were that long): no more
        # duties there, rather than no roster at all.
        pm.m.add(sum(terms) <= max(0, limit - done))
        added += 1
    return added


def _safe(
    p: Person, days: int, first_weekday: int, longest: int, limit: int, length: dict[str, int]
) -> bool:
    """Whether every period stays within the limit even with every day the engine may
    fill worked at the longest tour, up to a week's duties (leave counted as a day
    like any other: it only lengthens a period, never adds minutes to it)."""
    weekly = 7 - (p.week_rest or 0)
    most: list[int] = []
    per_week: dict[int, int] = {}
    for d in range(-p.average_days, days):
        held = p.kept.get(d)
        if d < 0:
            most.append(p.worked_before.get(d, 0))
        elif isinstance(held, str):
            most.append(length.get(held, 0))
        elif held is None:
            week = (d + first_weekday) // 7
            per_week[week] = per_week.get(week, 0) + 1
            most.append(longest if per_week[week] <= weekly else 0)
        else:
            most.append(0)
    window = sum(most[: p.average_days])
    worst = window
    for i in range(p.average_days, len(most)):
        window += most[i] - most[i - p.average_days]
        worst = max(worst, window)
    # A period that starts late in a week may hold that week's duties on the days this
    # gave none (it fills each week's first days): one week's more, to be sure.
    return worst + weekly * longest <= limit
