"""The Neighbourhood Policing Guarantee return, read from every team's roster in one
transaction: each ward's dedicated ward officers (role DWO, as the abstraction rule
counts them), their duties, and their abstractions by the category recorded with them."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlmodel import col, select

from rosterapp.domain.calendar import tour_hours
from rosterapp.domain.enums import AbstractionCategory
from rosterapp.domain.grid import Grid, GridRow
from rosterapp.domain.npg import NpgOfficer, NpgReturn, NpgWard, default_category
from rosterapp.domain.tables import Absence, Team
from rosterapp.rules.absence import ABSTRACTIONS, is_dwo
from rosterapp.services.errors import InvalidInput
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database

MAX_DAYS = 366
Categories = dict[tuple[int, date], AbstractionCategory]


def npg_return(db: Database, start: date, end: date) -> NpgReturn:
    if end < start:
        raise InvalidInput(f"the period ends ({end}) before it starts ({start})", field="to")
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput("the return covers at most a year", field="to")
    wards: list[NpgWard] = []
    markings: list[str] = []
    with db.snapshot() as s:
        for team in s.exec(select(Team).order_by(col(Team.name))).all():
            grid = read_grid(db, team.code, start, end)
            dwos = [r for r in grid.rows if is_dwo(r.member)]
            if not dwos:
                continue
            markings.append(team.protective_marking)
            ids = [r.member.id for r in dwos]
            wards.extend(_wards(grid, dwos, _categories(db, ids, start, end)))
    marking = " / ".join(dict.fromkeys(markings)) or "OFFICIAL-SENSITIVE"
    return NpgReturn(start, end, tuple(wards), marking)


def _categories(db: Database, member_ids: list[int], start: date, end: date) -> Categories:
    """The category recorded with each abstracted day held in an absence range."""
    out: Categories = {}
    with db.session() as s:
        for i in range(0, len(member_ids), 500):
            for ab in s.exec(
                select(Absence).where(
                    col(Absence.member_id).in_(member_ids[i : i + 500]),
                    col(Absence.kind).in_(ABSTRACTIONS),
                    Absence.start_date <= end,
                    Absence.end_date >= start,
                )
            ).all():
                day = max(ab.start_date, start)
                while day <= min(ab.end_date, end):
                    out[(ab.member_id, day)] = ab.category or default_category(ab.kind)
                    day = date.fromordinal(day.toordinal() + 1)
    return out


def _wards(grid: Grid, dwos: list[GridRow], categories: Categories) -> list[NpgWard]:
    by_id = {b.id: code for code, b in grid.beats.items()}
    home_of: dict[str | None, list[NpgOfficer]] = {}
    for row in dwos:
        officer, beats = _officer(grid, row, categories)
        usual = by_id.get(row.member.usual_beat_id) if row.member.usual_beat_id else None
        home = usual or (beats.most_common(1)[0][0] if beats else None)
        home_of.setdefault(home, []).append(officer)
    out = []
    for beat in sorted(home_of, key=lambda b: (b is None, grid.beats[b].sort_order if b else 0, b)):
        info = grid.beats.get(beat) if beat else None
        out.append(
            NpgWard(
                grid.team.code,
                grid.team.name,
                beat,
                (info.ward or info.name) if info else "No ward set",
                grid.team.abstraction_threshold_pct,
                tuple(sorted(home_of[beat], key=lambda o: (o.name.casefold(), o.shoulder_number))),
            )
        )
    return out


def _officer(grid: Grid, row: GridRow, categories: Categories) -> tuple[NpgOfficer, Counter[str]]:
    m = row.member
    duties, hours = 0, 0.0
    away: Counter[AbstractionCategory] = Counter()
    beats: Counter[str] = Counter()
    for day in grid.days:
        cell = grid.cells.get((m.id, day))
        st = grid.shift_types.get(cell.code) if cell is not None else None
        if cell is None or st is None or not row.in_team(day):
            continue
        if st.is_duty and not cell.from_absence:
            duties += 1
            if st.start is not None and st.end is not None:
                hours += tour_hours(day, st.start, st.end)
            if cell.beat:
                beats[cell.beat] += 1
        elif st.absence_kind in ABSTRACTIONS:
            assert st.absence_kind is not None
            away[categories.get((m.id, day)) or default_category(st.absence_kind)] += 1
    officer = NpgOfficer(
        m.shoulder_number, m.full_name, m.rank, duties, round(hours, 2), dict(away)
    )
    return officer, beats
