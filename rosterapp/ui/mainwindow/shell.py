"""The workspace: team and week at the top, the roster grid, findings and cover docks.

The window is assembled from its parts; this module builds the widgets and wires
them, the actions table gives the menus, and every database call is an op.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStackedWidget,
    QTabBar,
    QToolBar,
    QWhatsThis,
)

from rosterapp import APP_DISPLAY_NAME, __version__, paths
from rosterapp.domain.calendar import week_start
from rosterapp.storage import Database
from rosterapp.ui.cover_view import CoverDock
from rosterapp.ui.findings_dock import FindingsDock
from rosterapp.ui.first_steps import FirstSteps
from rosterapp.ui.mainwindow.access import Access
from rosterapp.ui.mainwindow.actions import TOOLBAR, build_actions, build_menus
from rosterapp.ui.mainwindow.editing import Editing
from rosterapp.ui.mainwindow.files import Files
from rosterapp.ui.mainwindow.grid_layout import GridLayout, zoom_steps
from rosterapp.ui.mainwindow.inspector import Inspector
from rosterapp.ui.mainwindow.navigation import Navigation
from rosterapp.ui.mainwindow.printing import Printing
from rosterapp.ui.mainwindow.team_editors import TeamEditors
from rosterapp.ui.mainwindow.week_state import WeekState
from rosterapp.ui.mainwindow.week_view import WeekView
from rosterapp.ui.operations import Operations
from rosterapp.ui.requests_inbox import InboxDock
from rosterapp.ui.roster_model import RosterModel
from rosterapp.ui.roster_view import RosterView
from rosterapp.ui.settings import Key

POLL_MS = 8000  # how often to look for what others saved
# What the weeks box offers: a week, a fortnight, four weeks, or a calendar month.
SPANS = {"1": "1 week", "2": "2 weeks", "4": "4 weeks", "month": "Month"}


class MainWindow(
    Navigation, WeekView, GridLayout, Editing, TeamEditors, Printing, Files, Inspector, Access
):
    def __init__(
        self,
        db: Database,
        *,
        team: str | None = None,
        week: date | None = None,
        weeks: str | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(f"{APP_DISPLAY_NAME} — {db.display_name}")
        self.ops = Operations(db, self)
        self.ops.changed.connect(self.on_changes)
        # A screenshot passes settings of its own: the user's window is left as it was.
        self.settings = settings if settings is not None else QSettings()
        self.undo_stack = QUndoStack(self)
        self.state = WeekState()
        self.findings = None
        self.teams = []
        self._last_counts = []
        self._codes = []  # the codes the grid editor completes
        self.first_day = week_start(week or date.today())
        span = str(weeks or self.settings.value(Key.WEEKS, "1") or "1")
        span = span if span in SPANS else "1"
        self.month_of = None
        self.weeks = 1 if span == "month" else int(span)
        self.zoom_step = zoom_steps(self.settings.value(Key.ZOOM, ""))
        self.told_at = None
        self.saves_seen = 0
        self.last_import_problem = ""
        self._build_grid()
        if span == "month":
            self.show_month(week or date.today())
        self._build_docks()
        self.actions_by_name = build_actions(self)
        self._build_toolbar(span)
        build_menus(self, self.actions_by_name)
        self._build_first_steps()
        self.apply_zoom()
        self.set_compact(str(self.settings.value(Key.COMPACT, "false")).lower() == "true")
        self.set_colours(str(self.settings.value(Key.COLOURS, "system")), remember=False)
        a = self.actions_by_name
        self.view.addActions([a["copy"], a["paste"]])
        self.view.verticalHeader().sectionDoubleClicked.connect(
            lambda row: self.edit_member(row=row)
        )
        # Others (a second window, colleagues on the shared server) may save too:
        # look every few seconds and reload, keeping the cursor where it was.
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll_for_changes)
        self.poll_timer.start()
        self.load_teams(team)
        self.load_identity()
        # Rights given or taken by an administrator show on Reload (F5).
        self.actions_by_name["refresh"].triggered.connect(self.load_identity)
        self._restore_layout()

    def _build_grid(self) -> None:
        self.model = RosterModel(self)
        # The model hands edits to the window, which saves them as ops.
        self.model.edit_handler = self.set_cells_from_grid
        self.model.paste_handler = self.paste_block
        self.model.fill_handler = self.fill_cells
        self.model.fill_pairs_handler = self.fill_pairs
        self.view = RosterView(self)
        self.view.setModel(self.model)
        self.view.message.connect(self.show_message)
        self.setCentralWidget(self.view)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.update_cover())
        self.view.resized.connect(self.fit_columns)

    def _build_first_steps(self) -> None:
        """A new team sees its first steps in place of a blank grid (week_view decides)."""
        self.first_steps = FirstSteps(self.actions_by_name, self)
        self.first_steps.dismissed.connect(self.dismiss_first_steps)
        self.steps_dismissed = set()
        self.takeCentralWidget()  # the grid: kept, not deleted, while it moves
        self.central = QStackedWidget(self)
        self.central.addWidget(self.view)
        self.central.addWidget(self.first_steps)
        self.setCentralWidget(self.central)

    def _build_docks(self) -> None:
        self.dock = FindingsDock(self)
        self.dock.jump.connect(self.jump_to)
        self.dock.accept.connect(self.accept_finding)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.cover_dock = CoverDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.cover_dock)
        # The findings take the right-hand side to the bottom, so that the cover table
        # is exactly as wide as the grid above it and its days stay under the grid's.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        grid_bar = self.view.horizontalScrollBar()
        cover_bar = self.cover_dock.table.horizontalScrollBar()
        grid_bar.valueChanged.connect(cover_bar.setValue)
        cover_bar.valueChanged.connect(grid_bar.setValue)
        self.inbox = InboxDock(
            self.ops,
            self.undo_stack,
            lambda: self.team,
            self,
            people=lambda: [
                f"{r.member.shoulder_number} {r.member.first_name} {r.member.last_name}"
                for r in (self.model.grid.rows if self.model.grid else [])
            ],
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inbox)
        self.tabifyDockWidget(self.dock, self.inbox)
        self.dock.raise_()
        for bar in self.findChildren(QTabBar):  # Qt's tabs between the docks, unnamed else
            bar.setAccessibleName("Side panels: rule findings and requests")
        self.cover_label = QLabel(self)
        self.cover_label.setAccessibleName("Cover for the selected day")
        self.statusBar().addPermanentWidget(self.cover_label)
        self.build_who_label()

    def _build_toolbar(self, span: str) -> None:
        bar = QToolBar("Roster", self)
        bar.setObjectName("rosterToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addWidget(QLabel(" Team: "))
        self.team_box = QComboBox(self)
        self.team_box.setAccessibleName("Team")
        self.team_box.setMinimumContentsLength(14)
        bar.addWidget(self.team_box)
        bar.addSeparator()
        bar.addActions([self.actions_by_name[name] for name in TOOLBAR])
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName("Jump to date")
        self.date_edit.setToolTip("Jump to the week holding this date")
        bar.addWidget(self.date_edit)
        self.weeks_box = QComboBox(self)
        self.weeks_box.setAccessibleName("Weeks shown")
        for key, label in SPANS.items():
            self.weeks_box.addItem(label, key)
        self.weeks_box.setCurrentIndex(list(SPANS).index(span))
        bar.addWidget(self.weeks_box)
        bar.addSeparator()
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Find name, shoulder number or role")
        self.filter_edit.setAccessibleName("Filter people")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(280)
        bar.addWidget(self.filter_edit)
        self.period_label = QLabel(self)
        bar.addWidget(self.period_label)
        self.team_box.currentIndexChanged.connect(lambda *_: self.reload())
        self.team_box.currentIndexChanged.connect(lambda *_: self.inbox.refresh())
        self.team_box.currentIndexChanged.connect(lambda *_: self.apply_access())
        self.date_edit.dateChanged.connect(self._date_picked)
        self.weeks_box.currentIndexChanged.connect(self._weeks_changed)
        self.filter_edit.textChanged.connect(self.model.set_filter)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.filter_edit)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.clear_filter)
        # Enter in Find goes to the first person found.
        self.filter_edit.returnPressed.connect(self.view.setFocus)
        self.view.escape.connect(self._escape_on_grid)

    def _escape_on_grid(self) -> None:
        if self.filter_edit.text():
            self.clear_filter()

    def _restore_layout(self) -> None:
        geometry = self.settings.value(Key.GEOMETRY)
        if not isinstance(geometry, QByteArray) or not self.restoreGeometry(geometry):
            self.resize(1500, 900)
        state = self.settings.value(Key.STATE)
        if not isinstance(state, QByteArray) or not self.restoreState(state):
            # The grid gets the room; cover is a strip under it.
            self.resizeDocks([self.cover_dock], [190], Qt.Orientation.Vertical)
            self.resizeDocks([self.dock], [340], Qt.Orientation.Horizontal)

    def show_guide(self) -> QDialog:
        from rosterapp.ui.help import HelpDialog, guide_html

        dialog = HelpDialog("Guide", guide_html(), self)
        dialog.show()
        return dialog

    def show_shortcuts(self) -> QDialog:
        from rosterapp.ui.help import HelpDialog, shortcuts_html

        dialog = HelpDialog("Keyboard shortcuts", shortcuts_html(), self)
        dialog.show()
        return dialog

    def whats_this(self) -> None:
        """On the selected finding: what its rule means; elsewhere, Qt's What's This mode."""
        item = self.dock.list.currentItem()
        if self.dock.list.hasFocus() and item is not None and item.whatsThis():
            rect = self.dock.list.visualItemRect(item)
            QWhatsThis.showText(self.dock.list.mapToGlobal(rect.bottomLeft()), item.whatsThis())
        else:
            QWhatsThis.enterWhatsThisMode()

    def about(self) -> None:
        QMessageBox.about(self, f"About {APP_DISPLAY_NAME}", about_text(self.db))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue(Key.GEOMETRY, self.saveGeometry())
        self.settings.setValue(Key.STATE, self.saveState())
        self.poll_timer.stop()
        # Cancel long work and wait for the worker: nothing may run on a closed window.
        self.ops.shutdown()
        super().closeEvent(event)


def about_text(db: Database) -> str:
    """Version, licence, where the data is, and the libraries the app stands on."""
    from importlib.metadata import PackageNotFoundError, version

    libraries = []
    for name in (
        "PySide6-Essentials",
        "SQLAlchemy",
        "sqlmodel",
        "alembic",
        "ortools",
        "openpyxl",
        "reportlab",
        "icalendar",
        "holidays",
        "psycopg",
    ):
        try:
            libraries.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            continue
    return (
        f"<h3>{APP_DISPLAY_NAME} {__version__}</h3>"
        "<p>Rosters for Safer Neighbourhood Teams: rule checks as you type, auto-roster, "
        "briefing sheets and HR workbooks.</p>"
        "<p>Licence: MIT. Fonts: DejaVu, Noto, Droid Sans Fallback, a Hangul subset of "
        "NanumGothic and Symbola (free licences, in resources/fonts).</p>"
        f"<p>Database: {db.display_name}<br>Data folder: {paths.user_data_dir()}<br>"
        f"Backups: {paths.backup_dir()}<br>Log: {paths.log_dir()}</p>"
        f"<p>Built with Qt and {', '.join(libraries)}.</p>"
    )
