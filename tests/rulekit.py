"""Hand-made rosters for rule tests: codes by day for a few people, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from rosterapp.domain.calendar import bank_holidays
from rosterapp.domain.enums import Rank
from rosterapp.domain.grid import Cell, Grid, GridRow
from rosterapp.domain.values import BeatInfo, MemberInfo, ShiftTypeInfo, SkillInfo, TeamInfo
from rosterapp.rules.context import CheckInput
from rosterapp.services.shift_types import DEFAULT_SHIFTS

TEAM = TeamInfo(1, "T1", "Test team", "Westminster", "OFFICIAL-SENSITIVE", True, 20.0, 5.0, 8.0)
SHIFTS = {
    s.code: ShiftTypeInfo(
        i + 1,
        s.code,
        s.name,
        s.kind,
        s.start,
        s.end,
        s.refreshment_minutes,
        s.colour,
        s.absence_kind,
        i,
    )
    for i, s in enumerate(DEFAULT_SHIFTS)
}
BEATS = {"SOH": BeatInfo(1, 1, "SOH", "Soho", "West End", ("Phone robbery",), True, 15, 120)}


def member(
    i: int = 1,
    rank: Rank = Rank.PC,
    *,
    role: str = "DWO",
    hours: float = 40,
    skills: tuple[SkillInfo, ...] = (),
    opt_out: bool = False,
) -> MemberInfo:
    return MemberInfo(
        i,
        f"{1000 + i}CW",
        f"7000{i}",
        "Ali",
        f"Khan{i}",
        rank,
        role,
        hours,
        opt_out,
        True,
        skills=skills,
    )


def roster(
    start: date,
    people: dict[MemberInfo, list[str | None]],
    *,
    end: date | None = None,
    check_from: date | None = None,
    leave: dict[tuple[int, date], str] | None = None,
    **ci_args: object,
) -> CheckInput:
    """`people[m][k]` is the code (optionally 'CODE BEAT') on start + k days."""
    longest = max(len(v) for v in people.values())
    end = end or start + timedelta(days=longest - 1)
    cells: dict[tuple[int, date], Cell] = {}
    for m, codes in people.items():
        for k, code in enumerate(codes):
            if code:
                parts = code.split()
                cells[(m.id, start + timedelta(days=k))] = Cell(
                    parts[0], parts[1] if len(parts) > 1 else None
                )
    leave = leave or {}
    for key, code in leave.items():
        cells.setdefault(key, Cell(code, from_absence=True))
    grid = Grid(
        team=TEAM,
        start=start,
        end=end,
        rows=[GridRow(m, start, end) for m in people],
        cells=cells,
        shift_types=SHIFTS,
        beats=BEATS,
        bank_holidays=bank_holidays(start, end),
        leave_days=dict(leave),
    )
    return CheckInput(grid=grid, start=check_from or start, end=end, **ci_args)  # type: ignore[arg-type]


def with_team(ci: CheckInput, **settings: object) -> CheckInput:
    ci.grid.team = replace(ci.grid.team, **settings)  # type: ignore[arg-type]
    return ci
