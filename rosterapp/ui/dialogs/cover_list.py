"""The team's cover requirements in force from a day on: each with its dates; add one
(or change one: a new minimum from a date), or end one (kept for the days before)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QWidget

from rosterapp.domain.cover import Requirement
from rosterapp.services.cover_requirements import end_requirement, list_requirements
from rosterapp.storage import Database
from rosterapp.ui.dialogs.list_base import ListDialog, ListModel
from rosterapp.ui.operations import Changes, Operations

COLUMNS = ("Where", "Day", "Shift", "At least", "Rank", "Skill", "From", "Until")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(d: date | None, none: str) -> str:
    return f"{d:%a %d %b %Y}" if d else none


class CoverListModel(ListModel[Requirement]):
    columns = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.order: dict[str, int] = {}  # shift code → its place in the codes list

    def arrange(self, rows: Sequence[Requirement]) -> list[Requirement]:
        return sorted(
            rows,
            key=lambda r: (
                r.beat or "",
                self.order.get(r.shift, 99),
                r.weekday,
                r.rank.value if r.rank else "",
                r.skill or "",
                r.effective_from or date.min,
            ),
        )

    def texts(self, r: Requirement) -> Sequence[str]:
        return (
            r.beat or "whole team",
            DAYS[r.weekday],
            r.shift,
            str(r.min_count),
            r.rank.label if r.rank else "any",
            r.skill or "any",
            _day(r.effective_from, "always"),
            _day(r.effective_to, "—"),
        )


class CoverListDialog(ListDialog[Requirement]):
    noun = "requirement"

    def __init__(
        self,
        ops: Operations,
        team: str,
        since: date,
        shift_order: dict[str, int],
        add: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        model = CoverListModel()
        model.order = shift_order
        title = "Cover requirements"
        super().__init__(ops, model, title, (860, 460), title, parent)
        self.team, self.since = team, since
        self.table.horizontalHeader().setStretchLastSection(True)
        hint = (
            f"In force on or after {since:%a %d %b %Y}. A change is a new minimum from a "
            "date: the old one ends the day before, so earlier rosters are checked against "
            "what was required then. Ending one keeps it for the days it covered."
        )
        self.lay_out(
            [self.hint(hint)],
            [
                ("add", "&New or changed requirement…", add),
                ("end", "&End", self.end_selected),
            ],
        )
        self.refresh()

    def reader(self) -> Callable[[Database], Sequence[Requirement]]:
        team, since = self.team, self.since
        return lambda db: list_requirements(db, team, since, date.max)

    def end_selected(self, today: date | None = None) -> None:
        """In force until yesterday: today's rosters and later no longer need it."""
        r = self.chosen()
        if r is None:
            return
        team, rid = self.team, r.id
        last = (today or date.today()) - timedelta(days=1)
        self.save(lambda db: end_requirement(db, team, rid, last), Changes(week=True))
