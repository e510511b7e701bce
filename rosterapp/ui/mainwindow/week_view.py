"""Putting what the worker read and checked on screen: grid, findings, cover."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel

from rosterapp.domain.cover import CoverCount
from rosterapp.domain.enums import AbsenceKind, PeriodStatus
from rosterapp.domain.findings import COVER_RULES, Finding
from rosterapp.domain.grid import CellChange
from rosterapp.ui.first_steps import steps_done, wants_first_steps
from rosterapp.ui.mainwindow.base import WindowBase
from rosterapp.ui.mainwindow.week_state import Findings, LoadedWeek, SavedCells
from rosterapp.ui.operations import Changes, sentence
from rosterapp.ui.roster_model import long_date
from rosterapp.ui.roster_view import RosterDelegate
from rosterapp.ui.settings import Key

log = logging.getLogger(__name__)


class WeekView(WindowBase):
    _seen_marker: int
    _last_counts: list[CoverCount]
    _codes: list[str]

    def show_week(self, loaded: LoadedWeek) -> None:
        """A week read and checked on the worker: show it, keeping the cursor's cell."""
        week, grid = loaded.week, loaded.grid
        current = self.view.currentIndex()
        keep = self.model.key(current) if current.isValid() else None
        self.model.set_grid(grid, week.first_day)
        self.fit_columns()
        self.show_first_steps(loaded)
        # The editor completes the codes in use (a retired one is not typed any more).
        codes = sorted(
            (c for c, st in grid.shift_types.items() if st.active),
            key=lambda c: grid.shift_types[c].sort_order,
        )
        if codes != self._codes:  # the editor completes these codes
            old = self.view.itemDelegate()
            self.view.setItemDelegate(RosterDelegate(codes, self.view))
            old.deleteLater()
            self._codes = codes
        self.teams = list(week.teams)
        self._last_counts = []  # a week read again may order its beats anew
        self.show_findings(loaded.findings)
        self.settings.setValue(Key.TEAM, week.team)
        if keep is not None:
            idx = self.model.index_of(*keep)
            if idx.isValid():
                self.view.setCurrentIndex(idx)
        elif self.view.hasFocus() and self.model.rowCount():
            # What Qt does when the grid takes the focus: the week came after it did.
            self.view.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        published = [p for p in grid.periods if p.status is PeriodStatus.PUBLISHED]
        self.period_label.setText(
            "   Published"
            if published and all(grid.is_published(d) for d in self.model.days)
            else "   Draft" + (" (partly published)" if published else "")
        )
        self._seen_marker = week.marker
        log.info("showing %s %s–%s", week.team, week.first_day, week.last_day)
        # Once the week is painted: the rules run in Python on the worker, and while they
        # do the GUI thread waits its turn for the interpreter lock to paint.
        self.ops.after_paint(self.read_ahead)

    def show_first_steps(self, loaded: LoadedWeek) -> None:
        """A new team gets its first steps rather than a blank grid, until it has a
        roster (or the user closes them)."""
        grid = loaded.grid
        requirements = len(loaded.week.check_input.requirements)
        team = loaded.week.team
        if team not in self.steps_dismissed and wants_first_steps(grid, requirements):
            self.first_steps.show_progress(grid.team.name, steps_done(grid, requirements))
            self.central.setCurrentWidget(self.first_steps)
        else:
            self.central.setCurrentWidget(self.view)

    def dismiss_first_steps(self) -> None:
        if self.team is not None:
            self.steps_dismissed.add(self.team)
        self.central.setCurrentWidget(self.view)
        self.view.setFocus()

    # --- findings ---------------------------------------------------------------
    def all_findings(self) -> list[Finding]:
        return self.findings.all() if self.findings is not None else []

    def show_findings(self, findings: Findings | None) -> None:
        """Findings of the week on screen (results for a week since left are dropped)."""
        grid = self.model.grid
        if findings is None or grid is None or self.team != findings.team:
            return
        if not self.model.days or self.model.days[0] != findings.first_day:
            return
        self.findings = findings
        found = findings.all()
        self.model.set_findings(found)
        self.dock.show_findings(found, checking=findings.partial)
        if findings.counts != self._last_counts:
            self._last_counts = findings.counts
            self.cover_dock.model.set_counts(grid, self.model.days, findings.counts)
        self.update_cover()

    def on_changes(self, changes: Changes) -> None:
        """Every saved write lands here: the views refresh from what it changed."""
        self.saves_seen += 1  # what was read ahead before this save is stale now
        if changes.teams:
            self.load_teams(self.team)
        elif changes.week:
            self.reload()
        elif changes.cells:
            self.model.apply_changes(changes.cells)
            checked = changes.checked
            if isinstance(checked, SavedCells):  # re-checked with the save
                self.show_findings(checked.findings)
                if checked.marker is not None:
                    self._seen_marker = checked.marker  # our own save is not news
            else:
                self.recheck(changes.cells)
                self.note_own_change()

    def recheck(self, changes: Sequence[CellChange]) -> None:
        state = self.state
        self.ops.query(lambda db: state.apply(db, changes)).success(self.show_findings).failure(
            lambda exc: self.show_error(sentence(exc))
        ).run()

    def update_cover(self) -> None:
        """The status bar's count for the selected day (a count over one column)."""
        grid = self.model.grid
        idx = self.view.currentIndex()
        if grid is None or not self.model.days:
            self.cover_label.setText("")
            return
        day = self.model.days[idx.column()] if idx.isValid() else self.model.days[0]
        counts: Counter[str] = Counter()
        absent = away = 0
        for row in grid.rows:
            cell = grid.cells.get((row.member.id, day))
            if cell is None:
                continue
            st = grid.shift_types.get(cell.code)
            if st is not None and st.is_operation:
                away += 1  # on an operation: working, but not for the team's cover
            elif st is not None and st.is_duty:
                counts[cell.code] += 1
            elif st is not None and st.absence_kind not in (None, AbsenceKind.REST_DAY):
                absent += 1
        order = sorted(counts, key=lambda c: grid.shift_types[c].sort_order)
        team_wide = self.findings.team_wide if self.findings else []
        short = sum(1 for f in team_wide if f.day == day and f.rule in COVER_RULES)
        on_duty = " · ".join(f"{c} {counts[c]}" for c in order) or "nobody"
        self.cover_label.setText(
            f"{long_date(day)} — on duty: {on_duty} · absent {absent} · "
            + (f"on operations {away} · " if away else "")
            + f"{short} cover shortfall{'s' if short != 1 else ''}  "
        )
