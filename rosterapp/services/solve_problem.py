"""The team's roster as the engine's problem: people, tours, cover, what is kept.

Hard rules come from domain/policy figures and the member record; the shape
(what makes a roster look like a rota) is the team's setting (ShapeWeights), and the
order of the costs the weights below. Neighbouring weeks are read so that a solved
period joins both.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from rosterapp.domain.calendar import tour_instants
from rosterapp.domain.cover import Requirement
from rosterapp.domain.enums import AbsenceKind, Rank
from rosterapp.domain.grid import Cell, Grid, GridRow
from rosterapp.domain.policy import (
    MAX_DAYS_IN_A_ROW,
    MIN_REST_HOURS,
    REFERENCE_DAY,
    REST_DAYS_PER_WEEK,
)
from rosterapp.domain.values import ShapeWeights
from rosterapp.solver.problem import Cover, Day, Kept, Person, Problem, Shape, Tour, Wish

# Ranks the solver rosters; inspectors, specials and police staff are left as they are.
SOLVED_RANKS = (Rank.SERGEANT, Rank.PC, Rank.PCSO)
MIN_REST_MINUTES = MIN_REST_HOURS * 60
NEIGHBOUR_DAYS = 14  # read before the period (rest, runs) and after it (published days)
REST = "RD"  # the rest-day code the solver writes

# The costs, in order: cover, bank holidays, published rest days, then the rest.
W_SHORT = 1000  # each person short of a cover line
W_HOLIDAY = 200  # each duty on a bank holiday beyond what cover needs (double time)
W_COMPENSATION = 100  # a published rest day turned into a duty (overtime)
W_UNSOCIAL_OVER = 60  # a late-late or night beyond what cover asks for (> a duty short)
W_CHANGE = 60  # repair: each cell changed (dearer than any shape gain, cheaper than cover)


def shape_of(weights: ShapeWeights) -> Shape:
    """A team's shape weights (a team setting) as the engine's."""
    return Shape(**asdict(weights))


@dataclass
class TeamProblem:
    """The engine's problem and what the service needs to turn its answer back."""

    problem: Problem
    days: list[date]
    people: dict[int, GridRow]
    beat_of: dict[int, str | None]
    current: dict[tuple[int, date], Cell | None]  # the solvable cells as read
    lines: list[tuple[Requirement, date] | None]  # cover index → what it stands for
    start_roster: dict[int, dict[int, str]] = field(default_factory=dict)
    # Part-timers' days not worked that the solver marks with this code (if the team has one).
    part_time_code: str | None = None
    part_time_days: set[tuple[int, date]] = field(default_factory=set)


def build(
    grid: Grid,
    requirements: list[Requirement],
    start: date,
    end: date,
    mode: str,
    only: set[tuple[int, date]] | None = None,
) -> TeamProblem:
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    index = {d: i for i, d in enumerate(days)}
    tours = _tours(grid)
    wanted = {r.shift for r in requirements if r.shift in tours}
    allowed = wanted or {t for t, tour in tours.items() if not tour.unsocial}
    beats = _beats(grid, requirements)
    managed = [r for r in grid.rows if _managed(r)]
    holidays = frozenset(index[d] for d in grid.bank_holidays if d in index)
    tp = TeamProblem(
        Problem(len(days), tours, [], [], _forbidden(tours), shape=shape_of(grid.team.shape)),
        days,
        {r.member.id: r for r in managed},
        beats,
        {},
        [],
    )
    tp.problem.first_weekday = start.weekday()
    tp.part_time_code = next(
        (c for c, st in grid.shift_types.items() if st.absence_kind is AbsenceKind.PART_TIME),
        None,
    )
    tp.problem.holidays = holidays
    for row in managed:
        person = _person(grid, row, tp, allowed, beats.get(row.member.id), mode, only)
        tp.problem.people.append(person)
    weeks = len(days) // 7
    for p in tp.problem.people:
        p.weekends_off = weeks // 3 if weeks >= 3 else 0
    _cover(grid, requirements, tp)
    return tp


def _managed(row: GridRow) -> bool:
    return row.member.rank in SOLVED_RANKS and row.member.contracted_hours > 0


def _tours(grid: Grid) -> dict[str, Tour]:
    out = {}
    for code, st in grid.shift_types.items():
        if not st.is_duty or st.is_operation or st.start is None or st.end is None:
            continue  # an operation's duty is allocated, never chosen by the solver
        begin, finish = tour_instants(REFERENCE_DAY, st.start, st.end)
        minutes = round((finish - begin).total_seconds() / 60)
        crosses = finish.date() > begin.date()
        start = st.start.hour * 60 + st.start.minute
        out[code] = Tour(code, start, minutes, unsocial=crosses)
    return out


