"""Adding an operation, and allocating officers to one (or taking them off), each as one
undo step: undo takes them off again and puts their roster cells back (or deletes the
operation added); redo allocates them again, with every check run afresh (or adds it
again). Refused, and dropped from the stack, if the data has moved on."""

from __future__ import annotations

from rosterapp.domain.operations import AddedOperation, AllocationChange, OperationInfo
from rosterapp.services.operation_allocation import allocate, unallocate
from rosterapp.services.operations import NewOperation, add_operation, delete_operation
from rosterapp.ui.operations import Changes, Operations
from rosterapp.ui.undo import Refused, _Command


class AllocationCommand(_Command):
    """An allocation (or unallocation) already saved when pushed."""

    def __init__(
        self,
        ops: Operations,
        change: AllocationChange,
        operation_name: str,
        on_conflict: Refused | None = None,
    ) -> None:
        who = ", ".join(change.shoulder_numbers)
        verb = "Allocate" if change.allocated else "Take off"
        word = "to" if change.allocated else "from"
        super().__init__(
            ops, f"{verb} {who} {word} {operation_name} ({change.day:%d %b})", on_conflict
        )
        self.change = change

    def _apply(self, allocating: bool) -> None:
        c = self.change
        do = allocate if allocating else unallocate
        self.ops.write(
            lambda db: do(db, c.operation_id, c.occurrence_id, c.shoulder_numbers),
            Changes(week=True),
        ).failure(self._refused).run()

    def undo(self) -> None:
        self._applied = False
        self._apply(not self.change.allocated)

    def redo(self) -> None:
        if self._applied:
            return  # saved before it was pushed
        self._applied = True
        self._apply(self.change.allocated)


class AddOperationCommand(_Command):
    """An operation just added (saved when pushed): undo deletes it with its occurrences,
    refused while anyone is allocated to it; redo adds it again from what was typed."""

    def __init__(
        self,
        ops: Operations,
        new: NewOperation,
        added: OperationInfo,
        on_conflict: Refused | None = None,
    ) -> None:
        super().__init__(ops, f"Add operation {added.name}", on_conflict)
        self.new = new
        self.added = added

    def undo(self) -> None:
        self._applied = False
        op = self.added
        self.ops.write(
            lambda db: delete_operation(db, op.id, expected_version=op.version),
            Changes(week=True),
        ).failure(self._refused).run()

    def redo(self) -> None:
        if self._applied:
            return  # saved before it was pushed
        self._applied = True
        new = self.new
        self.ops.write(lambda db: add_operation(db, new), Changes(week=True)).success(
            self._readded
        ).failure(self._refused).run()

    def _readded(self, added: AddedOperation) -> None:
        self.added = added.operation  # a new row: undo again deletes that one
