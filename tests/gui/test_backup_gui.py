"""Back up and restore from the window: both run on the database worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle
from tests.gui.test_workspace import first_pc_row, stored


def test_back_up_then_restore_from_the_window(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = first_pc_row(window)
    key = window.model.key(window.model.index(row, 0))
    before = stored(window, row, 0)
    target = tmp_path / "saved.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.backup_now()
    settle(window)
    assert target.is_file() and "Backed up to" in window.statusBar().currentMessage()

    window.set_cells_from_grid([key], "TR")
    settle(window)
    assert stored(window, row, 0) == "TR" and window.undo_stack.count() == 1
    old_db = window.db
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    window.confirm = lambda title, text: True  # type: ignore[method-assign]
    window.restore_backup()
    settle(window)
    assert "Restored; the previous data is kept in" in window.statusBar().currentMessage()
    assert window.db is not old_db  # the worker reopened the restored file
    assert stored(window, row, 0) == before
    assert window.model.data(window.model.index_of(*key)) == (before or "")
    assert window.undo_stack.count() == 0
    window.set_cells_from_grid([key], "CT")  # and the window goes on saving
    settle(window)
    assert stored(window, row, 0) == "CT"
    window.close()
    window.db.close()


def test_a_file_that_is_not_a_backup_is_refused(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("not a database", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    asked: list[str] = []
    window.confirm = lambda title, text: asked.append(text) or True  # type: ignore[method-assign]
    window.restore_backup()
    settle(window)
    assert not asked  # checked before anything is asked or replaced
    assert window.statusBar().currentMessage().startswith("Not saved: ")
