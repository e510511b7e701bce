"""The cover requirements list: each with its dates; ending one keeps the past."""

from __future__ import annotations

from datetime import date

from pytestqt.modeltest import ModelTester

from rosterapp.services.beats import list_requirements, set_requirement
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle

WEEK = date(2026, 12, 7)


def test_list_and_end_a_requirement(window: MainWindow, qtmodeltester: ModelTester) -> None:
    set_requirement(
        window.db, "WE", weekday=2, shift="LL", min_count=3, beat="SOH", effective_from=WEEK
    )
    dialog = window.list_cover()
    assert dialog is not None
    settle(window)
    qtmodeltester.check(dialog.model)
    row = next(i for i, r in enumerate(dialog.model.rows) if r.shift == "LL" and r.min_count == 3)
    assert dialog.model.data(dialog.model.index(row, 6)) == "Mon 07 Dec 2026"
    dialog.table.setCurrentIndex(dialog.model.index(row, 0))
    dialog.end_selected(today=date(2026, 12, 17))
    settle(window)
    [ended] = [
        r
        for r in list_requirements(window.db, "WE", WEEK, date(2027, 1, 31))
        if r.shift == "LL" and r.min_count == 3
    ]
    assert ended.effective_to == date(2026, 12, 16)
    assert all(
        r.id != ended.id for r in list_requirements(window.db, "WE", date(2026, 12, 17), date.max)
    )
    assert dialog.model.data(dialog.model.index(row, 7)) == "Wed 16 Dec 2026"
