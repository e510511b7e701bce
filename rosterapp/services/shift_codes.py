"""Editing the list of shift and absence codes: rename, recolour, retire, reorder.

A code's times are never changed once made: the hours of every roster that used it
would change with them. A new tour is a new code, and the old one is retired."""

from __future__ import annotations

from sqlmodel import col, select

from rosterapp.domain.tables import ShiftType
from rosterapp.domain.values import ShiftTypeInfo
from rosterapp.services import audit
from rosterapp.services.convert import shift_info
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import shift_by_code
from rosterapp.services.validation import clean_text
from rosterapp.storage import Database


def update_shift_label(db: Database, code: str, name: str, colour: str) -> ShiftTypeInfo:
    """The code's name and colour (what the grid and the printed roster show)."""
    name = clean_text(name, "name", max_len=60, required=True, key="name")
    colour = colour.strip()
    if len(colour) != 7 or not colour.startswith("#"):
        raise InvalidInput("colour is written #rrggbb, e.g. #ffe0a3", field="colour")
    try:
        int(colour[1:], 16)
    except ValueError:
        raise InvalidInput("colour is written #rrggbb, e.g. #ffe0a3", field="colour") from None
    with db.session(write=True) as s:
        row = shift_by_code(s, code)
        before = {"name": row.name, "colour": row.colour}
        row.name, row.colour = name, colour.lower()
        s.flush()
        audit.record(
            s,
            "shift_type.update",
            "shift_type",
            row.id,
            before=before,
            after={"name": name, "colour": row.colour},
        )
        return shift_info(row)


def set_shift_active(db: Database, code: str, active: bool) -> ShiftTypeInfo:
    """Retire a code (past rosters keep it and its hours; it is not typed any more)
    or bring it back."""
    with db.session(write=True) as s:
        row = shift_by_code(s, code)
        row.active = active
        s.flush()
        audit.record(
            s,
            "shift_type.reinstate" if active else "shift_type.retire",
            "shift_type",
            row.id,
            after={"code": row.code, "active": active},
        )
        return shift_info(row)


def move_shift_type(db: Database, code: str, step: int) -> list[ShiftTypeInfo]:
    """Move a code up (-1) or down (+1) the list: the order of the completion, the
    status bar, the cover panel and the printed legend."""
    with db.session(write=True) as s:
        rows = list(
            s.exec(select(ShiftType).order_by(col(ShiftType.sort_order), col(ShiftType.code)))
        )
        at = next((i for i, r in enumerate(rows) if r.code == code.strip().upper()), None)
        if at is None:
            shift_by_code(s, code)  # raises: no such code
            raise AssertionError("unreachable")
        to = min(max(at + step, 0), len(rows) - 1)
        rows.insert(to, rows.pop(at))
        for order, row in enumerate(rows):
            row.sort_order = order
        s.flush()
        audit.record(s, "shift_type.move", "shift_type", rows[to].id, after={"position": to})
        return [shift_info(r) for r in rows]
