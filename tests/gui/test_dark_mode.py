"""Colours: View → Colours switches light and dark and remembers it; --dark screenshots."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication

from rosterapp.domain.cover import CoverCount
from rosterapp.ui import palette
from rosterapp.ui.cover_view import status_mark
from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.settings import Key


def _window_lightness() -> int:
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness()


def test_view_colours_switches_and_is_remembered(window: MainWindow) -> None:
    actions = window.actions_by_name
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    colours = next(a for a in menu.actions() if a.text() == "&Colours")
    assert [a.text() for a in colours.menu().actions()] == ["&System", "&Light", "&Dark"]
    try:
        actions["colours_dark"].trigger()
        assert palette.is_dark() and _window_lightness() < 80
        assert window.settings.value(Key.COLOURS) == "dark"
        assert actions["colours_dark"].isChecked() and not actions["colours_light"].isChecked()
        assert palette.tone("error").name() == palette.TONES["error"][1]
        actions["colours_light"].trigger()
        assert not palette.is_dark() and _window_lightness() > 200
        assert window.settings.value(Key.COLOURS) == "light"
        assert palette.tone("error").name() == palette.TONES["error"][0]
    finally:
        palette.apply_scheme(palette.Scheme.SYSTEM)


def test_a_new_window_opens_in_the_remembered_scheme(window: MainWindow) -> None:
    window.settings.setValue(Key.COLOURS, "dark")
    try:
        again = MainWindow(window.db, team="WE", settings=window.settings)
        assert again.actions_by_name["colours_dark"].isChecked() and palette.is_dark()
        again.close()
    finally:
        palette.apply_scheme(palette.Scheme.SYSTEM)


def test_cover_shortfalls_have_a_sign_as_well_as_a_colour() -> None:
    from datetime import date

    def count(rostered: int, required: int) -> CoverCount:
        return CoverCount(date(2026, 12, 7), "E", None, None, None, required, rostered)

    assert status_mark(count(2, 2)) == ""
    assert status_mark(count(1, 2)) == " ▲"
    assert status_mark(count(0, 2)) == " ✖"


def test_dark_screenshot_is_dark(qapp: QApplication, demo_file: Path, tmp_path: Path) -> None:
    from rosterapp.ui.app import run_gui

    db_file = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, db_file)
    shots = {}
    try:
        for dark in (False, True):
            shot = tmp_path / f"shot-{dark}.png"
            size = (900, 600)
            assert run_gui(str(db_file), screenshot=shot, team="WE", size=size, dark=dark) == 0
            shots[dark] = QImage(str(shot))
    finally:
        palette.apply_scheme(palette.Scheme.SYSTEM)
    # The menu bar's background, top right, follows the scheme.
    dark, light = (QColor(shots[d].pixel(shots[d].width() - 5, 5)) for d in (True, False))
    assert dark.lightness() < 80 and light.lightness() > 200
