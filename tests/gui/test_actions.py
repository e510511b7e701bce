"""The actions table: every command is reachable, and no two share a shortcut."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.mainwindow.actions import ACTIONS, MENUS, SUBMENUS, TOOLBAR


def test_every_action_is_in_a_menu_or_the_toolbar() -> None:
    placed = {name for _title, names in MENUS for name in names if name} | set(TOOLBAR)
    placed |= {name for _title, names in SUBMENUS.values() for name in names}
    names = [spec.name for spec in ACTIONS]
    assert len(names) == len(set(names))
    assert set(names) <= placed
    assert placed - set(names) == {"undo", "redo", "docks", *SUBMENUS}  # filled in by the window


def test_no_two_actions_share_a_shortcut(window: MainWindow) -> None:
    keys = [
        a.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for a in window.actions_by_name.values()
        if not a.shortcut().isEmpty()
    ]
    assert len(keys) == len(set(keys)), sorted(keys)


def test_the_menus_hold_the_table_in_order(window: MainWindow) -> None:
    menus = {m.title(): m for m in (a.menu() for a in window.menuBar().actions()) if m}
    assert list(menus) == [title for title, _names in MENUS]
    roster = [a.text() for a in menus["&Roster"].actions() if not a.isSeparator()]
    assert roster[:3] == ["Copy &previous week", "P&ublish…", "&Reload"]
    window.actions_by_name["next"].trigger()  # a table slot reaches the window
    assert window.first_day.isoformat() == "2026-12-14"
