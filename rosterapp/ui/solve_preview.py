"""The solver's proposal before anything is written: a summary, changes per officer,
and accept all, the chosen officers, or nothing."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
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
from rosterapp.services.roster_shape import Shape
from rosterapp.services.solving import Proposal


def _state(proposal: Proposal) -> str:
    if proposal.short:
        people = "person" if proposal.short == 1 else "people"
        return f"{proposal.short} {people} short of cover — each explained below"
    return "all cover met"


def shape_rows(before: Shape | None, after: Shape | None) -> list[tuple[str, str, str]]:
    """(measure, now, with the proposal) for the figures a sergeant judges a rota by."""
    if after is None:
        return []

    def figures(s: Shape) -> list[str]:
        return [
            str(s.short),
            str(s.no_beat),
            f"{s.changes_per_week:.2f}",
            f"{100 * s.paired_share:.0f} %",
            f"{s.unsocial_duties} of {s.unsocial_needed} asked",
            f"{s.holiday_duties} of {s.holiday_needed} needed",
        ]

    names = [
        "People short of cover",
        "Duties without a beat",
        "Tour changes per officer-week",
        "Rest days in pairs",
        "Late-lates and nights",
        "Bank-holiday duties",
    ]
    now = figures(before) if before is not None else ["–"] * len(names)
    return list(zip(names, now, figures(after), strict=True))


class PreviewDialog(QDialog):
    """One row per officer with their proposed days, ticked; the grid shows the
    proposed cells outlined meanwhile."""

    def __init__(self, proposal: Proposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proposal = proposal
        self.setWindowTitle("Proposed roster")
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        self.officers = sorted(
            {e.member_id for e in proposal.edits},
            key=lambda m: proposal.labels.get(m, str(m)),
        )
        summary = QLabel(
            f"<b>{len(proposal.edits)} cells for {len(self.officers)} officers</b> from "
            f"{dstr(proposal.start)} to {dstr(proposal.end)}: {_state(proposal)}. "
            "Untick an officer to keep their days as they are.",
            self,
        )
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(summary)
        layout.addWidget(self._shape_table())
        layout.addWidget(self._officer_table(), 1)
        if proposal.explanations:
            layout.addWidget(QLabel("Cover the solver could not reach, and why:", self))
            why = QListWidget(self)
            why.setWordWrap(True)
            why.addItems(proposal.explanations)
            why.setMaximumHeight(140)
            why.setAccessibleName("Shortfalls explained")
            layout.addWidget(why)
        buttons = QDialogButtonBox(self)
        self.accept_all = buttons.addButton("Accept all", QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_ticked = buttons.addButton(
            "Accept ticked officers", QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.discard = buttons.addButton("Discard", QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_all.clicked.connect(self._all)
        self.accept_ticked.clicked.connect(self.accept)
        self.discard.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def _shape_table(self) -> QTableWidget:
        rows = shape_rows(self.proposal.shape_before, self.proposal.shape_after)
        table = QTableWidget(len(rows), 2, self)
        table.setAccessibleName("How the roster reads")
        table.setHorizontalHeaderLabels(["Now", "With the proposal"])
        table.setVerticalHeaderLabels([r[0] for r in rows])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for i, (_, now, after) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(now))
            table.setItem(i, 1, QTableWidgetItem(after))
        # Every figure in view without scrolling.
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(i) for i in range(len(rows)))
        table.setFixedHeight(height)
        return table

    def _officer_table(self) -> QTableWidget:
        p = self.proposal
        days = [p.start + timedelta(days=i) for i in range((p.end - p.start).days + 1)]
        by_officer: dict[int, dict[object, CellEdit]] = {}
        for e in p.edits:
            by_officer.setdefault(e.member_id, {})[e.day] = e
        self.table = QTableWidget(len(self.officers), 3, self)
        self.table.setHorizontalHeaderLabels(["Officer", "Cells", "Proposed days"])
        self.table.setAccessibleName("Proposed changes by officer")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, mid in enumerate(self.officers):
            edits = by_officer[mid]
            who = QTableWidgetItem(p.labels.get(mid, str(mid)))
            who.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            who.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, who)
            self.table.setItem(row, 1, QTableWidgetItem(str(len(edits))))
            codes = []
            for d in days:
                new = edits.get(d)
                old = p.before.get((mid, d)) or "·"
                codes.append((new.code or "·") if new else old.lower())
            text = _weeks_text(codes)
            item = QTableWidgetItem(text)
            item.setFont(mono)
            item.setToolTip(
                "\n".join(p.describe(e) for e in sorted(edits.values(), key=lambda e: e.day))
            )
            self.table.setItem(row, 2, item)
        return self.table

    def tick(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, 0)
        assert item is not None
        return item

    def _all(self) -> None:
        for i in range(self.table.rowCount()):
            self.tick(i).setCheckState(Qt.CheckState.Checked)
        self.accept()

    def chosen(self) -> list[CellEdit]:
        ticked = {
            mid
            for i, mid in enumerate(self.officers)
            if self.tick(i).checkState() == Qt.CheckState.Checked
        }
        return [e for e in self.proposal.edits if e.member_id in ticked]


def _weeks_text(codes: list[str]) -> str:
    """The days as a sergeant writes a rota line: a week to a group (kept days in
    lower case)."""
    weeks = [codes[i : i + 7] for i in range(0, len(codes), 7)]
    return "  |  ".join(" ".join(c.ljust(2) for c in w) for w in weeks)
