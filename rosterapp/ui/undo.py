"""Undo/redo: each user action is one command that calls the services both ways."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from rosterapp.services.absences import AbsenceInfo, delete_absence, record_absence
from rosterapp.services.roster import set_cells
from rosterapp.services.values import CellChange, CellEdit
from rosterapp.storage import Database

ChangesListener = Callable[[Sequence[CellChange]], None]


def redo_edits(changes: Sequence[CellChange]) -> list[CellEdit]:
    out = []
    for c in changes:
        a = c.after
        if a is None or a.from_absence:
            out.append(CellEdit(c.member_id, c.day, None))
        else:
            out.append(CellEdit(c.member_id, c.day, a.code, a.beat, a.call_sign, a.note, a.pinned))
    return out


class CellsCommand(QUndoCommand):
    """Cells already changed by the service; undo puts them back, redo applies again.

    The first application happens before the command is pushed, so a refused
    edit (bad code, stale row) never reaches the undo stack.
    """

    def __init__(
        self,
        db: Database,
        team: str,
        changes: Sequence[CellChange],
        text: str,
        listener: ChangesListener,
    ) -> None:
        super().__init__(text)
        self.db = db
        self.team = team
        self.changes = list(changes)
        self.listener = listener
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            return
        done = set_cells(self.db, self.team, redo_edits(self.changes))
        self._applied = True
        self.listener(done)

    def undo(self) -> None:
        done = set_cells(self.db, self.team, [c.undo_edit() for c in reversed(self.changes)])
        self._applied = False
        self.listener(done)


class AbsenceCommand(QUndoCommand):
    """An absence already recorded (and the duties it cleared); undo restores both."""

    def __init__(
        self,
        db: Database,
        team: str,
        info: AbsenceInfo,
        cleared: Sequence[CellChange],
        refresh: Callable[[], None],
    ) -> None:
        super().__init__(f"Record {info.kind.label.lower()} for {info.shoulder_number}")
        self.db = db
        self.team = team
        self.info = info
        self.cleared = list(cleared)
        self.refresh = refresh
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            return
        i = self.info
        self.info, self.cleared = record_absence(
            self.db,
            i.shoulder_number,
            i.kind,
            i.start_date,
            i.end_date,
            category=i.category,
            note=i.note,
        )
        self._applied = True
        self.refresh()

    def undo(self) -> None:
        delete_absence(self.db, self.info.id)
        if self.cleared:
            set_cells(self.db, self.team, [c.undo_edit() for c in reversed(self.cleared)])
        self._applied = False
        self.refresh()
