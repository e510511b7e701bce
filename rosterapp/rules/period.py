"""Publication notice, changes to published rosters, bank holidays."""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from rosterapp.domain import compensation
from rosterapp.domain.calendar import LONDON, clear_days, tour_instants
from rosterapp.domain.enums import PeriodStatus
from rosterapp.domain.findings import Finding, RuleId, Severity
from rosterapp.domain.policy import REPLACEMENT_REST_DAY_WITHIN_DAYS, ROSTER_AHEAD_MONTHS
from rosterapp.domain.values import ChangeInfo, MemberInfo, PeriodInfo
from rosterapp.rules.context import CheckInput, Entry
from rosterapp.rules.findings import dstr, make


def month_before(day: date) -> date:
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def publication(ci: CheckInput) -> Iterator[Finding]:
    for p in ci.grid.periods:
        if p.status is not PeriodStatus.PUBLISHED or p.published_at is None:
            continue
        if not (p.start_date <= ci.end and p.end_date >= ci.start):
            continue
        published = p.published_at.astimezone(LONDON).date()
        deadline = month_before(p.start_date)
        if published > deadline:
            yield make(
                RuleId.PUBLICATION_NOTICE,
                None,
                None,
                p.start_date,
                f"The roster from {dstr(p.start_date)} to {dstr(p.end_date)} was "
                f"published on {dstr(published)} — it should be published by "
                f"{dstr(deadline)}, a month before it starts",
            )


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def publish_span(first: date, periods: Sequence[PeriodInfo]) -> tuple[date, date]:
    """What Publish offers from the first day shown: the days after any published roster
    already covering it, through a whole week on or after 3 months from there (Annex E)."""
    start = first
    for p in sorted(periods, key=lambda p: p.start_date):
        if p.status is PeriodStatus.PUBLISHED and p.start_date <= start <= p.end_date:
            start = p.end_date + timedelta(days=1)
    needed = add_months(start, ROSTER_AHEAD_MONTHS) - timedelta(days=1)
    return start, needed + timedelta(days=(6 - needed.weekday()))


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def span_words(start: date, end: date) -> str:
    """'13 weeks 1 day — at least the 3 months Annex E asks for', or what it lacks."""
    length = (end - start).days + 1
    weeks, days = divmod(length, 7)
    size = f"{weeks} week{'s' if weeks != 1 else ''}" + (
        f" {days} day{'s' if days != 1 else ''}" if days else ""
    )
    needed = add_months(start, ROSTER_AHEAD_MONTHS) - timedelta(days=1)
    if end >= needed:
        return f"{size}: at least the {ROSTER_AHEAD_MONTHS} months Annex E asks for"
    return (
        f"{size}: shorter than the {ROSTER_AHEAD_MONTHS} months Annex E asks for "
        f"(to {long_date(needed)}); the check will warn until the rest is published"
    )


def notice_words(start: date, today: date) -> str:
    """How much notice publishing today gives; empty when it is a month or more."""
    if today <= month_before(start):
        return ""
    notice = (start - today).days
    if notice > 0:
        when = f"This is {notice} day{'s' if notice != 1 else ''} before it starts"
    else:
        when = "It has already started"
    return f"{when}: Police Regulations Annex E ask for a month's notice."


