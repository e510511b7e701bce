"""The inspector's overview as a workbook: a row per team, then the detail behind each
figure (strength by rank, shortfalls by day and tour, wards, hotspot patrols)."""

from __future__ import annotations

from pathlib import Path

from rosterapp.domain.calendar import LONDON
from rosterapp.domain.overview import AWAY_KINDS, HOTSPOT_WINDOW, Away, Overview
from rosterapp.domain.policy import ABSTRACTION_WEEKS
from rosterapp.exports.xlsx_tables import HOURS, PERCENT, Num, TableSpec, write_tables

TEAM_HEADERS = [
    "Team",
    "Name",
    "Posts",
    "Strength",
    "Vacancies",
    "Without posts",
    "People short",
    "Short lines",
    *(f"{k.capitalize()} (officers)" for k in AWAY_KINDS),
    *(f"{k.capitalize()} (days)" for k in AWAY_KINDS),
    "DWO abstraction %",
    "Threshold %",
    "Duty hours",
    "Overtime hours",
    "Rest days worked",
    "Pending requests",
    "Hotspot patrol hours",
]


def _teams(view: Overview) -> TableSpec:
    rows = []
    for t in view.teams:
        s = t.strength
        away = [t.away.get(k, Away()) for k in AWAY_KINDS]
        rows.append(
            [
                t.team_code,
                t.team_name,
                Num(s.establishment),
                Num(s.strength),
                Num(s.vacancies, flag=bool(s.vacancies)),
                Num(s.without_posts),
                Num(t.people_short, flag=bool(t.people_short)),
                Num(len(t.shortfalls)),
                *(Num(a.officers) for a in away),
                *(Num(a.days) for a in away),
                Num(
                    None if t.dwo_rate is None else round(t.dwo_rate, 1), PERCENT, t.over_threshold
                ),
                Num(t.threshold, PERCENT),
                Num(t.duty_hours, HOURS),
                Num(t.overtime_hours, HOURS),
                Num(t.rest_days_worked),
                Num(t.pending_requests, flag=bool(t.pending_requests)),
                Num(round(sum(h.hours for h in t.hotspots), 2), HOURS),
            ]
        )
    widths = [8, 22] + [11] * (len(TEAM_HEADERS) - 2)
    return TableSpec("Teams", TEAM_HEADERS, widths, rows, "C2")


def _strength(view: Overview) -> TableSpec:
    rows = [
        [
            t.team_code,
            r.rank.label,
            Num(r.establishment),
            Num(r.strength),
            Num(r.vacancies, flag=bool(r.vacancies and r.vacancies > 0)),
        ]
        for t in view.teams
        for r in t.strength.ranks
    ]
    return TableSpec(
        "Strength",
        ["Team", "Rank", "Posts", "Strength", "Vacancies (− over)"],
        [8, 18, 10, 10, 14],
        rows,
    )


def _shortfalls(view: Overview) -> TableSpec:
    rows = [
        [t.team_code, s.day, s.shift, Num(s.people, flag=True), Num(s.lines), "; ".join(s.detail)]
        for t in view.teams
        for s in t.shortfalls
    ]
    return TableSpec(
        "Shortfalls",
        ["Team", "Date", "Tour", "People short", "Lines short", "What is short"],
        [8, 16, 7, 10, 10, 80],
        rows,
    )


def _wards(view: Overview) -> TableSpec:
    rows = [
        [
            t.team_code,
            w.name,
            w.beat,
            Num(w.officers),
            Num(w.abstracted),
            Num(w.working_days),
            Num(round(w.rate, 1), PERCENT, w.rate > t.threshold),
            Num(t.threshold, PERCENT),
        ]
        for t in view.teams
        for w in t.wards
    ]
    return TableSpec(
        "Wards",
        [
            "Team",
            "Ward",
            "Beat",
            "DWOs",
            "Days abstracted",
            "Working days",
            "Rate %",
            "Threshold %",
        ],
        [8, 24, 8, 8, 12, 12, 9, 11],
        rows,
    )


def _hotspots(view: Overview) -> TableSpec:
    rows = [
        [
            t.team_code,
            h.name,
            h.beat,
            Num(h.hours, HOURS),
            Num(h.duties),
            Num(h.days_without, flag=h.days_without > 0),
        ]
        for t in view.teams
        for h in t.hotspots
    ]
    return TableSpec(
        "Hotspots",
        ["Team", "Hotspot beat", "Beat", "Patrol hours in the window", "Duties", "Days without"],
        [8, 24, 8, 14, 9, 12],
        rows,
    )


def write_overview_xlsx(view: Overview, target: Path) -> Path:
    about = [
        ("Inspector's overview", f"{view.start:%a %d %b %Y} to {view.end:%a %d %b %Y}"),
        ("Teams", len(view.teams)),
        ("Strength", f"as on {view.start:%d %b %Y}, against the funded posts in force then"),
        (
            "DWO abstraction",
            f"dedicated ward officers' abstracted days over the {ABSTRACTION_WEEKS} weeks "
            f"from {view.abstraction_since:%d %b %Y} to {view.end:%d %b %Y}",
        ),
        (
            "Hotspot patrol hours",
            f"duty hours on each hotspot beat inside {HOTSPOT_WINDOW[0]:%H:%M}–"
            f"{HOTSPOT_WINDOW[1]:%H:%M}",
        ),
        ("Generated", view.generated_at.astimezone(LONDON).strftime("%d %b %Y %H:%M")),
    ]
    tables = [_teams(view), _strength(view), _shortfalls(view), _wards(view), _hotspots(view)]
    return write_tables(target, view.marking, tables, about)
