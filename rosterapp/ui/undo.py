"""Undo/redo: each user action is one command that calls the services both ways.

The services run as write ops on the database worker, so undo() and redo() return at
once; the views refresh from the op's `changed` broadcast when it has been saved. A
command that is refused (someone has changed its cells since) is dropped from the
stack, as Qt drops an obsolete command.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtGui import QUndoCommand, QUndoStack

from rosterapp.domain.grid import Cell, CellChange, CellEdit
from rosterapp.services.absences import AbsenceInfo, record_absence, unrecord_absence
from rosterapp.services.errors import ServiceError
from rosterapp.services.roster.edits import set_cells
from rosterapp.storage import Database
from rosterapp.ui.operations import Changes, Op, Operations

Refused = Callable[[str], None]
# The window's write of cells (re-checked on the worker with it): write, saved, refused.
SaveCells = Callable[
    [
        Callable[[Database], Sequence[CellChange]],
        Callable[[list[CellChange]], None],
        Callable[[BaseException], None],
    ],
    Op,
]


def drop_refused(stack: QUndoStack, command: QUndoCommand) -> None:
    """Take a command refused after the stack moved past it off the stack.

    Qt deletes an obsolete command when the stack next undoes or redoes it, without
    calling it: step over it now so that it goes at once."""
    command.setObsolete(True)
    index = stack.index()
    if index < stack.count() and stack.command(index) is command:
        stack.redo()  # refused undo: it sits just above the index
    elif index > 0 and stack.command(index - 1) is command:
        stack.undo()  # refused redo: just below


def _same_state(cell: Cell | None, version: int | None) -> bool:
    return cell is not None and not cell.from_absence and cell.version == version


def rebase(
    stack: QUndoStack, moved: dict[tuple[int, date], tuple[int | None, Cell | None]]
) -> None:
    """An undo or redo wrote cells back to a state the stack already knows, under a new
    version: the other steps that name that state must expect the new version, or
    undoing twice in one cell is refused as if someone else had changed it."""
    for i in range(stack.count()):
        command = stack.command(i)
        if isinstance(command, CellsCommand):
            command.changes = [_rebased(c, moved) for c in command.changes]


def _rebased(
    change: CellChange, moved: dict[tuple[int, date], tuple[int | None, Cell | None]]
) -> CellChange:
    found = moved.get((change.member_id, change.day))
    if found is None or found[1] is None:
        return change
    old, now = found
    if _same_state(change.before, old):
        change = replace(change, before=now)
    if _same_state(change.after, old):
        change = replace(change, after=now)
    return change


class _Command(QUndoCommand):
    def __init__(self, ops: Operations, text: str, on_conflict: Refused | None) -> None:
        super().__init__(text)
        self.ops = ops
        self.on_conflict = on_conflict
        self._applied = True

    def _refused(self, exc: BaseException) -> None:
        """Nothing was written: the command no longer matches the data, so it goes."""
        window = self.ops.window
        stack = window.findChild(QUndoStack) if window is not None else None
        if stack is not None:
            drop_refused(stack, self)
        if not isinstance(exc, ServiceError):
            self.ops.show_failure(exc)
        elif self.on_conflict is not None:
            self.on_conflict(str(exc))


class CellsCommand(_Command):
    """Cells already changed by the service; undo puts them back, redo applies again.

    The first application happens before the command is pushed, so a refused edit
    (bad code, stale row) never reaches the undo stack. Undo and redo are refused,
    and the command dropped, if someone else has changed the cells in between.
    """

    def __init__(
        self,
        save: SaveCells,
        ops: Operations,
        team: str,
        changes: Sequence[CellChange],
        text: str,
        on_conflict: Refused | None = None,
    ) -> None:
        super().__init__(ops, text, on_conflict)
        self.save = save
        self.team = team
        self.changes = list(changes)

    def _run(self, edits: list[CellEdit], done: Callable[[list[CellChange]], None]) -> None:
        team = self.team
        self.save(lambda db: set_cells(db, team, edits), done, self._refused).run()

    def redo(self) -> None:
        if self._applied:
            return
        self._applied = True
        self._run([c.redo_edit() for c in self.changes], self._redone)

    def _redone(self, done: list[CellChange]) -> None:
        self._rebase({(c.member_id, c.day): c.after for c in self.changes}, done)
        self.changes = done

    def _rebase(self, was: dict[tuple[int, date], Cell | None], done: list[CellChange]) -> None:
        """The cells are again in the states `was` names, now under `done`'s versions."""
        window = self.ops.window
        stack = window.findChild(QUndoStack) if window is not None else None
        if stack is None:
            return
        moved = {}
        for c in done:
            old = was.get((c.member_id, c.day))
            if old is not None and not old.from_absence:
                moved[(c.member_id, c.day)] = (old.version, c.after)
        rebase(stack, moved)

    def undo(self) -> None:
        self._applied = False
        self._run([c.undo_edit() for c in reversed(self.changes)], self._undone)

    def _undone(self, done: list[CellChange]) -> None:
        self._rebase({(c.member_id, c.day): c.before for c in self.changes}, done)
        # What undo wrote is what a redo must find: keep its versions.
        self.changes = [CellChange(c.member_id, c.day, c.after, c.before) for c in done]


class AbsenceCommand(_Command):
    """An absence already recorded (and the duties it cleared); undo removes it and puts
    the duties back in one transaction. Refused, and dropped, if someone has changed
    or removed the absence since, or (redo) recorded a clashing one."""

    def __init__(
        self,
        ops: Operations,
        team: str,
        info: AbsenceInfo,
        cleared: Sequence[CellChange],
        on_conflict: Refused | None = None,
    ) -> None:
        super().__init__(
            ops, f"Record {info.kind.label.lower()} for {info.shoulder_number}", on_conflict
        )
        self.team = team
        self.info = info
        self.cleared = list(cleared)

    def redo(self) -> None:
        if self._applied:
            return
        self._applied = True
        i = self.info

        def again(db: Database) -> tuple[AbsenceInfo, list[CellChange]]:
            return record_absence(
                db,
                i.shoulder_number,
                i.kind,
                i.start_date,
                i.end_date,
                category=i.category,
                note=i.note,
            )

        self.ops.write(again, Changes(week=True)).success(self._redone).failure(self._refused).run()

    def _redone(self, result: tuple[AbsenceInfo, list[CellChange]]) -> None:
        self.info, self.cleared = result[0], list(result[1])

    def undo(self) -> None:
        self._applied = False
        team, info, cleared = self.team, self.info, self.cleared
        self.ops.write(
            lambda db: unrecord_absence(db, team, info, cleared), Changes(week=True)
        ).failure(self._refused).run()
