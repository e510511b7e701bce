"""The one question asked when someone else saved first: reload theirs or apply mine."""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

Choice = Literal["reload", "apply", "cancel"]


def ask_reload_or_apply(parent: QWidget, message: str) -> Choice:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Changed by someone else",
        message[:1].upper() + message[1:] + ".",
        parent=parent,
    )
    reload_button = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
    apply_button = box.addButton("Apply mine anyway", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(reload_button)
    box.exec()
    if box.clickedButton() is reload_button:
        return "reload"
    return "apply" if box.clickedButton() is apply_button else "cancel"
