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
from rosterapp.ui.mainwindow.week_state import LoadedWeek
from rosterapp.ui.operations import Op, sentence
from rosterapp.ui.qdates import from_qdate, to_qdate
from rosterapp.ui.roster_view import RosterView
from rosterapp.ui.settings import Key

log = logging.getLogger(__name__)


def add_months(day: date, n: int) -> date:
    """The first of the month `n` months after the month of `day`."""
    months = day.year * 12 + day.month - 1 + n
    return date(months // 12, months % 12 + 1, 1)


def month_span(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    return first, add_months(first, 1) - timedelta(days=1)


class Navigation(WindowBase):
    # The newest audit event seen for the team: a newer one means someone else saved.
    _seen_marker: int = 0
    _heading: int = 1  # the way the user last moved through the weeks

    def focus_filter(self) -> None:
        """Ctrl+F from anywhere, the grid too (where it used to open the cell editor)."""
        if self.view.state() == RosterView.State.EditingState:
            self.view.close_editor()
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def clear_filter(self) -> None:
        """Escape in the Find box (or on the grid while a filter narrows it): everyone
        again, and the grid takes the keys."""
        self.filter_edit.clear()
        self.view.setFocus()

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
        self.apply_access()
        self.reload()

    def move_weeks(self, n: int) -> None:
        """Alt+Left / Alt+Right: a week back or on, or a month in the month view."""
        self._heading = 1 if n > 0 else -1
        if self.month_of is not None:
            self.show_month(add_months(self.month_of, n))
        else:
            self.first_day += timedelta(days=7 * n)
        self.reload()

    def show_month(self, day: date) -> None:
        """The month holding `day`, as the whole weeks that cover it (Monday to Sunday),
        so that everything that works on weeks works on it; other months' days are dimmed."""
        first, last = month_span(day)
        self.month_of = first
        self.first_day = week_start(first)
        self.weeks = (week_start(last) - self.first_day).days // 7 + 1
        self.model.month = first.month

    def span_ahead(self) -> tuple[date, date]:
        """The weeks the user is likely to go to next, the way they last moved."""
        if self.month_of is not None:
            first, last = month_span(add_months(self.month_of, self._heading))
            return week_start(first), week_start(last) + timedelta(days=6)
        step = timedelta(days=7 * self.weeks * self._heading)
        return self.first_day + step, self.last_day + step

    def read_ahead(self) -> None:
        """While the user looks at this week, read and check the next one they are
        likely to go to (the way they last moved), so that going there is quick."""
        team = self.team
        if team is None:
            return
        state, (first, last) = self.state, self.span_ahead()
        saves = self.saves_seen
        self.ops.query(
            lambda db: state.read_ahead(db, team, first, last, saves), key="ahead"
        ).failure(lambda exc: log.info("could not read ahead: %s", exc)).run()

    def go_to(self, day: date) -> None:
        if self.month_of is not None:
            self.show_month(day)
        else:
            self.first_day = week_start(day)
        self.reload()

    def _date_picked(self, qdate: QDate) -> None:
        day = from_qdate(qdate)
        if self.month_of is not None:
            if (day.year, day.month) != (self.month_of.year, self.month_of.month):
                self.go_to(day)
        elif week_start(day) != self.first_day:
            self.go_to(day)

    def set_span(self, span: str) -> None:
        """'1', '2' or '4' weeks, or 'month' (View menu, Ctrl+1/2/4, Ctrl+Shift+M)."""
        at = self.weeks_box.findData(span)
        if at >= 0:
            self.weeks_box.setCurrentIndex(at)

    def _weeks_changed(self) -> None:
        span = str(self.weeks_box.currentData())
        self.settings.setValue(Key.WEEKS, span)
        if span == "month":
            # The month of the first week shown, or of today when this week is shown.
            today = date.today()
            anchor = today if week_start(today) == self.first_day else self.first_day
            self.show_month(anchor)
        else:
            if self.month_of is not None:
                self.first_day = week_start(self.month_of)
            self.month_of = None
            self.model.month = None
            self.weeks = int(span)
        self.reload()

    def reload(self) -> None:
        """Read the weeks shown (plus context days for the rules) and check them, on the
        worker; a newer reload makes an older one moot."""
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(to_qdate(self.month_of or self.first_day))
        self.date_edit.blockSignals(False)
        team = self.team
        if team is None:
            return
        state, first, last, saves = self.state, self.first_day, self.last_day, self.saves_seen
        self.ops.query(lambda db: state.load(db, team, first, last, saves), key="week").success(
            self._week_read
        ).failure(lambda exc: self.show_error(sentence(exc))).run()

    def _week_read(self, loaded: LoadedWeek) -> None:
        """Shown at once; each officer's findings follow from a second, shorter trip."""
        self.show_week(loaded)
        if loaded.findings.partial:
            state = self.state
            self.ops.query(lambda _db: state.check(), key="week-check").success(
                self.show_findings
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
            .failure(self._poll_failed)
            .run()
        )

    def _poll_failed(self, exc: BaseException) -> None:
        from rosterapp.storage import DatabaseReplaced

        if isinstance(exc, DatabaseReplaced):
            # Restored elsewhere: the worker has reopened the file; show what it holds.
            self.undo_stack.clear()
            self.reload()
            self.show_message("Reloaded: the database was restored from a backup elsewhere")
            return
        # A lost server connection must not spam dialogs: the next tick tries again.
        log.warning("could not look for changes: %s", exc)

    def _polled(self, marker: int) -> None:
        if marker == self._seen_marker:
            return
        self._seen_marker = marker
        self.reload()
        self.inbox.refresh()  # a request entered elsewhere is news too
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
