"""What every part of the main window shares: its widgets, its state and its messages.

The window is assembled from parts (navigation, week view, editing, team editors,
jobs, files), each a mixin over this base; the names below are set by the shell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
)

from rosterapp.domain.cover import CoverCount
from rosterapp.domain.findings import Finding
from rosterapp.domain.grid import CellChange, CellEdit
from rosterapp.domain.values import TeamInfo
from rosterapp.storage import Database
from rosterapp.ui.cover_view import CoverDock
from rosterapp.ui.dialogs.form import FormDialog
from rosterapp.ui.findings_dock import FindingsDock
from rosterapp.ui.first_steps import FirstSteps
from rosterapp.ui.mainwindow.week_state import Findings, LoadedWeek, WeekState
from rosterapp.ui.operations import Op, Operations
from rosterapp.ui.palette import error_style
from rosterapp.ui.requests_inbox import InboxDock
from rosterapp.ui.roster_model import RosterModel
from rosterapp.ui.roster_view import RosterView


class WindowBase(QMainWindow):
    ops: Operations
    settings: QSettings
    undo_stack: QUndoStack
    model: RosterModel
    view: RosterView
    dock: FindingsDock
    cover_dock: CoverDock
    inbox: InboxDock
    _last_counts: list[CoverCount]  # the cover panel's numbers for the week shown
    cover_label: QLabel
    team_box: QComboBox
    date_edit: QDateEdit
    weeks_box: QComboBox
    filter_edit: QLineEdit
    period_label: QLabel
    actions_by_name: dict[str, QAction]
    central: QStackedWidget  # the grid, or a new team's first steps
    first_steps: FirstSteps
    steps_dismissed: set[str]  # teams whose first steps the user closed
    poll_timer: QTimer
    # Worker-side: touched only inside ops (see week_state).
    state: WeekState
    findings: Findings | None
    teams: list[TeamInfo]
    first_day: date
    weeks: int
    month_of: date | None  # the first of the month in the month view, else None
    # When officers were told of changes to a published roster (None: as they are made).
    told_at: datetime | None
    saves_seen: int  # writes broadcast so far: weeks read ahead before the last are stale
    last_import_problem: str
    import_problems: QDialog  # the last import's bad rows

    @property
    def db(self) -> Database:
        return self.ops.db

    @property
    def team(self) -> str | None:
        code = self.team_box.currentData()
        return str(code) if code else None

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=7 * self.weeks - 1)

    # --- provided by the parts (declared here so that each part can call the others) ---
    def reload(self) -> None:
        raise NotImplementedError  # navigation

    def load_teams(self, wanted: str | None) -> Op:
        raise NotImplementedError  # navigation

    def note_own_change(self) -> None:
        raise NotImplementedError  # navigation

    def read_ahead(self) -> None:
        raise NotImplementedError  # navigation

    def show_week(self, loaded: LoadedWeek) -> None:
        raise NotImplementedError  # week_view

    def dismiss_first_steps(self) -> None:
        raise NotImplementedError  # week_view

    def clear_filter(self) -> None:
        raise NotImplementedError  # navigation

    def fit_columns(self) -> None:
        raise NotImplementedError  # grid_layout

    def show_month(self, day: date) -> None:
        raise NotImplementedError  # navigation

    def show_findings(self, findings: Findings | None) -> None:
        raise NotImplementedError  # week_view

    def all_findings(self) -> list[Finding]:
        raise NotImplementedError  # week_view

    def apply_edits(self, edits: list[CellEdit], label: str) -> Op | None:
        raise NotImplementedError  # editing

    def save_cells(
        self,
        write: Callable[[Database], Sequence[CellChange]],
        saved: Callable[[list[CellChange]], None],
        refused: Callable[[BaseException], None],
    ) -> Op:
        raise NotImplementedError  # editing

    def push_cells(self, changes: Sequence[CellChange], label: str, message: str) -> None:
        raise NotImplementedError  # editing

    def bulk_write(
        self, fn: Callable[[Database], list[CellChange]], label: str, message: Callable[[int], str]
    ) -> Op:
        raise NotImplementedError  # editing

    def undo_refused(self, message: str) -> None:
        raise NotImplementedError  # editing

    def apply_access(self) -> None:
        raise NotImplementedError  # access

    # --- messages ---------------------------------------------------------------
    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def open_dialog(self, dialog: FormDialog) -> bool:
        raise NotImplementedError  # team_editors

    def tell(self, title: str, text: str) -> None:
        """Something refused that needs more than the status bar to explain."""
        QMessageBox.warning(self, title, text)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def show_error(self, text: str) -> None:
        """Edits that the services refuse: said in the status bar, nothing changed."""
        self.statusBar().setStyleSheet(error_style(bold=True))
        self.statusBar().showMessage(f"Not saved: {text}", 10000)
        # Tied to the window: never fires after it has gone.
        QTimer.singleShot(10000, self, lambda: self.statusBar().setStyleSheet(""))
