"""A rota's lines: people rotated week by week along the people one cover line counts,
as a sergeant's five-line rota moves each line on a week."""

from __future__ import annotations

from collections.abc import Hashable

from rosterapp.solver.problem import Problem, Roster, qualified


def rota_lines(problem: Problem) -> list[list[Hashable]]:
    """People in rota lines: each in the smallest group one cover line counts."""
    groups: list[frozenset[Hashable]] = []
    for c in problem.cover:
        if c.who:
            able = frozenset(p.id for p in problem.people if qualified(c, p))
            if len(able) >= 3 and able not in groups:
                groups.append(able)
    groups.sort(key=len)
    placed: set[Hashable] = set()
    lines = []
    for g in groups:
        line = sorted((e for e in g if e not in placed), key=str)
        placed.update(line)
        if line:
            lines.append(line)
    rest = [p.id for p in problem.people if p.id not in placed]
    if rest:
        lines.append(rest)
    return lines


def rotated(
    problem: Problem, roster: Roster, lines: list[list[Hashable]], lo: int, hi: int
) -> Roster:
    """A hint for days lo..hi: each person gets the week before of the next person in
    their line, the lines ordered by that week's first tour (E before L before LL)."""
    tours = problem.tours
    out = {pid: dict(plan) for pid, plan in roster.items()}

    def week_of(pid: Hashable) -> dict[int, str]:
        plan = roster.get(pid, {})
        return {d - lo + 7: plan[d - 7] for d in range(lo, hi) if d - 7 in plan}

    for line in lines:

        def key(pid: Hashable) -> tuple[int, str]:
            week = week_of(pid)
            first = min(week) if week else None
            return (tours[week[first]].start if first is not None else 10**6, str(pid))

        ordered = sorted(line, key=key)
        for i, pid in enumerate(ordered):
            donor = week_of(ordered[(i + 1) % len(ordered)])
            plan = out.setdefault(pid, {})
            for d in range(lo, hi):
                plan.pop(d, None)
                tour = donor.get(d - lo + 7)
                if tour is not None:
                    plan[d] = tour
    return out


def allowed(problem: Problem, roster: Roster) -> Roster:
    """Only tours each person may work (a rotated week can bring another's)."""
    tours = {p.id: p.tours for p in problem.people}
    return {pid: {d: t for d, t in plan.items() if t in tours[pid]} for pid, plan in roster.items()}
