"""Working Time Regulations: the 48-hour average over every rolling reference period
(reg. 4, leave left out per reg. 4(6)), night work (reg. 6) and rest breaks (reg. 12)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from rosterapp.domain.calendar import LONDON
from rosterapp.domain.enums import AbsenceKind, Rank
from rosterapp.domain.findings import Finding, RuleId
from rosterapp.domain.policy import (
    BREAK_AFTER_HOURS,
    MIN_BREAK_MINUTES,
    NIGHT_AVERAGE_HOURS,
    NIGHT_TIME_END_HOUR,
    NIGHT_TIME_START_HOUR,
    NIGHT_WORKER_HOURS,
    NIGHT_WORKER_SHARE,
    WTR_AVERAGE_WEEK_HOURS,
)
from rosterapp.domain.values import MemberInfo
from rosterapp.rules.context import CheckInput, Entry, Tour
from rosterapp.rules.findings import dstr, make

# Reg. 4(6): days of these are left out of the reference period and made up after it.
EXCLUDED_LEAVE = frozenset(
    {AbsenceKind.ANNUAL_LEAVE, AbsenceKind.SICK, AbsenceKind.MATERNITY, AbsenceKind.PATERNITY}
)


def daily_series(
    ci: CheckInput, m: MemberInfo, entries: list[Entry], tours: list[Tour]
) -> tuple[date, list[float], list[bool]]:
    """Hours worked and whether on excluded leave, for each day from the first day of
    history to the end of the check: stored history before the grid, the grid itself after
    (so what is typed counts before it is saved)."""
    grid = ci.grid
    first = min(ci.history_start or grid.start, grid.start)
    n = (ci.end - first).days + 1
    hours = [0.0] * n
    leave = [False] * n
    past = ci.history_days.get(m.id, {})
    past_leave = ci.history_leave.get(m.id, frozenset())
    for day, h in past.items():
        if first <= day < grid.start:
            hours[(day - first).days] += h
    for day in past_leave:
        if first <= day < grid.start:
            leave[(day - first).days] = True
    for t in tours:
        if t.day <= ci.end:
            hours[(t.day - first).days] += t.hours
    for e in entries:
        if e.day <= ci.end and e.absence_kind in EXCLUDED_LEAVE:
            leave[(e.day - first).days] = True
    return first, hours, leave


def _opted_out(m: MemberInfo, period_end: date) -> bool:
    if not m.wtr_opt_out:
        return False
    return m.wtr_opt_out_since is None or m.wtr_opt_out_since <= period_end


def wtr_average(
    ci: CheckInput, m: MemberInfo, entries: list[Entry], tours: list[Tour]
) -> Iterator[Finding]:
    """Every 17-week reference period whose 17th week ends inside the checked range."""
    if m.rank is Rank.SPECIAL:
        return
    first, hours, leave = daily_series(ci, m, entries, tours)
    span = ci.history_weeks * 7
    worst: tuple[float, date, date, int, int] | None = None
    breaches = 0
    # Prefix sums: a year's range is 365 periods of 119 days for every member.
    worked = [0.0]
    off = [0]
    for h, is_leave in zip(hours, leave, strict=True):
        worked.append(worked[-1] + (0.0 if is_leave else h))
        off.append(off[-1] + is_leave)
    day = ci.start
    while day <= ci.end:
        e = (day - first).days
        s = e - span + 1
        day += timedelta(days=1)
        if _opted_out(m, first + timedelta(days=e)):
            continue
        lo = max(s, 0)
        excluded = off[e + 1] - off[lo]
        total = worked[e + 1] - worked[lo]
        added, i = 0, e + 1
        while added < excluded and i < len(hours):  # reg. 4(6): as many days after
            if not leave[i]:
                total += hours[i]
                added += 1
            i += 1
        average = total / ci.history_weeks
        if average > WTR_AVERAGE_WEEK_HOURS:
            breaches += 1
            if worst is None or average > worst[0]:
                begun, ended = first + timedelta(days=s), day - timedelta(days=1)
                worst = (average, begun, ended, excluded, added)
    if worst is None:
        return
    average, start, end, excluded, added = worst
    leave_note = ""
    if excluded:
        leave_note = f"; {excluded} day{'s' if excluded != 1 else ''} of leave left out and "
        leave_note += f"{added} day{'s' if added != 1 else ''} after the period counted instead"
        leave_note += " (reg. 4(6))"
    more = f" ({breaches} reference periods over the limit)" if breaches > 1 else ""
    yield make(
        RuleId.WTR_48H,
        m.id,
        m.shoulder_number,
        end,
        f"{m.display_name} averages {average:.1f} h a week over the {ci.history_weeks} weeks "
        f"from {dstr(start)} {start.year} to {dstr(end)} {end.year} — the limit is "
        f"{WTR_AVERAGE_WEEK_HOURS:g} h and no opt-out is recorded{leave_note}{more}",
    )


def night_hours(t: Tour) -> float:
    """Hours of the tour inside night time (23:00–06:00 London), on each night it touches."""
    total = 0.0
    # Measured in UTC: wall-clock subtraction in one zone would ignore the clock change.
    begin, end = t.begin.astimezone(UTC), t.end.astimezone(UTC)
    day = t.begin.astimezone(LONDON).date() - timedelta(days=1)
    while day <= end.astimezone(LONDON).date():
        n_begin = datetime.combine(day, time(NIGHT_TIME_START_HOUR), tzinfo=LONDON)
        n_end = datetime.combine(day + timedelta(days=1), time(NIGHT_TIME_END_HOUR), tzinfo=LONDON)
        overlap = (
            min(end, n_end.astimezone(UTC)) - max(begin, n_begin.astimezone(UTC))
        ).total_seconds()
        total += max(overlap / 3600, 0.0)
        day += timedelta(days=1)
    return total


def night_work(
    ci: CheckInput, m: MemberInfo, entries: list[Entry], tours: list[Tour]
) -> Iterator[Finding]:
    """Reg. 6: a night worker averages no more than 8 h in each 24 over the reference
    period, the days of weekly rest entitlement (one in seven) left out (reg. 6(5))."""
    if m.rank is Rank.SPECIAL:
        return
    in_range = [t for t in tours if ci.in_range(t.day)]
    nights = [t for t in in_range if night_hours(t) >= NIGHT_WORKER_HOURS]
    if not nights or len(nights) < NIGHT_WORKER_SHARE * len(in_range):
        return
    first, hours, _ = daily_series(ci, m, entries, tours)
    e = len(hours) - 1
    s = max(0, e - ci.grid.team.night_reference_weeks * 7 + 1)
    days = e - s + 1
    if days < 7:
        return
    worked = sum(hours[s:])
    per_24 = worked / (days - days // 7)
    if per_24 > NIGHT_AVERAGE_HOURS:
        start = first + timedelta(days=s)
        yield make(
            RuleId.WTR_NIGHT,
            m.id,
            m.shoulder_number,
            ci.end,
            f"{m.display_name} is a night worker ({len(nights)} of {len(in_range)} tours with "
            f"{NIGHT_WORKER_HOURS:g} h or more between {NIGHT_TIME_START_HOUR}:00 and "
            f"0{NIGHT_TIME_END_HOUR}:00) and averages {per_24:.2f} h in each 24 h from "
            f"{dstr(start)} to {dstr(ci.end)} — the limit is {NIGHT_AVERAGE_HOURS:g} h",
            days=tuple(t.day for t in nights),
        )


def rest_breaks(ci: CheckInput) -> Iterator[Finding]:
    """Reg. 12: a tour over 6 h needs a break of 20 minutes; one finding per tour type."""
    short = {
        code
        for code, st in ci.grid.shift_types.items()
        if st.is_duty and st.refreshment_minutes < MIN_BREAK_MINUTES
    }
    if not short:
        # Every tour type carries its break: no need to walk every officer's tours,
        # which is what made this rule the costliest part of re-checking one edit.
        return
    used: dict[str, list[date]] = {}
    for m in ci.members():
        for t in ci.tours(m.id):
            if t.code in short and ci.in_range(t.day) and t.hours > BREAK_AFTER_HOURS:
                used.setdefault(t.code, []).append(t.day)
    for code, days in sorted(used.items()):
        st = ci.shift(code)
        if st is None or st.refreshment_minutes >= MIN_BREAK_MINUTES:
            continue
        yield make(
            RuleId.WTR_BREAK,
            None,
            None,
            min(days),
            f"{st.name} ({st.code}, {st.times_label}) is over {BREAK_AFTER_HOURS:g} h but "
            f"carries a {st.refreshment_minutes}-minute refreshment break — at least "
            f"{MIN_BREAK_MINUTES} minutes are required ({len(days)} tour"
            f"{'s' if len(days) != 1 else ''} from {dstr(min(days))} to {dstr(max(days))})",
            shift=code,
            days=tuple(sorted(set(days))),
        )
