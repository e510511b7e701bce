from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, QTimer
from pytestqt.qtbot import QtBot

from rosterapp.services import exporting
from rosterapp.storage import Database
from rosterapp.ui.export_dialog import ExportDialog, ExportRequest
from rosterapp.ui.mainwindow import MainWindow

WEEK = date(2026, 12, 7)


def test_dialog_says_what_is_wrong_next_to_the_fields(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = ExportDialog(
        "WE",
        WEEK,
        date(2026, 12, 13),
        ["E", "L"],
        [r.member for r in window.model.grid.rows],
        window,
    )  # type: ignore[union-attr]
    qtbot.add_widget(dialog)
    assert dialog.ui.path.text().endswith("WE-hr-2026-12-07-to-2026-12-13.xlsx")
    dialog.ui.toDate.setDate(QDate(2026, 12, 1))
    dialog.ui.buttons.accepted.emit()
    assert dialog.ui.error.text() == "The last day is before the first day."
    assert (dialog.request is None and dialog.isVisible() is False) or dialog.result() == 0
    dialog.ui.toDate.setDate(QDate(2026, 12, 13))
    dialog.ui.path.setText(str(tmp_path / "missing" / "x.xlsx"))
    assert "does not exist" in (dialog.validate() or "")
    dialog.ui.path.setText(str(tmp_path / "hr"))
    assert dialog.validate() is None
    assert dialog.request is not None and dialog.request.path.name == "hr.xlsx"
    dialog.ui.kind.setCurrentIndex(1)  # briefing: the shift matters, the end date does not
    assert dialog.ui.shift.isEnabled() and not dialog.ui.toDate.isEnabled()


def test_export_runs_in_the_background_and_writes_the_workbook(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    written: list[Path] = []
    window.after_export = lambda path, open_file: written.append(path)  # type: ignore[method-assign]
    request = ExportRequest(
        "xlsx", WEEK, date(2026, 12, 13), None, None, tmp_path / "hr.xlsx", False
    )
    window.run_export(request)
    # Wait for the file, not the job's signal: a job that ends before a spy connects
    # would leave waitSignal waiting for a signal that has already gone.
    qtbot.waitUntil(lambda: bool(written), timeout=30_000)
    assert written == [tmp_path / "hr.xlsx"]
    wb = openpyxl.load_workbook(written[0])
    assert wb["Timesheet"].max_row > 200 * 7


def test_briefing_from_the_window(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    written: list[Path] = []
    window.after_export = lambda path, open_file: written.append(path)  # type: ignore[method-assign]
    window.run_export(
        ExportRequest("briefing", WEEK, WEEK, "L", None, tmp_path / "brief.pdf", False)
    )
    qtbot.waitUntil(lambda: bool(written), timeout=30_000)
    assert written[0].read_bytes().startswith(b"%PDF")


def test_failed_export_is_a_sentence_in_the_status_bar(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window.run_export(ExportRequest("briefing", WEEK, WEEK, "RD", None, tmp_path / "x.pdf", False))
    qtbot.waitUntil(
        lambda: "not a tour of duty" in window.statusBar().currentMessage(), timeout=30_000
    )


def test_cancelled_export_leaves_no_file(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "hr.xlsx"
    job = window.ops.job(
        lambda db, progress: exporting.export_xlsx(
            db, "WE", WEEK, date(2026, 12, 13), target, progress
        )
    )
    job.cancel()
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        job.run()
    assert list(out.iterdir()) == []


def test_export_cancelled_midway_leaves_no_file(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "hr.xlsx"
    job = window.run_export(
        ExportRequest("xlsx", WEEK, date(2026, 12, 13), None, None, target, False)
    )
    job.progress.connect(lambda *_: job.cancel())  # Cancel pressed at the first progress
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: "Export cancelled" in window.statusBar().currentMessage())
    assert not target.exists()


def test_window_stays_responsive_during_long_work(window: MainWindow, qtbot: QtBot) -> None:
    ticks: list[float] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)

    def slow(db, progress):  # type: ignore[no-untyped-def]
        for i in range(10):
            time.sleep(0.1)
            progress(i, 10)
        return "done"

    job = window.ops.job(slow)
    with qtbot.waitSignal(job.done, timeout=10_000):
        job.run()
    timer.stop()
    assert len(ticks) >= 20  # the event loop kept running while the job slept


def test_a_character_no_font_has_is_a_warning_after_the_export(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from rosterapp.domain.enums import Rank
    from rosterapp.domain.grid import CellEdit
    from rosterapp.services.members import MemberInput, create_member
    from rosterapp.services.roster.edits import set_cells

    m = create_member(
        demo_db, "WE", MemberInput("9901CW", "990001", "김민준", "박", Rank.PC, role="DWO")
    )
    set_cells(demo_db, "WE", [CellEdit(m.id, WEEK, "L", note="🥲 at noon")])
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text: warned.append(text))
    written: list[Path] = []
    window.after_export = lambda path, open_file: written.append(path)  # type: ignore[method-assign]
    window.run_export(
        ExportRequest("briefing", WEEK, WEEK, "L", None, tmp_path / "brief.pdf", False)
    )
    qtbot.waitUntil(lambda: bool(written), timeout=30_000)
    assert warned == [
        "Wrote brief.pdf, but 1 character has no glyph in the bundled fonts (U+1F972) and "
        "printed as “\ufffd”; check the names and notes that use them."
    ]
