"""A new team opens on its first steps, each a click away, ticked off as done."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from rosterapp.services.beats import set_requirement
from rosterapp.services.teams import create_team
from rosterapp.ui.dialogs import FormDialog, MemberDialog
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle


def shoot(window: MainWindow, name: str) -> None:
    folder = os.environ.get("ROSTERAPP_SHOTS")
    if folder:
        window.grab().save(str(Path(folder) / f"{name}.png"))


def test_a_new_team_opens_on_its_first_steps(window: MainWindow, qtbot: QtBot) -> None:
    assert window.central.currentWidget() is window.view  # the demo team has a roster
    create_team(window.db, "NT", "New Town")
    window.load_teams("NT")
    settle(window)
    steps = window.first_steps
    assert window.central.currentWidget() is steps
    marks = [m.accessibleName() for m in steps.marks]
    assert marks == [
        "Members: to do",
        "Beats: to do",
        "Shift codes: done",
        "Cover: to do",
        "A roster: to do",
    ]
    assert not steps.buttons["fill"].isEnabled()  # nobody to roster yet
    window.resize(1280, 800)
    shoot(window, "first-steps-1280")
    opened: list[FormDialog] = []
    window.open_dialog = lambda d: opened.append(d) or False  # type: ignore[method-assign]
    qtbot.mouseClick(steps.buttons["new_member"], qtbot_left())
    assert opened and isinstance(opened[0], MemberDialog)
    set_requirement(window.db, "NT", weekday=0, shift="E", min_count=1)
    window.reload()
    settle(window)
    assert steps.marks[3].accessibleName() == "Cover: done"
    steps.dismissed.emit()
    assert window.central.currentWidget() is window.view
    window.reload()
    settle(window)
    assert window.central.currentWidget() is window.view  # closed stays closed
    window.load_teams("WE")
    settle(window)
    assert window.central.currentWidget() is window.view


def qtbot_left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
