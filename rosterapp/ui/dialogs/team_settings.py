"""A team's name, borough, protective marking, thresholds and reference periods."""

from __future__ import annotations

import calendar
from dataclasses import replace

from PySide6.QtWidgets import QWidget

from rosterapp.domain.values import TeamInfo
from rosterapp.services import teams
from rosterapp.ui.dialogs.form import FormDialog, FormError, Save
from rosterapp.ui.forms.ui_team_settings_dialog import Ui_TeamSettingsDialog
from rosterapp.ui.operations import Changes, Operations

MARKINGS = ["OFFICIAL-SENSITIVE", "OFFICIAL", "SECRET"]


class TeamSettingsDialog(FormDialog):
    changes = Changes(teams=True)

    def __init__(
        self, ops: Operations | None, team: TeamInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(ops, parent)
        self.ui = Ui_TeamSettingsDialog()
        self.ui.setupUi(self)
        self.team = team
        u = self.ui
        self.fields = {
            "name": u.name,
            "protective_marking": u.marking,
            "leave_threshold_pct": u.leaveLimit,
            "abstraction_threshold_pct": u.abstraction,
            "contract_hours_tolerance": u.tolerance,
            "night_reference_weeks": u.nightWeeks,
            "abstraction_weeks": u.abstractionWeeks,
            "leave_year_start_month": u.leaveYearMonth,
            "leave_carry_over_days": u.carryOver,
        }
        u.marking.addItems(MARKINGS)
        for number in range(1, 13):
            u.leaveYearMonth.addItem(calendar.month_name[number], number)
        self._load(team)
        self._wire()

    def _load(self, team: TeamInfo) -> None:
        u = self.ui
        u.name.setText(team.name)
        u.borough.setText(team.borough)
        u.marking.setCurrentText(team.protective_marking)
        u.showReason.setChecked(team.show_absence_reason)
        u.leaveLimit.setValue(team.leave_threshold_pct)
        u.abstraction.setValue(team.abstraction_threshold_pct)
        u.tolerance.setValue(team.contract_hours_tolerance)
        u.nightWeeks.setValue(team.night_reference_weeks)
        u.abstractionWeeks.setValue(team.abstraction_weeks)
        u.leaveYearMonth.setCurrentIndex(u.leaveYearMonth.findData(team.leave_year_start_month))
        u.carryOver.setValue(team.leave_carry_over_days)

    def take_newer(self, current: TeamInfo, version: int, *, reload: bool) -> None:
        if reload:
            self._load(current)
            self.team = current
        else:
            self.team = replace(self.team, version=version)

    def save(self) -> Save:
        u = self.ui
        if not u.name.text().strip():
            raise FormError("the team name cannot be empty", field="name")
        code, version = self.team.code, self.team.version
        values = dict(
            name=u.name.text().strip(),
            borough=u.borough.text().strip(),
            protective_marking=u.marking.currentText().strip(),
            show_absence_reason=u.showReason.isChecked(),
            leave_threshold_pct=u.leaveLimit.value(),
            abstraction_threshold_pct=u.abstraction.value(),
            contract_hours_tolerance=u.tolerance.value(),
            night_reference_weeks=u.nightWeeks.value(),
            abstraction_weeks=u.abstractionWeeks.value(),
            leave_year_start_month=int(u.leaveYearMonth.currentData()),
            leave_carry_over_days=u.carryOver.value(),
        )
        return lambda db: teams.update_team_settings(db, code, expected_version=version, **values)
