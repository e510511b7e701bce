"""A screenshot shows names: the PNG is user-only, and a failed save leaves nothing."""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QApplication

from rosterapp.ui.app import _save_private_png


def test_screenshots_are_user_only(qapp: QApplication, tmp_path: Path) -> None:
    pixmap = QPixmap(40, 20)
    pixmap.fill(QColor("white"))
    target = tmp_path / "shot.png"
    assert _save_private_png(pixmap, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not _save_private_png(QPixmap(), tmp_path / "empty.png")  # nothing to save
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shot.png"]


def test_a_screenshot_leaves_the_users_saved_window_as_it_was(
    qapp: QApplication, demo_file: Path, tmp_path: Path
) -> None:
    import shutil

    from PySide6.QtCore import QSettings

    from rosterapp.ui.app import run_gui
    from rosterapp.ui.settings import Key

    db_file = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, db_file)
    mine = QSettings()
    mine.setValue(Key.WEEKS, "4")
    mine.setValue(Key.TEAM, "NS")
    mine.remove(Key.GEOMETRY)
    mine.sync()
    shot = tmp_path / "shot.png"
    assert run_gui(str(db_file), screenshot=shot, team="WE", weeks="1", size=(900, 600)) == 0
    assert shot.exists()
    after = QSettings()
    assert (after.value(Key.WEEKS), after.value(Key.TEAM)) == ("4", "NS")
    assert after.value(Key.GEOMETRY) is None
