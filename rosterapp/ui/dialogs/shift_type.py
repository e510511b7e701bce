"""A new shift or absence code that can be typed in any cell."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from rosterapp.domain.enums import AbsenceKind, EntryKind
from rosterapp.services.shift_types import ShiftSpec, create_shift_type
from rosterapp.ui.dialogs.form import FormDialog, Save
from rosterapp.ui.forms.ui_shift_type_dialog import Ui_ShiftTypeDialog
from rosterapp.ui.operations import Operations


class ShiftTypeDialog(FormDialog):
    def __init__(self, ops: Operations | None, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.ui = Ui_ShiftTypeDialog()
        self.ui.setupUi(self)
        u = self.ui
        self.fields = {
            "code": u.code,
            "name": u.name,
            "colour": u.colour,
            "start": u.start,
            "end": u.end,
            "refreshment_minutes": u.refreshment,
            "absence_kind": u.kind,
        }
        u.kind.addItem("Tour of duty", None)
        for kind in AbsenceKind:
            u.kind.addItem(f"Not a duty: {kind.label.lower()}", kind.value)
        u.kind.currentIndexChanged.connect(self._kind_changed)
        self._wire()

    def _kind_changed(self) -> None:
        duty = self.ui.kind.currentData() is None
        for w in (self.ui.start, self.ui.end, self.ui.refreshment):
            w.setEnabled(duty)

    def save(self) -> Save:
        u = self.ui
        absence = u.kind.currentData()
        duty = absence is None
        spec = ShiftSpec(
            code=u.code.text().strip().upper(),
            name=u.name.text().strip(),
            kind=EntryKind.DUTY if duty else EntryKind.ABSENCE,
            start=u.start.time().toPython() if duty else None,
            end=u.end.time().toPython() if duty else None,
            refreshment_minutes=u.refreshment.value() if duty else 0,
            colour=u.colour.text().strip(),
            absence_kind=None if duty else AbsenceKind(absence),
        )
        return lambda db: create_shift_type(db, spec)
