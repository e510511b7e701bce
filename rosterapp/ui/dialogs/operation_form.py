"""The form for a new operation: name, kind and category, place, date and tour, needs
by rank or skill, supplying teams, and a repeat (LFR twice a week for 8 weeks: weekly,
8 weeks, on Tue and Fri), said before saving as what it will create. Saved as one
write, every occurrence in it; a refusal names the field and keeps everything typed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.enums import AbstractionCategory
from rosterapp.domain.operations import CATEGORY_LABELS, AddedOperation, OperationKind
from rosterapp.services.errors import ServiceError
from rosterapp.services.operations import NewOperation, add_operation
from rosterapp.ui.dialogs.repeat_picker import RepeatPicker
from rosterapp.ui.operations import Changes, Operations, sentence
from rosterapp.ui.palette import error_style
from rosterapp.ui.qdates import from_qdate, to_qdate


class OperationFormDialog(QDialog):
    def __init__(
        self, ops: Operations, team: str, day: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New operation")
        self.ops = ops
        self.added: AddedOperation | None = None
        self.new: NewOperation | None = None
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("e.g. Notting Hill Carnival")
        self.kind = QComboBox(self)
        for k in OperationKind:
            self.kind.addItem(k.label, k.value)
        self.category = QComboBox(self)
        for c, label in CATEGORY_LABELS.items():
            self.category.addItem(label.capitalize(), c.value)
        self.kind.currentIndexChanged.connect(self._default_category)
        self.place = QLineEdit(self)
        self.needs = QLineEdit(self)
        self.needs.setPlaceholderText("PC:12,PS:2,public-order-2:4")
        self.teams = QLineEdit(team, self)
        self.teams.setToolTip("Supplying teams, e.g. WE,BX, or WE:8,BX:4 for how many each")
        tour = self._tour(day)
        self._repeat()
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Kind", self.kind)
        form.addRow("Abstraction &category", self.category)
        form.addRow("&Place", self.place)
        form.addRow("&Date", self.day)
        form.addRow(self._buddy("&Tour", self.starts), tour)
        form.addRow("Nee&ds", self.needs)
        form.addRow("Supplying tea&ms", self.teams)
        form.addRow(self._buddy("&Repeat", self.repeat), self.repeats)
        form.addRow("", self.plan)
        self.error = QLabel(self)
        self.error.setStyleSheet(error_style(bold=True))
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._default_category()
        self._follow_date()
        self._fields = {
            "name": self.name,
            "kind": self.kind,
            "need": self.needs,
            "teams": self.teams,
            "repeat": self.times,
            "to": self.ends,
            "place": self.place,
        }

    def _tour(self, day: date) -> QHBoxLayout:
        self.day = QDateEdit(to_qdate(day), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd dd MMM yyyy")
        self.starts = QTimeEdit(QTime(8, 0), self)
        self.ends = QTimeEdit(QTime(16, 0), self)
        for t, name in ((self.starts, "Tour starts at"), (self.ends, "Tour ends at")):
            t.setDisplayFormat("HH:mm")
            t.setAccessibleName(name)
        tour = QHBoxLayout()
        tour.addWidget(self.starts)
        tour.addWidget(QLabel("to", self))
        tour.addWidget(self.ends)
        tour.addWidget(QLabel("(earlier: the next day)", self))
        return tour

    def _repeat(self) -> None:
        """The repeat picker and, under it, what saving will create (kept up to date)."""
        self.repeats = RepeatPicker(self)
        self.repeat, self.times = self.repeats.unit, self.repeats.times
        self.plan = QLabel(self)
        self.plan.setAccessibleName("What saving creates")
        self.plan.setWordWrap(True)
        self.plan.setStyleSheet("color: palette(placeholder-text)")
        for signal in (self.repeats.changed, self.starts.timeChanged, self.ends.timeChanged):
            signal.connect(self._show_plan)
        self.day.dateChanged.connect(self._follow_date)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        """A row label whose Alt key goes to the first field of a row of several."""
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    def _default_category(self) -> None:
        kind = OperationKind(self.kind.currentData())  # Qt hands a StrEnum back as str
        self.category.setCurrentIndex(self.category.findData(kind.category.value))

    def _follow_date(self) -> None:
        self.repeats.set_weekday(from_qdate(self.day.date()).weekday())
        self._show_plan()

    def _show_plan(self) -> None:
        begins, ends = self._times()
        self.plan.setText(self.repeats.preview(begins, ends))

    def _times(self) -> tuple[datetime, datetime]:
        day = from_qdate(self.day.date())
        begins = datetime.combine(day, time(self.starts.time().hour(), self.starts.time().minute()))
        ends = datetime.combine(day, time(self.ends.time().hour(), self.ends.time().minute()))
        if ends <= begins:
            ends += timedelta(days=1)  # a tour past midnight
        return begins, ends

    def value(self) -> NewOperation:
        begins, ends = self._times()
        category = AbstractionCategory(self.category.currentData())
        return NewOperation(
            self.name.text(),
            OperationKind(self.kind.currentData()),
            begins,
            ends,
            self.needs.text(),
            teams=self.teams.text(),
            repeat=self.repeats.text(),
            place=self.place.text(),
            category=category,
        )

    def save(self) -> None:
        if self.repeats.kind == "weekly" and not self.repeats.ticked():
            self.error.setText("Tick the days of the week it repeats on")
            self.repeats.days[0].setFocus()
            return
        new = self.value()
        self.new = new  # what the undo stack adds again on redo
        self.ops.write(lambda db: add_operation(db, new), Changes(week=True)).success(
            self._saved
        ).failure(self._refused).run()

    def _saved(self, added: AddedOperation) -> None:
        self.added = added
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.error.setText(sentence(exc))
        field = exc.field if isinstance(exc, ServiceError) else None
        widget = self._fields.get(field or "")
        if widget is not None:
            widget.setFocus()
