"""Shared PDF pieces: an embedded Unicode font, styles, marking and 'Page X of Y'."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from rosterapp import paths
from rosterapp.exports.fonts import draw_text, text_width

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_registered = False


def register_fonts() -> None:
    """DejaVu Sans covers Latin, Greek and Cyrillic; it is embedded in every PDF."""
    global _registered
    if _registered:
        return
    for name in (FONT, FONT_BOLD):
        source = paths.resource("fonts", f"{name}.ttf")
        pdfmetrics.registerFont(TTFont(name, str(source)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    _registered = True


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=11.5)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "cellbold": ParagraphStyle(
            "cellbold", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10
        ),
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=2
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            textColor=colors.HexColor("#1F3864"),
        ),
        "meta": ParagraphStyle("meta", parent=base, fontSize=9.5, leading=12.5),
    }


MARGIN, GAP, FOOTER_SIZE, MARKING_SIZE = 28.0, 10.0, 7.5, 10.0


def footer_room(width: float, marking: str, page: str) -> tuple[float, float]:
    """The widths left of and right of the centred marking on the footer line, so that a
    long team name stops short of the marking instead of running under it."""
    half = text_width(marking, FONT_BOLD, MARKING_SIZE, bold=True) / 2
    side = width / 2 - half - GAP - MARGIN
    return max(side, 0.0), side - pdfmetrics.stringWidth(page, FONT, FOOTER_SIZE)


def fit_text(text: str, font: str, size: float, room: float) -> str:
    """`text`, cut with an ellipsis to fit `room` points (the whole name is in the
    sheet's heading; the footer only names the sheet). Of "A · B" it is A that is cut."""
    bold = font == FONT_BOLD
    if text_width(text, font, size, bold=bold) <= room:
        return text
    head, sep, tail = text.partition(" · ")
    rest = text_width(sep + tail, font, size, bold=bold)
    if sep and rest < room / 2:
        # "Team name · E 07/12/2026 · …": the name gives way, the shift and date stay.
        return fit_text(head, font, size, room - rest) + sep + tail
    cut = text
    while cut and text_width(cut.rstrip() + "…", font, size, bold=bold) > room:
        cut = cut[:-1]
    return cut.rstrip() + "…" if cut else ""


def numbered_canvas(marking: str, footer_left: str) -> type[canvas.Canvas]:
    """A canvas that holds its pages until the end, to print 'Page X of Y' and the
    protective marking at the top and bottom of every page."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # reportlab starts each page in Helvetica (Latin-1 only, not embedded).
            if not kwargs.get("initialFontName"):  # platypus passes None explicitly
                kwargs["initialFontName"] = FONT
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFillColor(colors.HexColor("#B00020"))
            mark = text_width(marking, FONT_BOLD, MARKING_SIZE, bold=True)
            for y in (height - 22, 14):
                draw_text(self, (width - mark) / 2, y, marking, FONT_BOLD, MARKING_SIZE, bold=True)
            self.setFillColor(colors.black)
            page = f"Page {self._pageNumber} of {total}"
            left, _right = footer_room(width, marking, page)
            footer = fit_text(footer_left, FONT, FOOTER_SIZE, left)
            draw_text(self, MARGIN, 14, footer, FONT, FOOTER_SIZE)
            self.setFont(FONT, FOOTER_SIZE)
            self.drawRightString(width - MARGIN, 14, page)
            self.restoreState()

    return NumberedCanvas


def build_pdf(
    target: Path,
    story: list[Any],
    *,
    pagesize: tuple[float, float],
    margins: tuple[float, float, float, float],
    title: str,
    marking: str,
    footer: str,
) -> Path:
    """Lay out `story` into `target` (written under a temporary name, then renamed), with
    the marking and "Page X of Y" on every page. Margins: left, right, top, bottom."""
    from reportlab.platypus import SimpleDocTemplate

    from rosterapp.exports.files import atomic_path

    left, right, top, bottom = margins
    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=pagesize,
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            title=title,
            author="rosterapp",
        )
        doc.build(story, canvasmaker=numbered_canvas(marking, footer))
    return target
