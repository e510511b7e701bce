"""The team's taskings still to print: reword in the table, raise or lower (the order
the briefing prints them in), end from a day, or add one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QWidget

from rosterapp.domain.briefing import BriefingItemInfo
from rosterapp.services.taskings import end_tasking, list_taskings, update_tasking
from rosterapp.storage import Database
from rosterapp.ui.dialogs.list_base import Display, Edit, ListDialog, ListModel
from rosterapp.ui.operations import Changes, Operations

COLUMNS = ("Priority", "From", "To", "Shifts", "Beat", "Tasking")
TEXT = 5
PRIORITY = {1: "1 – high", 2: "2 – normal", 3: "3 – low"}


class TaskingsModel(ListModel[BriefingItemInfo]):
    columns = COLUMNS
    text_roles = (Display, Edit)
    editable = frozenset({TEXT})

    @property
    def items(self) -> list[BriefingItemInfo]:
        return self.rows

    def texts(self, it: BriefingItemInfo) -> Sequence[str]:
        return (
            PRIORITY.get(it.priority, str(it.priority)),
            f"{it.start_date:%a %d %b}",
            f"{it.end_date:%a %d %b %Y}",
            " ".join(it.shift_codes) or "all",
            it.beat or "all",
            it.text,
        )

    def value(self, it: BriefingItemInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == TEXT:
            return it.text
        return None


class TaskingsDialog(ListDialog[BriefingItemInfo]):
    noun = "tasking"

    def __init__(
        self,
        ops: Operations,
        team: str,
        since: date,
        add: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ops, TaskingsModel(), "Briefing taskings", (820, 420), "Briefing taskings", parent
        )
        self.team, self.since = team, since
        self.model.edit_handler = lambda it, _column, text: self._save(
            lambda db: update_tasking(db, team, it.id, text=text)
        )
        self.table.horizontalHeader().setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        hint = (
            "Taskings print on the briefing sheets of their days, highest priority first. "
            "Type over a tasking to reword it; ending one keeps what was briefed before."
        )
        self.lay_out(
            [self.hint(hint)],
            [
                ("add", "&New tasking…", add),
                ("raise", "&Raise", lambda: self.shift_priority(-1)),
                ("lower", "&Lower", lambda: self.shift_priority(1)),
                ("end", "&End from today", self.end_selected),
            ],
        )
        self.refresh()

    def reader(self) -> Callable[[Database], Sequence[BriefingItemInfo]]:
        team, since = self.team, self.since
        return lambda db: list_taskings(db, team, since)

    def _save(self, fn: Callable[[Database], object]) -> None:
        self.save(fn, Changes())

    def shift_priority(self, step: int) -> None:
        it = self.chosen()
        if it is None:
            return
        team, item, priority = self.team, it.id, min(max(it.priority + step, 1), 3)
        self._save(lambda db: update_tasking(db, team, item, priority=priority))

    def end_selected(self, today: date | None = None) -> None:
        it = self.chosen()
        if it is None:
            return
        team, item, last = self.team, it.id, today or date.today()
        self._save(lambda db: end_tasking(db, team, item, last))
