"""Auto-roster use cases: solve a team's period with the engine, and apply the answer.

Applying goes through the same version checks as typed edits: a cell someone
changed while the solver ran is kept and named, never overwritten.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import cast

from rosterapp.domain.cover import CoverCount, Requirement, cover_counts
from rosterapp.domain.grid import Cell, CellChange, CellEdit, Grid
from rosterapp.rules.findings import dstr
from rosterapp.services.beats import list_requirements
from rosterapp.services.errors import InvalidInput
from rosterapp.services.requests import wish_requests
from rosterapp.services.roster.edits import StaleCell, set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.roster_shape import Shape, measure
from rosterapp.services.solve_average import add_average
from rosterapp.services.solve_explain import explain, unmet_requests
from rosterapp.services.solve_problem import (
    NEIGHBOUR_DAYS,
    SOLVED_RANKS,
    TeamProblem,
    add_request_wishes,
    build,
)
from rosterapp.services.solve_spare import add_spare_places
from rosterapp.services.taskings import list_taskings
from rosterapp.solver import search
from rosterapp.solver.problem import Roster
from rosterapp.storage import Database

__all__ = ["SOLVED_RANKS", "Applied", "Proposal", "apply_proposal", "propose"]

MAX_SOLVE_DAYS = 7 * 14  # a quarter's roster (13 weeks) and a week to spare


@dataclass
class Proposal:
    team: str
    start: date
    end: date
    mode: str
    status: str
    edits: list[CellEdit]
    before: dict[tuple[int, date], str | None]
    objective: float
    bound: float
    seconds: float
    explanations: list[str]
    conflicts: list[str]
    labels: dict[int, str]
    # The cells as the solver read them (None: empty): what applying checks against.
    seen: dict[tuple[int, date], Cell | None] = field(default_factory=dict)
    first_seconds: float | None = None
    short: int = 0  # people short of cover, summed over the cover lines
    # How the period reads as a rota now, and with the proposal accepted.
    shape_before: Shape | None = None
    shape_after: Shape | None = None
    cover_after: list[CoverCount] = field(default_factory=list)  # with the proposal accepted

    @property
    def found(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    def describe(self, edit: CellEdit) -> str:
        old = self.before.get((edit.member_id, edit.day)) or "empty"
        new = edit.code or "empty"
        beat = f" {edit.beat}" if edit.beat else ""
        return (
            f"{self.labels.get(edit.member_id, edit.member_id)}, {dstr(edit.day)}: "
            f"{old} → {new}{beat}"
        )


@dataclass
class Applied:
    changes: list[CellChange]
    kept: list[str]  # cells changed by someone else during the solve, left as they are


def propose(
    db: Database,
    team: str,
    start: date,
    end: date,
    *,
    mode: str = "fill",
    time_limit: float = 10,
    workers: int = 0,
    progress: search.Watch | None = None,
    only: set[tuple[int, date]] | None = None,
) -> Proposal:
    """Fill the empty cells ("fill") or repair a period changing as little as possible;
    with `only`, just those (member, day) cells may change."""
    _check_request(mode, start, end, time_limit)
    grid = read_grid(
        db, team, start - timedelta(days=NEIGHBOUR_DAYS), end + timedelta(days=NEIGHBOUR_DAYS)
    )
    requirements = list_requirements(db, team, start, end)  # each only on its own days
    tp = build(grid, requirements, start, end, mode, only)
    add_average(db, tp)  # the 48-hour average, with the weeks before the period
    # Spare officers to the hotspots' evenings and the taskings' tours.
    add_spare_places(tp, grid, [t for t in list_taskings(db, team, start) if t.start_date <= end])
    # Officers' requests for a tour or a day off weigh as wishes (below cover and shape).
    add_request_wishes(tp, wish_requests(db, team, start, end))
    result = search.solve(
        tp.problem,
        time_limit=time_limit,
        workers=workers,
        start=cast(Roster, dict(tp.start_roster)),
        watch=progress,
    )
    found = result.status in ("OPTIMAL", "FEASIBLE")
    edits = _edits(tp, result.roster) if found else []
    before, after, cover = _shapes(grid, requirements, start, end, edits)
    return Proposal(
        team,
        start,
        end,
        mode,
        result.status,
        edits,
        {k: c.code if c else None for k, c in tp.current.items()},
        result.objective,
        result.bound,
        result.seconds,
        (explain(grid, tp, result.roster, result.status == "OPTIMAL") if found else [])
        + (unmet_requests(grid, tp, result.roster) if found else []),
        _kept_conflicts(tp) + ([] if found else ["no roster keeps every rule in time"]),
        {mid: row.member.display_name for mid, row in tp.people.items()},
        dict(tp.current),
        result.first_seconds,
        after.short if found else before.short,
        before,
        after if found else None,
        cover if found else [],
    )


def _check_request(mode: str, start: date, end: date, time_limit: float) -> None:
    if mode not in ("fill", "repair"):
        raise InvalidInput(f"unknown mode '{mode}' (fill or repair)")
    if end < start:
        raise InvalidInput(f"the period ends ({end}) before it starts ({start})")
    if (end - start).days >= MAX_SOLVE_DAYS:
        raise InvalidInput(
            f"solve at most {MAX_SOLVE_DAYS // 7} weeks at a time "
            f"({start} to {end} is {(end - start).days + 1} days)"
        )
    if not math.isfinite(time_limit) or time_limit <= 0:
        raise InvalidInput("the time limit must be a positive number of seconds")


def _shapes(
    grid: Grid, requirements: list[Requirement], start: date, end: date, edits: list[CellEdit]
) -> tuple[Shape, Shape, list[CoverCount]]:
    """How the period reads now and with the edits accepted, and its cover then."""
    cells = dict(grid.cells)
    for e in edits:
        cells[(e.member_id, e.day)] = Cell(e.code or "", e.beat)
    after = replace(grid, cells=cells)
    return (
        measure(grid, requirements, start, end),
        measure(after, requirements, start, end),
        cover_counts(after, requirements, start, end),
    )


def _kept_conflicts(tp: TeamProblem) -> list[str]:
    """Entries the solver may not change that already break the 11-hour rule between
    them: named, so the sergeant mends them (the solver plans around them)."""
    out = []
    forbidden = tp.problem.forbidden
    tours = tp.problem.tours
    for p in tp.problem.people:
        for i in range(-1, tp.problem.days):
            a, b = p.kept.get(i), p.kept.get(i + 1)
            if not (isinstance(a, str) and isinstance(b, str) and (a, b) in forbidden):
                continue
            if (
                tours[b].start < tours[a].start
                and 24 * 60 + tours[b].start - (tours[a].start + tours[a].minutes) >= 11 * 60
            ):
                continue  # only backwards, which is shape, not a rule
            first = tp.days[0] + timedelta(days=i)
            out.append(
                f"{p.label}: {a} on {first:%a %d %b} then {b} on "
                f"{first + timedelta(days=1):%a %d %b} leave less than 11 hours' rest"
            )
    return out


def _edits(tp: TeamProblem, roster: Roster) -> list[CellEdit]:
    edits = []
    for p in tp.problem.people:
        mid = cast(int, p.id)  # the team's people are members, by id
        plan = roster.get(mid, {})
        for i, d in enumerate(tp.days):
            if (mid, d) in tp.part_time_days and tp.part_time_code:
                cell = tp.current.get((mid, d))
                if cell is None or cell.code != tp.part_time_code:
                    edits.append(CellEdit(mid, d, tp.part_time_code))
                continue
            if i in p.kept:
                continue
            code = plan.get(i, "RD")
            cell = tp.current.get((mid, d))
            beat = tp.beat_of.get(mid) if code != "RD" else None
            if cell is not None and cell.code == code:
                continue  # as it is, beat and all: the sergeant's choice stays
            edits.append(CellEdit(mid, d, code, beat))
    edits.sort(key=lambda e: (e.day, e.member_id))
    return edits


def apply_proposal(
    db: Database, proposal: Proposal, chosen: list[CellEdit] | None = None
) -> Applied:
    """Write the accepted cells as one transaction (one undo step in the window).

    Each cell is written only if it still holds what the solver read; a cell changed
    since is kept as it is and named in `Applied.kept`."""
    edits = proposal.edits if chosen is None else chosen
    for _ in range(3):
        fresh, kept = _still_as_seen(db, proposal, edits)
        try:
            changes = set_cells(db, proposal.team, fresh, reason=f"auto-roster ({proposal.mode})")
        except StaleCell:
            continue  # changed between the look and the write: look again
        return Applied(changes, kept)
    raise InvalidInput("the roster kept changing while the proposal was applied; try again")


def _still_as_seen(
    db: Database, proposal: Proposal, edits: list[CellEdit]
) -> tuple[list[CellEdit], list[str]]:
    if not edits:
        return [], []
    grid = read_grid(db, proposal.team, min(e.day for e in edits), max(e.day for e in edits))
    fresh, kept = [], []
    for e in edits:
        key = (e.member_id, e.day)
        now = grid.cells.get(key)
        seen = proposal.seen.get(key)
        leave = grid.leave_days.get(key)
        if now != seen or (leave is not None and (seen is None or not seen.from_absence)):
            value = "empty" if now is None else now.code
            kept.append(f"{proposal.labels.get(e.member_id, e.member_id)}, {dstr(e.day)}: {value}")
            continue
        typed = now is not None and not now.from_absence
        fresh.append(
            CellEdit(
                e.member_id,
                e.day,
                e.code,
                e.beat,
                expected_version=now.version if typed and now else None,
                check_version=True,
            )
        )
    return fresh, kept
