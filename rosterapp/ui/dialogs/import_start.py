"""Before a file is chosen: the columns an import reads, needed and optional, what each
holds and the other headers taken for it, so that the sergeant can check the sheet."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
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

from rosterapp.importers.specs import ImportSpec

COLUMNS = ("Column", "Needed", "Holds", "Also read from headers")


class ImportStartDialog(QDialog):
    def __init__(self, spec: ImportSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setWindowTitle(f"Import {spec.what}")
        self.resize(960, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<b>A CSV or Excel file with one row per {_one(spec)}.</b> The first row names "
            "the columns, in any order and any case. Needed columns are marked; a sheet "
            "with other headers can be matched column by column once it is chosen. Nothing "
            "is imported unless every row is right.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(spec.columns()), len(COLUMNS), self)
        self.table.setAccessibleName(f"Columns of a {spec.what} file")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for i, column in enumerate(spec.columns()):
            cells = (
                column,
                "needed" if column in spec.required else "",
                spec.meaning.get(column, ""),
                ", ".join(h.replace("_", " ") for h in spec.also_read_from(column)),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column in spec.required and c < 2:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(i, c, item)
        header = self.table.horizontalHeader()
        for c in (0, 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        layout.addWidget(self.table)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.choose = self.buttons.addButton(
            "&Choose file…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.choose.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        """Rows as tall as their wrapped text once the columns have their widths."""
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def rows(self) -> list[tuple[str, ...]]:
        """What the table lists, row by row."""
        return [
            tuple(
                (item.text() if (item := self.table.item(r, c)) else "")
                for c in range(len(COLUMNS))
            )
            for r in range(self.table.rowCount())
        ]


def _one(spec: ImportSpec) -> str:
    return {"members": "member", "roster": "officer's day", "requests": "request"}.get(
        spec.kind, "row"
    )
