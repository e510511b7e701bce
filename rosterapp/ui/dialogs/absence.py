"""Recording leave, sickness or another absence over a range of days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QWidget

from rosterapp.domain.enums import AbsenceKind, AbstractionCategory
from rosterapp.domain.values import MemberInfo
from rosterapp.services import absences
from rosterapp.ui.dialogs.fields import chosen_shoulder, member_choices, to_follows_from
from rosterapp.ui.dialogs.form import FormDialog, Save
from rosterapp.ui.forms.ui_absence_dialog import Ui_AbsenceDialog
from rosterapp.ui.operations import Operations
from rosterapp.ui.qdates import from_qdate, to_qdate


class AbsenceDialog(FormDialog):
    def __init__(
        self,
        ops: Operations | None,
        people: Sequence[MemberInfo],
        start: date,
        member_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.ui = Ui_AbsenceDialog()
        self.ui.setupUi(self)
        u = self.ui
        self.fields = {"end": u.toDate, "note": u.note, "member": u.member, "start": u.fromDate}
        member_choices(u.member, people, member_id)
        for kind in AbsenceKind:
            if kind is not AbsenceKind.REST_DAY:
                u.kind.addItem(kind.label, kind.value)
        u.category.addItem("—", None)
        for cat in AbstractionCategory:
            u.category.addItem(cat.value.replace("_", " ").capitalize(), cat.value)
        u.fromDate.setDate(to_qdate(start))
        u.toDate.setDate(to_qdate(start))
        to_follows_from(u.fromDate, u.toDate)
        self._wire()

    def save(self) -> Save:
        """The write returns the absence and the duties it cleared (for undo)."""
        u = self.ui
        category = u.category.currentData()
        shoulder, kind = chosen_shoulder(u.member), AbsenceKind(u.kind.currentData())
        start, end, note = from_qdate(u.fromDate.date()), from_qdate(u.toDate.date()), u.note.text()
        chosen = AbstractionCategory(category) if category else None
        return lambda db: absences.record_absence(
            db, shoulder, kind, start, end, category=chosen, note=note
        )
