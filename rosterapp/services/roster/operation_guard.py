"""Codes a cell refuses. Cells that hold an operation's duty are written only by the
operations service: a duty typed over (or a code typed by hand) would leave the
allocation, and the operation's shortfall, saying something the roster does not."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from rosterapp.domain.tables import Member, ShiftType
from rosterapp.services.errors import InvalidInput


def refuse_over_duty(s: Session, member_id: int, day: date, now: ShiftType | None) -> None:
    """Refuse changing a cell that holds an operation's duty."""
    if now is None or now.abstraction is None:
        return
    m = s.get(Member, member_id)
    who = f"{m.shoulder_number} {m.first_name} {m.last_name}" if m else f"member #{member_id}"
    raise InvalidInput(
        f"{who} is allocated to operation {now.name} ({now.code}) on {day:%a %d %b %Y}: "
        "unallocate them in Operations first",
        field="day",
    )


def refuse_code(shift: ShiftType, now_id: int | None, *, operations: bool) -> None:
    """Refuse a code that cannot be typed into a cell holding `now_id`: an operation's
    own (unless the operations service writes it), or a retired one new there."""
    if shift.abstraction is not None:
        if operations:
            return  # inactive so that nobody types it by hand; not retired
        raise InvalidInput(
            f"{shift.code} is the duty of operation {shift.name}: allocate officers to it "
            "in Operations",
            field="shift",
        )
    if not shift.active and now_id != shift.id:
        raise InvalidInput(
            f"{shift.code} ({shift.name}) is retired: earlier rosters keep it, new entries "
            "use another code (Team → Shift and absence codes)",
            field="shift",
        )
