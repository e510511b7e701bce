"""What the grid, the briefing sheet and calendars say of an operation's duty code."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from rosterapp.domain.operation_tables import Operation
from rosterapp.domain.operations import OperationMark
from rosterapp.domain.tables import ShiftType


def marks_for(s: Session, shift_ids: Iterable[int]) -> dict[str, OperationMark]:
    """The operations whose duty codes are among `shift_ids`, by code."""
    ids = sorted(set(shift_ids))
    if not ids:
        return {}
    out = {}
    for op, st in s.exec(
        select(Operation, ShiftType)
        .join(ShiftType, col(ShiftType.id) == Operation.shift_type_id)
        .where(col(Operation.shift_type_id).in_(ids))
    ).all():
        out[st.code] = OperationMark(
            st.code,
            op.name,
            op.kind,
            op.category,
            op.place,
            f"{op.starts:%H:%M}–{op.ends:%H:%M}",
        )
    return out
