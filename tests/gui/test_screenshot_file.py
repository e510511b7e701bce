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
