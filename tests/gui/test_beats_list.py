"""The beats list: retire and reinstate, move up and down (the cover panel follows)."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from rosterapp.services.beats import list_beats
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle


def test_beats_list_orders_and_retires(window: MainWindow, qtmodeltester: ModelTester) -> None:
    dialog = window.list_beats()
    assert dialog is not None
    qtmodeltester.check(dialog.model)
    codes = [b.code for b in dialog.model.beats]
    last = codes[-1]
    dialog.table.setCurrentIndex(dialog.model.index(len(codes) - 1, 0))
    for _ in range(len(codes)):
        dialog.move_selected(-1)
        settle(window)
    assert list_beats(window.db, "WE")[0].code == last
    assert dialog.model.beats[0].code == last and dialog.table.currentIndex().row() == 0
    cover = window.cover_dock.model
    beat_rows = [k[0] for k in cover.keys if k[0] is not None]
    assert not beat_rows or beat_rows[0] == last  # the cover panel follows the order
    dialog.toggle_active()
    settle(window)
    assert not dialog.model.beats[0].active
    assert dialog.model.data(dialog.model.index(0, 4)) == "retired"
    dialog.toggle_active()
    settle(window)
    assert dialog.model.beats[0].active
