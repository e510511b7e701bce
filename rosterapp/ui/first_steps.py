"""A new team's first steps, in place of a blank grid: members, beats, shift codes,
cover, then a roster, each a click away and ticked off as it is done."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.grid import Grid
from rosterapp.ui.palette import mark_style


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    actions: tuple[str, ...]  # names in the window's actions table


STEPS = (
    Step(
        "Members",
        "Add the team one at a time, or import the spreadsheet you keep now.",
        ("new_member", "import_members"),
    ),
    Step("Beats", "The wards and hotspots your officers patrol.", ("beats",)),
    Step(
        "Shift codes",
        "E, L, LL, N, RD, AL, S… are ready; add your own if you work other tours.",
        ("shift_types",),
    ),
    Step("Cover", "How many people each shift needs, by beat, rank or skill.", ("cover",)),
    Step(
        "A roster",
        "Apply a rota pattern, let the solver fill the weeks, or type codes in the grid.",
        ("pattern", "fill"),
    ),
)


SHORT_LABELS = {"fill": "Fill with the solver"}


def steps_done(grid: Grid, requirements: int) -> list[bool]:
    has_cells = any(not c.from_absence for c in grid.cells.values())
    return [bool(grid.rows), bool(grid.beats), bool(grid.shift_types), requirements > 0, has_cells]


def wants_first_steps(grid: Grid, requirements: int) -> bool:
    """A team with nobody in it, or with nothing rostered and its set-up not finished."""
    done = steps_done(grid, requirements)
    return not done[0] or (not done[4] and not all(done[:4]))


class FirstSteps(QWidget):
    dismissed = Signal()  # "Show the grid": the user knows their way

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstSteps")
        self.setAccessibleName("First steps for a new team")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.heading)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(14)
        self.marks: list[QLabel] = []
        self.buttons: dict[str, QPushButton] = {}
        self._actions = actions
        self._has_people = True
        for row, step in enumerate(STEPS):
            mark = QLabel(self)
            mark.setMinimumWidth(28)
            self.marks.append(mark)
            grid.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            text = QLabel(f"<b>{row + 1}. {step.title}</b><br>{step.text}", self)
            text.setWordWrap(True)
            grid.addWidget(text, row, 1)
            box = QHBoxLayout()
            for name in step.actions:
                action = actions[name]
                label = SHORT_LABELS.get(name) or action.text().replace("&", "")
                button = QPushButton(label, self)
                button.setAccessibleName(f"{step.title}: {button.text()}")
                button.clicked.connect(action.trigger)
                # Greyed with its action (e.g. a team the connected login may not change).
                action.changed.connect(self._sync_buttons)
                self.buttons[name] = button
                box.addWidget(button)
            box.addStretch(1)
            grid.addLayout(box, row, 2)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        skip = QPushButton("Show the grid", self)
        skip.setToolTip("Go to the roster grid; Help and the Team menu have every step")
        skip.clicked.connect(self.dismissed.emit)
        row_box = QHBoxLayout()
        row_box.addStretch(1)
        row_box.addWidget(skip)
        outer.addLayout(row_box)
        outer.addStretch(1)

    def show_progress(self, team_name: str, done: Sequence[bool]) -> None:
        self.heading.setText(
            f"<h2>Setting up {team_name}</h2>"
            "<p>Five steps to the first roster. Each opens where it is done; come back "
            "here by choosing the team again until the team has a roster.</p>"
        )
        for mark, ok, step in zip(self.marks, done, STEPS, strict=True):
            mark.setText("✔" if ok else "○")
            mark.setStyleSheet(mark_style(ok))
            mark.setAccessibleName(f"{step.title}: {'done' if ok else 'to do'}")
        self._has_people = bool(done[0])
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        for name, button in self.buttons.items():
            # A roster needs people first.
            needs_people = name in ("pattern", "fill") and not self._has_people
            button.setEnabled(self._actions[name].isEnabled() and not needs_people)
            button.setToolTip(self._actions[name].toolTip())
