"""Who the window is connected as, and greying out what that login may not change.

On a shared PostgreSQL database the server enforces each login's role (see
services/users.py); the window says who you are in the status bar and offers only
what the server would accept, so that a sergeant does not type a week into another
team's roster to have every cell refused. On a SQLite file its owner may do anything.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from rosterapp.services.users import Identity, identity
from rosterapp.ui.mainwindow.base import WindowBase
from rosterapp.ui.operations import sentence
from rosterapp.ui.palette import notice_style
from rosterapp.ui.requests_inbox import InboxDock

# Actions that change the team shown: off for a team the login may not change.
TEAM_WRITES = (
    "paste",
    "clear",
    "fill_down",
    "fill_right",
    "copy_week",
    "publish",
    "fill",
    "fill_quarter",
    "repair",
    "told",
    "pattern",
    "new_member",
    "edit_member",
    "absence",
    "transfer",
    "end_member",
    "retire_beat",
    "tasking",
    "beat_form",
    "cover",
    "team_settings",
    "roster_shape",
    "import_members",
    "import_roster",
    "import_requests",
)
# Unit-wide: only an administrator (or a SQLite file's owner).
ADMIN_WRITES = ("new_team", "shift_types", "restore")


class Access(WindowBase):
    identity: Identity | None = None
    who_label: QLabel
    inbox: InboxDock
    _grid_handlers: tuple[Any, Any, Any, Any] | None = None

    def build_who_label(self) -> None:
        self.who_label = QLabel(self)
        self.who_label.setAccessibleName("Connected as")
        self.statusBar().addPermanentWidget(self.who_label)

    def load_identity(self) -> None:
        self.ops.query(identity, key="identity").success(self._got_identity).failure(
            lambda exc: self.show_error(sentence(exc))
        ).run()

    def _got_identity(self, who: Identity) -> None:
        self.identity = who
        self.who_label.setToolTip(
            "The server lets this login change only what its role allows"
            if who.shared
            else "This database file is yours: you may change everything in it"
        )
        self.apply_access()

    def may_change_shown_team(self) -> bool:
        who, team = self.identity, self.team
        return who is None or team is None or who.may_change_team(team)

    def apply_access(self) -> None:
        """Enable what the login may change in the team shown; grey out the rest."""
        who, team = self.identity, self.team
        if who is None:
            return  # not yet known: the server refuses anything wrong meanwhile
        change = self.may_change_shown_team()
        why = self._why_not(who, team)
        model = self.model
        if self._grid_handlers is None:  # the window's own, set when the grid was built
            self._grid_handlers = (
                model.edit_handler,
                model.paste_handler,
                model.fill_handler,
                model.fill_pairs_handler,
            )
        model.layoutAboutToBeChanged.emit()
        model.read_only = not change
        model.layoutChanged.emit()  # the cells' editable flags changed
        if change:
            model.edit_handler, model.paste_handler = self._grid_handlers[:2]
            model.fill_handler, model.fill_pairs_handler = self._grid_handlers[2:]
        else:
            refuse = lambda *_: self.show_error(why)  # noqa: E731  (typing into a cell)
            self.model.edit_handler = self.model.paste_handler = refuse
            self.model.fill_handler = self.model.fill_pairs_handler = refuse
        admin = not who.shared or who.role == "admin"
        for name in TEAM_WRITES:
            self._allow(name, change, why)
        for name in ADMIN_WRITES:
            self._allow(name, admin, f"you are connected as {who.describe()}: administrators only")
        decide = team is not None and who.may_decide(team)
        self.inbox.set_rights(ask=change, decide=decide, why=why)
        self.dock.set_may_accept(change)
        self._show_who(who, team, change)

    def _show_who(self, who: Identity, team: str | None, change: bool) -> None:
        # Said where the eye goes when a cell will not take a code: the status bar.
        text = f"Connected as {who.describe()}"
        if not change and team:
            text += f" · {team} is read only for you"
        self.who_label.setText(text)
        self.who_label.setStyleSheet("" if change else notice_style())

    def _allow(self, name: str, allowed: bool, why: str) -> None:
        action = self.actions_by_name.get(name)
        if action is None:
            return
        if action.property("usual_tip") is None:
            action.setProperty("usual_tip", action.toolTip())
        action.setEnabled(allowed)
        action.setToolTip(str(action.property("usual_tip")) if allowed else why)

    @staticmethod
    def _why_not(who: Identity, team: str | None) -> str:
        return f"you are connected as {who.describe()}; you may not change team {team or '?'}"