def _forbidden(tours: dict[str, Tour]) -> frozenset[tuple[str, str]]:
    """Less than 11 hours' rest, or a tour change backwards inside a run."""
    out = set()
    for a, ta in tours.items():
        for b, tb in tours.items():
            rest = 24 * 60 + tb.start - (ta.start + ta.minutes)
            if rest < MIN_REST_MINUTES or tb.start < ta.start:
                out.add((a, b))
    return frozenset(out)


def _beats(grid: Grid, requirements: list[Requirement]) -> dict[int, str | None]:
    """Each officer's beat: the usual beat on their record, else the beat they worked
    most in the weeks read, else the beat that needs people most."""
    by_id = {b.id: code for code, b in grid.beats.items()}
    out: dict[int, str | None] = {}
    homeless = []
    for row in grid.rows:
        m = row.member
        if m.usual_beat_id in by_id:
            out[m.id] = by_id[m.usual_beat_id]
            continue
        worked = Counter(c.beat for (mid, _), c in grid.cells.items() if mid == m.id and c.beat)
        if worked:
            out[m.id] = worked.most_common(1)[0][0]
        elif _managed(row) and grid.beats:
            homeless.append(m.id)
    need = Counter({code: 0 for code, b in grid.beats.items() if b.active})
    for r in requirements:
        if r.beat is not None and r.beat in need:
            need[r.beat] += r.min_count
    have = Counter(b for b in out.values() if b)
    for mid in homeless:
        if not need:
            break
        beat = max(need, key=lambda b: (need[b] / (1 + have[b]), b))
        out[mid] = beat
        have[beat] += 1
    return out


def _kept_of(grid: Grid, cell: Cell | None, leave: str | None, tours: dict[str, Tour]) -> Day:
    code = cell.code if cell is not None and not cell.from_absence else leave
    if cell is not None and cell.from_absence and leave is None:
        code = cell.code
    if code is None:
        return Kept.AWAY
    if code in tours:
        return code
    st = grid.shift_types.get(code)
    if st is None or st.absence_kind is None:
        return Kept.WORK if st is not None and st.is_duty else Kept.AWAY
    if st.absence_kind is AbsenceKind.REST_DAY:
        return Kept.REST
    if st.absence_kind is AbsenceKind.PART_TIME:
        return Kept.FREE
    return Kept.WORK if st.absence_kind.is_abstraction else Kept.LEAVE


def _person(
    grid: Grid,
    row: GridRow,
    tp: TeamProblem,
    allowed: set[str],
    beat: str | None,
    mode: str,
    only: set[tuple[int, date]] | None,
) -> Person:
    m = row.member
    tours = tp.problem.tours
    mine = {t for t in allowed if not (m.no_nights and tours[t].unsocial)}
    attrs = {f"rank:{m.rank.value}", *(f"skill:{s}" for s in m.skill_names_on(tp.days[0]))}
    if beat:
        attrs.add(f"beat:{beat}")
    p = Person(
        m.id,
        m.display_name,
        frozenset(mine),
        frozenset(attrs),
        max_run=MAX_DAYS_IN_A_ROW,
        week_rest=REST_DAYS_PER_WEEK,
        week_duties=max(0, min(7 - REST_DAYS_PER_WEEK, round(m.contracted_hours / 8))),
        max_unsocial_run=m.max_late_lates,
    )
    _neighbours(grid, m.id, p, tp)
    _period(grid, row, p, tp, mode, only)
    return p


def _neighbours(grid: Grid, mid: int, p: Person, tp: TeamProblem) -> None:
    """What the weeks read before and after the period hold, for rules across them."""
    first, last = tp.days[0], tp.days[-1]
    tours = tp.problem.tours
    for d in _days_read(grid):
        if first <= d <= last:
            continue
        near = grid.cells.get((mid, d))
        away = grid.leave_days.get((mid, d))
        if near is not None and not near.from_absence:
            p.kept[(d - first).days] = _kept_of(grid, near, None, tours)
        elif away is not None:
            p.kept[(d - first).days] = _kept_of(grid, None, away, tours)


