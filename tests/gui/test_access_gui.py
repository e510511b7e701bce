"""The window says who it is connected as and greys out what that login may not
change: on a shared PostgreSQL database with real logins (tests/logins.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from rosterapp.storage import Database
from tests.gui.conftest import settle
from tests.logins import MON, Shared, server

__all__ = ["server"]  # the fixture

pytestmark = pytest.mark.postgres


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[Callable[[Database, str], object]]:
    from rosterapp.ui.app import make_app
    from rosterapp.ui.mainwindow import MainWindow

    make_app()
    opened: list[MainWindow] = []

    def open_(db: Database, team: str) -> MainWindow:
        win = MainWindow(db, team=team, week=MON)
        qtbot.add_widget(win)
        win.show()
        settle(win)
        opened.append(win)
        return win

    yield open_  # type: ignore[misc]
    for win in opened:
        win.close()


def _editable(win: object) -> bool:
    from PySide6.QtCore import Qt

    model = win.model  # type: ignore[attr-defined]
    return bool(model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsEditable)


def test_hr_sees_who_they_are_and_can_change_nothing(
    server: Shared, open_window: Callable[[Database, str], object]
) -> None:
    win = open_window(server.as_("hr"), "WE")
    label = win.who_label.text()  # type: ignore[attr-defined]
    assert label == f"Connected as {server.logins['hr']}, HR (read only) · WE is read only for you"
    assert not _editable(win)
    actions = win.actions_by_name  # type: ignore[attr-defined]
    for name in ("paste", "publish", "fill", "new_member", "absence", "team_settings", "new_team"):
        assert not actions[name].isEnabled(), name
    assert "HR (read only); you may not change team WE" in actions["publish"].toolTip()
    assert actions["export"].isEnabled() and actions["copy"].isEnabled()
    assert not win.inbox.new_button.isEnabled()  # type: ignore[attr-defined]
    assert not win.dock.may_accept  # type: ignore[attr-defined]
    # Typing into a cell all the same: said, nothing sent.
    win.model.edit_handler([win.model.key(win.model.index(1, 0))], "E")  # type: ignore[attr-defined]
    assert "you may not change team WE" in win.statusBar().currentMessage()  # type: ignore[attr-defined]


def test_a_sergeant_edits_their_team_and_not_another(
    server: Shared, open_window: Callable[[Database, str], object]
) -> None:
    win = open_window(server.as_("sergeant"), "NS")
    assert win.who_label.text().endswith("a sergeant of WE · NS is read only for you")  # type: ignore[attr-defined]
    actions = win.actions_by_name  # type: ignore[attr-defined]
    assert not _editable(win) and not actions["publish"].isEnabled()
    assert not actions["shift_types"].isEnabled()  # unit-wide: administrators only
    box = win.team_box  # type: ignore[attr-defined]
    box.setCurrentIndex(box.findData("WE"))
    settle(win)
    assert _editable(win) and actions["publish"].isEnabled() and actions["paste"].isEnabled()
    assert win.who_label.text().endswith("a sergeant of WE")  # type: ignore[attr-defined]
    assert not actions["new_team"].isEnabled()


def test_rights_given_meanwhile_show_on_reload(
    server: Shared, open_window: Callable[[Database, str], object]
) -> None:
    import sqlalchemy as sa

    win = open_window(server.as_("sergeant"), "NS")
    assert not _editable(win)
    with server.owner.engine.begin() as conn:  # an administrator adds NS to theirs
        conn.execute(
            sa.text("INSERT INTO team_supervisor (login, team_id) VALUES (:l, :t)"),
            {"l": server.logins["sergeant"], "t": server.team_id("NS")},
        )
    win.actions_by_name["refresh"].trigger()  # type: ignore[attr-defined]
    settle(win)
    assert _editable(win)
    assert win.who_label.text().endswith("a sergeant of NS, WE")  # type: ignore[attr-defined]
