from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from rosterapp.storage import Database
from tests.conftest import DEMO_START


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> Iterator[object]:
    from datetime import timedelta

    from rosterapp.ui.app import make_app
    from rosterapp.ui.mainwindow import MainWindow

    make_app()
    win = MainWindow(demo_db, team="WE", week=DEMO_START + timedelta(days=14))
    qtbot.add_widget(win)
    win.show()
    settle(win)
    yield win


def settle(win: object) -> None:
    """Wait until the window's database worker has done everything asked of it (the
    week read, a save and the refresh it causes); a test then sees what a user would."""
    assert win.ops.wait(timeout=30), "the database worker did not finish"  # type: ignore[attr-defined]