def _period(
    grid: Grid,
    row: GridRow,
    p: Person,
    tp: TeamProblem,
    mode: str,
    only: set[tuple[int, date]] | None,
) -> None:
    """Each day of the period: kept as it is, or the solver's (in a repair, starting
    from what is there and dear to change)."""
    mid, tours = row.member.id, tp.problem.tours
    start_plan: dict[int, str] = {}
    for i, d in enumerate(tp.days):
        cell = grid.cells.get((mid, d))
        leave = grid.leave_days.get((mid, d))
        tp.current[(mid, d)] = cell
        if only is not None and (mid, d) not in only:
            p.kept[i] = _kept_of(grid, cell, leave, tours) if cell or leave else Kept.AWAY
        elif not row.in_team(d):
            p.kept[i] = Kept.AWAY
        elif leave is not None and (cell is None or cell.from_absence):
            p.kept[i] = _kept_of(grid, None, leave, tours)
        elif row.member.free_on(d.weekday()) and (cell is None or mode == "repair"):
            if cell is None or not (cell.pinned or cell.from_absence):
                p.kept[i] = Kept.FREE  # part-time: not worked
                tp.part_time_days.add((mid, d))
            else:
                p.kept[i] = _kept_of(grid, cell, None, tours)
        elif cell is None:
            continue
        elif cell.pinned or cell.from_absence or mode == "fill" or cell.code not in (*tours, REST):
            p.kept[i] = _kept_of(grid, cell, None, tours)
        else:
            if cell.code in p.tours:
                start_plan[i] = cell.code
            tour = cell.code if cell.code in tours else None
            tp.problem.wishes.append(Wish(mid, i, tour, W_CHANGE))
            if cell.code == REST and grid.is_published(d):
                tp.problem.wishes.append(Wish(mid, i, None, W_COMPENSATION))
    tp.start_roster[mid] = start_plan


def _days_read(grid: Grid) -> list[date]:
    return [grid.start + timedelta(days=i) for i in range((grid.end - grid.start).days + 1)]


def _cover(grid: Grid, requirements: list[Requirement], tp: TeamProblem) -> None:
    """Cover lines from the requirements, less what unsolved people already give;
    and over-cover lines for unsocial tours and bank holidays."""
    problem = tp.problem
    unmanaged = _unmanaged_on(grid, tp)
    totals: Counter[tuple[int, str]] = Counter()
    for i, d in enumerate(tp.days):
        team_level: Counter[str] = Counter()
        for r in requirements:
            if not r.applies_on(d) or r.shift not in problem.tours:
                continue
            rank = r.rank.value if r.rank else None
            already = unmanaged[(d, r.shift, r.beat, rank, r.skill)]
            who = {f"beat:{r.beat}"} if r.beat else set()
            if rank:
                who.add(f"rank:{rank}")
            if r.skill:
                who.add(f"skill:{r.skill}")
            if r.min_count - already > 0:
                problem.cover.append(
                    Cover(i, r.shift, r.min_count - already, W_SHORT, 0, frozenset(who))
                )
                tp.lines.append((r, d))
            if not rank and not r.skill:
                if r.beat:
                    totals[(i, r.shift)] += r.min_count - already
                else:
                    team_level[r.shift] += r.min_count - already
        for t, n in team_level.items():
            totals[(i, t)] = max(totals[(i, t)], n)
        for t, tour in problem.tours.items():
            holiday = i in problem.holidays
            if tour.unsocial or holiday:
                over = W_HOLIDAY if holiday else W_UNSOCIAL_OVER
                problem.cover.append(Cover(i, t, max(0, totals[(i, t)]), 0, over))
                tp.lines.append(None)


def _unmanaged_on(
    grid: Grid, tp: TeamProblem
) -> Counter[tuple[date, str, str | None, str | None, str | None]]:
    """What inspectors, specials and staff without hours already cover."""
    out: Counter[tuple[date, str, str | None, str | None, str | None]] = Counter()
    for row in grid.rows:
        if _managed(row):
            continue
        m = row.member
        for d in tp.days:
            cell = grid.cells.get((m.id, d))
            if cell and cell.code in tp.problem.tours and not cell.from_absence:
                for beat in {None, cell.beat}:
                    for rank in (None, m.rank.value):
                        for skill in {None, *m.skill_names_on(d)}:
                            out[(d, cell.code, beat, rank, skill)] += 1
    return out


W_REQUEST = 30  # an officer's pending or granted tour or day to avoid (below any change)


def add_request_wishes(tp: TeamProblem, prefs: list[tuple[int, date, str | None, bool]]) -> int:
    """Officers' 'tour on a date' and 'day to avoid' requests as the engine's wishes:
    (member, day, tour or None for a day off, wanted). Returns how many were added."""
    index = {d: i for i, d in enumerate(tp.days)}
    added = 0
    for mid, day, tour, wanted in prefs:
        if mid in tp.people and day in index and (tour is None or tour in tp.problem.tours):
            tp.problem.wishes.append(Wish(mid, index[day], tour, W_REQUEST, wanted))
            added += 1
    return added
