"""Why a file was not imported: every bad row, with its row and column, in a table."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rosterapp.importers.tabular import RowError

COLUMNS = ("Row", "Column", "Problem")


class ImportProblemsDialog(QDialog):
    def __init__(
        self, path: Path, errors: Sequence[RowError], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nothing was imported")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        # Rows, not problems: a row with two bad cells is one row to fix.
        bad_rows = len({e.row for e in errors})
        heading = QLabel(
            f"<b>{escape(path.name)} was not imported: {bad_rows} "
            f"row{'s have' if bad_rows != 1 else ' has'} a problem.</b><br>"
            "Nothing was written. Fix these rows and import the file again.",
            self,
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.table = QTableWidget(len(errors), len(COLUMNS), self)
        self.table.setAccessibleName("Rows that could not be imported")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for i, error in enumerate(errors):
            row = QTableWidgetItem()
            row.setData(Qt.ItemDataRole.DisplayRole, error.row)  # sorts as a number
            self.table.setItem(i, 0, row)
            self.table.setItem(i, 1, QTableWidgetItem(error.column or ""))
            self.table.setItem(i, 2, QTableWidgetItem(error.message))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # as in the file
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table lists, in the order shown."""
        out = []
        for r in range(self.table.rowCount()):
            items = [self.table.item(r, c) for c in range(len(COLUMNS))]
            row, column, problem = (item.text() if item else "" for item in items)
            out.append((row, column, problem))
        return out
