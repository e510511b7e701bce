"""A member leaves the team from a date: ended, not deleted (their rosters stay)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QWidget

from rosterapp.domain.values import MemberInfo
from rosterapp.services.leavers import end_member
from rosterapp.ui.dialogs.fields import chosen_shoulder, member_choices
from rosterapp.ui.dialogs.form import FormDialog, Save
from rosterapp.ui.forms.ui_end_dialog import Ui_EndDialog
from rosterapp.ui.operations import Operations
from rosterapp.ui.qdates import from_qdate, to_qdate


class EndMemberDialog(FormDialog):
    def __init__(
        self,
        ops: Operations | None,
        team: str,
        people: Sequence[MemberInfo],
        last_day: date,
        member_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.ui = Ui_EndDialog()
        self.ui.setupUi(self)
        self.team = team
        u = self.ui
        u.intro.setText(
            "They stay in the rosters, hours and audit trail up to their last day; "
            "after it they are no longer listed. (Moving to another team: Transfer.)"
        )
        self.fields = {"member": u.member, "end": u.lastDay}
        member_choices(u.member, people, member_id)
        u.lastDay.setDate(to_qdate(last_day))
        self._wire()

    def save(self) -> Save:
        shoulder, team = chosen_shoulder(self.ui.member), self.team
        last = from_qdate(self.ui.lastDay.date())
        return lambda db: end_member(db, team, shoulder, last)