def roster_ahead(ci: CheckInput) -> Iterator[Finding]:
    """Annex E: a published roster covers at least 3 months. Back-to-back published
    periods count as one roster; each run overlapping the check is judged once."""
    published = sorted(
        (p for p in (ci.published or ci.grid.periods) if p.status is PeriodStatus.PUBLISHED),
        key=lambda p: p.start_date,
    )
    runs: list[list[date]] = []
    for p in published:
        if runs and p.start_date <= runs[-1][1] + timedelta(days=1):
            runs[-1][1] = max(runs[-1][1], p.end_date)
        else:
            runs.append([p.start_date, p.end_date])
    for start, end in runs:
        if not (start <= ci.end and end >= ci.start):
            continue
        needed = add_months(start, ROSTER_AHEAD_MONTHS) - timedelta(days=1)
        if end >= needed:
            continue
        weeks, days = divmod((end - start).days + 1, 7)
        reach = f"{weeks} weeks" + (f" {days} days" if days else "")
        yield make(
            RuleId.ROSTER_3_MONTHS,
            None,
            None,
            start,
            f"{ci.grid.team.name} ({ci.grid.team.code}): the published roster from "
            f"{dstr(start)} {start.year} reaches only to "
            f"{dstr(end)} {end.year} ({reach}) — it must cover {ROSTER_AHEAD_MONTHS} months, "
            f"to {dstr(needed)} {needed.year}",
            days=(start, end),
        )


def changes(ci: CheckInput) -> Iterator[Finding]:
    members = {r.member.id: r.member for r in ci.grid.rows}
    for c in ci.changes:
        if not ci.in_range(c.day) or c.compensation_class is None:
            continue
        m = members.get(c.member_id)
        who = m.display_name if m else c.shoulder_number
        told = c.told_at.astimezone(LONDON)
        text = compensation.describe(c.compensation_class)
        late = compensation.TOLD_TOO_LATE in compensation.split(c.compensation_class)
        severity = Severity.WARN if late else Severity.INFO
        yield make(
            RuleId.CHANGE_NOTICE,
            c.member_id,
            c.shoulder_number,
            c.day,
            f"{who}: {c.old_code or 'empty'} → {c.new_code or 'empty'} on {dstr(c.day)}, "
            f"told {told:%d %b %H:%M} ({_notice(ci, c)}) — {text}",
            severity=severity,
            compensation_class=c.compensation_class,
            days=(c.day,),
            shift=c.new_code,
        )


def rest_day_owed(ci: CheckInput) -> Iterator[Finding]:
    """A rest day worked on 15 days' notice is replaced within 4 days; flagged on the day
    the replacement was due, when that day is checked and none is rostered."""
    members = {r.member.id: r.member for r in ci.grid.rows}
    for c, due in compensation.unreplaced_rest_days(ci.changes, ci.grid.shift_types):
        if not ci.in_range(due):
            continue
        m = members.get(c.member_id)
        who = m.display_name if m else c.shoulder_number
        yield make(
            RuleId.REST_DAY_OWED,
            c.member_id,
            c.shoulder_number,
            due,
            f"{who} worked the rest day of {dstr(c.day)} ({_notice(ci, c)}' notice): a "
            f"replacement rest day was due within {REPLACEMENT_REST_DAY_WITHIN_DAYS} days, "
            f"by {dstr(due)}, and none is rostered",
            days=(c.day,),
        )


def _notice(ci: CheckInput, c: ChangeInfo) -> str:
    """Clear days, never negative: a change made on the day says so."""
    days = c.notice_clear_days
    if days is None:
        days = clear_days(c.told_at.astimezone(LONDON).date(), c.day)
    if days >= 0:
        return f"{days} clear day{'s' if days != 1 else ''}"
    st = ci.shift(c.new_code) if c.new_code else None
    if st is not None and st.start is not None and st.end is not None:
        begin, _ = tour_instants(c.day, st.start, st.end)
        if c.told_at >= begin:
            return "told after the duty began"
    return "told on the day"


def bank_holidays(ci: CheckInput, m: MemberInfo, entries: list[Entry]) -> Iterator[Finding]:
    grid = ci.grid
    for day, name in grid.bank_holidays.items():
        if not ci.in_range(day):
            continue
        e = entries[(day - grid.start).days]
        if e.is_duty and e.shift is not None:
            yield make(
                RuleId.BANK_HOLIDAY,
                m.id,
                m.shoulder_number,
                day,
                f"{m.display_name} works {e.shift.name} on {name} ({dstr(day)}), a bank holiday",
                shift=e.shift.code,
                days=(day,),
            )
