"""The solver's proposal before anything is written: accept all, some, or none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.grid import CellEdit
from rosterapp.rules.findings import dstr
from rosterapp.services.solving import Proposal


class PreviewDialog(QDialog):
    """Lists each cell that would change, ticked; the grid shows them outlined meanwhile."""

    def __init__(self, proposal: Proposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proposal = proposal
        self.setWindowTitle("Proposed roster")
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        state = {"OPTIMAL": "the best possible", "FEASIBLE": "the best found in the time"}.get(
            proposal.status, proposal.status.lower()
        )
        summary = QLabel(
            f"<b>{len(proposal.edits)} cells would change</b> from {dstr(proposal.start)} to "
            f"{dstr(proposal.end)} — {state} (cost {proposal.objective:g}, lower bound "
            f"{proposal.bound:g}, {proposal.seconds:.1f} s). Untick what you want to keep "
            "as it is.",
            self,
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.table = QTableWidget(len(proposal.edits), 3, self)
        self.table.setHorizontalHeaderLabels(["Who", "Day", "Change"])
        self.table.setAccessibleName("Proposed changes")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i, e in enumerate(proposal.edits):
            who = QTableWidgetItem(proposal.labels.get(e.member_id, str(e.member_id)))
            who.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            who.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(i, 0, who)
            self.table.setItem(i, 1, QTableWidgetItem(dstr(e.day)))
            old = proposal.before.get((e.member_id, e.day)) or "empty"
            beat = f" {e.beat}" if e.beat else ""
            self.table.setItem(i, 2, QTableWidgetItem(f"{old} → {e.code or 'empty'}{beat}"))
        layout.addWidget(self.table)
        if proposal.explanations:
            note = QLabel("Cover the solver could not reach, and why:", self)
            layout.addWidget(note)
            why = QListWidget(self)
            why.setWordWrap(True)
            why.addItems(proposal.explanations)
            why.setMaximumHeight(150)
            layout.addWidget(why)
        buttons = QDialogButtonBox(self)
        self.accept_all = buttons.addButton("Accept all", QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_ticked = buttons.addButton(
            "Accept ticked", QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.discard = buttons.addButton("Discard", QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_all.clicked.connect(self._all)
        self.accept_ticked.clicked.connect(self.accept)
        self.discard.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def tick(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, 0)
        assert item is not None
        return item

    def _all(self) -> None:
        for i in range(self.table.rowCount()):
            self.tick(i).setCheckState(Qt.CheckState.Checked)
        self.accept()

    def chosen(self) -> list[CellEdit]:
        return [
            e
            for i, e in enumerate(self.proposal.edits)
            if self.tick(i).checkState() == Qt.CheckState.Checked
        ]
