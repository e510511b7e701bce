"""Matching a spreadsheet's own columns to the ones the app reads, with a preview of
the first rows: guessed from the header names, remembered for the next file with the
same header, and not accepted while a needed column is unmatched or matched twice."""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rosterapp.importers.tabular import guess_mapping, norm_header
from rosterapp.ui.palette import error_style

IGNORE = ""  # the column is left out


def settings_key(kind: str, header: Sequence[str]) -> str:
    """By the set of headers: the same sheet with its columns moved is matched the same."""
    return f"import/mapping/{kind}/" + "|".join(sorted({norm_header(h) for h in header}))


def remembered(settings: QSettings, kind: str, header: Sequence[str]) -> dict[str, str]:
    raw = settings.value(settings_key(kind, header), "")
    try:
        found = json.loads(str(raw)) if raw else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def needs_mapping(
    header: Sequence[str], required: set[str], optional: set[str], aliases: dict[str, str]
) -> bool:
    """False when every header is a column the app knows (or an alias of one) and every
    needed column is there: such a file imports without the extra step."""
    guess = guess_mapping(list(header), required | optional, aliases)
    return IGNORE in guess.values() or not required <= set(guess.values())


class ColumnMappingDialog(QDialog):
    def __init__(
        self,
        file_name: str,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        required: set[str],
        optional: set[str],
        aliases: dict[str, str],
        chosen: dict[str, str] | None = None,
        parent: QWidget | None = None,
        meaning: dict[str, str] | None = None,  # column → what it holds, as a tooltip
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Columns of {file_name}")
        self.resize(880, 560)
        self.header, self.required = list(header), required
        guess = guess_mapping(self.header, required | optional, aliases)
        guess.update(chosen or {})
        targets = [*sorted(required), *sorted(optional - required)]
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Match each column of your file to what it holds. Needed: "
            f"{', '.join(sorted(required))}. Columns left out are not read.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.header), 3, self)
        self.table.setHorizontalHeaderLabels(["Column in the file", "Holds", "First values"])
        self.table.setAccessibleName("Column matching")
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.boxes: list[QComboBox] = []
        for i, name in enumerate(self.header):
            self.table.setItem(i, 0, QTableWidgetItem(name))
            box = self._box(name, targets, meaning or {})
            box.setCurrentIndex(max(box.findData(guess.get(norm_header(name), IGNORE)), 0))
            box.currentIndexChanged.connect(self._check)
            self.table.setCellWidget(i, 1, box)
            self.boxes.append(box)
            sample = ", ".join(r[i] for r in rows[:3] if i < len(r) and r[i])
            self.table.setItem(i, 2, QTableWidgetItem(sample))
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 250)
        layout.addWidget(self.table, 2)
        n = len(rows)
        layout.addWidget(QLabel(f"The first {n} row{'s' if n != 1 else ''} of the file:", self))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self._preview(rows), 1)
        self.error = QLabel(self)
        self.error.setStyleSheet(error_style(bold=True))
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._check()

    def _box(self, name: str, targets: list[str], meaning: dict[str, str]) -> QComboBox:
        """The choice of what the file's column `name` holds; each says what it is."""
        box = QComboBox(self.table)
        box.setAccessibleName(f"What the column {name} holds")
        box.addItem("— leave out —", IGNORE)
        for t in targets:
            box.addItem(t + (" (needed)" if t in self.required else ""), t)
            if t in meaning:
                box.setItemData(box.count() - 1, meaning[t], Qt.ItemDataRole.ToolTipRole)
        return box

    def _preview(self, rows: Sequence[Sequence[str]]) -> QTableWidget:
        """The file's first rows as they are, under its own headers."""
        preview = QTableWidget(len(rows), len(self.header), self)
        preview.setHorizontalHeaderLabels(self.header)
        preview.setAccessibleName("The first rows of the file")
        for r, values in enumerate(rows):
            for c, value in enumerate(values[: len(self.header)]):
                preview.setItem(r, c, QTableWidgetItem(value))
        preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return preview

    def mapping(self) -> dict[str, str]:
        """Normalised header → the column chosen ('' to leave it out)."""
        return {
            norm_header(name): str(box.currentData() or IGNORE)
            for name, box in zip(self.header, self.boxes, strict=True)
            if norm_header(name)
        }

    def problem(self) -> str:
        chosen = [v for v in self.mapping().values() if v]
        twice = sorted({v for v in chosen if chosen.count(v) > 1})
        if twice:
            return f"{', '.join(twice)}: chosen for two columns"
        missing = sorted(self.required - set(chosen))
        if missing:
            return f"Still needed: {', '.join(missing)}"
        return ""

    def _check(self) -> None:
        problem = self.problem()
        self.error.setText(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)
