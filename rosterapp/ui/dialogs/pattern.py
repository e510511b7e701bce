"""A rota pattern to apply to the people selected."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import QWidget

from rosterapp.ui.dialogs.form import FormDialog, FormError
from rosterapp.ui.forms.ui_pattern_dialog import Ui_PatternDialog
from rosterapp.ui.qdates import from_qdate, to_qdate


class PatternDialog(FormDialog):
    """Collects a pattern; the window applies it (so that it is one undo step)."""

    writes = False

    def __init__(self, start: date, end: date, people: int, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)
        self.ui = Ui_PatternDialog()
        self.ui.setupUi(self)
        u = self.ui
        self.fields = {"pattern": u.pattern, "end": u.toDate}
        u.pattern.setText(
            "E E E E E RD RD RD RD L L L L L L RD RD LL LL LL LL RD RD E E E E E RD L L L L L RD"
        )
        u.fromDate.setDate(to_qdate(start))
        u.toDate.setDate(to_qdate(end))
        self.setWindowTitle(
            f"Apply a rota pattern to {people} {'person' if people == 1 else 'people'}"
        )
        self._wire()

    def save(self) -> tuple[list[str | None], date, date, int, bool]:
        u = self.ui
        tokens = [t for t in re.split(r"[\s,;]+", u.pattern.text().strip().upper()) if t]
        if not tokens:
            raise FormError("the pattern is empty: type codes separated by spaces", field="pattern")
        start, end = from_qdate(u.fromDate.date()), from_qdate(u.toDate.date())
        if end < start:
            raise FormError("the period ends before it starts", field="end")
        pattern = [None if t in ("-", ".", "_") else t for t in tokens]
        return pattern, start, end, u.stagger.value(), u.overwrite.isChecked()
