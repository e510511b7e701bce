"""Moving a member to another team from a date; earlier rosters stay."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QWidget

from rosterapp.domain.values import MemberInfo, TeamInfo
from rosterapp.services import members
from rosterapp.ui.dialogs.fields import chosen_shoulder, member_choices
from rosterapp.ui.dialogs.form import FormDialog, FormError, Save
from rosterapp.ui.forms.ui_transfer_dialog import Ui_TransferDialog
from rosterapp.ui.operations import Operations
from rosterapp.ui.qdates import from_qdate, to_qdate


class TransferDialog(FormDialog):
    def __init__(
        self,
        ops: Operations | None,
        people: Sequence[MemberInfo],
        all_teams: Sequence[TeamInfo],
        current_team: str,
        start: date,
        member_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.ui = Ui_TransferDialog()
        self.ui.setupUi(self)
        u = self.ui
        self.fields = {"team": u.team, "member": u.member, "start": u.fromDate}
        member_choices(u.member, people, member_id)
        for t in all_teams:
            if t.code != current_team:
                u.team.addItem(f"{t.name} ({t.code})", t.code)
        u.fromDate.setDate(to_qdate(start))
        self._wire()

    def save(self) -> Save:
        u = self.ui
        if u.team.currentData() is None:
            raise FormError("there is no other team to transfer to", field="team")
        shoulder, team = chosen_shoulder(u.member), str(u.team.currentData())
        start = from_qdate(u.fromDate.date())
        return lambda db: members.transfer_member(db, shoulder, team, start)
