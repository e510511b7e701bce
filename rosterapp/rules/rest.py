"""Rest: 11 hours between tours, rest days, and the WTR weekly rest."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import pairwise

from rosterapp.domain.calendar import LONDON, week_start
from rosterapp.domain.enums import AbsenceKind, Rank
from rosterapp.domain.findings import Finding, RuleId
from rosterapp.domain.policy import (
    MAX_DAYS_IN_A_ROW,
    MIN_REST_HOURS,
    REST_DAYS_PER_WEEK,
    WTR_FORTNIGHTLY_REST_HOURS,
    WTR_WEEKLY_REST_HOURS,
)
from rosterapp.domain.values import MemberInfo
from rosterapp.rules.context import CheckInput, Entry, Tour
from rosterapp.rules.findings import dstr, hm, make

_REST_CODES = (AbsenceKind.REST_DAY, AbsenceKind.PART_TIME)
# Days that are work for the rest-day gap even though they are not tours.
_WORKING_ABSENCES = (AbsenceKind.TRAINING, AbsenceKind.COURT, AbsenceKind.AID)


def _t(instant: datetime) -> str:
    return f"{instant.astimezone(LONDON):%H:%M}"


def rest_between_tours(ci: CheckInput, m: MemberInfo, tours: list[Tour]) -> Iterator[Finding]:
    for prev, nxt in pairwise(tours):
        if not ci.in_range(nxt.day):
            continue
        gap = (nxt.begin - prev.end).total_seconds() / 3600
        if gap < 0:
            yield make(
                RuleId.DOUBLE_BOOKED,
                m.id,
                m.shoulder_number,
                nxt.day,
                f"{m.display_name}: {prev.name} on {dstr(prev.day)} ends {_t(prev.end)}, "
                f"after {nxt.name} on {dstr(nxt.day)} starts {_t(nxt.begin)}",
                shift=nxt.code,
                days=(prev.day, nxt.day),
            )
        elif gap < MIN_REST_HOURS:
            end_local = prev.end.astimezone(LONDON)
            yield make(
                RuleId.REST_11H,
                m.id,
                m.shoulder_number,
                nxt.day,
                f"{m.display_name} has {hm(gap)} between {prev.name} ending "
                f"{_t(prev.end)} {dstr(end_local.date())} and {nxt.name} starting "
                f"{_t(nxt.begin)} {dstr(nxt.day)} — the minimum is {MIN_REST_HOURS} h",
                shift=nxt.code,
                days=(prev.day, nxt.day),
            )


def rest_days(ci: CheckInput, m: MemberInfo, entries: list[Entry]) -> Iterator[Finding]:
    if m.rank is Rank.SPECIAL:  # volunteers: no working-time contract
        return
    grid = ci.grid
    monday = week_start(ci.start)
    while monday <= ci.end:
        first = monday
        monday += timedelta(days=7)
        if first < grid.start or first + timedelta(days=6) > grid.end:
            continue
        i = (first - grid.start).days
        week = entries[i : i + 7]
        entered = sum(1 for e in week if e.cell is not None)
        rest = sum(1 for e in week if e.absence_kind in _REST_CODES)
        duties = sum(1 for e in week if e.is_duty)
        if rest >= REST_DAYS_PER_WEEK:
            continue
        if entered < 7 and duties <= 7 - REST_DAYS_PER_WEEK:
            continue  # week not finished yet: blanks may still become rest days
        on_leave = any(
            e.absence_kind is not None and e.absence_kind not in _REST_CODES for e in week
        )
        yield make(
            RuleId.REST_DAYS_WEEK,
            m.id,
            m.shoulder_number,
            first,
            f"{m.display_name} has {rest} rest day{'s' if rest != 1 else ''} "
            f"in the week of {dstr(first)} — {REST_DAYS_PER_WEEK} are required"
            + (" (leave is not rest)" if on_leave else ""),
            days=tuple(e.day for e in week),
        )


def rest_day_gap(ci: CheckInput, m: MemberInfo, entries: list[Entry]) -> Iterator[Finding]:
    if m.rank is Rank.SPECIAL:
        return
    run: list[date] = []

    def flush() -> Iterator[Finding]:
        if len(run) > MAX_DAYS_IN_A_ROW and ci.in_range(run[-1]):
            yield make(
                RuleId.REST_DAY_GAP,
                m.id,
                m.shoulder_number,
                run[-1],
                f"{m.display_name} works {len(run)} days in a row from {dstr(run[0])} "
                f"to {dstr(run[-1])} without a rest day — at most "
                f"{MAX_DAYS_IN_A_ROW} are allowed",
                days=tuple(run),
            )

    for e in entries:
        if e.is_duty or e.absence_kind in _WORKING_ABSENCES:
            run.append(e.day)
        else:
            yield from flush()
            run = []
    yield from flush()


def weekly_rest(ci: CheckInput, m: MemberInfo, tours: list[Tour]) -> Iterator[Finding]:
    """WTR reg. 11: 24 h uninterrupted rest in each 7 days, or 48 h in 14."""
    if m.rank is Rank.SPECIAL or not tours:
        return
    grid = ci.grid
    n_days = (grid.end - grid.start).days + 1
    # Midnights in London as POSIX seconds: windows follow the clock changes.
    midnight = ci.midnights()
    rests = _rest_intervals(tours, midnight[0], midnight[-1])
    ends = [e for _, e in rests]
    first = max(0, (ci.start - grid.start).days - 6)
    covered = _windows_with_rest(rests, midnight, n_days - 6, 7, WTR_WEEKLY_REST_HOURS)
    last_reported = -7
    for i in range(first, n_days - 6):
        if i <= last_reported + 6 or covered[i]:
            continue
        day = grid.start + timedelta(days=i)
        if i + 14 > n_days or not ci.in_range(day + timedelta(days=6)):
            continue
        longest = _longest(rests, ends, midnight[i], midnight[i + 14], 2)
        if longest[0] < WTR_FORTNIGHTLY_REST_HOURS and longest[1] < WTR_WEEKLY_REST_HOURS:
            last_reported = i
            yield make(
                RuleId.WTR_WEEKLY_REST,
                m.id,
                m.shoulder_number,
                day + timedelta(days=6),
                f"{m.display_name} has no {WTR_WEEKLY_REST_HOURS} h rest in the 7 days from "
                f"{dstr(day)}, nor {WTR_FORTNIGHTLY_REST_HOURS} h in the 14 days "
                f"(longest rest {hm(longest[0])})",
                days=tuple(day + timedelta(days=k) for k in range(7)),
            )


def _windows_with_rest(
    rests: list[tuple[float, float]], midnight: list[float], count: int, days: int, hours: float
) -> list[bool]:
    """For each window of `days` days starting at midnight i (i < count), whether it holds
    an uninterrupted rest of `hours`. Each long rest marks the windows it fits in, so the
    cost is one pass over the rests rather than a search per window."""
    need = hours * 3600
    covered = [False] * max(count, 0)
    for begin, end in rests:
        if end - begin < need:
            continue
        # Windows whose end is late enough and whose start is early enough to hold `need`.
        lo = max(0, bisect_left(midnight, begin + need) - days)
        hi = min(count - 1, bisect_right(midnight, end - need) - 1)
        for i in range(lo, hi + 1):
            if not covered[i] and min(end, midnight[i + days]) - max(begin, midnight[i]) >= need:
                covered[i] = True
    return covered


def _rest_intervals(tours: list[Tour], lo: float, hi: float) -> list[tuple[float, float]]:
    """The stretches between tours (and before the first and after the last), in order."""
    out = []
    cursor = lo
    for t in sorted(tours, key=lambda t: t.begin):
        begin, end = t.begin.timestamp(), t.end.timestamp()
        if begin > cursor:
            out.append((cursor, begin))
        cursor = max(cursor, end)
    if hi > cursor:
        out.append((cursor, hi))
    return out


def _longest(
    rests: list[tuple[float, float]], ends: list[float], lo: float, hi: float, k: int
) -> list[float]:
    """The k longest rests inside [lo, hi), in hours, each clipped to the window."""
    found = []
    for i in range(bisect_right(ends, lo), len(rests)):
        begin, end = rests[i]
        if begin >= hi:
            break
        found.append((min(end, hi) - max(begin, lo)) / 3600)
    found.sort(reverse=True)
    return (found + [0.0] * k)[:k]
