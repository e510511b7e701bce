"""Driving a form dialog the way a user does: open it from the window, fill, accept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog

from rosterapp.ui.dialogs import FormDialog
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle

WEEK = date(2026, 12, 7)


def drive(window: MainWindow, *steps: Callable[[FormDialog], None]) -> list[FormDialog]:
    """Replace the modal exec: fill the form, press OK; each step is one attempt (the
    save runs on the database worker: wait for it, as the modal dialog would)."""
    seen: list[FormDialog] = []

    def fake_open(dialog: FormDialog) -> bool:
        seen.append(dialog)
        for step in steps:
            step(dialog)
            dialog.ui.buttons.accepted.emit()
            settle(window)
            if dialog.result() == QDialog.DialogCode.Accepted:
                return True
        return False

    window.open_dialog = fake_open  # type: ignore[method-assign]
    return seen


def pc_row(window: MainWindow) -> int:
    return next(i for i, r in enumerate(window.model.rows) if r.member.rank.value == "pc")
