"""The taskings list: reword, raise and lower (the briefing's order), end from a day."""

from __future__ import annotations

from datetime import date

from pytestqt.modeltest import ModelTester

from rosterapp.services.briefing_items import add_item, items_for
from rosterapp.ui.dialogs.taskings import TEXT, TaskingsDialog
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle

WEEK = date(2026, 12, 7)


def with_taskings(window: MainWindow) -> TaskingsDialog:
    add_item(window.db, "WE", WEEK, date(2026, 12, 31), "Knife arches at Soho Square", priority=2)
    add_item(window.db, "WE", WEEK, date(2026, 12, 20), "Christmas market patrols", priority=3)
    dialog = window.list_taskings()
    assert dialog is not None
    settle(window)
    return dialog


def test_the_taskings_model_passes_the_model_tester(
    window: MainWindow, qtmodeltester: ModelTester
) -> None:
    dialog = with_taskings(window)
    texts = [it.text for it in dialog.model.items]
    assert "Knife arches at Soho Square" in texts and "Christmas market patrols" in texts
    qtmodeltester.check(dialog.model)


def row(dialog: TaskingsDialog, words: str) -> int:
    return next(i for i, it in enumerate(dialog.model.items) if words in it.text)


def printed(window: MainWindow, day: date) -> list[str]:
    return [i.text for i in items_for(window.db, "WE", day, "E")]


def test_reword_raise_and_end_a_tasking(window: MainWindow) -> None:
    dialog = with_taskings(window)
    dialog.model.setData(
        dialog.model.index(row(dialog, "market"), TEXT), "Christmas market: high visibility"
    )
    settle(window)
    day = date(2026, 12, 10)
    assert printed(window, day).index("Christmas market: high visibility") > printed(
        window, day
    ).index("Knife arches at Soho Square")  # priority 3 after 2
    dialog.table.setCurrentIndex(dialog.model.index(row(dialog, "market"), 0))
    dialog.shift_priority(-1)
    settle(window)
    dialog.table.setCurrentIndex(dialog.model.index(row(dialog, "market"), 0))
    dialog.shift_priority(-1)
    settle(window)
    assert dialog.model.items[row(dialog, "market")].priority == 1
    assert printed(window, day).index("Christmas market: high visibility") < printed(
        window, day
    ).index("Knife arches at Soho Square")
    dialog.table.setCurrentIndex(dialog.model.index(row(dialog, "market"), 0))
    dialog.end_selected(today=date(2026, 12, 12))
    settle(window)
    assert "Christmas market: high visibility" in printed(window, day)  # briefed before
    assert "Christmas market: high visibility" not in printed(window, date(2026, 12, 14))
    assert "Knife arches at Soho Square" in printed(window, date(2026, 12, 14))
    dialog.model.setData(dialog.model.index(row(dialog, "Knife"), TEXT), "   ")
    settle(window)
    assert "tasking text" in dialog.error.text()
