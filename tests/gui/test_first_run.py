"""First run on an empty database: the question, and a team created from it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from rosterapp.services.teams import list_teams
from rosterapp.storage import Database
from rosterapp.ui.app import make_app
from rosterapp.ui.dialogs import TeamDialog
from rosterapp.ui.first_run import offer_demo_if_empty


def answer(monkeypatch: pytest.MonkeyPatch, button_text: str) -> None:
    def click(box: QMessageBox) -> int:
        chosen = next(b for b in box.buttons() if b.text() == button_text)
        chosen.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)


def test_start_empty_leaves_the_database_empty(
    qtbot: QtBot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_app()
    answer(monkeypatch, "Start empty")
    offer_demo_if_empty(sqlite_db)
    assert list_teams(sqlite_db) == []


def test_create_my_team_saves_it_through_the_worker(
    qtbot: QtBot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_app()
    answer(monkeypatch, "Create my team…")
    results: list[int] = []

    def fill(dialog: TeamDialog) -> int:
        dialog.ui.code.setText("RP")
        dialog.ui.name.setText("Royal Parks")
        dialog.ui.buttons.accepted.emit()
        assert dialog.ops is not None and dialog.ops.wait()
        results.append(dialog.result())
        return results[-1]

    monkeypatch.setattr(TeamDialog, "exec", fill)
    offer_demo_if_empty(sqlite_db)
    assert [t.code for t in list_teams(sqlite_db)] == ["RP"]
    assert results == [QDialog.DialogCode.Accepted]  # it closed itself once saved
