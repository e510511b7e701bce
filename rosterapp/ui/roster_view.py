"""The roster table: painting by a delegate, typing codes, copy/paste, Delete."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from rosterapp.domain.findings import Severity
from rosterapp.ui.markers import paint_marker
from rosterapp.ui.palette import tone
from rosterapp.ui.roster_model import (
    FROM_ABSENCE_ROLE,
    OPERATION_ROLE,
    PREVIEW_ROLE,
    SEVERITY_ROLE,
    RosterModel,
)


def fill_handle(rect: QRect) -> QRect:
    return QRect(rect.right() - 5, rect.bottom() - 5, 6, 6)


class RosterDelegate(QStyledItemDelegate):
    """Fills the shift colour, draws the code (never colour alone) and a finding marker."""

    def __init__(self, codes: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codes = codes

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        rect: QRect = option.rect
        bg = index.data(Qt.ItemDataRole.BackgroundRole)
        if bg is not None:
            painter.fillRect(rect, bg)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            highlight = option.palette.highlight().color()
            highlight.setAlpha(110)
            painter.fillRect(rect, highlight)
        if index.data(OPERATION_ROLE):
            # Away on an operation: a dark band down the left edge, seen at a glance.
            painter.fillRect(
                QRect(rect.left(), rect.top(), 4, rect.height()), tone("operation_band")
            )
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        proposed = index.data(PREVIEW_ROLE)
        if proposed is not None:
            # A proposed change: the new entry, on a hatched purple outline.
            painter.fillRect(rect, tone("preview_fill"))
            painter.setPen(QPen(tone("preview_line"), 2, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            text = f"→ {proposed}"
        if text:
            font = option.font
            font.setBold(True)
            font.setItalic(bool(index.data(FROM_ABSENCE_ROLE)))
            painter.setFont(font)
            # Dark on a shift's light fill, in both schemes; the scheme's text elsewhere.
            filled = bg is not None or proposed is not None
            painter.setPen(tone("cell_text") if filled else option.palette.text().color())
            painter.drawText(rect.adjusted(2, 0, -2, 0), int(Qt.AlignmentFlag.AlignCenter), text)
        severity = index.data(SEVERITY_ROLE)
        if severity:
            paint_marker(painter, rect, Severity(severity))
        painter.setPen(tone("grid_line"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.topRight(), rect.bottomRight())
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(tone("focus"))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            # The fill handle: drag it to copy this cell over others, as in a spreadsheet.
            painter.setBrush(tone("focus"))
            painter.drawRect(fill_handle(rect))
        painter.restore()

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAccessibleName("Roster code")
        completer = QCompleter(self.codes, editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # Inline, not a popup: a popup takes the Enter that should save the cell.
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        editor.setCompleter(completer)
        return editor

    def setModelData(
        self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QLineEdit)
        view = self.parent()
        text = editor.text().strip() or None
        if isinstance(view, RosterView):
            view.set_selected(text, anchor=index)
        else:
            model.setData(index, text or "")


class RosterView(QTableView):
    """Keyboard-first: type a code to set the selection, Delete clears, Ctrl+C/V copy."""

    message = Signal(str)
    escape = Signal()  # Escape with nothing being typed: the window clears Find
    resized = Signal()  # the window fits the day columns to the new width

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.setAccessibleName("Roster grid")
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultSectionSize(84)
        self.horizontalHeader().setMinimumHeight(40)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(24)
        self._fill_source: QPersistentModelIndex | None = None
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def roster_model(self) -> RosterModel:
        model = self.model()
        assert isinstance(model, RosterModel)
        return model

    def selected_keys(self) -> list[Any]:
        model = self.roster_model()
        return [
            model.key(i)
            for i in sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))
            if model.flags(i) & Qt.ItemFlag.ItemIsEditable
        ]

    def set_selected(self, text: str | None, anchor: Any = None) -> None:
        model = self.roster_model()
        keys = self.selected_keys()
        if anchor is not None and model.key(anchor) not in keys:
            keys = [model.key(anchor)]
        if keys and model.edit_handler is not None:
            model.edit_handler(keys, text)

    # --- fill: Ctrl+D / Ctrl+R, or drag the handle of the current cell ----------------
    def fill_from(self, source: QModelIndex, targets: list[QModelIndex]) -> None:
        model = self.roster_model()
        keys = [
            model.key(i)
            for i in targets
            if i != source and model.flags(i) & Qt.ItemFlag.ItemIsEditable
        ]
        if keys and model.fill_handler is not None:
            model.fill_handler(model.key(source), keys)

    def fill_down(self) -> None:
        self._fill_along(vertical=True)

    def fill_right(self) -> None:
        self._fill_along(vertical=False)

    def _fill_along(self, *, vertical: bool) -> None:
        """Each column (row) of the selection takes the value of its first cell."""
        model = self.roster_model()
        groups: dict[int, list[QModelIndex]] = {}
        for i in self.selectedIndexes():
            groups.setdefault(i.column() if vertical else i.row(), []).append(i)
        pairs = []
        for cells in groups.values():
            cells.sort(key=lambda i: (i.row(), i.column()))
            pairs += [(cells[0], c) for c in cells[1:]]
        if not pairs or model.fill_handler is None:
            return
        model.fill_pairs_handler(
            [
                (model.key(a), model.key(b))
                for a, b in pairs
                if model.flags(b) & Qt.ItemFlag.ItemIsEditable
            ]
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        current = self.currentIndex()
        if (
            current.isValid()
            and event.button() == Qt.MouseButton.LeftButton
            and fill_handle(self.visualRect(current))
            .adjusted(-2, -2, 2, 2)
            .contains(event.position().toPoint())
        ):
            self._fill_source = QPersistentModelIndex(current)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        source = self._fill_source
        if source is not None and source.isValid():
            over = self.indexAt(event.position().toPoint())
            if over.isValid():
                sel = QItemSelection(self.model().index(source.row(), source.column()), over)
                self.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        source = self._fill_source
        if source is not None:
            self._fill_source = None
            if source.isValid():
                src = self.model().index(source.row(), source.column())
                self.fill_from(src, self.selectedIndexes())
            return
        super().mouseReleaseEvent(event)

    def close_editor(self) -> None:
        """Leave the cell being typed in without saving it."""
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter saves the cell and moves down, as in a spreadsheet (Tab moves right)."""
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            # After Qt has finished closing the editor (moving inside the close left the
            # view unable to start the next edit by typing).
            QTimer.singleShot(0, self, self._move_down)

    def _move_down(self) -> None:
        current = self.currentIndex()
        below = current.sibling(current.row() + 1, current.column())
        if below.isValid():
            self.setCurrentIndex(below)

    def edit(self, index: Any, trigger: Any = None, event: Any = None) -> bool:  # type: ignore[override]
        # Ctrl/Alt with a letter is a command (Ctrl+F, Ctrl+D…), never typing into a cell.
        if (
            trigger == QAbstractItemView.EditTrigger.AnyKeyPressed
            and isinstance(event, QKeyEvent)
            and event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            return False
        if trigger is None:
            super().edit(index)
            return self.state() == QAbstractItemView.State.EditingState
        return bool(super().edit(index, trigger, event))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() == Qt.Key.Key_Escape
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.escape.emit()
            return
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.set_selected(None)
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        super().keyPressEvent(event)

    def copy_selection(self) -> None:
        """Tab-separated text, so a spreadsheet can take it."""
        indexes = self.selectedIndexes()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        model = self.roster_model()
        lines = []
        for r in rows:
            lines.append(
                "\t".join(
                    str(model.index(r, c).data() or "") if (r, c) in chosen else "" for c in cols
                )
            )
        QGuiApplication.clipboard().setText("\n".join(lines))
        self.message.emit(f"Copied {len(indexes)} cells")

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        start = self.currentIndex()
        if not text or not start.isValid():
            return
        model = self.roster_model()
        if model.paste_handler is not None:
            model.paste_handler(
                start.row(),
                start.column(),
                [line.split("\t") for line in text.rstrip("\n").split("\n")],
            )
