"""File → Print briefing… and Print roster…: the PDF the export would write, sent to a
printer chosen in Qt's print dialog. The PDF is written on the database worker, then
printed page by page there too (ui/pdf_print.py), with progress and Cancel: the window
never waits on the printer."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox

from rosterapp.storage import Database
from rosterapp.ui.export_dialog import PRINTABLE, ExportRequest
from rosterapp.ui.mainwindow.jobs import Jobs, follow_counts, write_export
from rosterapp.ui.operations import Op, Progress, sentence
from rosterapp.ui.pdf_print import PrintFailed, match_paper, print_pdf, read_pages

NO_PRINTER = (
    "No printer is set up on this computer. Add one in the system's printer settings, "
    "or save the sheet with File → Export… and print the PDF from another computer."
)


class Printing(Jobs):
    def print_sheet(self, kind: str) -> Op | None:
        """Ask what to print, write its PDF on the worker, then choose the printer."""
        dialog = self.export_dialog(kind, printing=True)
        if dialog is None or not self.run_dialog(dialog) or dialog.request is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="rosterapp-print-"))
        request = replace(dialog.request, path=folder / f"{request_name(dialog.request)}.pdf")
        assert self.team is not None
        team = self.team

        def work(db: Database, progress: Progress) -> Path:
            return write_export(db, team, request, progress)

        op = self.ops.job(work).with_progress(
            "Preparing the pages…", cancel="Cancel", title="Print", wait_ms=400
        )
        what = PRINTABLE[request.kind]
        op.success(lambda path: self.choose_printer(path, folder, what))
        op.failure(lambda exc: self._print_failed(sentence(exc), folder))
        op.on_cancel(lambda: self._print_stopped("nothing was sent to the printer", folder))
        return op.run()

    def choose_printer(self, pdf: Path, folder: Path, what: str) -> None:
        try:
            pages = read_pages(pdf)
        except PrintFailed as exc:
            self._print_failed(str(exc), folder)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"{self.team} {what.lower()}")
        match_paper(printer, pages)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"Print {what.lower()} ({_pages(pages.count)})")
        dialog.setMinMax(1, pages.count)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self._print_stopped("nothing was sent to the printer", folder)
            return
        if (
            printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
            and not printer.outputFileName()
        ):  # Qt's fallback when the system has no printer at all
            self._print_failed(NO_PRINTER, folder)
            return
        self.send_to_printer(pdf, printer, folder, what)

    def send_to_printer(self, pdf: Path, printer: QPrinter, folder: Path, what: str) -> Op:
        # The worker has the printer to itself until the op ends: nothing here touches it.
        def work(_db: Database, progress: Progress) -> int:
            return print_pdf(pdf, printer, progress)

        where = printer.printerName() or Path(printer.outputFileName()).name or "the printer"
        op = self.ops.job(work).with_progress(
            f"Sending the {what.lower()} to {where}…", cancel="Cancel", title="Print", wait_ms=300
        )
        follow_counts(
            op, lambda done, total: f"Sending page {min(done + 1, total)} of {total} to {where}…"
        )
        op.success(
            lambda n: self.show_message(f"Sent {_pages(n)} of the {what.lower()} to {where}")
        )
        op.failure(lambda exc: self._print_failed(sentence(exc), None))
        op.on_cancel(
            lambda: self.show_message("Printing cancelled: pages already sent may still print")
        )
        op.finished.connect(lambda: shutil.rmtree(folder, ignore_errors=True))
        return op.run()

    def _print_failed(self, text: str, folder: Path | None) -> None:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        QMessageBox.warning(self, "Print", f"Nothing was printed: {text[:1].lower()}{text[1:]}")

    def _print_stopped(self, why: str, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        self.show_message(f"Printing cancelled: {why}")


def request_name(request: ExportRequest) -> str:
    if request.kind == "briefing":
        return f"briefing-{request.start}-{request.shift}"
    return f"roster-{request.start}-to-{request.end}"


def _pages(n: int) -> str:
    return f"{n} page" + ("" if n == 1 else "s")
