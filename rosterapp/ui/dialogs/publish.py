"""Publish a roster: from the first day not yet published, three months ahead by
default (Police Regulations Annex E), with the notice it gives said before it is done."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from rosterapp.rules.period import notice_words, span_words
from rosterapp.services.periods import publish_period
from rosterapp.ui.dialogs.fields import to_follows_from
from rosterapp.ui.dialogs.form import FormDialog, FormError, Save
from rosterapp.ui.operations import Changes, Operations
from rosterapp.ui.palette import error_style, hex_tone
from rosterapp.ui.qdates import from_qdate, to_qdate
from rosterapp.ui.roster_model import long_date


class _Ui:
    def __init__(self, dialog: PublishDialog) -> None:
        layout = QVBoxLayout(dialog)
        intro = QLabel(
            "After publishing, every change records when the officer was told, with its "
            "notice and compensation for HR. A roster with blocking findings is refused."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, name in ((self.start, "From"), (self.end, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setAccessibleName(name)
        form.addRow("&From", self.start)
        form.addRow("&To", self.end)
        layout.addLayout(form)
        self.span = QLabel()
        self.span.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(f"color: {hex_tone('warning')}")
        self.error = QLabel()
        self.error.setStyleSheet(error_style())
        self.error.setWordWrap(True)
        for label in (self.span, self.notice, self.error):
            layout.addWidget(label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Publish")
        layout.addWidget(self.buttons)


class PublishDialog(FormDialog):
    changes = Changes(week=True)

    def __init__(
        self,
        ops: Operations | None,
        team: str,
        team_name: str,
        span: tuple[date, date],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.setWindowTitle(f"Publish roster — {team_name}")
        self.setMinimumWidth(460)
        self.ui = _Ui(self)
        self.team, self.today = team, today
        self.fields = {"start": self.ui.start, "end": self.ui.end}
        self.ui.start.setDate(to_qdate(span[0]))
        self.ui.end.setDate(to_qdate(span[1]))
        to_follows_from(self.ui.start, self.ui.end)
        for edit in (self.ui.start, self.ui.end):
            edit.dateChanged.connect(self._describe)
        self._describe()
        self._wire()

    def chosen(self) -> tuple[date, date]:
        return from_qdate(self.ui.start.date()), from_qdate(self.ui.end.date())

    def _describe(self) -> None:
        start, end = self.chosen()
        self.ui.span.setText(
            f"{long_date(start)} to {long_date(end)} — {span_words(start, end)}"
            if end >= start
            else ""
        )
        self.ui.notice.setText(notice_words(start, self.today))

    def save(self) -> Save:
        start, end = self.chosen()
        if end < start:
            raise FormError("To is before From", field="end")
        team = self.team
        return lambda db: publish_period(db, team, start, end)
