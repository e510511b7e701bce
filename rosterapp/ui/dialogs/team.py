"""A new team, optionally with the usual shift codes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from rosterapp.services import teams
from rosterapp.ui.dialogs.form import FormDialog, Save
from rosterapp.ui.forms.ui_team_dialog import Ui_TeamDialog
from rosterapp.ui.operations import Changes, Operations


class TeamDialog(FormDialog):
    changes = Changes(teams=True)

    def __init__(self, ops: Operations | None, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.ui = Ui_TeamDialog()
        self.ui.setupUi(self)
        self.fields = {"code": self.ui.code, "name": self.ui.name}
        self._wire()

    def save(self) -> Save:
        u = self.ui
        code, name, borough = u.code.text(), u.name.text(), u.borough.text()
        defaults = u.defaults.isChecked()
        return lambda db: teams.create_team(db, code, name, borough, default_shifts=defaults)
