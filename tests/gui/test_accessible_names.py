"""Every control a keyboard reaches has a name a screen reader can say."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle


def _has_label(widget: QWidget) -> bool:
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget and label.text().strip():
            return True
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    if isinstance(layout, QFormLayout):
        field = layout.labelForField(widget)
        if isinstance(field, QLabel) and field.text().strip():
            return True
    return False


def unnamed(root: QWidget) -> list[str]:
    """The focusable controls under root with neither an accessible name nor a label."""
    out = []
    for widget in root.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(root):
            continue
        if isinstance(widget.parentWidget(), QAbstractScrollArea) and not isinstance(
            widget, QAbstractButton
        ):
            continue  # a scroll area's viewport: the area itself carries the name
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # the line edit inside a date or combo box: the box carries the name
        if not _has_label(widget):
            where = type(widget.parentWidget()).__name__
            out.append(f"{type(widget).__name__} {widget.objectName()!r} in {where}")
    return out


def test_main_window_controls_have_names(window: MainWindow) -> None:
    assert unnamed(window) == []


# The menu commands that open a dialog on the demo team (with a person selected).
DIALOGS = (
    *("export", "briefing", "print_briefing", "keep", "audit", "import_members"),
    *("import_roster", "import_requests", "publish", "pattern", "roster_shape", "operations"),
    *("new_member",),
    *("edit_member", "absence", "toil", "transfer", "end_member", "tasking", "taskings"),
    *("beats", "beat_form", "retire_beat", "shift_types", "cover", "cover_list"),
    *("team_settings", "blackouts", "new_team", "strength", "overview", "shortcuts", "guide"),
)


def _capture_input_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """QInputDialog's static functions run their own modal loop in C++, out of reach of
    the patched exec: build the same Qt dialog (its label is its field's buddy), open it
    through the patched show so that it is checked, and answer as if cancelled."""

    def build(
        mode: QInputDialog.InputMode, parent: QWidget, title: str, label: str
    ) -> QInputDialog:
        dialog = QInputDialog(parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setInputMode(mode)
        dialog.show()
        return dialog

    def get_int(parent: QWidget, title: str, label: str, *_: object, **__: object) -> tuple:
        build(QInputDialog.InputMode.IntInput, parent, title, label)
        return 0, False

    def get_text(parent: QWidget, title: str, label: str, *_: object, **__: object) -> tuple:
        build(QInputDialog.InputMode.TextInput, parent, title, label)
        return "", False

    def get_item(parent: QWidget, title: str, label: str, items: list, *_: object) -> tuple:
        build(QInputDialog.InputMode.TextInput, parent, title, label).setComboBoxItems(items)
        return "", False

    monkeypatch.setattr(QInputDialog, "getInt", get_int)
    monkeypatch.setattr(QInputDialog, "getText", get_text)
    monkeypatch.setattr(QInputDialog, "getItem", get_item)


def test_every_dialog_from_the_menus_names_its_controls(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    opened: list[QDialog] = []

    def capture(dialog: QDialog) -> int:
        opened.append(dialog)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", capture)
    monkeypatch.setattr(QDialog, "open", capture)
    monkeypatch.setattr(QDialog, "show", capture)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.No)
    _capture_input_dialogs(monkeypatch)
    window.view.setCurrentIndex(window.model.index(5, 1))
    found: dict[str, list[str]] = {}
    for name in DIALOGS:
        before = len(opened)
        window.actions_by_name[name].trigger()
        settle(window)
        qtbot.wait(20)  # a dialog filled by the worker's answer
        found.update({f"{name}: {type(d).__name__}": unnamed(d) for d in opened[before:]})
    assert len(found) >= 25, sorted(found)
    missing = {k: v for k, v in found.items() if v}
    assert not missing, "\n".join(f"{k}: {v}" for k, v in missing.items())
