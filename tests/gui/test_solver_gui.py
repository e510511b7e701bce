from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from rosterapp.domain.findings import Severity
from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.solve_preview import PreviewDialog
from tests.gui.conftest import settle


@pytest.mark.slow
def test_fill_preview_accept_some_then_undo(window: MainWindow, qtbot: QtBot) -> None:
    window.move_weeks(1)  # 14 Dec: an empty week beyond the demo's four
    settle(window)
    assert window.model.data(window.model.index(5, 0)) == ""
    seen: list[PreviewDialog] = []

    def review(dialog: PreviewDialog) -> bool:
        seen.append(dialog)
        # While the dialog is open the grid shows the proposal, outlined.
        assert window.model.preview
        key = next(iter(window.model.preview))
        assert window.model.data(window.model.index_of(*key), 256 + 3) is not None
        dialog.tick(0).setCheckState(Qt.CheckState.Unchecked)  # keep one officer as is
        return True

    window.review_proposal = review  # type: ignore[method-assign]
    job = window.run_solver("fill", time_limit=15)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=10_000)
    settle(window)
    proposal = seen[0].proposal
    skipped = [e for e in proposal.edits if e.member_id == seen[0].officers[0]]
    assert skipped
    for e in skipped:
        assert window.model.data(window.model.index_of(e.member_id, e.day)) == ""
    assert not window.model.preview
    filled = sum(
        1
        for r in range(window.model.rowCount())
        for c in range(7)
        if window.model.data(window.model.index(r, c))
    )
    assert filled >= len(proposal.edits) - len(skipped)
    assert not [f for f in window.all_findings() if f.severity is Severity.BLOCK]
    window.undo_stack.undo()
    settle(window)
    assert all(
        not window.model.data(window.model.index(r, c))
        for r in range(window.model.rowCount())
        for c in range(7)
        if window.model.rows[r].member.rank.value in ("pc", "pcso", "sergeant")
    )


@pytest.mark.slow
def test_discarding_a_proposal_changes_nothing(window: MainWindow, qtbot: QtBot) -> None:
    window.move_weeks(1)
    settle(window)
    window.review_proposal = lambda dialog: False  # type: ignore[method-assign]
    job = window.run_solver("fill", time_limit=5)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: "discarded" in window.statusBar().currentMessage())
    assert window.undo_stack.count() == 0
    assert window.model.data(window.model.index(5, 0)) == ""


def test_stopping_early_keeps_the_best_found(window: MainWindow, qtbot: QtBot) -> None:
    window.move_weeks(1)
    settle(window)
    got: list[object] = []
    window.show_proposal = lambda proposal: got.append(proposal)  # type: ignore[method-assign]
    job = window.run_solver("fill", time_limit=60)
    assert job is not None
    job.progress.connect(lambda *_: job.cancel())  # stop at the first roster found
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: bool(got))
    assert getattr(got[0], "found", False)
    assert getattr(got[0], "seconds", 99) < 60


def test_fill_only_the_selected_cells(window: MainWindow, qtbot: QtBot) -> None:
    window.move_weeks(1)
    settle(window)
    rows = [i for i, r in enumerate(window.model.rows) if r.member.rank.value == "pc"][:3]
    sel = window.view.selectionModel()
    window.view.setCurrentIndex(window.model.index(rows[0], 0))
    for r in rows:
        for c in range(7):
            sel.select(window.model.index(r, c), sel.SelectionFlag.Select)
    proposals: list[object] = []
    window.show_proposal = lambda proposal: proposals.append(proposal)  # type: ignore[method-assign]
    job = window.run_solver("fill", time_limit=10)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: bool(proposals))
    chosen = {window.model.rows[r].member.id for r in rows}
    edits = getattr(proposals[0], "edits")  # noqa: B009
    assert edits and {e.member_id for e in edits} <= chosen


def test_progress_is_said_in_words() -> None:
    from rosterapp.solver.search import Progress
    from rosterapp.ui.mainwindow.jobs import ProgressWords

    words = ProgressWords()
    first = words.say(Progress("first", 9000.0, 0.0, 5, 1.2))
    assert first.startswith("First roster found (5 people short of cover)")
    later = words.say(Progress("better", 3000.0, 0.0, 2, 4.0))
    assert "3 fewer people short" in later and "2 people short of cover" in later
    done = words.say(Progress("better", 100.0, 0.0, 0, 6.0))
    assert "all cover met" in done and "cost" not in done


def test_a_cell_changed_during_review_is_kept_and_named(
    window: MainWindow, qtbot: QtBot, demo_db: object
) -> None:
    from rosterapp.domain.grid import CellEdit
    from rosterapp.services.roster.edits import set_cells
    from rosterapp.services.roster.grid import read_grid

    window.move_weeks(1)
    typed: list[CellEdit] = []

    def review(dialog: PreviewDialog) -> bool:
        # Another window types annual leave into a proposed cell before this one accepts.
        target = next(e for e in dialog.proposal.edits if e.code != "RD")
        set_cells(demo_db, "WE", [CellEdit(target.member_id, target.day, "AL")])  # type: ignore[arg-type]
        typed.append(target)
        return True

    window.review_proposal = review  # type: ignore[method-assign]
    job = window.run_solver("fill", time_limit=10)
    assert job is not None
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=60_000)
    (target,) = typed
    grid = read_grid(demo_db, "WE", target.day, target.day)  # type: ignore[arg-type]
    assert grid.cells[(target.member_id, target.day)].code == "AL"
    assert "kept as someone else changed them" in window.statusBar().currentMessage()


@pytest.mark.slow
def test_a_quarter_is_filled_from_the_window(window: MainWindow, qtbot: QtBot) -> None:
    from datetime import timedelta

    window.move_weeks(1)
    got: list[object] = []
    window.show_proposal = lambda proposal: got.append(proposal)  # type: ignore[method-assign]
    action = window.actions_by_name["fill_quarter"]  # the Roster menu's entry
    assert "13 weeks" in action.text()
    job = window.run_solver("fill", weeks=13, time_limit=40)
    assert job is not None
    qtbot.waitUntil(lambda: bool(got), timeout=120_000)
    proposal = got[0]
    assert getattr(proposal, "found", False)
    assert getattr(proposal, "end") == window.first_day + timedelta(days=90)  # noqa: B009
    shape = getattr(proposal, "shape_after")  # noqa: B009
    assert shape.no_beat == 0
