"""A read-only table of text cells with tooltips and per-cell emphasis: what the
Strength and overview windows list (their rows are built from plain values)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from rosterapp.ui.palette import hex_tone, tone

Index = QModelIndex | QPersistentModelIndex

SHORT = QColor(hex_tone("flag_short"))  # below establishment, short of cover, over a threshold
GOOD = QColor(hex_tone("flag_good"))


@dataclass(frozen=True, slots=True)
class TextCell:
    text: str
    tip: str | None = None
    flag: QColor | None = None  # a background that says "look here"
    bold: bool = False
    number: bool = False  # right-aligned


class TextTableModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = list(headers)
        self.rows: list[list[TextCell]] = []
        self.keys: list[object] = []  # what each row stands for (a team code…)

    def set_rows(
        self,
        rows: Sequence[Sequence[TextCell]],
        keys: Sequence[object] | None = None,
        headers: Sequence[str] | None = None,
    ) -> None:
        self.beginResetModel()
        if headers is not None:
            self.headers = list(headers)
        self.rows = [list(r) for r in rows]
        self.keys = list(keys) if keys is not None else [None] * len(self.rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if index.column() >= len(row):
            return None
        cell = row[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tip
        if role == Qt.ItemDataRole.BackgroundRole and cell.flag is not None:
            return QBrush(cell.flag)
        if role == Qt.ItemDataRole.ForegroundRole and cell.flag is not None:
            return QBrush(tone("cell_text"))  # readable on the light flag in dark mode too
        if role == Qt.ItemDataRole.FontRole and cell.bold:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and cell.number:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1) if 0 <= section < len(self.rows) else None

    def text(self, row: int, column: int) -> str:
        return self.rows[row][column].text


def num(value: int | None, none: str = "–") -> str:
    return none if value is None else f"{value:,}"


def table_view(model: TextTableModel, name: str, parent: QWidget) -> QTableView:
    """A read-only, row-selecting view of a text table."""
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table
