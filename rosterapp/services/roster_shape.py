"""How a stored roster reads as a rota: the figures a sergeant would judge it by.

Computed from the grid as stored (what the HR workbook and the window show), not
from any model, so the solver's rosters are measured as they are received.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from rosterapp.domain.cover import Requirement, cover_counts
from rosterapp.domain.grid import Grid
from rosterapp.services.solve_problem import SOLVED_RANKS

REST = "RD"


@dataclass(frozen=True)
class Shape:
    officer_weeks: int
    duties: int
    short: int  # people short, summed over cover lines
    no_beat: int  # duties of solved ranks without a beat
    tour_changes: int  # between successive duties inside a Monday-Sunday week
    rest_days: int
    paired_rest_days: int
    unsocial_duties: int  # late-lates and nights
    unsocial_needed: int
    holiday_duties: int
    holiday_needed: int

    @property
    def changes_per_week(self) -> float:
        return self.tour_changes / self.officer_weeks if self.officer_weeks else 0.0

    @property
    def paired_share(self) -> float:
        return self.paired_rest_days / self.rest_days if self.rest_days else 1.0

    @property
    def unsocial_over(self) -> float:
        """Late-lates and nights beyond what cover asks for, as a share of it."""
        return _over(self.unsocial_duties, self.unsocial_needed)

    @property
    def holiday_over(self) -> float:
        return _over(self.holiday_duties, self.holiday_needed)

    def lines(self) -> list[str]:
        return [
            f"people short of cover: {self.short}",
            f"duties without a beat: {self.no_beat}",
            f"tour changes per officer-week: {self.changes_per_week:.2f}",
            f"rest days in pairs: {100 * self.paired_share:.0f} %",
            f"late-lates and nights: {self.unsocial_duties} (cover asks for "
            f"{self.unsocial_needed})",
            f"bank-holiday duties: {self.holiday_duties} (cover needs {self.holiday_needed})",
        ]


def _over(have: int, need: int) -> float:
    if need == 0:
        return 0.0 if have == 0 else float("inf")
    return max(0.0, have / need - 1)


def measure(grid: Grid, requirements: list[Requirement], start: date, end: date) -> Shape:
    """The figures over start..end; the grid may reach further (neighbours for pairs)."""
    duty = {c for c, st in grid.shift_types.items() if st.is_duty}
    unsocial = {
        c
        for c, st in grid.shift_types.items()
        if st.is_duty and st.start is not None and st.end is not None and st.end <= st.start
    }
    solved = {r.member.id for r in grid.rows if r.member.rank in SOLVED_RANKS}
    codes = {k: c.code for k, c in grid.cells.items()}
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    duties = no_beat = changes = rests = paired = weeks = 0
    per_week: dict[tuple[int, date], list[str]] = {}
    for (mid, d), cell in grid.cells.items():
        if mid not in solved or not start <= d <= end:
            continue
        if cell.code in duty:
            duties += 1
            no_beat += cell.beat is None
            per_week.setdefault((mid, d - timedelta(days=d.weekday())), []).append(
                f"{d.isoformat()} {cell.code}"
            )
        elif cell.code == REST:
            rests += 1
            near = (
                codes.get((mid, d - timedelta(days=1))),
                codes.get((mid, d + timedelta(days=1))),
            )
            paired += REST in near
    for seq in per_week.values():
        weeks += 1
        tours = [s.split()[1] for s in sorted(seq)]
        changes += sum(1 for a, b in pairwise(tours) if a != b)
    short = sum(c.shortfall for c in cover_counts(grid, requirements, start, end))
    need = _needed(requirements, days, set(grid.shift_types))
    on = Counter((d, c.code) for (_, d), c in grid.cells.items() if start <= d <= end)
    holidays = [d for d in days if d in grid.bank_holidays]
    return Shape(
        weeks,
        duties,
        short,
        no_beat,
        changes,
        rests,
        paired,
        sum(n for (_, c), n in on.items() if c in unsocial),
        sum(n for (_, c), n in need.items() if c in unsocial),
        sum(n for (d, c), n in on.items() if d in holidays and c in duty),
        sum(n for (d, _), n in need.items() if d in holidays),
    )


def _needed(
    requirements: list[Requirement], days: list[date], codes: set[str]
) -> Counter[tuple[date, str]]:
    """People each (day, tour) needs: the beats' lines added up, or the team's line."""
    out: Counter[tuple[date, str]] = Counter()
    for d in days:
        beats: Counter[str] = Counter()
        team: Counter[str] = Counter()
        for r in requirements:
            if not r.applies_on(d) or r.rank or r.skill or r.shift not in codes:
                continue
            (beats if r.beat else team)[r.shift] += r.min_count
        for code in set(beats) | set(team):
            out[(d, code)] = max(beats[code], team[code])
    return out
