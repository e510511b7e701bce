"""A tasking that prints on the briefing sheets of some days, shifts and beats."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QWidget

from rosterapp.domain.values import BeatInfo
from rosterapp.services import briefing_items
from rosterapp.ui.dialogs.form import FormDialog, Save
from rosterapp.ui.forms.ui_briefing_item_dialog import Ui_BriefingItemDialog
from rosterapp.ui.operations import Changes, Operations
from rosterapp.ui.qdates import from_qdate, to_qdate


class BriefingItemDialog(FormDialog):
    changes = Changes()  # nothing the window shows

    def __init__(
        self,
        ops: Operations | None,
        team: str,
        beats: Sequence[BeatInfo],
        start: date,
        end: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.ui = Ui_BriefingItemDialog()
        self.ui.setupUi(self)
        self.team = team
        u = self.ui
        self.fields = {
            "end": u.toDate,
            "shift": u.shifts,
            "text": u.text,
            "beat": u.beat,
            "priority": u.priority,
        }
        u.beat.addItem("All beats", None)
        for b in beats:
            u.beat.addItem(f"{b.code} – {b.name}", b.code)
        for value, label in ((1, "1 – high"), (2, "2 – normal"), (3, "3 – low")):
            u.priority.addItem(label, value)
        u.priority.setCurrentIndex(1)
        u.fromDate.setDate(to_qdate(start))
        u.toDate.setDate(to_qdate(end))
        self._wire()

    def save(self) -> Save:
        u = self.ui
        codes = tuple(c for c in re.split(r"[\s,;]+", u.shifts.text().upper()) if c)
        team, text = self.team, u.text.toPlainText()
        start, end = from_qdate(u.fromDate.date()), from_qdate(u.toDate.date())
        beat, priority = u.beat.currentData(), int(u.priority.currentData())
        return lambda db: briefing_items.add_item(
            db, team, start, end, text, shifts=codes, beat=beat, priority=priority
        )
