"""The staff-scheduling benchmark as the rostering engine's problem, and back.

A reader, not a solver: an instance's shifts become tours with their forbidden
successions, its staff people with their own limits, its cover and requests cover
lines and wishes. The engine then solves it like any team's roster, and the
benchmark's own evaluator (solver/nrp.py) re-scores what it returns.
"""

from __future__ import annotations

from rosterapp.solver.nrp import Instance, Solution
from rosterapp.solver.problem import Cover, Kept, Person, Problem, Roster, Tour, Wish


def to_problem(inst: Instance) -> Problem:
    tours = {sid: Tour(sid, 0, s.minutes) for sid, s in inst.shifts.items()}
    forbidden = frozenset(
        (a, b) for a, s in inst.shifts.items() for b in s.cannot_follow if b in inst.shifts
    )
    people = []
    for sid, st in inst.staff.items():
        allowed = frozenset(t for t in inst.shifts if st.max_shifts.get(t, 0) > 0)
        people.append(
            Person(
                sid,
                sid,
                allowed,
                kept={d: Kept.REST for d in inst.days_off.get(sid, set())},
                max_tours={t: st.max_shifts.get(t, 0) for t in allowed},
                min_minutes=st.min_minutes,
                max_minutes=st.max_minutes,
                max_run=st.max_consecutive,
                min_run=st.min_consecutive,
                min_off_run=st.min_days_off,
                max_weekends=st.max_weekends,
            )
        )
    cover = [
        Cover(c.day, c.shift, c.requirement, c.under_weight, c.over_weight) for c in inst.cover
    ]
    wishes = [Wish(r.staff, r.day, r.shift, r.weight) for r in inst.on_requests]
    wishes += [Wish(r.staff, r.day, r.shift, r.weight, wanted=False) for r in inst.off_requests]
    return Problem(inst.days, tours, people, cover, forbidden, wishes=wishes)


def to_solution(inst: Instance, roster: Roster) -> Solution:
    return {sid: dict(roster.get(sid, {})) for sid in inst.staff}
