"""Cover: what a team needs on each shift (requirements) and what a grid gives (counts)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from rosterapp.domain.enums import Rank
from rosterapp.domain.grid import Grid


@dataclass(frozen=True, slots=True)
class Requirement:
    id: int
    beat: str | None
    weekday: int
    shift: str
    min_count: int
    rank: Rank | None
    skill: str | None
    effective_from: date | None = None  # None: always in force
    effective_to: date | None = None  # None: still in force

    def applies_on(self, day: date) -> bool:
        return (
            day.weekday() == self.weekday
            and (self.effective_from is None or self.effective_from <= day)
            and (self.effective_to is None or day <= self.effective_to)
        )

    def in_force(self, start: date, end: date) -> bool:
        """In force on some day of start..end."""
        return (self.effective_from is None or self.effective_from <= end) and (
            self.effective_to is None or start <= self.effective_to
        )


@dataclass(frozen=True, slots=True)
class CoverCount:
    day: date
    shift: str
    beat: str | None
    rank: Rank | None
    skill: str | None
    required: int
    rostered: int

    @property
    def shortfall(self) -> int:
        return max(0, self.required - self.rostered)


def cover_counts(
    grid: Grid,
    requirements: list[Requirement],
    start: date | None = None,
    end: date | None = None,
) -> list[CoverCount]:
    """Required against rostered, per requirement and day (a pure count over the grid)."""
    start = start or grid.start
    end = end or grid.end
    members = {r.member.id: r.member for r in grid.rows}
    # Only the (beat, rank, skill) combinations some requirement asks about.
    wanted: dict[str | None, set[tuple[str | None, Rank | None, str | None]]] = {}
    for req in requirements:
        wanted.setdefault(req.beat, set()).add((req.beat, req.rank, req.skill))
    on_duty: Counter[tuple[date, str, str | None, Rank | None, str | None]] = Counter()
    for (mid, day), cell in grid.cells.items():
        if cell.from_absence or mid not in members or not start <= day <= end:
            continue
        st = grid.shift_types.get(cell.code)
        if st is None or not st.is_duty:
            continue
        m = members[mid]
        candidates = wanted.get(None, set())
        if cell.beat is not None:
            candidates = candidates | wanted.get(cell.beat, set())
        skills: list[str] | None = None
        for beat, rank, skill in candidates:
            if rank is not None and rank is not m.rank:
                continue
            if skill is not None:
                if skills is None:
                    skills = m.skill_names_on(day)
                if skill not in skills:
                    continue
            on_duty[(day, cell.code, beat, rank, skill)] += 1
    out = []
    for day in grid.days:
        if not start <= day <= end:
            continue
        for req in requirements:
            if not req.applies_on(day):
                continue
            got = on_duty[(day, req.shift, req.beat, req.rank, req.skill)]
            out.append(
                CoverCount(day, req.shift, req.beat, req.rank, req.skill, req.min_count, got)
            )
    return out
