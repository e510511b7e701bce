"""File → Print briefing… and Print roster…, driven through the actions: the print
dialog is answered with a PDF printer writing to a file, and the pages that reach it
are compared with the PDF the export writes (the printout is that PDF, rendered)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pypdf
import pypdfium2 as pdfium
import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox

from rosterapp.exports.files import Cancelled
from rosterapp.services import exporting
from rosterapp.ui.export_dialog import ExportDialog
from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.mainwindow.printing import NO_PRINTER
from rosterapp.ui.pdf_print import print_pdf
from tests.gui.conftest import settle

WEEK = date(2026, 12, 7)


def _greys(path: Path, width: int = 300) -> list[np.ndarray]:
    """Each page as grey levels averaged over 6-pixel squares, `width` pixels across (a
    printer's paper and the PDF's differ by a fraction of a point, so single pixels of
    text never line up), to compare a printout with its PDF."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for page in pdf:
            bitmap = page.render(scale=width / page.get_width(), grayscale=True)
            pixels = bitmap.to_numpy()[:204, :width].astype(float)  # the same rows in both
            out.append(pixels.reshape(34, 6, width // 6, 6).mean(axis=(1, 3)))
        return out
    finally:
        pdf.close()


def _alike(printed: np.ndarray, source: np.ndarray) -> bool:
    inked = int((source < 230).sum())  # squares with some text or lines in them
    differ = int((np.abs(printed - source) > 40).sum())
    return inked > 50 and differ < inked * 0.05


def _answer(monkeypatch: pytest.MonkeyPatch, out: Path | None, copies: int = 1) -> list[str]:
    """The print dialog, accepted with a PDF printer to `out` (or, with None, as Qt
    leaves it when the system has no printer); returns the dialog titles seen."""
    titles: list[str] = []

    def accept(dialog: QPrintDialog) -> int:
        titles.append(dialog.windowTitle())
        printer = dialog.printer()
        if out is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setCopyCount(copies)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return titles


def _print(window: MainWindow, action: str, chosen: list[ExportDialog]) -> None:
    def run(dialog: ExportDialog) -> bool:
        chosen.append(dialog)
        return dialog.validate() is None

    window.run_dialog = run  # type: ignore[method-assign]
    window.actions_by_name[action].trigger()
    settle(window)
    settle(window)


def test_print_briefing_sends_the_sheets_pages_to_the_printer(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"
    titles = _answer(monkeypatch, out)
    member = window.model.grid.rows[3].member  # type: ignore[union-attr]
    window.view.setCurrentIndex(window.model.index_of(member.id, WEEK))
    chosen: list[ExportDialog] = []
    _print(window, "print_briefing", chosen)
    dialog = chosen[0]
    assert dialog.windowTitle() == "Print" and not dialog.ui.path.isVisibleTo(dialog)
    shift = dialog.ui.shift.currentText()
    source = exporting.export_briefing(window.db, "WE", WEEK, shift, tmp_path / "source.pdf")
    pages = len(pypdf.PdfReader(source).pages)
    assert titles == [f"Print briefing sheet ({pages} page{'s' if pages > 1 else ''})"]
    assert len(pypdf.PdfReader(out).pages) == pages
    assert all(_alike(a, b) for a, b in zip(_greys(out), _greys(source), strict=True))
    assert "Sent" in window.statusBar().currentMessage()
    assert not list(Path(str(tmp_path)).glob("rosterapp-print-*"))


def test_print_roster_of_four_weeks_in_two_copies(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window.actions_by_name["span_4"].trigger()
    settle(window)
    out = tmp_path / "roster.pdf"
    _answer(monkeypatch, out, copies=2)  # a PDF printer makes no copies: the app does
    _print(window, "print_roster", [])
    source = exporting.export_roster_pdf(
        window.db, "WE", window.first_day, window.last_day, tmp_path / "source.pdf"
    )
    printed, expected = _greys(out), _greys(source)
    assert len(printed) == 2 * len(expected)
    assert all(_alike(a, b) for a, b in zip(printed, expected * 2, strict=True))
    assert pypdf.PdfReader(out).pages[0].mediabox.width > 1000  # A3 landscape, as the PDF


def test_a_blank_page_is_not_taken_for_the_sheet() -> None:
    blank = np.full((34, 50), 255.0)
    inked = np.where(np.arange(34 * 50).reshape(34, 50) % 3 == 0, 120.0, 255.0)
    assert _alike(inked, inked) and not _alike(blank, inked)


def test_no_printer_and_cancel_are_said_in_plain_words(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    _answer(monkeypatch, None)
    _print(window, "print_briefing", [])
    assert said == [f"Nothing was printed: {NO_PRINTER[:1].lower()}{NO_PRINTER[1:]}"]
    monkeypatch.setattr(QPrintDialog, "exec", lambda _d: int(QDialog.DialogCode.Rejected))
    _print(window, "print_roster", [])
    message = window.statusBar().currentMessage()
    assert message == "Printing cancelled: nothing was sent to the printer"


def test_cancel_between_pages_stops_the_job(window: MainWindow, tmp_path: Path) -> None:
    source = exporting.export_roster_pdf(
        window.db, "WE", WEEK, date(2026, 12, 13), tmp_path / "source.pdf"
    )
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    printer.setCopyCount(3)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 1

    with pytest.raises(Cancelled):
        print_pdf(source, printer, progress)
    pages = len(pypdf.PdfReader(source).pages)
    assert seen == [(0, 3 * pages), (1, 3 * pages)]
