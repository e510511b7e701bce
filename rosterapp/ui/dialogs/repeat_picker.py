"""How an operation repeats, picked in the form: once, daily for N days, or weekly for
N weeks on the days of the week ticked (LFR on Tuesdays and Fridays for 8 weeks). It
writes the same text the command line takes ("weekly:8:tue,fri"), and says under it
what one save will create, before anything is saved."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from rosterapp.domain.operation_plan import DAY_NAMES, MAX_REPEATS, occurrences

_UNITS = (("Once", ""), ("Daily", "daily"), ("Weekly", "weekly"))
_SUFFIX = {"daily": " days", "weekly": " weeks", "": " times"}


class RepeatPicker(QWidget):
    """The repeat's kind, how many days or weeks, and (weekly) on which days."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = QComboBox(self)
        self.unit.setAccessibleName("Repeat")
        for text, value in _UNITS:
            self.unit.addItem(text, value)
        self.times = QSpinBox(self)
        self.times.setAccessibleName("How many days or weeks")
        self.times.setRange(1, MAX_REPEATS)
        self.times.setValue(8)
        self.on_label = QLabel("on", self)
        self.days: list[QCheckBox] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.unit)
        row.addWidget(self.times)
        row.addWidget(self.on_label)
        for name in DAY_NAMES:
            box = QCheckBox(name[:3].capitalize(), self)
            box.setAccessibleName(name.capitalize())
            box.toggled.connect(lambda _on: self.changed.emit())
            row.addWidget(box)
            self.days.append(box)
        row.addStretch(1)
        self._weekday = 0  # the form's date's day of the week
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.times.valueChanged.connect(lambda _n: self.changed.emit())
        self._unit_changed()

    @property
    def kind(self) -> str:
        return str(self.unit.currentData() or "")

    def ticked(self) -> list[int]:
        return [i for i, box in enumerate(self.days) if box.isChecked()]

    def set_weekday(self, weekday: int) -> None:
        """The form's date moved to another day of the week: a tick that only followed
        the date moves with it; days the sergeant ticked stay as they are."""
        if self.ticked() in ([], [self._weekday]):
            for i, box in enumerate(self.days):
                box.setChecked(i == weekday)
        self._weekday = weekday

    def _unit_changed(self) -> None:
        kind = self.kind
        self.times.setEnabled(bool(kind))
        self.times.setSuffix(_SUFFIX[kind])
        weekly = kind == "weekly"
        for w in (self.on_label, *self.days):
            w.setEnabled(weekly)
        self.changed.emit()

    def text(self) -> str | None:
        """What the command line's --repeat would say (None: once)."""
        kind = self.kind
        if not kind:
            return None
        ticked = self.ticked()
        if kind == "daily" or ticked == [self._weekday]:
            return f"{kind}:{self.times.value()}"  # the date's own day each week
        return f"weekly:{self.times.value()}:" + ",".join(DAY_NAMES[i][:3] for i in ticked)

    def preview(self, begins: datetime, ends: datetime) -> str:
        """What saving would create, or why it cannot (the same sentence as the save)."""
        if self.kind == "weekly" and not self.ticked():
            return "Tick the days of the week it repeats on."
        try:
            found = occurrences(begins, ends, self.text())
        except ValueError as exc:
            text = str(exc)
            return text[:1].upper() + text[1:] + "."
        first, last = found[0][0], found[-1][0]
        if len(found) == 1:
            return f"Once, on {first:%a %d %b %Y}."
        return f"{len(found)} occurrences, {first:%a %d %b %Y} to {last:%a %d %b %Y}."
