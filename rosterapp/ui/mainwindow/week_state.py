"""The week the window shows, as the rules see it: loaded, patched and checked on the
database worker (no Qt here). The window receives plain results and a grid of its own.

A `WeekState` is touched only by ops, and ops run one at a time on the one worker
thread, so it needs no lock; the GUI thread never reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from rosterapp.domain.cover import CoverCount, cover_counts
from rosterapp.domain.findings import Finding
from rosterapp.domain.grid import CellChange, Grid
from rosterapp.rules.context import CheckInput
from rosterapp.rules.engine import accepted, member_findings, sort_findings, team_findings
from rosterapp.services.audit import latest_marker
from rosterapp.services.checks import changes_to_check
from rosterapp.services.overrides import overrides_for
from rosterapp.services.week import Week, apply_to_grid, load_week
from rosterapp.storage import Database


@dataclass(frozen=True)
class Findings:
    """What the rules found in the weeks shown, and the cover counted."""

    team: str
    first_day: date
    last_day: date
    member: dict[int, list[Finding]]
    team_wide: list[Finding]
    counts: list[CoverCount]
    # True while each officer's own rules (rest, hours, leave) are still to run: the
    # week is shown as soon as it is read, and their findings follow (WeekState.check).
    partial: bool = False

    def all(self) -> list[Finding]:
        return sort_findings([f for fs in self.member.values() for f in fs] + self.team_wide)


@dataclass(frozen=True)
class LoadedWeek:
    week: Week
    grid: Grid  # the window's own copy, which it patches as edits are saved
    findings: Findings


@dataclass(frozen=True)
class SavedCells:
    """Cells saved and, from the same trip to the worker, the re-check of the people
    edited and the team's change marker after the save."""

    changes: list[CellChange]
    findings: Findings | None
    marker: int | None


WeekKey = tuple[str, date, date]  # team, first day, last day


def _by_member(ci: CheckInput) -> dict[int, list[Finding]]:
    found: dict[int, list[Finding]] = {}
    for f in member_findings(ci):
        if f.member_id is not None:
            found.setdefault(f.member_id, []).append(f)
    return found


class WeekState:
    def __init__(self) -> None:
        self.ci: CheckInput | None = None
        self.week: Week | None = None
        self._member: dict[int, list[Finding]] = {}
        self._checked = False  # whether _member holds every officer of the week
        # The week the user is likely to go to next, read and checked while the worker
        # was idle, with the window's count of saves then; load() takes it if neither
        # this window nor anyone else has saved since.
        self._ahead: dict[WeekKey, tuple[int, Week, dict[int, list[Finding]]]] = {}

    def load(
        self, db: Database, team: str, first_day: date, last_day: date, saves: int = 0
    ) -> LoadedWeek:
        """One read transaction and the team-wide rules. Each officer's rules come with
        the week when it was read ahead, else from check(): a week read afresh is shown
        before they have run."""
        ahead = self._ahead.pop((team, first_day, last_day), None)
        if ahead is not None and ahead[0] == saves and ahead[1].marker == latest_marker(db, team):
            self.week, self._member, self._checked = ahead[1], ahead[2], True
        else:
            self.week = load_week(db, team, first_day, last_day)
            self._member, self._checked = {}, False
        self.ci = self.week.check_input
        grid = self.ci.grid
        own = replace(grid, cells=dict(grid.cells))
        return LoadedWeek(self.week, own, self._findings())

    def check(self) -> Findings | None:
        """Every officer's rules on the week loaded (a no-op once they have run)."""
        if self.ci is None or self.week is None:
            return None
        self._ensure_checked()
        return self._findings()

    def _ensure_checked(self) -> None:
        if not self._checked and self.ci is not None:
            self._member, self._checked = _by_member(self.ci), True

    def read_ahead(
        self, db: Database, team: str, first_day: date, last_day: date, saves: int = 0
    ) -> None:
        """Read and check the weeks `load` is likely to be asked for next (one kept)."""
        key = (team, first_day, last_day)
        shown = self.week
        if key in self._ahead or (
            shown is not None and (shown.team, shown.first_day, shown.last_day) == key
        ):
            return
        week = load_week(db, team, first_day, last_day)
        self._ahead = {key: (saves, week, _by_member(week.check_input))}

    def apply(self, db: Database, changes: Sequence[CellChange]) -> Findings | None:
        """Saved changes: only the people edited are re-checked; team rules (cover) are
        cheap to redo. None if the week has been replaced since."""
        if self.ci is None or self.week is None:
            return None
        self._ahead.clear()  # our own save is in no week read ahead
        self._ensure_checked()  # an edit made before the week's check came back
        ci, week = self.ci, self.week
        apply_to_grid(ci.grid, changes)
        if any(ci.grid.is_published(c.day) for c in changes):
            ci.changes = changes_to_check(db, week.team, week.first_day, week.last_day)
        members = {c.member_id for c in changes}
        for mid in members:
            self._member.pop(mid, None)
        for f in member_findings(ci, members):
            if f.member_id is not None:
                self._member.setdefault(f.member_id, []).append(f)
        return self._findings()

    def save(
        self, db: Database, team: str, write: Callable[[Database], Sequence[CellChange]]
    ) -> SavedCells:
        """Run a write of cells, then re-check what it changed (one op, one trip)."""
        self._ahead.clear()
        changes = list(write(db))
        if not changes:
            return SavedCells(changes, None, None)
        return SavedCells(changes, self.apply(db, changes), latest_marker(db, team))

    def accepted(self, db: Database) -> Findings | None:
        """A warning was accepted: read the reasons again and mark the findings."""
        self._ahead.clear()
        if self.ci is None or self.week is None:
            return None
        self._ensure_checked()
        ci, week = self.ci, self.week
        ci.overrides = overrides_for(db, week.team, week.first_day, week.last_day)
        self._member = {mid: accepted(ci, fs) for mid, fs in self._member.items()}
        return self._findings()

    def _findings(self) -> Findings:
        assert self.ci is not None and self.week is not None
        ci, week = self.ci, self.week
        team_wide = team_findings(ci)
        counts = ci.last_cover_counts or cover_counts(
            ci.grid, ci.requirements, week.first_day, week.last_day
        )
        return Findings(
            week.team,
            week.first_day,
            week.last_day,
            {mid: list(fs) for mid, fs in self._member.items()},
            team_wide,
            list(counts),
            partial=not self._checked,
        )
