"""Skills in a members file that nobody has yet ('Standard', 'Drone pilot'): each is
added as a new skill or left out of the rows naming it, as the user chooses. Nothing is
chosen for them: a note in the skills column must not quietly become a skill."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

ADD, IGNORE = "add", "ignore"
CHOICES = (("— choose —", ""), ("Add as a new skill", ADD), ("Leave it out", IGNORE))


class UnknownSkillsDialog(QDialog):
    def __init__(
        self,
        file_name: str,
        skill_rows: Mapping[str, Sequence[int]],
        known: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Skills in {file_name}")
        self.resize(760, 420)
        self.skills = list(skill_rows)
        layout = QVBoxLayout(self)
        said = f" The team's skills: {escape(', '.join(known))}." if known else ""
        intro = QLabel(
            f"<b>{escape(file_name)} names {len(self.skills)} skill"
            f"{'s' if len(self.skills) != 1 else ''} nobody in the team has yet.</b> "
            "Add each one as a new skill, or leave it out of the rows that name it (a "
            f"typo or a note rather than a skill).{said}",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.skills), 3, self)
        self.table.setAccessibleName("Skills nobody has yet")
        self.table.setHorizontalHeaderLabels(["Skill", "On rows", "What to do"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.boxes: list[QComboBox] = []
        for i, skill in enumerate(self.skills):
            self.table.setItem(i, 0, QTableWidgetItem(skill))
            rows = QTableWidgetItem(", ".join(str(n) for n in skill_rows[skill]))
            rows.setToolTip(rows.text())  # a long list is cut at the column's edge
            self.table.setItem(i, 1, rows)
            box = QComboBox(self.table)
            box.setAccessibleName(f"What to do with the skill {skill}")
            for text, data in CHOICES:
                box.addItem(text, data)
            box.currentIndexChanged.connect(self._check)
            self.table.setCellWidget(i, 2, box)
            self.boxes.append(box)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(2, 220)
        layout.addWidget(self.table)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._check()

    def choose(self, skill: str, choice: str) -> None:
        box = self.boxes[self.skills.index(skill)]
        box.setCurrentIndex(box.findData(choice))

    def chosen(self, choice: str) -> tuple[str, ...]:
        """The skills given `choice` (ADD or IGNORE)."""
        return tuple(
            skill
            for skill, box in zip(self.skills, self.boxes, strict=True)
            if box.currentData() == choice
        )

    def _check(self) -> None:
        open_ = [s for s, b in zip(self.skills, self.boxes, strict=True) if not b.currentData()]
        self.error.setText(f"Still to choose: {', '.join(open_)}" if open_ else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not open_)
