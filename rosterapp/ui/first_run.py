"""First run on an empty database: offer the demo teams."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from rosterapp import APP_DISPLAY_NAME
from rosterapp.services.teams import list_teams
from rosterapp.storage import Database
from rosterapp.ui.operations import Operations


def offer_demo_if_empty(db: Database) -> None:
    """Before the main window opens; the database work still runs on a worker, so the
    question box and the progress stay painted."""
    ops = Operations(db, None)
    try:
        found: list[Any] = []
        ops.query(list_teams).success(found.append).run()
        ops.wait()
        if not found or found[0]:
            return
        _ask(ops)
        ops.wait(timeout=600)
    finally:
        ops.shutdown()
        ops.deleteLater()


def _ask(ops: Operations) -> None:
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
        from PySide6.QtWidgets import QProgressDialog

        from rosterapp.services.demo import build_demo  # the demo's name lists: only when asked

        dialog = QProgressDialog("Loading the demo teams…", "", 0, 0)
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(300)
        ops.job(lambda db, _progress: build_demo(db)).with_dialog(dialog).run()
    elif box.clickedButton() is create:
        from rosterapp.ui.dialogs import TeamDialog

        TeamDialog(ops).exec()
