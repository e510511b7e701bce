"""The team's beats as a list: add or edit one (the beat form), retire or reinstate,
and move up or down (the order of the cover panel and the forms)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.values import BeatInfo
from rosterapp.services.beats import list_beats
from rosterapp.services.leavers import move_beat, set_beat_in_use
from rosterapp.storage import Database
from rosterapp.ui.operations import Changes, Operations, sentence

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Code", "Name", "Ward", "Hotspot", "In use")


class BeatsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.beats: list[BeatInfo] = []

    def set_beats(self, beats: Sequence[BeatInfo]) -> None:
        self.beginResetModel()
        self.beats = sorted(beats, key=lambda b: (b.sort_order, b.code))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.beats)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        b = self.beats[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                b.code,
                b.name,
                b.ward,
                "yes" if b.hotspot else "",
                "yes" if b.active else "retired",
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not b.active:
            return QColor("#777777")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1) if 0 <= section < len(self.beats) else None


class BeatsListDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        team: str,
        beats: Sequence[BeatInfo],
        edit: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Beats")
        self.resize(700, 420)
        self.ops, self.team = ops, team
        self.model = BeatsModel(self)
        self.model.set_beats(beats)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Beats")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020; font-weight: bold")
        row = QHBoxLayout()
        for text, slot in (
            ("&New or edit…", edit),
            ("&Retire / reinstate", self.toggle_active),
            ("Move &up", lambda: self.move_selected(-1)),
            ("Move &down", lambda: self.move_selected(1)),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(
            "A retired beat stays on the duties worked on it but is not offered any more.",
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)

    def selected(self) -> BeatInfo | None:
        idx = self.table.currentIndex()
        return self.model.beats[idx.row()] if idx.isValid() else None

    def refresh(self, keep: str | None = None) -> None:
        team = self.team
        self.ops.query(lambda db: list_beats(db, team)).success(
            lambda beats: self._show(beats, keep)
        ).run()

    def _show(self, beats: list[BeatInfo], keep: str | None) -> None:
        self.model.set_beats(beats)
        row = next((i for i, b in enumerate(self.model.beats) if b.code == keep), -1)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def _save(self, fn: Callable[[Database], object], keep: str) -> None:
        def done(_result: object) -> None:
            self.error.setText("")
            self.refresh(keep)

        self.ops.write(fn, Changes(week=True)).success(done).failure(
            lambda exc: self.error.setText(sentence(exc))
        ).run()

    def toggle_active(self) -> None:
        b = self.selected()
        if b is None:
            self.error.setText("Choose a beat first")
            return
        team, code, in_use = self.team, b.code, not b.active
        self._save(lambda db: set_beat_in_use(db, team, code, in_use), code)

    def move_selected(self, step: int) -> None:
        b = self.selected()
        if b is None:
            self.error.setText("Choose a beat first")
            return
        team, code = self.team, b.code
        self._save(lambda db: move_beat(db, team, code, step), code)
