"""Cover: required against rostered per beat (or team), shift and day, in red/amber/green."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDockWidget, QHeaderView, QTableView, QWidget

from rosterapp.domain.cover import CoverCount
from rosterapp.domain.grid import Grid
from rosterapp.ui.palette import hex_tone, tone

Index = QModelIndex | QPersistentModelIndex
RED, AMBER, GREEN = (QColor(hex_tone(n)) for n in ("cover_short", "cover_amber", "cover_good"))


def status_colour(count: CoverCount) -> QColor:
    if count.rostered >= count.required:
        return GREEN
    # One short of a requirement of two or more is amber; anything worse is red.
    return AMBER if count.required >= 2 and count.shortfall == 1 else RED


def status_mark(count: CoverCount) -> str:
    """The status as a sign, so that it never rests on colour alone: none, ▲ or ✖."""
    colour = status_colour(count)
    return "" if colour is GREEN else (" ▲" if colour is AMBER else " ✖")


class CoverModel(QAbstractTableModel):
    """Rows: one per requirement (beat or team, shift, rank or skill); columns: days."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.days: list[date] = []
        self.keys: list[tuple[str | None, str, str | None, str | None]] = []
        self.counts: dict[
            tuple[tuple[str | None, str, str | None, str | None], date], CoverCount
        ] = {}
        self.labels: dict[tuple[str | None, str, str | None, str | None], str] = {}
        self.heading = "wide"  # as the grid's: the day on one line, or on two
        self.beat_order: dict[str, int] = {}  # rows follow the team's order of beats

    def set_heading(self, heading: str) -> None:
        if heading != self.heading:
            self.heading = heading
            if self.days:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.days) - 1)

    def set_counts(self, grid: Grid, days: list[date], counts: Sequence[CoverCount]) -> None:
        beat_order = {code: b.sort_order for code, b in grid.beats.items()}
        same_shape = (
            days == self.days
            and beat_order == self.beat_order
            and len(counts) == len(self.counts)
            and all(
                ((c.beat, c.shift, c.rank.value if c.rank else None, c.skill), c.day) in self.counts
                for c in counts
            )
        )
        if same_shape:
            # An edit changed a few numbers: repaint them, keep the table as it is.
            for c in counts:
                self.counts[
                    ((c.beat, c.shift, c.rank.value if c.rank else None, c.skill), c.day)
                ] = c
            if self.keys and self.days:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self.keys) - 1, len(self.days) - 1)
                )
            return
        self.beginResetModel()
        self.beat_order = beat_order
        self.days = list(days)
        self.counts = {}
        keys: dict[tuple[str | None, str, str | None, str | None], None] = {}
        for c in counts:
            key = (c.beat, c.shift, c.rank.value if c.rank else None, c.skill)
            keys[key] = None
            self.counts[(key, c.day)] = c
        order = {code: st.sort_order for code, st in grid.shift_types.items()}
        self.keys = sorted(
            keys,
            key=lambda k: (
                k[0] is not None,
                beat_order.get(k[0] or "", 0),
                k[0] or "",
                order.get(k[1], 99),
                k[2] or "",
                k[3] or "",
            ),
        )
        self.labels = {}
        for beat, shift, rank, skill in self.keys:
            where = grid.beats[beat].name if beat and beat in grid.beats else grid.team.name
            st = grid.shift_types.get(shift)
            what = f" · {rank}s" if rank else (f" · {skill}" if skill else "")
            self.labels[(beat, shift, rank, skill)] = f"{where} {st.name if st else shift}{what}"
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.days)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        count = self.counts.get((self.keys[index.row()], self.days[index.column()]))
        if count is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{count.rostered}/{count.required}{status_mark(count)}"
        if role == Qt.ItemDataRole.BackgroundRole:
            return status_colour(count)
        if role == Qt.ItemDataRole.ForegroundRole:
            return tone("cell_text")  # the fills are light in both schemes
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            label = self.labels[self.keys[index.row()]]
            state = "covered" if count.shortfall == 0 else f"{count.shortfall} short"
            return (
                f"{label}, {count.day:%A} {count.day.day} {count.day:%B}: "
                f"{count.rostered} rostered of {count.required} required ({state})"
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section < len(self.days):
                day = self.days[section]
                return f"{day:%a} {day.day}" if self.heading == "wide" else f"{day:%a}\n{day.day}"
            return None
        if section < len(self.keys):
            return self.labels[self.keys[section]]
        return None


class CoverDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Cover: rostered / required", parent)
        self.setObjectName("coverDock")
        self.model = CoverModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Cover by beat, shift and day")
        self.table.setShowGrid(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(44)
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.setWidget(self.table)
