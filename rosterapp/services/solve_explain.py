"""Why a cover line is still short after solving, in a sergeant's words."""

from __future__ import annotations

from rosterapp.domain.grid import Grid
from rosterapp.rules.findings import dstr
from rosterapp.services.solve_problem import TeamProblem
from rosterapp.solver.problem import Kept, Roster, qualified


def explain(grid: Grid, tp: TeamProblem, roster: Roster, proven: bool) -> list[str]:
    """One sentence per short cover line: who could, and what they do instead. Unless
    the roster is proven the best, it says more time may cover it."""
    problem = tp.problem
    hint = "" if proven else " (the solver was still improving: more time may cover it)"
    out = []
    for c, line in zip(problem.cover, tp.lines, strict=True):
        if line is None or not c.under:
            continue
        req, day = line
        able = [p for p in problem.people if qualified(c, p)]
        on = sum(1 for p in able if roster.get(p.id, {}).get(c.day) == c.tour)
        if on >= c.need:
            continue
        counts = {"leave": 0, "rest": 0, "other": 0, "away": 0}
        for p in able:
            kept = p.kept.get(c.day)
            tour = roster.get(p.id, {}).get(c.day)
            if kept in (Kept.LEAVE, Kept.WORK):
                counts["leave"] += 1
            elif kept is Kept.AWAY:
                counts["away"] += 1
            elif tour is None:
                counts["rest"] += 1
            elif tour != c.tour:
                counts["other"] += 1
        where = grid.beats[req.beat].name if req.beat and req.beat in grid.beats else grid.team.name
        shift = grid.shift_types[req.shift].name
        if req.rank:
            noun = f"{req.rank.value}{'s' if c.need > 1 else ''}"
        elif req.skill:
            noun = f"{'people' if c.need > 1 else 'person'} with {req.skill}"
        else:
            noun = "people" if c.need > 1 else "person"
        parts = [
            f"{len(able)} could",
            f"{counts['leave']} on leave or other absence",
            f"{counts['rest']} on rest days",
            f"{counts['other']} on other tours",
        ]
        if counts["away"]:
            parts.append(f"{counts['away']} not in the team that day")
        out.append(
            f"{where} {shift} on {dstr(day)}: {on} of {c.need} {noun} the solver could place "
            f"— {', '.join(parts)}{hint}"
        )
    return out
