"""Looking across the team and the teams: strength against establishment, and the
inspector's overview of every team with a drill-down into one team's week."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rosterapp.domain.calendar import week_start
from rosterapp.ui.mainwindow.base import WindowBase

if TYPE_CHECKING:
    from rosterapp.ui.overview_view import OverviewDialog
    from rosterapp.ui.strength_view import StrengthDialog


class Inspector(WindowBase):
    def show_strength(self) -> StrengthDialog:
        from rosterapp.ui.strength_view import StrengthDialog

        dialog = StrengthDialog(self.ops, self.teams, self.team, self.first_day, self)
        dialog.show()
        return dialog

    def show_overview(self) -> OverviewDialog:
        """Every team at a glance, for the week shown; non-modal, so that a team's week
        opened from it sits beside it."""
        from rosterapp.ui.overview_view import OverviewDialog

        existing = getattr(self, "_overview", None)
        if isinstance(existing, OverviewDialog) and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
        dialog = OverviewDialog(self.ops, self.first_day, self.open_team_week, self)
        self._overview = dialog
        dialog.show()
        return dialog

    def open_team_week(self, team: str, day: date) -> None:
        """Show `team`'s week holding `day` in this window (the overview's drill-down)."""
        idx = self.team_box.findData(team)
        if idx < 0:
            self.show_error(f"no team {team} in this window")
            return
        if self.month_of is not None:
            self.show_month(day)
        else:
            self.first_day = week_start(day)
        if idx != self.team_box.currentIndex():
            self.team_box.setCurrentIndex(idx)  # reloads the week, of the new team
        else:
            self.reload()
        self.raise_()
        self.activateWindow()
