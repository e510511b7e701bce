"""Printing a PDF the app wrote, page by page, onto a QPrinter.

The PDF is the source so that paper and file are the same sheet. PDFium (pypdfium2)
renders each page at the printer's resolution and QPainter puts it on the printer;
QtPdf would do the same but ships only in PySide6's add-ons (hundreds of megabytes).
This runs on a worker thread: Qt lets a QPainter draw on a QPrinter off the GUI thread,
as long as nothing else touches that printer meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from rosterapp.exports.files import Cancelled, ExportError

POINTS_PER_INCH = 72.0
# A page rendered at 600 dpi reads like the PDF itself on any office printer; above that
# an A3 page alone would take half a gigabyte, so the resolution is capped by both.
MAX_DPI = 600
MAX_PIXELS = 40_000_000  # about 160 MB as 4-byte pixels: A4 at 600 dpi, A3 at 450

# (pages printed so far, pages to print) → False once the user has cancelled
PageProgress = Callable[[int, int], bool]


class PrintFailed(ExportError):
    """The printer refused the job or the PDF could not be read: said in plain words."""


@dataclass(frozen=True)
class PdfPages:
    count: int
    first_size: tuple[float, float]  # width, height in points


def read_pages(path: Path) -> PdfPages:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise PrintFailed(f"the PDF to print could not be read ({exc})") from exc
    try:
        width, height = pdf[0].get_size()
        return PdfPages(len(pdf), (width, height))
    finally:
        pdf.close()


def match_paper(printer: QPrinter, pages: PdfPages) -> None:
    """Offer the PDF's own paper (A4 or A3, portrait or landscape) in the print dialog,
    edge to edge: the PDF has its margins already."""
    width, height = pages.first_size
    portrait = QSizeF(min(width, height), max(width, height))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (
        QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    )
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)
    printer.setFromTo(1, pages.count)


def pages_chosen(printer: QPrinter, count: int) -> list[int]:
    """The page numbers (from 0) the print dialog asked for, each copy in turn when the
    printer cannot make copies itself."""
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(printer.toPage() or count, count)
    pages = list(range(first - 1, last))
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    return pages * copies


def render_page(page: pdfium.PdfPage, dpi: float) -> QImage:
    width, height = page.get_size()
    pixels = width * height * (dpi / POINTS_PER_INCH) ** 2
    if pixels > MAX_PIXELS:
        dpi *= (MAX_PIXELS / pixels) ** 0.5
    bitmap = page.render(
        scale=dpi / POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True, optimize_mode="print"
    )
    image = QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
    )
    return image.copy()  # the bitmap's memory goes with the bitmap: keep Qt's own copy


def print_pdf(path: Path, printer: QPrinter, progress: PageProgress) -> int:
    """Print the pages chosen in the dialog; returns how many went to the printer."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        chosen = pages_chosen(printer, len(pdf))
        if not chosen:
            raise PrintFailed("no pages in the range chosen")
        dpi = float(min(printer.resolution(), MAX_DPI))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed("the printer would not start the job (is it switched on?)")
        try:
            _paint(pdf, chosen, dpi, printer, painter, progress)
        finally:
            painter.end()
        return len(chosen)
    finally:
        pdf.close()


def print_to_file(source: Path, out: Path) -> int:
    """Print `source` to a PDF printer writing `out`, as the print dialog's Print to file
    does (the self-test's check that printing works where the app is installed)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    match_paper(printer, read_pages(source))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return print_pdf(source, printer, lambda _done, _total: True)


def _paint(
    pdf: pdfium.PdfDocument,
    chosen: list[int],
    dpi: float,
    printer: QPrinter,
    painter: QPainter,
    progress: PageProgress,
) -> None:
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    # Full page: the painter's origin is the paper's corner, not the printable area's.
    paper.moveTo(0, 0)
    progress(0, len(chosen))
    for done, number in enumerate(chosen):
        if done and not printer.newPage():
            raise PrintFailed("the printer refused the next page")
        page = pdf[number]
        try:
            image = render_page(page, dpi)
        finally:
            page.close()
        painter.drawImage(_fit(image, paper), image)
        if not progress(done + 1, len(chosen)):
            printer.abort()
            raise Cancelled
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintFailed("the printer reported an error")


def _fit(image: QImage, paper: QRectF) -> QRectF:
    """The page on the paper, whole and centred (the same size when the paper matches)."""
    scale = min(paper.width() / image.width(), paper.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    return QRectF(
        paper.x() + (paper.width() - width) / 2,
        paper.y() + (paper.height() - height) / 2,
        width,
        height,
    )
