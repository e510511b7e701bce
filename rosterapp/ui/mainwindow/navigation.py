"""Which team and weeks are shown, reading them, and noticing what others saved."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtCore import QDate

from rosterapp.domain.calendar import week_start
from rosterapp.domain.values import TeamInfo
from rosterapp.services.audit import latest_marker
from rosterapp.services.teams import list_teams
from rosterapp.ui.mainwindow.base import WindowBase
from rosterapp.ui.operations import Op, sentence
from rosterapp.ui.qdates import from_qdate, to_qdate
from rosterapp.ui.roster_view import RosterView
from rosterapp.ui.settings import Key

log = logging.getLogger(__name__)


class Navigation(WindowBase):
    # The newest audit event seen for the team: a newer one means someone else saved.
    _seen_marker: int = 0
    _heading: int = 1  # the way the user last moved through the weeks

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def load_teams(self, wanted: str | None) -> Op:
        """Read the teams, choose `wanted` (or the last one shown), then its weeks."""
        wanted = wanted or str(self.settings.value(Key.TEAM, "") or "")
        return (
            self.ops.query(list_teams, key="teams")
            .success(lambda teams: self._show_teams(teams, wanted))
            .failure(lambda exc: self.show_error(sentence(exc)))
            .run()
        )

    def _show_teams(self, teams: list[TeamInfo], wanted: str) -> None:
        self.teams = list(teams)
        self.team_box.blockSignals(True)
        self.team_box.clear()
        for t in teams:
            self.team_box.addItem(f"{t.name} ({t.code})", t.code)
        idx = next(
            (
                i
                for i, t in enumerate(teams)
                if wanted and wanted.upper() in (t.code, t.name.upper())
            ),
            -1,
        )
        if idx < 0:
            idx = next((i for i, t in enumerate(teams) if t.code == "WE"), 0)
        self.team_box.setCurrentIndex(idx)
        self.team_box.blockSignals(False)
        self.reload()

    def move_weeks(self, n: int) -> None:
        self._heading = 1 if n > 0 else -1
        self.first_day += timedelta(days=7 * n)
        self.reload()

    def read_ahead(self) -> None:
        """While the user looks at this week, read and check the next one they are
        likely to go to (the way they last moved), so that going there is quick."""
        team = self.team
        if team is None:
            return
        step = timedelta(days=7 * self.weeks * self._heading)
        state, first, last = self.state, self.first_day + step, self.last_day + step
        saves = self.saves_seen
        self.ops.query(
            lambda db: state.read_ahead(db, team, first, last, saves), key="ahead"
        ).failure(lambda exc: log.info("could not read ahead: %s", exc)).run()

    def go_to(self, day: date) -> None:
        self.first_day = week_start(day)
        self.reload()

    def _date_picked(self, qdate: QDate) -> None:
        day = from_qdate(qdate)
        if week_start(day) != self.first_day:
            self.go_to(day)

    def _weeks_changed(self) -> None:
        self.weeks = int(self.weeks_box.currentData())
        self.settings.setValue(Key.WEEKS, self.weeks)
        self.reload()

    def reload(self) -> None:
        """Read the weeks shown (plus context days for the rules) and check them, on the
        worker; a newer reload makes an older one moot."""
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(to_qdate(self.first_day))
        self.date_edit.blockSignals(False)
        team = self.team
        if team is None:
            return
        state, first, last, saves = self.state, self.first_day, self.last_day, self.saves_seen
        self.ops.query(lambda db: state.load(db, team, first, last, saves), key="week").success(
            self.show_week
        ).failure(lambda exc: self.show_error(sentence(exc))).run()

    def note_own_change(self) -> None:
        """Our own save is not news: take the marker it left."""
        team = self.team
        if team is not None:
            self.ops.query(lambda db: latest_marker(db, team), key="marker").success(
                self._set_marker
            ).failure(lambda exc: log.warning("could not read the marker: %s", exc)).run()

    def _set_marker(self, marker: int) -> None:
        self._seen_marker = marker

    def poll_for_changes(self) -> Op | None:
        """Reload if someone else saved for this team. Skipped while the worker is busy
        or a cell is being typed in: the next tick looks again."""
        team = self.team
        if team is None or not self.ops.idle or self.view.state() == RosterView.State.EditingState:
            return None
        return (
            self.ops.query(lambda db: latest_marker(db, team), key="poll")
            .success(self._polled)
            # A lost server connection must not spam dialogs: the next tick tries again.
            .failure(lambda exc: log.warning("could not look for changes: %s", exc))
            .run()
        )

    def _polled(self, marker: int) -> None:
        if marker == self._seen_marker:
            return
        self._seen_marker = marker
        self.reload()
        self.show_message("Updated with changes saved by others")

    def jump_to(self, member_id: int | None, day: date) -> None:
        if member_id is None:
            col = self.model.days.index(day) if day in self.model.days else -1
            if col >= 0:
                row = max(self.view.currentIndex().row(), 0)
                self.view.setCurrentIndex(self.model.index(row, col))
            return
        idx = self.model.index_of(member_id, day)
        if not idx.isValid() and self.model.rows and self.filter_edit.text():
            self.filter_edit.clear()
            idx = self.model.index_of(member_id, day)
        if idx.isValid():
            self.view.setCurrentIndex(idx)
            self.view.scrollTo(idx)
            self.view.setFocus()
