"""Rest: 11 hours between tours, rest days, and the WTR weekly rest."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from rosterapp.domain.calendar import LONDON, week_start
from rosterapp.domain.enums import AbsenceKind, Rank
from rosterapp.rules.context import CheckInput, Tour
from rosterapp.rules.findings import Finding, dstr, hm, make
from rosterapp.services.values import MemberInfo

MIN_REST_HOURS = 11
REST_DAYS_PER_WEEK = 2
MAX_DAYS_WITHOUT_REST = 7
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
                "double-booked",
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
                "rest-11h",
                m.id,
                m.shoulder_number,
                nxt.day,
                f"{m.display_name} has {hm(gap)} between {prev.name} ending "
                f"{_t(prev.end)} {dstr(end_local.date())} and {nxt.name} starting "
                f"{_t(nxt.begin)} {dstr(nxt.day)} — the minimum is {MIN_REST_HOURS} h",
                shift=nxt.code,
                days=(prev.day, nxt.day),
            )


def rest_days(ci: CheckInput, m: MemberInfo) -> Iterator[Finding]:
    if m.rank is Rank.SPECIAL:  # volunteers: no working-time contract
        return
    grid = ci.grid
    monday = week_start(ci.start)
    while monday <= ci.end:
        week = [monday + timedelta(days=i) for i in range(7)]
        monday += timedelta(days=7)
        if week[0] < grid.start or week[-1] > grid.end:
            continue
        entered = [d for d in week if (m.id, d) in grid.cells]
        rest = [d for d in entered if ci.absence_kind(m.id, d) in _REST_CODES]
        duties = [d for d in entered if _is_duty(ci, m.id, d)]
        if len(rest) >= REST_DAYS_PER_WEEK:
            continue
        if len(entered) < 7 and len(duties) <= 7 - REST_DAYS_PER_WEEK:
            continue  # week not finished yet: blanks may still become rest days
        yield make(
            "rest-days-week",
            m.id,
            m.shoulder_number,
            week[0],
            f"{m.display_name} has {len(rest)} rest day{'s' if len(rest) != 1 else ''} "
            f"in the week of {dstr(week[0])} — 2 are required (leave is not rest)",
            days=tuple(week),
        )


def _is_duty(ci: CheckInput, member_id: int, day: date) -> bool:
    cell = ci.grid.cells.get((member_id, day))
    if cell is None:
        return False
    st = ci.shift(cell.code)
    return st is not None and st.is_duty


def rest_day_gap(ci: CheckInput, m: MemberInfo) -> Iterator[Finding]:
    if m.rank is Rank.SPECIAL:
        return
    run: list[date] = []

    def flush() -> Iterator[Finding]:
        if len(run) > MAX_DAYS_WITHOUT_REST and ci.in_range(run[-1]):
            yield make(
                "rest-day-gap",
                m.id,
                m.shoulder_number,
                run[-1],
                f"{m.display_name} works {len(run)} days in a row from {dstr(run[0])} "
                f"to {dstr(run[-1])} without a rest day — at most "
                f"{MAX_DAYS_WITHOUT_REST} are allowed",
                days=tuple(run),
            )

    for day in ci.grid.days:
        working = _is_duty(ci, m.id, day) or ci.absence_kind(m.id, day) in _WORKING_ABSENCES
        if working:
            run.append(day)
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
    midnight = [
        datetime.combine(grid.start + timedelta(days=i), time(0), tzinfo=LONDON).timestamp()
        for i in range(n_days + 1)
    ]
    rests = _rest_intervals(tours, midnight[0], midnight[-1])
    ends = [e for _, e in rests]
    first = max(0, (ci.start - grid.start).days - 6)
    last_reported = -7
    for i in range(first, n_days - 6):
        if (
            i <= last_reported + 6
            or _longest(rests, ends, midnight[i], midnight[i + 7], 1)[0] >= 24
        ):
            continue
        day = grid.start + timedelta(days=i)
        if i + 14 > n_days or not ci.in_range(day + timedelta(days=6)):
            continue
        longest = _longest(rests, ends, midnight[i], midnight[i + 14], 2)
        if longest[0] < 48 and longest[1] < 24:
            last_reported = i
            yield make(
                "wtr-weekly-rest",
                m.id,
                m.shoulder_number,
                day + timedelta(days=6),
                f"{m.display_name} has no 24 h rest in the 7 days from {dstr(day)}, "
                f"nor 48 h in the 14 days (longest rest {hm(longest[0])})",
                days=tuple(day + timedelta(days=k) for k in range(7)),
            )


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
