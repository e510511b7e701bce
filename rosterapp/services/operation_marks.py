"""What the grid, the briefing sheet, calendars and requests say of an operation's duty."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, select

from rosterapp.domain.grid import Grid
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


def on_operations(grid: Grid, cells: Iterable[tuple[int, date]]) -> list[str]:
    """Of the (member, day) cells a change would touch, those holding an operation's
    duty, each as a sentence: the change waits until Operations takes them off it."""
    names = {r.member.id: r.member.shoulder_number for r in grid.rows}
    out = []
    for member_id, day in cells:
        cell = grid.cells.get((member_id, day))
        st = grid.shift_types.get(cell.code) if cell is not None else None
        if st is not None and st.is_operation:
            out.append(
                f"{names.get(member_id, f'member #{member_id}')} is allocated to operation "
                f"{st.name} ({st.code}) on {day:%a %d %b}: take them off it in Operations first"
            )
    return out
