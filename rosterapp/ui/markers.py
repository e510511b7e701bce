"""Finding markers in the grid's cells: a shape per severity as well as a colour.

Colour is never the only signal: a blocking finding is a square, a warning the corner
triangle, information a small circle, each on a white rim that keeps it seen on dark cells.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QPainter, QPen, QPolygonF

from rosterapp.domain.findings import Severity
from rosterapp.ui.palette import tone

SIZE = 9  # the marker's side in pixels, in the cell's top right corner


class Shape(StrEnum):
    SQUARE = "square"
    TRIANGLE = "triangle"
    CIRCLE = "circle"


SHAPES = {Severity.BLOCK: Shape.SQUARE, Severity.WARN: Shape.TRIANGLE, Severity.INFO: Shape.CIRCLE}
TONES = {Severity.BLOCK: "marker_block", Severity.WARN: "marker_warn", Severity.INFO: "marker_info"}
LABELS = {Severity.BLOCK: "blocking", Severity.WARN: "warning", Severity.INFO: "note"}


def marker_shape(severity: Severity) -> Shape:
    return SHAPES[severity]


def paint_marker(painter: QPainter, cell: QRect, severity: Severity) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(tone("marker_halo"), 1.5))
    painter.setBrush(tone(TONES[severity]))
    right, top = cell.right() - 1.0, cell.top() + 1.0
    box = QRectF(right - SIZE, top, SIZE, SIZE)
    shape = SHAPES[severity]
    if shape is Shape.SQUARE:
        painter.drawRect(box)
    elif shape is Shape.TRIANGLE:
        painter.drawPolygon(
            QPolygonF([QPointF(right - SIZE, top), QPointF(right, top), QPointF(right, top + SIZE)])
        )
    else:
        painter.drawEllipse(box.adjusted(1.5, 1.5, -1.5, -1.5))
    painter.restore()
