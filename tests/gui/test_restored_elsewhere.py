"""The window notices that another program replaced its database file (a restore that
bypassed the lock, a copy) and reloads, instead of writing into the unlinked file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from rosterapp.services.roster.grid import read_grid
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle
from tests.gui.test_workspace import first_pc_row


def test_the_window_reloads_a_database_replaced_elsewhere(
    window: MainWindow, tmp_path: Path
) -> None:
    path = window.db.sqlite_path
    assert path is not None
    row = first_pc_row(window)
    key = window.model.key(window.model.index(row, 0))
    copy = tmp_path / "elsewhere.sqlite3"
    shutil.copy(path, copy)  # the demo as it stands, with one cell changed
    window.set_cells_from_grid([key], "TR")
    settle(window)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(copy, path)
    window.poll_for_changes()
    settle(window)
    assert "restored from a backup elsewhere" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0
    window.set_cells_from_grid([key], "CT")  # lands in the file now at the path
    settle(window)
    cell = read_grid(window.db, "WE", key[1], key[1]).cell(*key)
    assert cell is not None and cell.code == "CT"
    assert window.model.data(window.model.index_of(*key)) == "CT"
