"""Cover: people per beat/team, shift and day; sergeants and skills on each shift."""

from __future__ import annotations

from collections.abc import Iterator

from rosterapp.domain.cover import cover_counts
from rosterapp.domain.findings import Finding, RuleId
from rosterapp.rules.context import CheckInput
from rosterapp.rules.findings import dstr, make


def cover(ci: CheckInput) -> Iterator[Finding]:
    grid = ci.grid
    counts = cover_counts(grid, ci.requirements, ci.start, ci.end)
    ci.last_cover_counts = counts
    for c in counts:
        if not ci.in_range(c.day) or c.shortfall == 0:
            continue
        st = grid.shift_types.get(c.shift)
        shift_name = st.name if st else c.shift
        where = grid.beats[c.beat].name if c.beat and c.beat in grid.beats else grid.team.name
        if c.rank is None and c.skill is None:
            yield make(
                RuleId.COVER_SHORTFALL,
                None,
                None,
                c.day,
                f"{where} {shift_name} on {dstr(c.day)} has {c.rostered} of the "
                f"{c.required} people required",
                beat=c.beat,
                shift=c.shift,
                days=(c.day,),
            )
        else:
            if c.rank:
                need = c.rank.label.lower() + ("" if c.rostered == 1 else "s")
            else:
                need = f"{'person' if c.rostered == 1 else 'people'} with {c.skill}"
            yield make(
                RuleId.SKILL_COVER,
                None,
                None,
                c.day,
                f"{where} {shift_name} on {dstr(c.day)} has {c.rostered} {need}"
                f" — {c.required} required" + (" (expired skills do not count)" if c.skill else ""),
                beat=c.beat,
                shift=c.shift,
                days=(c.day,),
            )
