"""The inspector's overview window: every team, flagged figures, the drill-down."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from rosterapp.domain.requests import RequestKind
from rosterapp.services.requests import NewRequest, add_request
from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.text_table import SHORT
from tests.gui.conftest import settle

WEEK = date(2026, 12, 7)


def test_overview_lists_every_team_and_opens_a_week(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    we = next(r.member for r in window.model.rows if r.member.rank.value == "pc")
    add_request(window.db, NewRequest(we.shoulder_number, RequestKind.LEAVE, date(2027, 1, 11)))
    dialog = window.show_overview()
    settle(window)
    for model in (dialog.teams, dialog.short, dialog.wards, dialog.hotspots):
        qtmodeltester.check(model)
    assert dialog.period.text() == "Mon 07 Dec 2026 to Sun 13 Dec 2026"
    assert dialog.teams.rowCount() == 7
    row = dialog.teams.keys.index("WE")
    pending = dialog.teams.index(row, 12)
    assert dialog.teams.data(pending) == "1"
    assert dialog.teams.data(pending, Qt.ItemDataRole.BackgroundRole).color() == SHORT
    assert dialog.teams.data(dialog.teams.index(row, 1)) == "216"
    # A team short of cover shows its shortfalls by day and tour below.
    short = next(i for i, r in enumerate(dialog.teams.rows) if r[4].text != "0")
    dialog.table.selectRow(short)
    assert dialog.short.rowCount() > 0 and dialog.short.headers[1] == "Mon 07"
    assert any(c.tip for r in dialog.short.rows for c in r[1:] if c.text)
    # Double-click: that team's week in the main window.
    code = str(dialog.teams.keys[short])
    rect = dialog.table.visualRect(dialog.teams.index(short, 0))
    # A double-click is a press, then the double-click (Qt ignores one without the press).
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(window)
    assert window.team == code and window.first_day == WEEK
    assert window.model.grid is not None and window.model.grid.team.code == code
    # A shortfall's day in the month view opens the week holding that day.
    dialog.kind.setCurrentIndex(dialog.kind.findData("month"))
    settle(window)
    dialog.table.selectRow(dialog.teams.keys.index(code))
    dialog._short_clicked(dialog.short.index(0, 20))  # 20 Dec 2026, a Sunday
    settle(window)
    assert window.team == code and window.first_day == date(2026, 12, 14)


def test_overview_month_and_steps(window: MainWindow) -> None:
    dialog = window.show_overview()
    settle(window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("month"))
    settle(window)
    assert dialog.period.text() == "Tue 01 Dec 2026 to Thu 31 Dec 2026"
    assert dialog.short.headers[-1] == "Thu 31"
    dialog.step(-1)
    settle(window)
    assert dialog.period.text() == "Sun 01 Nov 2026 to Mon 30 Nov 2026"
    assert dialog.view is not None and dialog.view.start == date(2026, 11, 1)
    assert window.show_overview() is dialog  # one overview window, raised again


def test_overview_exports_from_the_window(window: MainWindow, tmp_path: Path) -> None:
    dialog = window.show_overview()
    settle(window)
    for what, name in (("xlsx", "ov.xlsx"), ("pdf", "ov.pdf"), ("npg", "npg.xlsx")):
        dialog.export(what, tmp_path / name)
        settle(window)
        assert dialog.status.text() == f"Exported to {tmp_path / name}"
    assert load_workbook(tmp_path / "npg.xlsx").sheetnames == ["Wards", "Officers", "About"]
    dialog.export("xlsx", tmp_path / "missing" / "ov.xlsx")
    settle(window)
    assert dialog.status.text().startswith("Not exported: the folder")
