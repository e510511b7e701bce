"""The Qt binding must not lose references when a model answers None (PySide6 6.12.0 did)."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt

from rosterapp.ui.mainwindow import MainWindow


def test_answering_none_from_data_keeps_none_alive(window: MainWindow) -> None:
    model = window.model
    empty = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        empty.data(Qt.ItemDataRole.UserRole + 99)  # a role the model answers with None
    assert sys.getrefcount(None) >= before - 100
