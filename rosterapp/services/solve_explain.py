"""Why a cover line is still short after solving, in a sergeant's words."""

from __future__ import annotations

from rosterapp.domain.grid import Grid
from rosterapp.rules.findings import dstr
from rosterapp.services.solve_problem import TeamProblem
from rosterapp.solver.problem import Kept, Roster, Wish, qualified


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


def unmet_requests(grid: Grid, tp: TeamProblem, roster: Roster) -> list[str]:
    """One sentence per officer's request (a tour, or a day off) the roster does not
    meet, and why: the day was fixed, their cover was needed, or the rest rules."""
    from rosterapp.services.solve_problem import W_REQUEST

    problem = tp.problem
    people = {p.id: p for p in problem.people}
    out = []
    for w in problem.wishes:
        person = people.get(w.person)
        if w.weight != W_REQUEST or not w.wanted or person is None:
            continue
        given = roster.get(w.person, {}).get(w.day)
        if given == w.tour:
            continue
        day = tp.days[w.day]
        name = tp.people[w.person].member.display_name  # type: ignore[index]
        wanted = grid.shift_types[w.tour].name if w.tour in grid.shift_types else "a day off"
        instead = grid.shift_types[given].name if given in grid.shift_types else "a day off"
        out.append(
            f"{name} asked for {wanted.lower() if w.tour else wanted} on {dstr(day)}, and is "
            f"rostered {instead.lower() if given else instead}: {_why(grid, tp, roster, w, given)}"
        )
    return out


def _why(grid: Grid, tp: TeamProblem, roster: Roster, w: Wish, given: str | None) -> str:
    person = next(p for p in tp.problem.people if p.id == w.person)
    if w.day in person.kept:
        return "that day was already fixed (leave, a pinned cell or another team)"
    if w.tour is not None:
        days = roster.get(w.person, {})
        before, after = days.get(w.day - 1), days.get(w.day + 1)
        if before is not None and (before, w.tour) in tp.problem.forbidden:
            return f"it would leave under 11 hours' rest after the {_name(grid, before)} before it"
        if after is not None and (w.tour, after) in tp.problem.forbidden:
            return f"it would leave under 11 hours' rest before the {_name(grid, after)} after it"
    if given is not None:
        lines = [c for c in tp.problem.cover if c.day == w.day and c.tour == given]
        for c in lines:
            if not qualified(c, person):
                continue
            on = sum(
                1
                for p in tp.problem.people
                if qualified(c, p) and roster.get(p.id, {}).get(w.day) == given
            )
            if on <= c.need:
                return f"cover on that tour needs every one of the {on} rostered"
    return "meeting it would break the rest rules or leave cover short on another day"


def _name(grid: Grid, tour: str) -> str:
    st = grid.shift_types.get(tour)
    return st.name if st is not None else tour
