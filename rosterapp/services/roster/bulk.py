"""Work on many cells at once: copying a week, and repeating rota patterns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from rosterapp.domain.calendar import days_between
from rosterapp.domain.enums import EntryKind
from rosterapp.domain.grid import CellChange, CellEdit
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import team_by_code
from rosterapp.services.members import members_in_team
from rosterapp.services.roster.edits import EditContext, apply_edits
from rosterapp.services.roster.grid import assignment_cell, check_range
from rosterapp.storage import Database


def copy_week(
    db: Database,
    team_code: str,
    source_monday: date,
    target_monday: date,
    *,
    overwrite: bool = False,
) -> list[CellChange]:
    """Copy one week's typed entries onto another week (absence ranges stay as they are)."""
    if source_monday.weekday() != 0 or target_monday.weekday() != 0:
        raise InvalidInput("weeks start on a Monday", field="target_monday")
    if source_monday == target_monday:
        raise InvalidInput("the source and target weeks are the same", field="target_monday")
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        assert team.id is not None
        spans = members_in_team(s, team.id, target_monday, target_monday + timedelta(days=6))
        ids = {m.id for m, _, _ in spans}
        src = EditContext(s, team, ids, source_monday, source_monday + timedelta(days=6))
        edits: list[CellEdit] = []
        tgt = EditContext(s, team, ids, target_monday, target_monday + timedelta(days=6))
        for (mid, day), a in sorted(src.assignments.items()):
            if a.team_id != team.id or _on_operation(src, a.shift_type_id):
                continue  # an operation's duty is allocated to its own day, never copied
            new_day = target_monday + (day - source_monday)
            if not tgt.in_team(mid, new_day):
                continue
            there = tgt.assignments.get((mid, new_day))
            if there is not None and _on_operation(tgt, there.shift_type_id):
                continue  # taken off it only in Operations
            if not overwrite and tgt.cell(mid, new_day) is not None:
                continue
            c = assignment_cell(a, src.shifts, src.beats)
            edits.append(CellEdit(mid, new_day, c.code, c.beat, c.call_sign, c.note))
        return apply_edits(tgt, edits, None, f"copied from week of {source_monday}")


def _on_operation(ctx: EditContext, shift_type_id: int) -> bool:
    st = ctx.shifts.by_id(shift_type_id)
    return st is not None and st.abstraction is not None


def apply_pattern(
    db: Database,
    team_code: str,
    member_ids: Iterable[int],
    pattern: Sequence[str | None],
    start: date,
    end: date,
    *,
    stagger_days: int = 7,
    beat_of: dict[int, str] | None = None,
    overwrite: bool = True,
) -> list[CellChange]:
    """A repeating rota from `start`: member k begins `k * stagger_days` into the pattern.

    With a 35-day pattern and a 7-day stagger, this is the classic 5-line rota
    in which each line is one week behind the one before.
    """
    check_range(start, end)
    if not pattern:
        raise InvalidInput("the pattern is empty", field="pattern")
    ids = list(member_ids)
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        ctx = EditContext(s, team, set(ids), start, end)
        edits: list[CellEdit] = []
        for k, mid in enumerate(ids):
            for day in days_between(start, end):
                if not ctx.in_team(mid, day):
                    continue
                current = ctx.cell(mid, day)
                if current is not None and (current.from_absence or current.pinned):
                    continue  # leave and pinned entries are never overwritten by a rota
                if current is not None and not overwrite:
                    continue
                code = pattern[((day - start).days + k * stagger_days) % len(pattern)]
                if code is None:
                    if current is not None:
                        edits.append(CellEdit(mid, day, None))
                    continue
                shift = ctx.shifts.get(code)
                beat = (beat_of or {}).get(mid) if shift and shift.kind is EntryKind.DUTY else None
                edits.append(CellEdit(mid, day, code, beat))
        return apply_edits(ctx, edits, None, "pattern")
