"""How the grid is laid out: readable columns that scroll sideways under frozen names,
zoom (Ctrl+= / Ctrl+-), compact codes, and the cover table kept day under day."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView

from rosterapp.ui.mainwindow.base import WindowBase
from rosterapp.ui.palette import Scheme, apply_scheme, mark_style, notice_style
from rosterapp.ui.settings import Key

ZOOMS = (0.7, 0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75)
# Narrower than this and "L SOH" or a two-line day heading no longer reads.
MIN_COLUMN = 66
MIN_COMPACT_COLUMN = 40
ROW_HEIGHT = 24


def zoom_steps(value: object) -> int:
    try:
        step = int(str(value))
    except ValueError:
        return ZOOMS.index(1.0)
    return min(max(step, 0), len(ZOOMS) - 1)


class GridLayout(WindowBase):
    zoom_step: int
    _base_font: QFont

    @property
    def zoom(self) -> float:
        return ZOOMS[self.zoom_step]

    def min_column_width(self) -> int:
        base = MIN_COMPACT_COLUMN if self.model.compact else MIN_COLUMN
        return round(base * self.zoom)

    def set_zoom(self, step: int) -> None:
        step = min(max(step, 0), len(ZOOMS) - 1)
        if step == self.zoom_step and hasattr(self, "_base_font"):
            return
        self.zoom_step = step
        self.settings.setValue(Key.ZOOM, step)
        self.apply_zoom()
        self.show_message(f"Zoom {round(self.zoom * 100)} % (Ctrl+0 for 100 %)")

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom_step + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom_step - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(ZOOMS.index(1.0))

    def apply_zoom(self) -> None:
        """Font, row height and the narrowest column follow the zoom, in grid and cover."""
        if not hasattr(self, "_base_font"):
            self._base_font = QFont(self.view.font())
        font = QFont(self._base_font)
        size = self._base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * self.zoom)
        for widget in (self.view, self.cover_dock.table):
            widget.setFont(font)
            widget.horizontalHeader().setFont(font)
            widget.verticalHeader().setFont(font)
        rows = round(ROW_HEIGHT * self.zoom)
        self.view.verticalHeader().setDefaultSectionSize(rows)
        self.cover_dock.table.verticalHeader().setDefaultSectionSize(round(rows * 0.85))
        self.fit_columns()

    def set_compact(self, compact: bool) -> None:
        """Just the codes (beats in the tooltip): four weeks fit a laptop screen."""
        self.model.set_compact(compact)
        self.settings.setValue(Key.COMPACT, compact)
        action = self.actions_by_name.get("compact")
        if action is not None and action.isChecked() != compact:
            action.setChecked(compact)
        self.fit_columns()

    def set_colours(self, scheme: Scheme | str, *, remember: bool = True) -> None:
        """System, light or dark (View → Colours), remembered for the next start."""
        try:
            chosen = Scheme(str(scheme))
        except ValueError:
            chosen = Scheme.SYSTEM
        apply_scheme(chosen)
        if remember:
            self.settings.setValue(Key.COLOURS, chosen.value)
        action = self.actions_by_name.get(f"colours_{chosen.value}")
        if action is not None and not action.isChecked():
            action.setChecked(True)
        # Labels styled by hand take the new tones; the grid repaints from the palette.
        if hasattr(self, "who_label") and self.who_label.styleSheet():
            self.who_label.setStyleSheet(notice_style())
        if hasattr(self, "first_steps"):
            for mark in self.first_steps.marks:
                mark.setStyleSheet(mark_style(mark.text() == "✔"))
        self.view.viewport().update()
        self.cover_dock.table.viewport().update()

    def fit_columns(self) -> None:
        """The days share the width, but never narrower than a readable column: then
        the grid scrolls sideways while the names (the row headings) stay put. The
        cover table under it has the same columns, day under day."""
        days = max(len(self.model.days), 1)
        available = self.view.viewport().width()
        width = max(self.min_column_width(), available // days)
        cover = self.cover_dock.table
        for header in (self.view.horizontalHeader(), cover.horizontalHeader()):
            header.setMinimumSectionSize(min(20, width))
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setDefaultSectionSize(width)
            for section in range(header.count()):
                header.resizeSection(section, width)
        names = max(
            120,
            self.view.verticalHeader().sizeHint().width(),
            min(cover.verticalHeader().sizeHint().width(), 240),
        )
        self.view.verticalHeader().setFixedWidth(names)
        cover.verticalHeader().setFixedWidth(names)
        if width >= round(84 * self.zoom):
            heading = "wide"
        elif width >= round(MIN_COLUMN * self.zoom):
            heading = "narrow"
        else:
            heading = "tight"
        self.model.set_heading(heading)
        self.cover_dock.model.set_heading(heading)
