"""A cover requirement: how many people a shift needs, by beat, rank or skill, from a
date on (earlier rosters keep what was required then; at least 0 ends it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QWidget

from rosterapp.domain.enums import RANK_ORDER, Rank
from rosterapp.domain.values import BeatInfo, ShiftTypeInfo
from rosterapp.services import beats as beats_service
from rosterapp.storage import Database
from rosterapp.ui.dialogs.form import FormDialog, Save
from rosterapp.ui.forms.ui_cover_dialog import Ui_CoverDialog
from rosterapp.ui.operations import Operations
from rosterapp.ui.qdates import from_qdate, to_qdate

WEEKDAY_CHOICES = [
    ("Every day", (0, 1, 2, 3, 4, 5, 6)),
    ("Monday to Friday", (0, 1, 2, 3, 4)),
    ("Saturday and Sunday", (5, 6)),
    ("Thursday to Saturday", (3, 4, 5)),
] + [
    (name, (i,))
    for i, name in enumerate(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    )
]


class CoverDialog(FormDialog):
    def __init__(
        self,
        ops: Operations | None,
        team: str,
        beats: Sequence[BeatInfo],
        shifts: Sequence[ShiftTypeInfo],
        parent: QWidget | None = None,
        *,
        start: date | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.ui = Ui_CoverDialog()
        self.ui.setupUi(self)
        self.team = team
        u = self.ui
        self.fields = {
            "min_count": u.minimum,
            "skill": u.skill,
            "weekday": u.days,
            "effective_from": u.fromDate,
        }
        # From today (or the first day shown, if later): a new need never flags the past.
        u.fromDate.setDate(to_qdate(max(start or date.today(), date.today())))
        u.beat.addItem("The whole team", None)
        for b in beats:
            u.beat.addItem(f"{b.code} – {b.name}", b.code)
        for label, days in WEEKDAY_CHOICES:
            u.days.addItem(label, days)
        for st in shifts:
            if st.is_duty:
                u.shift.addItem(f"{st.code} – {st.name} {st.times_label}", st.code)
        u.rank.addItem("Any rank", None)
        for rank in RANK_ORDER:
            u.rank.addItem(rank.label, rank.value)
        self._wire()

    def save(self) -> Save:
        u = self.ui
        skill = u.skill.text().strip().lower() or None
        rank = Rank(u.rank.currentData()) if u.rank.currentData() else None
        days = tuple(u.days.currentData())
        team, shift, minimum = self.team, str(u.shift.currentData()), u.minimum.value()
        beat = u.beat.currentData()
        since = from_qdate(u.fromDate.date())

        def store(db: Database) -> int:
            for weekday in days:
                beats_service.set_requirement(
                    db,
                    team,
                    weekday=weekday,
                    shift=shift,
                    min_count=minimum,
                    beat=beat,
                    rank=rank,
                    skill=skill,
                    effective_from=since,
                )
            return len(days)

        return store
