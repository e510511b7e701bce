"""The inspector's overview: one read across every team for a week or a month.

Each figure comes from the computation that already owns it: the check input the rules
read (grid, cover requirements, changes, stored history), the cover counts, the DWO
abstraction rates of the abstraction rule, the period report's day lines (overtime,
rest days worked, absences), strength from memberships, and the pending requests.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlmodel import col, select

from rosterapp.domain import compensation
from rosterapp.domain.cover import CoverCount, cover_counts
from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.grid import Grid
from rosterapp.domain.overview import (
    HOTSPOT_WINDOW,
    Away,
    HotspotPatrol,
    Overview,
    Shortfall,
    TeamOverview,
    WardAbstraction,
    window_overlap_hours,
)
from rosterapp.domain.policy import ABSTRACTION_WEEKS
from rosterapp.domain.report import DayLine
from rosterapp.domain.requests import RequestStatus
from rosterapp.domain.strength import TeamStrength
from rosterapp.domain.tables import Team
from rosterapp.rules.absence import abstraction_rates, is_dwo
from rosterapp.rules.context import CheckInput
from rosterapp.services.checks import load_check_input
from rosterapp.services.errors import InvalidInput
from rosterapp.services.period_report import MAX_EXPORT_DAYS, report_of
from rosterapp.services.requests import list_requests
from rosterapp.services.strength import strength_in
from rosterapp.storage import Database

AWAY_OF = {
    AbsenceKind.ANNUAL_LEAVE: "leave",
    AbsenceKind.PUBLIC_HOLIDAY_LEAVE: "leave",
    AbsenceKind.TOIL: "leave",
    AbsenceKind.DAY_IN_LIEU: "leave",
    AbsenceKind.MATERNITY: "leave",
    AbsenceKind.PATERNITY: "leave",
    AbsenceKind.SICK: "sick",
    AbsenceKind.TRAINING: "training",
    AbsenceKind.COURT: "abstracted",
    AbsenceKind.AID: "abstracted",
}
REST_DAY_CLASSES = frozenset(
    {
        compensation.REST_DAY_SHORT,
        compensation.REST_DAY_REPLACEMENT,
        compensation.STAFF_REST_DAY_SHORT,
        compensation.STAFF_REST_DAY,
    }
)


def check_period(start: date, end: date) -> None:
    if end < start:
        raise InvalidInput(f"the period ends ({end}) before it starts ({start})", field="to")
    if (end - start).days >= MAX_EXPORT_DAYS:
        raise InvalidInput(
            f"the overview covers at most {MAX_EXPORT_DAYS} days (a week or a month)", field="to"
        )


def overview(db: Database, start: date, end: date) -> Overview:
    """Every team's figures for start..end, all read in one transaction."""
    check_period(start, end)
    # The abstraction rate's weeks are all the history the overview reads (not the
    # 17 weeks of the working-time averages, which it does not show).
    since = end - timedelta(weeks=ABSTRACTION_WEEKS) + timedelta(days=1)
    with db.snapshot() as s:
        teams = list(s.exec(select(Team).order_by(col(Team.name))).all())
        strengths = strength_in(s, teams, start)
        out = tuple(
            team_overview(
                db,
                load_check_input(db, t.code, start, end, history_from=since, history_of=is_dwo),
                st,
            )
            for t, st in zip(teams, strengths, strict=True)
        )
    return Overview(start, end, out, since)


def team_overview(db: Database, ci: CheckInput, strength: TeamStrength) -> TeamOverview:
    team = ci.grid.team
    lines = report_of(ci, []).lines()
    rates = abstraction_rates(ci)
    wards = tuple(
        WardAbstraction(
            beat,
            ci.grid.beats[beat].name if beat in ci.grid.beats else beat,
            sum(1 for r in rates.officers if r.home == beat),
            away,
            total,
        )
        for beat, (away, total) in rates.wards.items()
    )
    return TeamOverview(
        team_code=team.code,
        team_name=team.name,
        strength=strength,
        shortfalls=shortfalls(ci.grid, cover_counts(ci.grid, ci.requirements, ci.start, ci.end)),
        away=away_counts(lines),
        dwo_rate=rates.rate,
        threshold=team.abstraction_threshold_pct,
        wards=wards,
        overtime_hours=round(sum(x.overtime_hours for x in lines), 2),
        rest_days_worked=sum(
            1
            for x in lines
            if x.paid_hours and REST_DAY_CLASSES & set(compensation.split(x.compensation))
        ),
        pending_requests=len(list_requests(db, team.code, RequestStatus.PENDING)),
        hotspots=hotspot_patrols(ci.grid, ci.start, ci.end),
        duty_hours=round(sum(x.paid_hours for x in lines), 2),
        marking=team.protective_marking,
    )


def shortfalls(grid: Grid, counts: list[CoverCount]) -> tuple[Shortfall, ...]:
    """Cover short by day and tour, with what each short line asks for."""
    by: dict[tuple[date, str], list[CoverCount]] = defaultdict(list)
    for c in counts:
        if c.shortfall:
            by[(c.day, c.shift)].append(c)
    out = []
    for (day, shift), short in sorted(by.items()):
        detail = tuple(
            f"{_what(grid, c)} {c.rostered} of {c.required}"
            for c in sorted(short, key=lambda c: (c.beat or "", c.rank or "", c.skill or ""))
        )
        out.append(Shortfall(day, shift, sum(c.shortfall for c in short), len(short), detail))
    return tuple(out)


def _what(grid: Grid, c: CoverCount) -> str:
    where = grid.beats[c.beat].name if c.beat and c.beat in grid.beats else "Whole team"
    if c.rank is not None:
        return f"{where}: {c.rank.label.lower()}s"
    if c.skill is not None:
        return f"{where}: {c.skill}"
    return f"{where}:"


def away_counts(lines: list[DayLine]) -> dict[str, Away]:
    people: dict[str, set[int]] = defaultdict(set)
    days: dict[str, int] = defaultdict(int)
    for x in lines:
        kind = AWAY_OF.get(x.absence) if x.absence is not None and x.in_team else None
        if kind is not None:
            people[kind].add(x.member.id)
            days[kind] += 1
    return {k: Away(len(people[k]), days[k]) for k in ("leave", "sick", "training", "abstracted")}


def hotspot_patrols(grid: Grid, start: date, end: date) -> tuple[HotspotPatrol, ...]:
    """Hours of duty on each hotspot beat inside its window, over start..end."""
    hours: dict[str, float] = defaultdict(float)
    duties: dict[str, int] = defaultdict(int)
    covered: dict[str, set[date]] = defaultdict(set)
    hot = {code for code, b in grid.beats.items() if b.hotspot and b.active}
    for (_mid, day), cell in grid.cells.items():
        if cell.beat not in hot or cell.from_absence or not start <= day <= end:
            continue
        st = grid.shift_types.get(cell.code)
        if st is None or not st.is_duty or st.start is None or st.end is None:
            continue
        inside = window_overlap_hours(day, st.start, st.end, HOTSPOT_WINDOW)
        if inside > 0:
            assert cell.beat is not None
            hours[cell.beat] += inside
            duties[cell.beat] += 1
            covered[cell.beat].add(day)
    n_days = (end - start).days + 1
    return tuple(
        HotspotPatrol(
            code,
            grid.beats[code].name,
            round(hours[code], 2),
            duties[code],
            n_days - len(covered[code]),
        )
        for code in sorted(hot, key=lambda c: (grid.beats[c].sort_order, c))
    )
