"""The audit trail: who changed what and when, filtered, and exported for HR."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rosterapp import paths
from rosterapp.domain.calendar import LONDON
from rosterapp.exports.files import ExportError
from rosterapp.services.audit import AuditRow, export_csv, list_events
from rosterapp.ui.operations import Operations, sentence
from rosterapp.ui.qdates import from_qdate, to_qdate

COLUMNS = ["When", "Who", "What", "Member", "Date", "Before", "After", "Reason"]
ACTIONS = [
    ("Everything", ""),
    ("Roster cells", "roster."),
    ("Members", "member."),
    ("Absences", "absence."),
    ("Accepted warnings", "finding."),
    ("Publishing", "period."),
    ("Imports", "import."),
    ("Settings", "team."),
]


class AuditModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        r = self.rows[index.row()]
        local = r.at.astimezone(LONDON)
        values = [
            f"{local:%d %b %Y %H:%M}",
            r.user,
            r.action,
            r.member or "",
            f"{r.day:%a %d %b}" if r.day else "",
            r.before,
            r.after,
            r.reason or "",
        ]
        return values[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if section < len(COLUMNS) else None
        return None


class AuditDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        team: str | None,
        start: date,
        end: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops, self.team = ops, team
        self.setWindowTitle(f"Audit trail — {team or 'all teams'}")
        self.resize(1100, 600)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters(start, end))
        self.model = AuditModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Audit trail")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.status = QLabel(self)
        layout.addWidget(self.status)
        for signal in (
            self.start.dateChanged,
            self.end.dateChanged,
            self.member.textChanged,
            self.user.textChanged,
            self.action.currentIndexChanged,
        ):
            signal.connect(self.refresh)
        self.refresh()

    def _filters(self, start: date, end: date) -> QHBoxLayout:
        """The days, who and what to show, and the CSV export of what is shown."""
        bar = QHBoxLayout()
        self.start = QDateEdit(to_qdate(start), self)
        self.end = QDateEdit(to_qdate(end), self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.user = QLineEdit(self)
        self.user.setPlaceholderText("changed by (user)")
        self.user.setAccessibleName("Filter by who made the change")
        self.member = QLineEdit(self)
        self.member.setPlaceholderText("member name or shoulder number")
        self.member.setAccessibleName("Filter by member")
        self.action = QComboBox(self)
        self.action.setAccessibleName("Filter by kind of change")
        for label, prefix in ACTIONS:
            self.action.addItem(label, prefix)
        export = QPushButton("Export CSV…", self)
        export.clicked.connect(self.export)
        start_label, end_label = QLabel("Days &from", self), QLabel("&to", self)
        start_label.setBuddy(self.start)
        end_label.setBuddy(self.end)
        for w in (
            start_label,
            self.start,
            end_label,
            self.end,
            self.user,
            self.member,
            self.action,
            export,
        ):
            bar.addWidget(w)
        return bar

    def refresh(self) -> None:
        """Read the events on the database worker; a newer filter makes an older read moot."""
        team, start, end = self.team, from_qdate(self.start.date()), from_qdate(self.end.date())
        member, action, user = self.member.text(), str(self.action.currentData()), self.user.text()
        self.ops.query(
            lambda db: list_events(db, team, start, end, member, action, user=user), key="audit"
        ).success(self._show_rows).failure(
            lambda exc: self.status.setText(f"Not read: {sentence(exc)}")
        ).run()

    def _show_rows(self, rows: list[AuditRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.status.setText(f"{len(rows)} change(s)")

    def export(self, target: Path | None = None) -> Path | None:
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                "Export the audit trail",
                str(paths.default_export_dir() / "audit.csv"),
                "CSV (*.csv)",
            )
            if not chosen:
                return None
            target = Path(chosen)
        try:
            out = export_csv(self.model.rows, target)
        except ExportError as exc:
            self.status.setText(f"Not exported: {exc}")
            return None
        self.status.setText(f"Exported {len(self.model.rows)} rows to {out}")
        return out
