"""Everything a week view shows, read in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rosterapp.domain.grid import Cell, CellChange, Grid
from rosterapp.domain.values import TeamInfo
from rosterapp.rules.context import CheckInput
from rosterapp.services.audit import latest_marker
from rosterapp.services.checks import load_check_input
from rosterapp.services.teams import list_teams
from rosterapp.storage import Database


@dataclass(frozen=True)
class Week:
    """The weeks `first_day`–`last_day` of a team as one snapshot of the database.

    `check_input.grid` starts CONTEXT_DAYS before `first_day`: the rules need the days
    before the first one shown to measure rest and runs of duties.
    """

    team: str
    first_day: date
    last_day: date
    check_input: CheckInput
    # The newest audit event of the team when read: a later one means someone saved.
    marker: int
    teams: list[TeamInfo]  # every team, for moving a member to another

    @property
    def grid(self) -> Grid:
        return self.check_input.grid


def load_week(
    db: Database, team_code: str, first_day: date, last_day: date, *, with_history: bool = True
) -> Week:
    """Grid, cover requirements, changes to published days, 17-week hours, accepted
    warnings, the change marker and the teams, all from the same committed state: a
    save by someone else lands wholly before or wholly after this read, never in
    between. Without `with_history`, the 17 weeks before it are read later
    (services.checks.fill_history), in a transaction of their own: the week is shown
    sooner, and a save made between the two reads is caught by the change marker."""
    with db.snapshot():
        ci = load_check_input(db, team_code, first_day, last_day, with_history=with_history)
        marker = latest_marker(db, team_code)
        teams = list_teams(db)
    return Week(team_code, first_day, last_day, ci, marker, teams)


def apply_to_grid(grid: Grid, changes: Sequence[CellChange]) -> set[tuple[int, date]]:
    """Patch saved changes into a grid read earlier; returns the cells touched."""
    touched = set()
    for c in changes:
        key = (c.member_id, c.day)
        if c.day < grid.start or c.day > grid.end:
            continue
        if c.after is None:
            grid.cells.pop(key, None)
            leave = grid.leave_days.get(key)
            if leave:  # an absence range shows again once the typed entry is gone
                grid.cells[key] = Cell(code=leave, from_absence=True)
        else:
            grid.cells[key] = c.after
        touched.add(key)
    return touched
