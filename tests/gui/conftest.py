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
    from rosterapp.ui.main_window import MainWindow

    make_app()
    win = MainWindow(demo_db, team="WE", week=DEMO_START + timedelta(days=14))
    qtbot.add_widget(win)
    win.show()
    yield win
