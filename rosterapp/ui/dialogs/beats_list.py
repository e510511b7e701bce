"""The team's beats as a list: add or edit one (the beat form), retire or reinstate,
and move up or down (the order of the cover panel and the forms)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QWidget

from rosterapp.domain.values import BeatInfo
from rosterapp.services.beats import list_beats
from rosterapp.services.leavers import move_beat, set_beat_in_use
from rosterapp.storage import Database
from rosterapp.ui.dialogs.list_base import ListDialog, ListModel
from rosterapp.ui.operations import Changes, Operations
from rosterapp.ui.palette import tone

COLUMNS = ("Code", "Name", "Ward", "Hotspot", "In use")


class BeatsModel(ListModel[BeatInfo]):
    columns = COLUMNS

    @property
    def beats(self) -> list[BeatInfo]:
        return self.rows

    def arrange(self, rows: Sequence[BeatInfo]) -> list[BeatInfo]:
        return sorted(rows, key=lambda b: (b.sort_order, b.code))

    def texts(self, b: BeatInfo) -> Sequence[str]:
        return (
            b.code,
            b.name,
            b.ward,
            "yes" if b.hotspot else "",
            "yes" if b.active else "retired",
        )

    def value(self, b: BeatInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not b.active:
            return tone("muted")
        return None


class BeatsListDialog(ListDialog[BeatInfo]):
    noun = "beat"

    def __init__(
        self,
        ops: Operations,
        team: str,
        beats: Sequence[BeatInfo],
        edit: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, BeatsModel(), "Beats", (700, 420), "Beats", parent)
        self.team = team
        self.model.set_rows(beats)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hint = "A retired beat stays on the duties worked on it but is not offered any more."
        self.lay_out(
            [self.hint(hint)],
            [
                ("edit", "&New or edit…", edit),
                ("retire", "&Retire / reinstate", self.toggle_active),
                ("up", "Move &up", lambda: self.move_selected(-1)),
                ("down", "Move &down", lambda: self.move_selected(1)),
            ],
        )

    def reader(self) -> Callable[[Database], Sequence[BeatInfo]]:
        team = self.team
        return lambda db: list_beats(db, team)

    def key(self, row: BeatInfo) -> object:
        return row.code

    def toggle_active(self) -> None:
        b = self.chosen()
        if b is None:
            return
        team, code, in_use = self.team, b.code, not b.active
        self.save(lambda db: set_beat_in_use(db, team, code, in_use), Changes(week=True), code)

    def move_selected(self, step: int) -> None:
        b = self.chosen()
        if b is None:
            return
        team, code = self.team, b.code
        self.save(lambda db: move_beat(db, team, code, step), Changes(week=True), code)
