"""The dialogs opened from inside other dialogs and panels (an operation's form and its
allocation, a new request and its decision, the import steps, the solver's proposal)
name every control a keyboard reaches, as the menus' dialogs do."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from rosterapp.domain.grid import CellEdit
from rosterapp.domain.requests import RequestKind
from rosterapp.importers import members
from rosterapp.importers.tabular import RowError
from rosterapp.services.request_decisions import impact
from rosterapp.services.requests import NewRequest, add_blackout, add_request
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.solving import Proposal
from rosterapp.ui.dialogs.column_mapping import ColumnMappingDialog
from rosterapp.ui.dialogs.import_problems import ImportProblemsDialog
from rosterapp.ui.dialogs.unknown_skills import UnknownSkillsDialog
from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.request_dialogs import DecisionDialog
from rosterapp.ui.solve_preview import PreviewDialog
from tests.gui.conftest import settle
from tests.gui.test_accessible_names import unnamed
from tests.gui.test_operations_dialog import _add_lfr

WEEK = date(2026, 12, 7)


def test_an_operations_form_and_its_allocation_name_their_controls(window: MainWindow) -> None:
    dialog = window.show_operations()
    settle(window)
    form = dialog.add()
    assert unnamed(form) == []
    form.reject()
    _add_lfr(window, dialog)
    settle(window)
    alloc = dialog.allocate_selected()
    assert alloc is not None
    settle(window)
    assert alloc.model.rowCount() > 0
    assert unnamed(alloc) == []
    alloc.reject()
    assert unnamed(dialog) == []  # with a row chosen: its detail


def test_a_new_request_and_its_decision_name_their_controls(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.inbox.new_button.click()
    assert unnamed(window.inbox.new_dialog) == []
    window.inbox.new_dialog.reject()
    db = window.ops.db
    sn = read_grid(db, "WE", WEEK, WEEK).rows[0].member.shoulder_number
    add_blackout(db, "WE", WEEK, WEEK + timedelta(days=6), "Christmas lights switch-on")
    req = add_request(db, NewRequest(sn, RequestKind.LEAVE, WEEK + timedelta(days=2)))
    decision = DecisionDialog(impact(db, req.id), approve=True, parent=window)
    qtbot.add_widget(decision)
    decision.show()
    assert decision.override_edit.isVisible()  # the override reason is asked for too
    assert unnamed(decision) == []


def test_the_import_steps_name_their_controls(window: MainWindow, qtbot: QtBot) -> None:
    header = ["Surname", "Forename", "Shoulder No", "Rank", "Skills"]
    rows = [["Okafor", "Ada", "1234CW", "PC", "Driver / Taser"]]
    mapping = ColumnMappingDialog(
        "theirs.csv", header, rows, members.REQUIRED, members.OPTIONAL, members.ALIASES
    )
    skills = UnknownSkillsDialog("theirs.csv", {"Driver / Taser": [2]}, ["driver", "taser"])
    errors = [RowError(2, "rank", "'Sarge' is not a rank"), RowError(3, None, "empty row")]
    problems = ImportProblemsDialog(Path("theirs.csv"), errors)
    for dialog in (mapping, skills, problems):
        qtbot.add_widget(dialog)
        dialog.show()
        assert unnamed(dialog) == [], type(dialog).__name__


def test_the_solvers_proposal_names_its_controls(window: MainWindow, qtbot: QtBot) -> None:
    row = window.model.grid.rows[0].member  # type: ignore[union-attr]
    edits = [CellEdit(row.id, WEEK + timedelta(days=d), "E", None) for d in range(3)]
    proposal = Proposal(
        *("WE", WEEK, WEEK + timedelta(days=6), "fill", "FEASIBLE", edits, {}),
        *(1.0, 0.0, 2.0, ["Sat late: one PC short, nobody free"], [], {row.id: "a PC"}),
    )
    dialog = PreviewDialog(proposal, window)
    qtbot.add_widget(dialog)
    dialog.show()
    assert unnamed(dialog) == []
