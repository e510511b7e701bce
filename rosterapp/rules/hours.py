"""Hours: contracted hours (the 48-hour average is in working_time.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from rosterapp.domain.calendar import week_start
from rosterapp.domain.enums import AbsenceKind, Rank
from rosterapp.domain.findings import Finding, RuleId
from rosterapp.domain.values import MemberInfo
from rosterapp.rules.context import CheckInput, Entry, Tour
from rosterapp.rules.findings import dstr, make

_PAID_ABSENCES = {
    AbsenceKind.ANNUAL_LEAVE,
    AbsenceKind.PUBLIC_HOLIDAY_LEAVE,
    AbsenceKind.SICK,
    AbsenceKind.TRAINING,
    AbsenceKind.COURT,
    AbsenceKind.AID,
    AbsenceKind.TOIL,
    AbsenceKind.DAY_IN_LIEU,
    AbsenceKind.MATERNITY,
    AbsenceKind.PATERNITY,
}


def contract_hours(
    ci: CheckInput, m: MemberInfo, tours: list[Tour], entries: list[Entry]
) -> Iterator[Finding]:
    if m.rank is Rank.SPECIAL or m.contracted_hours <= 0:
        return
    grid = ci.grid
    tolerance = grid.team.contract_hours_tolerance
    monday = week_start(ci.start)
    while monday + timedelta(days=6) <= ci.end:
        this_monday = monday
        monday += timedelta(days=7)
        if this_monday < ci.start or this_monday < grid.start:
            continue
        i = (this_monday - grid.start).days
        week = entries[i : i + 7]
        if any(e.cell is None for e in week):
            continue  # only whole weeks that are fully rostered
        worked = sum(t.hours for t in tours if week[0].day <= t.day <= week[-1].day)
        paid_days = sum(1 for e in week if e.absence_kind in _PAID_ABSENCES)
        # A bank holiday not worked is a paid day off (Police Regulations: public
        # holidays are days off), so the week's duties are fewer by one.
        paid_days += sum(
            1
            for e in week
            if e.day in grid.bank_holidays
            and not e.is_duty
            and e.absence_kind not in _PAID_ABSENCES
        )
        total = worked + paid_days * m.contracted_hours / 5
        if abs(total - m.contracted_hours) > tolerance:
            more = "more" if total > m.contracted_hours else "fewer"
            yield make(
                RuleId.CONTRACT_HOURS,
                m.id,
                m.shoulder_number,
                this_monday,
                f"{m.display_name} is rostered {total:g} h in the week of "
                f"{dstr(this_monday)}, {abs(total - m.contracted_hours):g} h {more} than "
                f"the {m.contracted_hours:g} h contracted (tolerance {tolerance:g} h)",
                days=tuple(e.day for e in week),
            )
