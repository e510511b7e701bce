"""How the auto-roster shapes a team's roster: the weights of the marks of a rota."""

from __future__ import annotations

from dataclasses import asdict, fields, replace

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.values import SHAPE_LIMIT, ShapeWeights, TeamInfo
from rosterapp.services import teams
from rosterapp.ui.dialogs.form import FormDialog, Save
from rosterapp.ui.operations import Changes, Operations
from rosterapp.ui.palette import error_style

# (label, what it means to a sergeant) for each weight, in the order shown.
MEANING = {
    "tour_mix": ("One tour a week", "each extra tour an officer works in one Monday–Sunday week"),
    "run_change": ("Same tour through a run", "a change of tour between two days on duty"),
    "single_rest": ("Rest days in pairs", "a rest day with duty on both sides of it"),
    "unsocial": ("Sociable tours for spare officers", "each late-late or night duty"),
    "weekend_off": ("Weekends off shared", "each whole weekend off short of an officer's share"),
}


class _Ui:
    """The widgets FormDialog reads (`buttons`, `error`), laid out in code."""

    def __init__(self, dialog: RosterShapeDialog) -> None:
        layout = QVBoxLayout(dialog)
        intro = QLabel(
            "Cover, bank holidays, published rest days and contracted hours always come "
            "first. Among rosters equal on those, the auto-roster weighs these against each "
            f"other: 0 ignores one, {SHAPE_LIMIT} is the most. The defaults suit most teams."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for name, (label, meaning) in MEANING.items():
            spin = QSpinBox()
            spin.setRange(0, SHAPE_LIMIT)
            spin.setObjectName(name)
            spin.setToolTip(f"The cost of {meaning}")
            spin.setAccessibleName(label)
            form.addRow(label, spin)
            self.spins[name] = spin
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet(error_style())
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.defaults = QPushButton("Restore &defaults")
        self.buttons.addButton(self.defaults, QDialogButtonBox.ButtonRole.ResetRole)
        layout.addWidget(self.buttons)


class RosterShapeDialog(FormDialog):
    changes = Changes(teams=True)

    def __init__(
        self, ops: Operations | None, team: TeamInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(ops, parent)
        self.setWindowTitle(f"Roster shape — {team.name}")
        self.ui = _Ui(self)
        self.team = team
        self.fields = dict(self.ui.spins)
        self.ui.defaults.clicked.connect(lambda: self._show(ShapeWeights()))
        self._show(team.shape)
        self._wire()

    def _show(self, weights: ShapeWeights) -> None:
        for name, value in asdict(weights).items():
            self.ui.spins[name].setValue(value)

    def weights(self) -> ShapeWeights:
        return ShapeWeights(**{f.name: self.ui.spins[f.name].value() for f in fields(ShapeWeights)})

    def take_newer(self, current: TeamInfo, version: int, *, reload: bool) -> None:
        if reload:
            self._show(current.shape)
            self.team = current
        else:
            self.team = replace(self.team, version=version)

    def save(self) -> Save:
        code, version = self.team.code, self.team.version
        chosen = self.weights()
        stored = None if chosen == ShapeWeights() else chosen  # defaults follow the product
        return lambda db: teams.update_team_settings(
            db, code, expected_version=version, shape_weights=stored
        )
