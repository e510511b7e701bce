"""How many minutes one person can have worked by each day, under their run rules.

The pricing programme (solver/pricing.py) keeps, for each day, only the minutes that
are still useful: no more than can have been worked by then, and no fewer than can
still reach the person's minimum by the end. Bounding those by "a longest tour every
day" left windows of the whole horizon's width on the long benchmark instances
(instance 22: 86 minutes units a day on average), and the programme's arrays grew with
them: one person took over 30 s. Runs of work are short (at most `max_run` days, then
at least `min_off` days off), so the days that can be worked are far fewer; counting
them by a small programme of their own narrows the windows tenfold (instance 22: 10
units on average, one person's roster in a tenth of a second).

Both bounds are relaxations (forbidden successions, minimum runs of work and tour
lengths other than the longest are ignored), so no roster the rules allow is lost.
"""

from __future__ import annotations

from collections.abc import Sequence


def most_worked(workable: Sequence[bool], max_run: int, min_off: int, most: int) -> list[int]:
    """The most units days 0..i can hold, for each i: a run of work lasts at most
    `max_run` days, the days off between two runs number at least `min_off` (days off
    at the start are exempt, as runs touching the horizon's edges are in the model),
    and a day worked holds at most `most` units."""
    k, rest = max(1, max_run), max(1, min_off)
    neg = -1  # a state not reached
    # work[r]: most days worked with the current run of work r + 1 days long;
    # off[i]: with the current run of days off i + 1 long (capped at `rest`);
    # edge: days off since the start (exempt from the minimum), if still off.
    work = [neg] * k
    off = [neg] * rest
    edge = 0
    out: list[int] = []
    for can in workable:
        rested = max(off[rest - 1], edge)
        ended = max(work)
        new_off = [neg] * rest
        new_off[0] = ended
        for i in range(rest):
            j = min(i + 1, rest - 1)
            new_off[j] = max(new_off[j], off[i])
        new_work = [neg] * k
        if can:
            if rested > neg:
                new_work[0] = rested + 1
            for r in range(k - 1):
                if work[r] > neg:
                    new_work[r + 1] = work[r] + 1
        work, off = new_work, new_off
        out.append(most * max(max(work), max(off), edge))
    return out


def minutes_window(
    days: int,
    off: set[int],
    max_run: int,
    min_off: int,
    most: int,
    least: int,
    top: int,
) -> list[tuple[int, int]]:
    """Each day's (lowest, highest) useful minutes units by its end: at most what days
    0..d can hold, at least `least` less what days d+1.. can still hold, both within
    0..`top`. Both ends never go down from one day to the next."""
    workable = [d not in off for d in range(days)]
    before = most_worked(workable, max_run, min_off, most)
    after = most_worked(workable[::-1], max_run, min_off, most)[::-1]  # days d.. hold
    window = []
    for d in range(days):
        hi = min(top, before[d])
        still = after[d + 1] if d + 1 < days else 0
        lo = max(0, min(top, least - still))
        # lo > hi: no roster reaches the minimum; the empty answer says so at the end.
        window.append((min(lo, hi), hi))
    return window
