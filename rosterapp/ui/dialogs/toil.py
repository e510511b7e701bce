"""Record time off in lieu earned: an officer's extra hours taken as time, not pay."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.values import MemberInfo
from rosterapp.services.toil import MAX_TOIL_HOURS, add_toil
from rosterapp.ui.dialogs.fields import chosen_shoulder, member_choices
from rosterapp.ui.dialogs.form import FormDialog, Save
from rosterapp.ui.operations import Changes, Operations
from rosterapp.ui.palette import error_style
from rosterapp.ui.qdates import from_qdate, to_qdate


class _Ui:
    def __init__(self, dialog: ToilDialog) -> None:
        layout = QVBoxLayout(dialog)
        intro = QLabel(
            "Hours worked beyond the roster that the officer takes as time off rather than "
            "pay. A TOIL request is approved only against hours earned and not yet taken."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.member = QComboBox()
        self.member.setEditable(True)
        self.member.setAccessibleName("Officer")
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setAccessibleName("Earned on")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.25, MAX_TOIL_HOURS)
        self.hours.setSingleStep(0.25)
        self.hours.setDecimals(2)
        self.hours.setSuffix(" h")
        self.hours.setAccessibleName("Hours earned")
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText("e.g. kept on at an arrest past the end of the tour")
        self.reason.setAccessibleName("Reason")
        form.addRow("&Officer", self.member)
        form.addRow("&Earned on", self.day)
        form.addRow("&Hours", self.hours)
        form.addRow("&Reason", self.reason)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet(error_style())
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout.addWidget(self.buttons)


class ToilDialog(FormDialog):
    changes = Changes()

    def __init__(
        self,
        ops: Operations | None,
        people: Sequence[MemberInfo],
        day: date,
        current: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.setWindowTitle("Record TOIL earned")
        self.setMinimumWidth(480)
        self.ui = _Ui(self)
        self.fields = {
            "member": self.ui.member,
            "hours": self.ui.hours,
            "reason": self.ui.reason,
        }
        member_choices(self.ui.member, people, current)
        self.ui.day.setDate(to_qdate(day))
        self.ui.hours.setValue(1.0)
        self._wire()

    def save(self) -> Save:
        shoulder = chosen_shoulder(self.ui.member)
        day, hours, reason = (
            from_qdate(self.ui.day.date()),
            self.ui.hours.value(),
            self.ui.reason.text(),
        )
        return lambda db: add_toil(db, shoulder, day, hours, reason)
