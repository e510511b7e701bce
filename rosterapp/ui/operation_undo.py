"""Allocating officers to an operation (or taking them off) as one undo step: undo takes
them off again and puts their roster cells back; redo allocates them again, with every
check run afresh. Refused, and dropped from the stack, if the data has moved on."""

from __future__ import annotations

from rosterapp.domain.operations import AllocationChange
from rosterapp.services.operation_allocation import allocate, unallocate
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
