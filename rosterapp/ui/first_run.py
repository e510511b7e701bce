"""First run on an empty database: offer the demo teams."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from rosterapp import APP_DISPLAY_NAME
from rosterapp.services.teams import list_teams
from rosterapp.storage import Database


def offer_demo_if_empty(db: Database) -> None:
    if list_teams(db):
        return
    box = QMessageBox()
    box.setWindowTitle(f"Welcome to {APP_DISPLAY_NAME}")
    box.setText("This database has no teams yet.")
    box.setInformativeText(
        "Load the demo teams (the West End team and six town-centre teams, fake people) "
        "to try the app, or create your team: the usual tours and absence codes are added, "
        "then add people with Team → New member or File → Import members."
    )
    demo = box.addButton("Load demo teams", QMessageBox.ButtonRole.AcceptRole)
    create = box.addButton("Create my team…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Start empty", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is demo:
        from rosterapp.services.demo import build_demo  # loaded only when asked for

        build_demo(db)
    elif box.clickedButton() is create:
        from rosterapp.ui.dialogs import TeamDialog

        TeamDialog(db).exec()
