"""The findings panel: what breaks a rule in the weeks on screen; click to go there."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.findings import Finding, Severity

_ICONS = {
    Severity.BLOCK: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARN: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
_LABEL = {Severity.BLOCK: "Blocking", Severity.WARN: "Warning", Severity.INFO: "Information"}


class FindingsDock(QDockWidget):
    jump = Signal(object, object)  # member_id or None, date
    accept = Signal(object)  # the Finding to accept with a reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Rule findings", parent)
        self.setObjectName("findingsDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(body)
        self.summary.setWordWrap(True)
        self.list = QListWidget(body)
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Rule findings")
        self.list.setAlternatingRowColors(True)
        self.accept_button = QPushButton("Accept warning with a reason…", body)
        self.accept_button.setToolTip(
            "Record why this warning is acceptable; it stays listed as accepted"
        )
        self.accept_button.setEnabled(False)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        layout.addWidget(self.accept_button)
        self.list.currentItemChanged.connect(self._selection_changed)
        self.accept_button.clicked.connect(self._accept_clicked)
        self.setWidget(body)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)

    def show_findings(self, findings: Sequence[Finding]) -> None:
        self.list.clear()
        counts = {s: 0 for s in Severity}
        style = self.style()
        for f in findings:
            counts[f.severity] += 1
            text = f.message
            if f.accepted_reason:
                text += f"\n✓ Accepted: {f.accepted_reason}"
            item = QListWidgetItem(style.standardIcon(_ICONS[f.severity]), text)
            if f.accepted_reason:
                item.setForeground(QColor("#6b6b6b"))
            item.setToolTip(f"{_LABEL[f.severity]} · {f.rule}\nSource: {f.source}")
            item.setData(Qt.ItemDataRole.UserRole, (f.member_id, f.day))
            item.setData(Qt.ItemDataRole.UserRole + 1, f)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{_LABEL[f.severity]}: {f.message}")
            self.list.addItem(item)
        if not findings:
            self.summary.setText("No rule is broken in the weeks shown.")
        else:
            self.summary.setText(
                f"<b>{counts[Severity.BLOCK]}</b> blocking · <b>{counts[Severity.WARN]}</b> "
                f"warnings · <b>{counts[Severity.INFO]}</b> for information"
            )

    def current_finding(self) -> Finding | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole + 1) if item is not None else None

    def _selection_changed(self, *_: object) -> None:
        f = self.current_finding()
        self.accept_button.setEnabled(f is not None and f.severity is Severity.WARN)

    def _accept_clicked(self) -> None:
        f = self.current_finding()
        if f is not None:
            self.accept.emit(f)

    def _activated(self, item: QListWidgetItem) -> None:
        member_id, day = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(day, date):
            self.jump.emit(member_id, day)
