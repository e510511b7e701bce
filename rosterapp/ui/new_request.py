"""The sergeant enters a request for an officer (asked by e-mail or at briefing)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from rosterapp.domain.requests import RequestKind
from rosterapp.services.requests import NewRequest
from rosterapp.ui.palette import error_style
from rosterapp.ui.qdates import from_qdate, to_qdate


class NewRequestDialog(QDialog):
    """Checks nothing itself: the service does, and its error is shown here with the
    field it names focused, the dialog kept open with what was typed."""

    def __init__(self, people: list[str], day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New request")
        form = QFormLayout(self)
        self.member_edit = QLineEdit(self)
        self.member_edit.setAccessibleName("Officer's shoulder number")
        self.member_edit.setCompleter(QCompleter(people, self))
        form.addRow("&Officer:", self.member_edit)
        self.kind_box = QComboBox(self)
        for kind in RequestKind:
            self.kind_box.addItem(kind.label, kind.value)
        form.addRow("&Kind:", self.kind_box)
        self.from_edit, self.to_edit = QDateEdit(self), QDateEdit(self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setDate(to_qdate(day))
        form.addRow("&From:", self.from_edit)
        form.addRow("&To:", self.to_edit)
        self.shift_edit = QLineEdit(self)
        self.shift_edit.setPlaceholderText("the tour asked for, e.g. E")
        form.addRow("&Shift:", self.shift_edit)
        self.with_edit = QLineEdit(self)
        self.with_edit.setPlaceholderText("a swap: the other officer's shoulder number")
        self.with_edit.setCompleter(QCompleter(people, self))
        form.addRow("S&wap with:", self.with_edit)
        # Wide enough for the longest hint to be read whole, not cut at the field's end.
        hint = self.with_edit.fontMetrics().horizontalAdvance(self.with_edit.placeholderText())
        self.with_edit.setMinimumWidth(hint + 24)
        self.note_edit = QLineEdit(self)
        form.addRow("&Note:", self.note_edit)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(error_style())
        self.error_label.setWordWrap(True)
        form.addRow(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind_box.currentIndexChanged.connect(lambda *_: self._kind_changed())
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = RequestKind(self.kind_box.currentData())
        self.shift_edit.setEnabled(kind is RequestKind.SHIFT)
        self.with_edit.setEnabled(kind is RequestKind.SWAP)
        self.to_edit.setEnabled(kind not in (RequestKind.REST_DAY, RequestKind.SHIFT))

    def request(self) -> NewRequest:
        kind = RequestKind(self.kind_box.currentData())
        start = from_qdate(self.from_edit.date())
        end = from_qdate(self.to_edit.date()) if self.to_edit.isEnabled() else None
        return NewRequest(
            self.member_edit.text().split(" ")[0],
            kind,
            start,
            end,
            self.shift_edit.text() if kind is RequestKind.SHIFT else None,
            self.with_edit.text().split(" ")[0] if kind is RequestKind.SWAP else None,
            self.note_edit.text() or None,
        )

    def show_error(self, message: str, field: str | None) -> None:
        self.error_label.setText(message[:1].upper() + message[1:])
        focus = {
            "member": self.member_edit,
            "shift": self.shift_edit,
            "with_shoulder_number": self.with_edit,
            "to": self.to_edit,
            "note": self.note_edit,
        }.get(field or "")
        if focus is not None:
            focus.setFocus()
