"""The workspace: team and week at the top, the roster grid, findings, cover."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QDate, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QToolBar,
)

from rosterapp import APP_DISPLAY_NAME, __version__, paths
from rosterapp.domain.calendar import LONDON, week_start
from rosterapp.domain.cover import CoverCount, cover_counts
from rosterapp.domain.findings import Finding, Severity
from rosterapp.domain.grid import CellChange, CellEdit
from rosterapp.domain.values import MemberInfo
from rosterapp.rules.context import CheckInput
from rosterapp.rules.engine import accepted, member_findings, sort_findings, team_findings
from rosterapp.services import checks
from rosterapp.services.audit import latest_marker
from rosterapp.services.beats import list_requirements
from rosterapp.services.errors import ServiceError
from rosterapp.services.overrides import accept_finding, overrides_for
from rosterapp.services.periods import list_changes, publish_period
from rosterapp.services.roster.bulk import apply_pattern, copy_week
from rosterapp.services.roster.edits import StaleCell, set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.teams import list_teams
from rosterapp.storage import Database, DatabaseError
from rosterapp.ui.conflict import ask_reload_or_apply
from rosterapp.ui.cover_view import CoverDock
from rosterapp.ui.dialogs import (
    AbsenceDialog,
    BeatDialog,
    BriefingItemDialog,
    CoverDialog,
    FormDialog,
    MemberDialog,
    PatternDialog,
    ShiftTypeDialog,
    TeamDialog,
    TeamSettingsDialog,
    TransferDialog,
)
from rosterapp.ui.export_dialog import ExportDialog, ExportRequest
from rosterapp.ui.findings_dock import FindingsDock
from rosterapp.ui.roster_model import RosterModel, long_date
from rosterapp.ui.roster_view import RosterDelegate, RosterView
from rosterapp.ui.undo import AbsenceCommand, CellsCommand
from rosterapp.ui.workers import Job
from rosterapp.ui.workers import start as start_job

if TYPE_CHECKING:  # the solver (and OR-Tools, pandas) load only when first used
    from rosterapp.services.solving import Proposal
    from rosterapp.ui.solve_preview import PreviewDialog

log = logging.getLogger(__name__)


def parse_entry(text: str | None) -> tuple[str | None, str | None]:
    """'L SOH', 'l/soh' or 'RD' → (code, beat)."""
    if text is None or not text.strip():
        return None, None
    parts = text.replace("/", " ").split()
    return parts[0].upper(), (parts[1].upper() if len(parts) > 1 else None)


class MainWindow(QMainWindow):
    def __init__(self, db: Database, *, team: str | None = None, week: date | None = None) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(f"{APP_DISPLAY_NAME} — {db.display_name}")
        self.settings = QSettings()
        self.undo_stack = QUndoStack(self)
        self.model = RosterModel(self)
        self.model.edit_handler = self.set_cells_from_grid
        self.model.paste_handler = self.paste_block
        self.model.fill_handler = self.fill_cells
        self.model.fill_pairs_handler = self.fill_pairs
        self.view = RosterView(self)
        self.view.setModel(self.model)
        self.view.message.connect(self.show_message)
        self.setCentralWidget(self.view)
        self.dock = FindingsDock(self)
        self.dock.jump.connect(self.jump_to)
        self.dock.accept.connect(self.accept_finding)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.cover_dock = CoverDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.cover_dock)
        self.view.horizontalScrollBar().valueChanged.connect(
            self.cover_dock.table.horizontalScrollBar().setValue
        )
        self.cover_label = QLabel(self)
        self.cover_label.setAccessibleName("Cover for the selected day")
        self.statusBar().addPermanentWidget(self.cover_label)
        self.ci: CheckInput | None = None
        self._member_findings: dict[int, list[Finding]] = {}
        self._team_findings: list[Finding] = []
        self.first_day = week_start(week or date.today())
        self.weeks = int(str(self.settings.value("weeks", 1) or 1))
        self.load_ms = 0.0
        self._jobs: set[Job] = set()
        self._last_counts: list[CoverCount] = []
        self.last_import_problem = ""
        # When officers were told of changes to a published roster (None: as they are made).
        self.told_at: datetime | None = None
        self._seen_marker = 0
        # Others (a second window, colleagues on the shared server) may save too:
        # look every few seconds and reload, keeping the cursor where it was.
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(8000)
        self.poll_timer.timeout.connect(self.poll_for_changes)
        self.poll_timer.start()
        self._build_toolbar()
        self._build_menus()
        self._load_teams(team)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.update_cover())
        geometry = self.settings.value("geometry")
        if not isinstance(geometry, QByteArray) or not self.restoreGeometry(geometry):
            self.resize(1500, 900)
        state = self.settings.value("state")
        if not isinstance(state, QByteArray) or not self.restoreState(state):
            # The grid gets the room; cover is a strip under it.
            self.resizeDocks([self.cover_dock], [190], Qt.Orientation.Vertical)
            self.resizeDocks([self.dock], [340], Qt.Orientation.Horizontal)

    # --- building --------------------------------------------------------------
    def _build_toolbar(self) -> None:
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
        self.prev_action = QAction("◀ Previous", self)
        self.prev_action.setShortcut(QKeySequence("Alt+Left"))
        self.prev_action.setToolTip("Previous week (Alt+Left)")
        self.prev_action.triggered.connect(lambda: self.move_weeks(-1))
        self.today_action = QAction("This week", self)
        self.today_action.setShortcut(QKeySequence("Alt+Home"))
        self.today_action.triggered.connect(lambda: self.go_to(date.today()))
        self.next_action = QAction("Next ▶", self)
        self.next_action.setShortcut(QKeySequence("Alt+Right"))
        self.next_action.setToolTip("Next week (Alt+Right)")
        self.next_action.triggered.connect(lambda: self.move_weeks(1))
        bar.addAction(self.prev_action)
        bar.addAction(self.today_action)
        bar.addAction(self.next_action)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName("Jump to date")
        self.date_edit.setToolTip("Jump to the week holding this date")
        bar.addWidget(self.date_edit)
        self.weeks_box = QComboBox(self)
        self.weeks_box.setAccessibleName("Weeks shown")
        for n in (1, 2, 4):
            self.weeks_box.addItem(f"{n} week{'s' if n > 1 else ''}", n)
        self.weeks_box.setCurrentIndex({1: 0, 2: 1, 4: 2}.get(self.weeks, 0))
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
        self.date_edit.dateChanged.connect(self._date_picked)
        self.weeks_box.currentIndexChanged.connect(self._weeks_changed)
        self.filter_edit.textChanged.connect(self.model.set_filter)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.export_action = QAction("&Export…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setToolTip("HR workbook, briefing sheet, printable roster or calendar")
        self.export_action.triggered.connect(lambda: self.export())
        self.briefing_action = QAction("&Briefing sheet…", self)
        self.briefing_action.setShortcut(QKeySequence.StandardKey.Print)
        self.briefing_action.triggered.connect(lambda: self.export("briefing"))
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.briefing_action)
        file_menu.addSeparator()
        backup_action = QAction("&Back up now…", self)
        backup_action.triggered.connect(self.backup_now)
        restore_action = QAction("Restore from a &backup…", self)
        restore_action.triggered.connect(self.restore_backup)
        audit_action = QAction("&Audit trail…", self)
        audit_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        audit_action.triggered.connect(self.show_audit)
        keep_action = QAction("Daily backups to &keep…", self)
        keep_action.triggered.connect(self.ask_backups_to_keep)
        file_menu.addAction(backup_action)
        file_menu.addAction(restore_action)
        file_menu.addAction(keep_action)
        file_menu.addAction(audit_action)
        file_menu.addSeparator()
        import_members = QAction("Import &members…", self)
        import_members.triggered.connect(lambda: self.choose_import("members"))
        import_roster = QAction("Import &roster entries…", self)
        import_roster.triggered.connect(lambda: self.choose_import("roster"))
        file_menu.addAction(import_members)
        file_menu.addAction(import_roster)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        copy = QAction("&Copy", self)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.triggered.connect(self.view.copy_selection)
        paste = QAction("&Paste", self)
        paste.setShortcut(QKeySequence.StandardKey.Paste)
        paste.triggered.connect(self.view.paste)
        clear = QAction("C&lear selection", self)
        clear.setShortcut(QKeySequence.StandardKey.Delete)
        clear.triggered.connect(lambda: self.view.set_selected(None))
        fill_down = QAction("Fill &down", self)
        fill_down.setShortcut(QKeySequence("Ctrl+D"))
        fill_down.triggered.connect(self.view.fill_down)
        fill_right = QAction("Fill &right", self)
        fill_right.setShortcut(QKeySequence("Ctrl+R"))
        fill_right.triggered.connect(self.view.fill_right)
        edit.addAction(fill_down)
        edit.addAction(fill_right)
        find = QAction("&Find person", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_filter)
        for action in (copy, paste, clear, find):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            edit.addAction(action)
        self.view.addActions([copy, paste])

        roster = self.menuBar().addMenu("&Roster")
        self.copy_week_action = QAction("Copy &previous week", self)
        self.copy_week_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_week_action.triggered.connect(self.copy_previous_week)
        self.publish_action = QAction("P&ublish…", self)
        self.publish_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.publish_action.triggered.connect(self.publish)
        self.refresh_action = QAction("&Reload", self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.reload)
        for action in (self.copy_week_action, self.publish_action, self.refresh_action):
            roster.addAction(action)
        self.fill_action = QAction("&Fill the selection or the week with the solver", self)
        self.fill_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.fill_action.setToolTip("Fill empty cells within the rules; preview before saving")
        self.fill_action.triggered.connect(lambda: self.run_solver("fill"))
        self.repair_action = QAction("&Repair from today with the solver", self)
        self.repair_action.setToolTip("Fix cover and rules changing as few cells as possible")
        self.repair_action.triggered.connect(lambda: self.run_solver("repair"))
        roster.addSeparator()
        roster.addAction(self.fill_action)
        roster.addAction(self.repair_action)
        self.told_action = QAction("When were the officers &told…", self)
        self.told_action.setToolTip(
            "Changes to a published roster record when the officer "
            "was told: now, or a time you give"
        )
        self.told_action.triggered.connect(self.ask_told_at)
        roster.addAction(self.told_action)
        self.pattern_action = QAction("Apply a rota &pattern…", self)
        self.pattern_action.triggered.connect(self.apply_pattern)
        roster.addAction(self.pattern_action)

        team_menu = self.menuBar().addMenu("&Team")
        self.new_member_action = QAction("&New member…", self)
        self.new_member_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_member_action.triggered.connect(lambda: self.edit_member(new=True))
        self.edit_member_action = QAction("&Edit member…", self)
        self.edit_member_action.setShortcut(QKeySequence("Ctrl+M"))
        self.edit_member_action.triggered.connect(lambda: self.edit_member())
        self.absence_action = QAction("Record &absence…", self)
        self.absence_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.absence_action.triggered.connect(self.record_absence)
        self.transfer_action = QAction("&Transfer member…", self)
        self.transfer_action.triggered.connect(self.transfer)
        self.tasking_action = QAction("Briefing &tasking…", self)
        self.tasking_action.setShortcut(QKeySequence("Ctrl+T"))
        self.tasking_action.triggered.connect(self.add_tasking)
        self.settings_action = QAction("Team &settings…", self)
        self.settings_action.triggered.connect(self.team_settings)
        self.beats_action = QAction("&Beats…", self)
        self.beats_action.triggered.connect(self.edit_beats)
        self.shift_types_action = QAction("Shift and absence &codes…", self)
        self.shift_types_action.triggered.connect(self.add_shift_type)
        self.cover_action = QAction("Co&ver requirement…", self)
        self.cover_action.triggered.connect(self.edit_cover)
        self.new_team_action = QAction("New &team…", self)
        self.new_team_action.triggered.connect(self.new_team)
        for entry in (
            self.new_member_action,
            self.edit_member_action,
            self.absence_action,
            self.transfer_action,
            self.tasking_action,
            None,
            self.beats_action,
            self.shift_types_action,
            self.cover_action,
            self.settings_action,
            None,
            self.new_team_action,
        ):
            if entry is None:
                team_menu.addSeparator()
            else:
                team_menu.addAction(entry)
        self.view.verticalHeader().sectionDoubleClicked.connect(
            lambda row: self.edit_member(row=row)
        )

        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.dock.toggleViewAction())
        view_menu.addAction(self.cover_dock.toggleViewAction())
        for action in (self.prev_action, self.today_action, self.next_action):
            view_menu.addAction(action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About", self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def _load_teams(self, wanted: str | None) -> None:
        teams = list_teams(self.db)
        self.team_box.blockSignals(True)
        self.team_box.clear()
        for t in teams:
            self.team_box.addItem(f"{t.name} ({t.code})", t.code)
        wanted = wanted or str(self.settings.value("team", "") or "")
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

    # --- navigation ------------------------------------------------------------
    @property
    def team(self) -> str | None:
        code = self.team_box.currentData()
        return str(code) if code else None

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=7 * self.weeks - 1)

    def move_weeks(self, n: int) -> None:
        self.first_day += timedelta(days=7 * n)
        self.reload()

    def go_to(self, day: date) -> None:
        self.first_day = week_start(day)
        self.reload()

    def _date_picked(self, qdate: QDate) -> None:
        day = date(qdate.year(), qdate.month(), qdate.day())
        if week_start(day) != self.first_day:
            self.go_to(day)

    def _weeks_changed(self) -> None:
        self.weeks = int(self.weeks_box.currentData())
        self.settings.setValue("weeks", self.weeks)
        self.reload()

    def reload(self) -> None:
        """Read the weeks shown (plus context days for the rules) and check them."""
        team = self.team
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(self.first_day.year, self.first_day.month, self.first_day.day))
        self.date_edit.blockSignals(False)
        if team is None:
            return
        started = perf_counter()
        current = self.view.currentIndex()
        keep = self.model.key(current) if current.isValid() else None
        try:
            grid = read_grid(
                self.db, team, self.first_day - timedelta(days=checks.CONTEXT_DAYS), self.last_day
            )
            self.ci = CheckInput(
                grid=grid,
                start=self.first_day,
                end=self.last_day,
                requirements=list_requirements(self.db, team),
                changes=list_changes(self.db, team, self.first_day, self.last_day),
                history_hours=checks.history_hours(
                    self.db, [r.member.id for r in grid.rows], self.last_day
                ),
                overrides=overrides_for(self.db, team, self.first_day, self.last_day),
            )
        except ServiceError as exc:
            self.show_error(str(exc))
            return
        self.model.set_grid(grid, self.first_day)
        self._fit_columns()
        codes = sorted(grid.shift_types, key=lambda c: grid.shift_types[c].sort_order)
        self.view.setItemDelegate(RosterDelegate(codes, self.view))
        self._member_findings = {}
        for f in member_findings(self.ci):
            if f.member_id is not None:
                self._member_findings.setdefault(f.member_id, []).append(f)
        self._team_findings = team_findings(self.ci)
        self._publish_findings()
        self.settings.setValue("team", team)
        if keep is not None:
            idx = self.model.index_of(*keep)
            if idx.isValid():
                self.view.setCurrentIndex(idx)
        published = [p for p in grid.periods if p.status == "published"]
        self.period_label.setText(
            "   Published"
            if published and all(grid.is_published(d) for d in self.model.days)
            else "   Draft" + (" (partly published)" if published else "")
        )
        self._seen_marker = latest_marker(self.db, team)
        self.load_ms = (perf_counter() - started) * 1000
        log.info("loaded %s %s–%s in %.0f ms", team, self.first_day, self.last_day, self.load_ms)
        self.refresh_cover_table()
        self.update_cover()

    def _fit_columns(self) -> None:
        """A week or two fills the width; four weeks scroll sideways at a readable size.
        The cover table under the grid keeps the same columns, day under day."""
        cover = self.cover_dock.table
        for header in (self.view.horizontalHeader(), cover.horizontalHeader()):
            if len(self.model.days) <= 14:
                header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
                header.setDefaultSectionSize(70)
        width = max(120, self.view.verticalHeader().sizeHint().width())
        cover.verticalHeader().setFixedWidth(width)

    # --- findings ---------------------------------------------------------------
    def all_findings(self) -> list[Finding]:
        out = [f for fs in self._member_findings.values() for f in fs] + self._team_findings
        return sort_findings(out)

    def _publish_findings(self) -> None:
        findings = self.all_findings()
        self.model.set_findings(findings)
        self.dock.show_findings(findings)

    def recheck(self, changes: Sequence[CellChange]) -> None:
        """Only the people edited are re-checked; team rules (cover) are cheap to redo."""
        if self.ci is None:
            return
        members = {c.member_id for c in changes}
        if self.team and any(self.ci.grid.is_published(c.day) for c in changes):
            self.ci.changes = list_changes(self.db, self.team, self.first_day, self.last_day)
        for mid in members:
            self._member_findings.pop(mid, None)
        for f in member_findings(self.ci, members):
            if f.member_id is not None:
                self._member_findings.setdefault(f.member_id, []).append(f)
        self._team_findings = team_findings(self.ci)
        self._publish_findings()
        self.refresh_cover_table()
        self.update_cover()

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

    def refresh_cover_table(self) -> None:
        """Recount cover after a load or an edit (not on every move of the cursor)."""
        grid = self.model.grid
        if grid is None or self.ci is None:
            return
        found = self.ci.last_cover_counts or cover_counts(
            grid, self.ci.requirements, self.first_day, self.last_day
        )
        if found != self._last_counts:
            self._last_counts = found
            self.cover_dock.model.set_counts(grid, self.model.days, found)

    def update_cover(self) -> None:
        grid = self.model.grid
        idx = self.view.currentIndex()
        if grid is None or not self.model.days:
            self.cover_label.setText("")
            return
        day = self.model.days[idx.column()] if idx.isValid() else self.model.days[0]
        counts: Counter[str] = Counter()
        absent = 0
        for row in grid.rows:
            cell = grid.cells.get((row.member.id, day))
            if cell is None:
                continue
            st = grid.shift_types.get(cell.code)
            if st is not None and st.is_duty:
                counts[cell.code] += 1
            elif (
                st is not None
                and st.absence_kind is not None
                and st.absence_kind.value != "rest_day"
            ):
                absent += 1
        order = sorted(counts, key=lambda c: grid.shift_types[c].sort_order)
        short = sum(
            1
            for f in self._team_findings
            if f.day == day and f.rule in ("cover-shortfall", "skill-cover")
        )
        on_duty = " · ".join(f"{c} {counts[c]}" for c in order) or "nobody"
        self.cover_label.setText(
            f"{long_date(day)} — on duty: {on_duty} · absent {absent} · "
            f"{short} cover shortfall{'s' if short != 1 else ''}  "
        )

    # --- editing ----------------------------------------------------------------
    def set_cells_from_grid(self, keys: list[tuple[int, date]], text: str | None) -> bool:
        code, beat = parse_entry(text)
        edits = []
        grid = self.model.grid
        for mid, day in keys:
            cell_beat = beat
            if code is not None and beat is None and grid is not None:
                # Keep the officer's beat when only the shift changes.
                old = grid.cells.get((mid, day))
                st = grid.shift_types.get(code)
                if old is not None and old.beat and st is not None and st.is_duty:
                    cell_beat = old.beat
            edits.append(CellEdit(mid, day, code, cell_beat))
        label = (
            f"Set {len(edits)} cell{'s' if len(edits) > 1 else ''} to {text}"
            if code
            else f"Clear {len(edits)} cell{'s' if len(edits) > 1 else ''}"
        )
        return self.apply_edits(edits, label)

    def guarded(self, edit: CellEdit) -> CellEdit:
        """The edit, refused by the service if the cell changed since this window read it."""
        grid = self.model.grid
        cell = grid.cells.get((edit.member_id, edit.day)) if grid else None
        version = cell.version if cell is not None and not cell.from_absence else None
        return replace(edit, expected_version=version, check_version=True)

    def apply_edits(self, edits: list[CellEdit], label: str) -> bool:
        if not edits or self.team is None:
            return False
        try:
            changes = set_cells(
                self.db, self.team, [self.guarded(e) for e in edits], told_at=self.told_at
            )
        except StaleCell as exc:
            choice = self.resolve_conflict(str(exc))
            if choice == "reload":
                self.reload()
                return False
            if choice != "apply":
                return False
            try:
                changes = set_cells(self.db, self.team, edits, told_at=self.told_at)
            except ServiceError as again:
                self.show_error(str(again))
                return False
        except ServiceError as exc:
            self.show_error(str(exc))
            return False
        if changes:
            self.undo_stack.push(
                CellsCommand(
                    self.db, self.team, changes, label, self.changes_applied, self.undo_refused
                )
            )
            self.changes_applied(changes)
            self.show_message(label)
        return True

    def ask_told_at(self) -> None:
        current = (self.told_at or datetime.now(LONDON)).astimezone(LONDON)
        text, ok = QInputDialog.getText(
            self,
            "When were the officers told?",
            "Changes to published days record when the officer was told (it decides the "
            "notice and the compensation).\nDate and time, e.g. 2026-12-01 18:30 — leave empty "
            "for 'as each change is made':",
            text=f"{current:%Y-%m-%d %H:%M}",
        )
        if ok:
            self.set_told_at(text)

    def set_told_at(self, text: str) -> bool:
        if not text.strip():
            self.told_at = None
            self.show_message("Changes are recorded as told when they are made")
            return True
        try:
            value = datetime.fromisoformat(text.strip())
        except ValueError:
            self.show_error(f"'{text}' is not a date and time like 2026-12-01 18:30")
            return False
        self.told_at = value if value.tzinfo else value.replace(tzinfo=LONDON)
        self.show_message(
            f"Changes to published days are recorded as told at {self.told_at:%a %d %b %H:%M}"
        )
        return True

    def resolve_conflict(self, message: str) -> str:
        """Someone else changed a cell: 'reload', 'apply' (overwrite) or 'cancel'."""
        return ask_reload_or_apply(self, message)

    def undo_refused(self, message: str) -> None:
        self.show_error(f"cannot undo: {message}")
        self.reload()

    def changes_applied(self, changes: Sequence[CellChange]) -> None:
        self.model.apply_changes(changes)
        self.recheck(changes)
        self._note_own_change()

    def _note_own_change(self) -> None:
        if self.team is not None:
            self._seen_marker = latest_marker(self.db, self.team)

    def poll_for_changes(self) -> bool:
        """Reload if someone else saved for this team; True if there was something new."""
        if self.team is None or self.view.state() == RosterView.State.EditingState:
            return False
        try:
            marker = latest_marker(self.db, self.team)
        except ServiceError:
            return False
        except Exception as exc:  # a lost server connection must not spam dialogs
            log.warning("could not look for changes: %s", exc)
            return False
        if marker == self._seen_marker:
            return False
        self.reload()
        self.show_message("Updated with changes saved by others")
        return True

    def paste_block(self, row: int, col: int, block: list[list[str]]) -> bool:
        """A tab-separated block from the clipboard, from the current cell: one undo step."""
        edits = []
        for i, line in enumerate(block):
            for j, text in enumerate(line):
                r, c = row + i, col + j
                if r >= len(self.model.rows) or c >= len(self.model.days):
                    continue
                idx = self.model.index(r, c)
                if not self.model.flags(idx) & Qt.ItemFlag.ItemIsEditable:
                    continue
                code, beat = parse_entry(text)
                edits.append(CellEdit(*self.model.key(idx), code, beat))
        return self.apply_edits(edits, f"Paste {len(edits)} cells")

    def fill_cells(self, source: tuple[int, date], targets: list[tuple[int, date]]) -> bool:
        return self.fill_pairs([(source, t) for t in targets])

    def fill_pairs(self, pairs: list[tuple[tuple[int, date], tuple[int, date]]]) -> bool:
        """Copy each source cell onto its target (an empty source clears): one undo step."""
        grid = self.model.grid
        if grid is None or not pairs:
            return False
        edits = []
        for source, target in pairs:
            cell = grid.cells.get(source)
            if cell is None or cell.from_absence:
                edits.append(CellEdit(*target, None))
            else:
                edits.append(CellEdit(*target, cell.code, cell.beat, cell.call_sign, cell.note))
        return self.apply_edits(edits, f"Fill {len(edits)} cells")

    def copy_previous_week(self) -> None:
        if self.team is None:
            return
        target = self.first_day
        try:
            changes = copy_week(self.db, self.team, target - timedelta(days=7), target)
        except ServiceError as exc:
            self.show_error(str(exc))
            return
        if not changes:
            self.show_message("Nothing to copy: every cell of this week is already filled")
            return
        self.undo_stack.push(
            CellsCommand(
                self.db,
                self.team,
                changes,
                "Copy previous week",
                self.changes_applied,
                self.undo_refused,
            )
        )
        self.changes_applied(changes)
        self.show_message(
            f"Copied {len(changes)} entries from the week of {target - timedelta(days=7):%d %b}"
        )

    def publish(self) -> None:
        if self.team is None or self.ci is None:
            return
        blocking = sum(1 for f in self.all_findings() if f.severity is Severity.BLOCK)
        start, end = self.first_day, self.last_day
        text = (
            f"Publish the {self.team_box.currentText()} roster from {long_date(start)} to "
            f"{long_date(end)}?\n\nAfter publishing, every change records when the officer "
            "was told, with its notice and compensation for HR."
        )
        if blocking:
            text += f"\n\n{blocking} blocking finding(s) are still open."
        if not self.confirm("Publish roster", text):
            return
        try:
            publish_period(self.db, self.team, start, end)
        except ServiceError as exc:
            self.show_error(str(exc))
            return
        self.reload()
        self.show_message(f"Published {start:%d %b} – {end:%d %b}")

    def accept_finding(self, finding: Finding) -> None:
        if self.team is None or self.ci is None:
            return
        reason = self.ask_reason(finding)
        if not reason:
            return
        try:
            accept_finding(self.db, self.team, finding, reason)
        except ServiceError as exc:
            self.show_error(str(exc))
            return
        self.ci.overrides = overrides_for(self.db, self.team, self.first_day, self.last_day)
        self._member_findings = {
            mid: accepted(self.ci, fs) for mid, fs in self._member_findings.items()
        }
        self.recheck([])
        self.show_message("Warning accepted; the reason is in the audit trail")

    def ask_reason(self, finding: Finding) -> str:
        text, ok = QInputDialog.getText(
            self, "Accept warning", f"{finding.message}\n\nWhy is this acceptable?"
        )
        return text.strip() if ok else ""

    # --- team editors -------------------------------------------------------------
    def _current_member(self, row: int | None = None) -> MemberInfo | None:
        if row is None:
            idx = self.view.currentIndex()
            row = idx.row() if idx.isValid() else None
        if row is None or row >= len(self.model.rows):
            return None
        return self.model.rows[row].member

    def _current_day(self) -> date:
        idx = self.view.currentIndex()
        return self.model.days[idx.column()] if idx.isValid() else self.first_day

    def open_dialog(self, dialog: FormDialog) -> bool:
        """Shown modally; tests replace this to drive the dialog."""
        return dialog.exec() == FormDialog.DialogCode.Accepted

    def edit_member(self, *, new: bool = False, row: int | None = None) -> None:
        if self.team is None:
            return
        member = None if new else self._current_member(row)
        if not new and member is None:
            self.show_message("Select a person first")
            return
        if self.open_dialog(MemberDialog(self.db, self.team, member, self)):
            self.reload()
            self.show_message("Member saved")

    def record_absence(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        member = self._current_member()
        dialog = AbsenceDialog(
            self.db,
            [r.member for r in self.model.grid.rows],
            self._current_day(),
            member.id if member else None,
            self,
        )
        if self.open_dialog(dialog):
            info, cleared = dialog.result_value
            self.undo_stack.push(
                AbsenceCommand(
                    self.db, self.team, info, cleared, self.reload, on_conflict=self.undo_refused
                )
            )
            self.reload()
            duties = (
                f"; {len(cleared)} dut{'y' if len(cleared) == 1 else 'ies'} cleared"
                if cleared
                else ""
            )
            self.show_message(f"{info.kind.label} recorded{duties} (Ctrl+Z puts them back)")

    def transfer(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        member = self._current_member()
        dialog = TransferDialog(
            self.db,
            [r.member for r in self.model.grid.rows],
            list_teams(self.db),
            self.team,
            self._current_day(),
            member.id if member else None,
            self,
        )
        if self.open_dialog(dialog):
            self.reload()
            self.show_message("Transfer recorded; earlier rosters stay with this team")

    def add_tasking(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        dialog = BriefingItemDialog(
            self.db,
            self.team,
            list(self.model.grid.beats.values()),
            self._current_day(),
            self.last_day,
            self,
        )
        if self.open_dialog(dialog):
            self.show_message("Tasking saved: it will print on the briefing sheets")

    def team_settings(self) -> None:
        if self.model.grid is None:
            return
        if self.open_dialog(TeamSettingsDialog(self.db, self.model.grid.team, self)):
            current = self.team
            self._load_teams(current)
            self.show_message("Team settings saved")

    def edit_beats(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        beats = sorted(self.model.grid.beats.values(), key=lambda b: b.code)
        if self.open_dialog(BeatDialog(self.db, self.team, beats, self)):
            self.reload()
            self.show_message("Beat saved")

    def add_shift_type(self) -> None:
        if self.open_dialog(ShiftTypeDialog(self.db, self)):
            self.reload()
            self.show_message("Code added: type it in any cell")

    def edit_cover(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        grid = self.model.grid
        dialog = CoverDialog(
            self.db,
            self.team,
            sorted(grid.beats.values(), key=lambda b: b.code),
            sorted(grid.shift_types.values(), key=lambda s: s.sort_order),
            self,
        )
        if self.open_dialog(dialog):
            self.reload()
            self.show_message("Cover requirement saved")

    def new_team(self) -> None:
        dialog = TeamDialog(self.db, self)
        if self.open_dialog(dialog):
            self._load_teams(dialog.result_value.code)
            self.show_message("Team created: add members with Team → New member, or import them")

    def apply_pattern(self) -> None:
        if self.team is None or self.model.grid is None:
            return
        rows = sorted({i.row() for i in self.view.selectedIndexes()}) or list(
            range(len(self.model.rows))
        )
        people = [self.model.rows[r].member.id for r in rows]
        dialog = PatternDialog(self.first_day, self.last_day, len(people), self)
        if not self.open_dialog(dialog):
            return
        pattern, start, end, stagger, overwrite = dialog.result_value
        grid = self.model.grid
        beat_of: dict[int, str] = {}
        for (mid, _day), cell in sorted(grid.cells.items(), key=lambda kv: kv[0][1]):
            if cell.beat:
                beat_of[mid] = cell.beat  # each person keeps their usual beat
        try:
            changes = apply_pattern(
                self.db,
                self.team,
                people,
                pattern,
                start,
                end,
                stagger_days=stagger,
                beat_of=beat_of,
                overwrite=overwrite,
            )
        except ServiceError as exc:
            self.show_error(str(exc))
            return
        if changes:
            self.undo_stack.push(
                CellsCommand(
                    self.db,
                    self.team,
                    changes,
                    "Apply pattern",
                    self.changes_applied,
                    self.undo_refused,
                )
            )
            self.changes_applied(changes)
        self.show_message(f"Pattern applied: {len(changes)} cells changed")

    # --- solver ----------------------------------------------------------------------
    def run_solver(self, mode: str, *, time_limit: float = 20.0) -> Job | None:
        """Solve on a worker thread with live progress; Cancel keeps the best roster found."""
        from rosterapp.services.solving import propose
        from rosterapp.solver.search import Progress

        if self.team is None:
            return None
        start = self.first_day
        if mode == "repair":
            start = max(self.first_day, date.today())
            if start > self.last_day:
                self.show_message("Nothing to repair: the weeks shown are in the past")
                return None
        db, team, end = self.db, self.team, self.last_day
        # Several cells selected: only those are the solver's to fill.
        selected = {self.model.key(i) for i in self.view.selectedIndexes()}
        only = selected if len(selected) > 1 else None
        dialog = QProgressDialog("Building the roster…", "Stop and use the best so far", 0, 0, self)
        dialog.setWindowTitle("Auto-roster")
        dialog.setMinimumDuration(300)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def work(progress: Callable[[int, int], bool]) -> object:
            def report(found: Progress) -> bool:
                return progress(found.objective, (found.bound, found.seconds))  # type: ignore[arg-type]

            return propose(
                db, team, start, end, mode=mode, time_limit=time_limit, progress=report, only=only
            )

        job = Job(work, keep_result_on_cancel=True)
        self._jobs.add(job)

        def progress(cost: float, bound_and_time: tuple[float, float]) -> None:
            bound, seconds = bound_and_time
            dialog.setLabelText(
                f"Best roster so far: cost {cost:g} (lower bound {bound:g}), {seconds:.1f} s"
            )

        def done(proposal: object) -> None:
            dialog.reset()
            self._jobs.discard(job)
            self.show_proposal(proposal)  # type: ignore[arg-type]

        def failed(message: str) -> None:
            dialog.reset()
            self._jobs.discard(job)
            self.show_error(message)

        job.signals.progress.connect(progress)
        job.signals.done.connect(done)
        job.signals.failed.connect(failed)
        dialog.canceled.connect(job.cancel)
        start_job(job)
        return job

    def show_proposal(self, proposal: Proposal) -> None:
        if proposal.conflicts:
            QMessageBox.warning(
                self,
                "The fixed entries cannot all be kept",
                "The rules cannot be met with these entries as they are:\n\n"
                + "\n".join(proposal.conflicts[:15]),
            )
            return
        if not proposal.found:
            self.show_error(f"the solver found no roster in time ({proposal.status})")
            return
        if not proposal.edits:
            self.show_message("The solver would change nothing")
            return
        from rosterapp.ui.solve_preview import PreviewDialog

        self.model.set_preview({(e.member_id, e.day): e for e in proposal.edits})
        try:
            dialog = PreviewDialog(proposal, self)
            accepted = self.review_proposal(dialog)
            chosen = dialog.chosen() if accepted else []
        finally:
            self.model.set_preview({})
        if not chosen:
            self.show_message("Proposal discarded: nothing changed")
            return
        self.apply_edits(chosen, f"Auto-roster: {len(chosen)} cells")

    def review_proposal(self, dialog: PreviewDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    # --- exports ----------------------------------------------------------------
    def export(self, kind: str = "xlsx") -> None:
        if self.team is None or self.model.grid is None:
            return
        grid = self.model.grid
        current = self.view.currentIndex()
        start = (
            self.model.days[current.column()]
            if kind == "briefing" and current.isValid()
            else self.first_day
        )
        shifts = [
            c
            for c, s in sorted(grid.shift_types.items(), key=lambda kv: kv[1].sort_order)
            if s.is_duty
        ]
        dialog = ExportDialog(
            self.team, start, self.last_day, shifts, [r.member for r in grid.rows], self, kind=kind
        )
        if current.isValid():
            dialog.ui.member.setCurrentIndex(current.row() if not self.filter_edit.text() else 0)
        if not self.run_dialog(dialog) or dialog.request is None:
            return
        self.run_export(dialog.request)

    def run_dialog(self, dialog: ExportDialog) -> bool:
        return dialog.exec() == ExportDialog.DialogCode.Accepted

    def run_export(self, request: ExportRequest) -> Job:
        """Write the file on a worker thread; a progress dialog offers Cancel."""
        from rosterapp.services import exporting

        db, team = self.db, self.team
        assert team is not None

        def work(progress: Callable[[int, int], bool]) -> Path:
            if request.kind == "xlsx":
                return exporting.export_xlsx(
                    db, team, request.start, request.end, request.path, progress
                )
            if request.kind == "briefing":
                assert request.shift is not None
                return exporting.export_briefing(
                    db, team, request.start, request.shift, request.path
                )
            if request.kind == "roster-pdf":
                return exporting.export_roster_pdf(
                    db, team, request.start, request.end, request.path
                )
            assert request.member is not None
            return exporting.export_ics(
                db, request.member, request.start, request.end, request.path
            )

        dialog = QProgressDialog(f"Writing {request.path.name}…", "Cancel", 0, 0, self)
        dialog.setWindowTitle("Export")
        dialog.setMinimumDuration(400)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        job = Job(work)
        self._jobs.add(job)

        def progress(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        def finished() -> None:
            dialog.reset()
            self._jobs.discard(job)

        def done(path: Path) -> None:
            finished()
            self.show_message(f"Wrote {path}")
            self.after_export(path, request.open_after)

        def failed(message: str) -> None:
            finished()
            self.show_error(message)

        def cancelled() -> None:
            finished()
            self.show_message("Export cancelled: no file was written")

        job.signals.progress.connect(progress)
        job.signals.done.connect(done)
        job.signals.failed.connect(failed)
        job.signals.cancelled.connect(cancelled)
        dialog.canceled.connect(job.cancel)
        start_job(job)
        return job

    def after_export(self, path: Path, open_file: bool) -> None:
        if open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            return
        box = QMessageBox(self)
        box.setWindowTitle("Export finished")
        box.setText(f"Wrote {path.name}")
        box.setInformativeText(str(path.parent))
        open_button = box.addButton("Open the file", QMessageBox.ButtonRole.AcceptRole)
        folder_button = box.addButton("Open the folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif box.clickedButton() is folder_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    # --- imports -----------------------------------------------------------------
    def choose_import(self, kind: str) -> None:
        what = "members" if kind == "members" else "roster entries"
        path, _ = QFileDialog.getOpenFileName(
            self, f"Import {what}", str(Path.home()), "Spreadsheets (*.csv *.xlsx)"
        )
        if path:
            self.run_import(kind, Path(path))

    def run_import(self, kind: str, path: Path) -> Job:
        """All rows are checked first; nothing is written unless every row is valid."""
        from rosterapp.services.imports import import_members, import_roster

        db, team = self.db, self.team

        def work(progress: Callable[[int, int], bool]) -> object:
            if kind == "members":
                return import_members(db, path, team=team)
            return import_roster(db, path)

        job = Job(work)
        self._jobs.add(job)

        def done(result: object) -> None:
            self._jobs.discard(job)
            self.reload()
            self.show_message(f"Imported {getattr(result, 'rows', 0)} rows from {path.name}")

        def failed(message: str) -> None:
            self._jobs.discard(job)
            self.show_import_problems(path, message)

        job.signals.done.connect(done)
        job.signals.failed.connect(failed)
        self.show_message(f"Checking {path.name}…")
        start_job(job)
        return job

    def show_import_problems(self, path: Path, message: str) -> None:
        """Every bad row, with its row and column; the file can be fixed and imported again."""
        self.show_error(f"{path.name} was not imported")
        head, _, rows = message.partition(": row ")
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Nothing was imported", head if rows else message, parent=self
        )
        if rows:
            box.setInformativeText("Fix these rows and import the file again.")
            box.setDetailedText("row " + rows.replace("; row ", "\nrow "))
        self.last_import_problem = message
        box.open()

    # --- backups and the audit trail ----------------------------------------------
    def run_quietly(
        self, fn: Callable[[], object], done_message: str | None = None, failure: str = ""
    ) -> Job:
        """Background work with no dialog: a message when done, a sentence if it fails."""
        job = Job(lambda progress: fn())
        self._jobs.add(job)

        def done(result: object) -> None:
            self._jobs.discard(job)
            if done_message:
                self.show_message(done_message.format(result=result))

        def failed(message: str) -> None:
            self._jobs.discard(job)
            self.show_error(f"{failure}{message}")

        job.signals.done.connect(done)
        job.signals.failed.connect(failed)
        start_job(job)
        return job

    def start_daily_backup(self) -> Job:
        from rosterapp.services.backups import daily_backup

        db, keep = self.db, self.backups_to_keep()
        return self.run_quietly(lambda: daily_backup(db, keep), None, "daily backup failed: ")

    def backups_to_keep(self) -> int:
        from rosterapp.services.backups import DEFAULT_KEEP

        try:
            return max(1, int(str(self.settings.value("backups/keep", DEFAULT_KEEP))))
        except ValueError:
            return DEFAULT_KEEP

    def ask_backups_to_keep(self) -> None:
        value, ok = QInputDialog.getInt(
            self, "Daily backups", "How many daily backups to keep:", self.backups_to_keep(), 1, 365
        )
        if ok:
            self.settings.setValue("backups/keep", value)
            self.show_message(f"The last {value} daily backups will be kept")

    def backup_now(self) -> None:
        from rosterapp.services.backups import backup

        suggested = paths.backup_dir() / f"rosterapp-{datetime.now():%Y%m%d-%H%M}.sqlite3"
        target, _ = QFileDialog.getSaveFileName(
            self, "Back up to", str(suggested), "Backups (*.sqlite3)"
        )
        if target:
            db = self.db
            self.run_quietly(lambda: backup(db, Path(target)), "Backed up to {result}")

    def restore_backup(self) -> None:
        from rosterapp.services.backups import check_backup, restore

        source, _ = QFileDialog.getOpenFileName(
            self, "Restore from", str(paths.backup_dir()), "Backups (*.sqlite3)"
        )
        if not source:
            return
        try:
            check_backup(Path(source))
        except DatabaseError as exc:
            self.show_error(str(exc))
            return
        if not self.confirm(
            "Restore from a backup",
            f"Replace everything in {self.db.display_name} with "
            f"{Path(source).name}? The current data is kept aside.",
        ):
            return
        target = (
            str(self.db.sqlite_path)
            if self.db.sqlite_path
            else self.db.url.render_as_string(hide_password=False)
        )
        self.db.close()
        try:
            aside = restore(target, Path(source))
        finally:
            self.db = Database.open(target)
        self.undo_stack.clear()
        self._load_teams(self.team)
        self.show_message(f"Restored; the previous data is kept in {aside.name}")

    def show_audit(self) -> None:
        from rosterapp.ui.audit_view import AuditDialog

        dialog = AuditDialog(self.db, self.team, self.first_day, self.last_day, self)
        dialog.show()

    # --- messages ---------------------------------------------------------------
    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def show_error(self, text: str) -> None:
        """Edits that the services refuse: said in the status bar, nothing changed."""
        self.statusBar().setStyleSheet("color: #b00020; font-weight: bold")
        self.statusBar().showMessage(f"Not saved: {text}", 10000)
        # Tied to the window: never fires after it has gone.
        QTimer.singleShot(10000, self, lambda: self.statusBar().setStyleSheet(""))

    def about(self) -> None:
        QMessageBox.about(self, f"About {APP_DISPLAY_NAME}", about_text(self.db))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("state", self.saveState())
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
        "<p>Licence: MIT. Fonts: DejaVu (free licence, in resources/fonts).</p>"
        f"<p>Database: {db.display_name}<br>Data folder: {paths.user_data_dir()}<br>"
        f"Backups: {paths.backup_dir()}<br>Log: {paths.log_dir()}</p>"
        f"<p>Built with Qt and {', '.join(libraries)}.</p>"
    )
