"""Finding markers: a shape per severity, not a colour alone; the grid says the findings."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from rosterapp.domain.findings import Finding, Severity
from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.markers import SIZE, Shape, marker_shape, paint_marker

CELL = QRect(0, 0, 40, 24)


def test_each_severity_has_its_own_shape() -> None:
    shapes = {s: marker_shape(s) for s in Severity}
    assert shapes == {
        Severity.BLOCK: Shape.SQUARE,
        Severity.WARN: Shape.TRIANGLE,
        Severity.INFO: Shape.CIRCLE,
    }


def _mask(severity: Severity) -> set[tuple[int, int]]:
    """The pixels a marker covers on a white cell: its shape, whatever its colour."""
    image = QImage(CELL.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    paint_marker(painter, CELL, severity)
    painter.end()
    return {
        (x, y)
        for x in range(CELL.width())
        for y in range(CELL.height())
        if QColor(image.pixel(x, y)).lightness() < 200
    }


def test_markers_differ_in_shape_not_only_colour(qapp: QApplication) -> None:
    square, triangle, circle = (_mask(s) for s in (Severity.BLOCK, Severity.WARN, Severity.INFO))
    assert square and triangle and circle
    assert len({frozenset(m) for m in (square, triangle, circle)}) == 3
    right, top = CELL.right() - 1, CELL.top() + 1
    low_left = (right - SIZE + 2, top + SIZE - 2)  # inside a square, outside the corner triangle
    top_left = (right - SIZE + 3, top + 1)  # a square's and the triangle's, not a circle's
    assert low_left in square and low_left not in triangle and low_left not in circle
    assert top_left in square and top_left in triangle and top_left not in circle
    assert len(circle) < len(square) and len(triangle) < len(square)
    everything = square | triangle | circle
    assert all(x > CELL.width() - SIZE - 4 and y < SIZE + 3 for x, y in everything)


def test_the_grid_announces_the_findings_of_a_cell(window: MainWindow) -> None:
    model = window.model
    row = model.rows[0]
    day = model.days[0]
    finding = Finding(
        "rest",
        Severity.BLOCK,
        row.member.id,
        row.member.shoulder_number,
        day,
        "Only 8 hours' rest between shifts",
    )
    note = Finding(
        "notice", Severity.INFO, row.member.id, None, day - timedelta(days=7), "n", days=(day,)
    )
    model.set_findings([finding, note])
    text = model.describe(model.index(0, 0))
    assert "blocking: Only 8 hours' rest between shifts" in text
    assert "note: n" in text
    model.set_findings([])
    assert "blocking" not in model.describe(model.index(0, 0))
