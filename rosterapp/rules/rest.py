"""Rest: 11 hours between tours, rest days, and the WTR weekly rest."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
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
    day = max(grid.start, ci.start - timedelta(days=6))
    last_reported: date | None = None
    while day + timedelta(days=6) <= grid.end:
        lo, hi = _window(day, 7)
        if _longest_rests(tours, lo, hi, 1)[0] < 24 and (
            last_reported is None or day > last_reported + timedelta(days=6)
        ):
            lo14, hi14 = _window(day, 14)
            rests = _longest_rests(tours, lo14, hi14, 2)
            complete = day + timedelta(days=13) <= grid.end
            if complete and rests[0] < 48 and rests[1] < 24 and ci.in_range(day + timedelta(6)):
                last_reported = day
                yield make(
                    "wtr-weekly-rest",
                    m.id,
                    m.shoulder_number,
                    day + timedelta(days=6),
                    f"{m.display_name} has no 24 h rest in the 7 days from {dstr(day)}, "
                    f"nor 48 h in the 14 days (longest rest {hm(rests[0])})",
                    days=tuple(day + timedelta(days=i) for i in range(7)),
                )
        day += timedelta(days=1)


def _window(day: date, n: int) -> tuple[datetime, datetime]:
    from datetime import time

    lo = datetime.combine(day, time(0), tzinfo=LONDON)
    hi = datetime.combine(day + timedelta(days=n), time(0), tzinfo=LONDON)
    return lo, hi


def _longest_rests(tours: list[Tour], lo: datetime, hi: datetime, k: int) -> list[float]:
    busy = sorted((max(t.begin, lo), min(t.end, hi)) for t in tours if t.end > lo and t.begin < hi)
    gaps = []
    cursor = lo
    for b, e in busy:
        gaps.append((b - cursor).total_seconds() / 3600)
        cursor = max(cursor, e)
    gaps.append((hi - cursor).total_seconds() / 3600)
    gaps.sort(reverse=True)
    return (gaps + [0.0] * k)[:k]
