"""Undo/redo: each user action is one command that calls the services both ways."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from rosterapp.domain.grid import CellChange, CellEdit
from rosterapp.services.absences import AbsenceInfo, record_absence, unrecord_absence
from rosterapp.services.errors import Conflict, ServiceError
from rosterapp.services.roster.edits import set_cells
from rosterapp.storage import Database

ChangesListener = Callable[[Sequence[CellChange]], None]


class CellsCommand(QUndoCommand):
    """Cells already changed by the service; undo puts them back, redo applies again.

    The first application happens before the command is pushed, so a refused edit
    (bad code, stale row) never reaches the undo stack. Undo and redo are refused,
    and the command dropped, if someone else has changed the cells in between.
    """

    def __init__(
        self,
        db: Database,
        team: str,
        changes: Sequence[CellChange],
        text: str,
        listener: ChangesListener,
        on_conflict: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(text)
        self.db = db
        self.team = team
        self.changes = list(changes)
        self.listener = listener
        self.on_conflict = on_conflict
        self._applied = True

    def _run(self, edits: list[CellEdit]) -> list[CellChange] | None:
        try:
            return set_cells(self.db, self.team, edits)
        except Conflict as exc:
            self.setObsolete(True)
            if self.on_conflict is not None:
                self.on_conflict(str(exc))
            return None

    def redo(self) -> None:
        if self._applied:
            return
        done = self._run([c.redo_edit() for c in self.changes])
        if done is not None:
            self.changes = done
            self._applied = True
            self.listener(done)

    def undo(self) -> None:
        done = self._run([c.undo_edit() for c in reversed(self.changes)])
        if done is not None:
            # What undo wrote is what a redo must find: keep its versions.
            self.changes = [CellChange(c.member_id, c.day, c.after, c.before) for c in done]
            self._applied = False
            self.listener(done)


class AbsenceCommand(QUndoCommand):
    """An absence already recorded (and the duties it cleared); undo removes it and puts
    the duties back in one transaction. Refused, and dropped, if someone has changed
    or removed the absence since, or (redo) recorded a clashing one."""

    def __init__(
        self,
        db: Database,
        team: str,
        info: AbsenceInfo,
        cleared: Sequence[CellChange],
        refresh: Callable[[], None],
        on_conflict: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(f"Record {info.kind.label.lower()} for {info.shoulder_number}")
        self.db = db
        self.team = team
        self.info = info
        self.cleared = list(cleared)
        self.refresh = refresh
        self.on_conflict = on_conflict
        self._applied = True

    def _refused(self, exc: ServiceError) -> None:
        self.setObsolete(True)
        if self.on_conflict is not None:
            self.on_conflict(str(exc))

    def redo(self) -> None:
        if self._applied:
            return
        i = self.info
        try:
            self.info, self.cleared = record_absence(
                self.db,
                i.shoulder_number,
                i.kind,
                i.start_date,
                i.end_date,
                category=i.category,
                note=i.note,
            )
        except ServiceError as exc:
            self._refused(exc)
            return
        self._applied = True
        self.refresh()

    def undo(self) -> None:
        try:
            unrecord_absence(self.db, self.team, self.info, self.cleared)
        except ServiceError as exc:
            self._refused(exc)
            return
        self._applied = False
        self.refresh()
