"""The pricing programme's minutes window (solver/workable.py): the most a person can
have worked by each day, checked against every pattern of days on short horizons."""

from __future__ import annotations

import itertools
import random

import pytest

from rosterapp.solver.workable import minutes_window, most_worked


def _keeps(pattern: tuple[bool, ...], max_run: int, min_off: int) -> bool:
    """Runs of work at most max_run; days off between two runs at least min_off (the
    days off before the first run are exempt; so are those after the last, which may
    go on past the prefix)."""
    run = off = 0
    worked = False
    for on in pattern:
        if on:
            if worked and 0 < off < min_off:
                return False
            run, off, worked = run + 1, 0, True
            if run > max_run:
                return False
        else:
            run, off = 0, off + 1
    return True


def _brute(workable: list[bool], max_run: int, min_off: int, most: int) -> list[int]:
    best = [0] * len(workable)
    for pattern in itertools.product((False, True), repeat=len(workable)):
        if any(on and not can for on, can in zip(pattern, workable, strict=True)):
            continue
        if not _keeps(pattern, max_run, min_off):
            continue
        total = 0
        for d, on in enumerate(pattern):
            total += most * on
            best[d] = max(best[d], total)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_most_worked_is_the_most_any_pattern_holds(seed: int) -> None:
    rng = random.Random(seed)
    days = rng.randint(5, 12)
    workable = [rng.random() > 0.2 for _ in range(days)]
    max_run, min_off, most = rng.randint(1, 5), rng.randint(1, 3), rng.randint(1, 3)
    assert most_worked(workable, max_run, min_off, most) == _brute(workable, max_run, min_off, most)


def test_window_narrows_round_days_that_cannot_be_worked() -> None:
    # 21 days, days 10-16 kept off; runs of at most 3 days, then 2 days off; a day holds
    # at most 1 unit; at least 6 units over the whole; the minutes axis tops at 20.
    window = minutes_window(21, set(range(10, 17)), 3, 2, 1, 6, 20)
    assert window[0] == (0, 1)
    # Days 0-9 hold at most 6: on 0-2 and 5-7 (day 9 would need days 8 and 9 off).
    assert window[9][1] == 6
    # Days 17-20 hold at most 3 units, so 3 must have been worked by day 16.
    assert window[16] == (3, 6)
    assert window[-1] == (6, 9)
    for (lo, hi), (lo2, hi2) in itertools.pairwise(window):
        assert lo <= lo2 and hi <= hi2 and lo <= hi


def test_window_of_a_minimum_out_of_reach_is_empty_at_the_end() -> None:
    window = minutes_window(7, set(), 2, 2, 1, 7, 10)
    lo, hi = window[-1]
    assert lo == hi == 4  # 2 on, 2 off, 2 on: 4 of 7 days; the minimum of 7 is out of reach
