"""The rostering engine's problem, as plain data.

Days are numbered 0..days-1. Every hard rule belongs to one person; people are
coupled only through cover. Adapters build a Problem: from the database
(services/solving.py) and from a benchmark instance (solver/nrp_problem.py).
Nothing here knows which adapter called it.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable
from dataclasses import dataclass, field


class Kept(enum.Enum):
    """What a day the engine may not change holds, when it is not a tour."""

    REST = "rest"  # a rest day: counts for the rest-day rules
    WORK = "work"  # training, court, aid: work for days in a row, not a tour
    LEAVE = "leave"  # leave, sickness: neither work nor a rest day; paid
    AWAY = "away"  # not in the team, or nothing known: neither
    FREE = "free"  # a part-timer's day not worked: neither, and no fewer duties that week


Day = str | Kept  # a tour code, or one of Kept


@dataclass(frozen=True)
class Tour:
    code: str
    start: int  # minutes after midnight of its day
    minutes: int
    unsocial: bool = False  # late-late, night: worked only where cover asks for it


@dataclass(frozen=True)
class Shape:
    """Weights that make a roster look like a rota (all 0: no shape, as the benchmark)."""

    tour_mix: int = 0  # each tour worked in a Monday-Sunday week beyond the first
    run_change: int = 0  # a different tour the next day, inside a run of duties
    single_rest: int = 0  # a rest day with duty on both sides
    unsocial: int = 0  # each late-late or night duty (spare people on sociable tours)
    weekend_off: int = 0  # each whole weekend off short of the person's share


@dataclass
class Person:
    id: Hashable
    label: str
    tours: frozenset[str]  # the tours they may work (restrictions already applied)
    attrs: frozenset[str] = frozenset()  # what cover filters match: rank, skills, beat
    # Days not the engine's to change; days < 0 and >= Problem.days are the neighbours
    # (the weeks before, the published days after) that rules reaching across read.
    kept: dict[int, Day] = field(default_factory=dict)
    max_tours: dict[str, int] = field(default_factory=dict)  # over the horizon; absent: none
    min_minutes: int | None = None  # over the horizon (hard)
    max_minutes: int | None = None
    max_run: int | None = None  # at most this many days of work in a row
    min_run: int | None = None  # runs of work inside the horizon at least this long
    min_off_run: int | None = None  # runs of days off inside the horizon
    max_weekends: int | None = None  # weekends (Sat or Sun) worked, at most
    week_rest: int | None = None  # rest days in each Monday-Sunday week
    week_duties: int | None = None  # duties a full week should hold (contracted hours)
    max_unsocial_run: int | None = None  # unsocial tours in a row, at most
    weekends_off: int = 0  # whole weekends off the shape wants them to have
    # The 48-hour average (WTR reg. 4): at most `average_minutes` a week over any
    # `average_days` days not on leave, with what was worked before day 0
    # (`worked_before`: day < 0 → minutes) and the days of leave then (left out).
    average_minutes: int | None = None
    average_days: int = 119
    worked_before: dict[int, int] = field(default_factory=dict)
    leave_before: frozenset[int] = frozenset()
    # Whether no reference period can be broken whatever the engine rosters (computed
    # once by solver/average.py; most officers' weeks cannot reach the limit).
    average_safe: bool | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Cover:
    day: int
    tour: str
    need: int
    under: int  # weight of each person short
    over: int  # weight of each person beyond the need
    who: frozenset[str] = frozenset()  # attrs a person must all have to count
    label: str = ""  # what the adapter calls it, for explanations
    # Not cover but a place spare people are wanted (a hotspot's evening, a tasking):
    # its `under` draws them there, and no one is ever called short of it.
    spare: bool = False


@dataclass(frozen=True)
class Wish:
    """A preference for one cell: `tour` (None: a day off) wanted or not wanted."""

    person: Hashable
    day: int
    tour: str | None
    weight: int
    wanted: bool = True


@dataclass
class Problem:
    days: int
    tours: dict[str, Tour]
    people: list[Person]
    cover: list[Cover]
    forbidden: frozenset[tuple[str, str]]  # (a, b): tour b may not follow tour a next day
    wishes: list[Wish] = field(default_factory=list)
    shape: Shape = field(default_factory=Shape)
    first_weekday: int = 0  # weekday of day 0 (Monday 0), for weeks and weekends
    holidays: frozenset[int] = frozenset()  # bank holidays: a week's duties are fewer
    holiday_credit: bool = True  # a bank holiday lowers that week's duties by one

    def weeks(self, lo: int = 0, hi: int | None = None) -> list[range]:
        """Monday-Sunday weeks (as day ranges, possibly reaching outside 0..days)."""
        hi = self.days if hi is None else hi
        first = lo - (self.first_weekday + lo) % 7
        return [range(w, w + 7) for w in range(first, hi, 7)]

    def is_weekend(self, day: int) -> bool:
        return (self.first_weekday + day) % 7 >= 5


Roster = dict[Hashable, dict[int, str]]  # person → day → tour (days without a tour absent)


def with_kept(problem: Problem, start: Roster) -> Roster:
    """`start` for everyone, with each kept day as kept (a tour, or no tour)."""
    out: Roster = {p.id: dict(start.get(p.id, {})) for p in problem.people}
    for p in problem.people:
        for d, kept in p.kept.items():
            if isinstance(kept, str):
                out[p.id][d] = kept
            else:
                out[p.id].pop(d, None)
    return out


def qualified(cover: Cover, person: Person) -> bool:
    return cover.tour in person.tours and cover.who <= person.attrs


def roster_cost(problem: Problem, roster: Roster) -> int:
    """Cover and wishes only: the part of the objective a roster's cells decide
    together (the per-person terms are the model's)."""
    attrs = {p.id: p.attrs for p in problem.people}
    # Who is on each (day, tour), once: counting it per cover line was most of the
    # search's time per part on a year's horizon (benchmark 24: 11,000 lines).
    on: dict[tuple[int, str], list[frozenset[str]]] = {}
    for pid, plan in roster.items():
        mine = attrs.get(pid, frozenset())
        for d, t in plan.items():
            on.setdefault((d, t), []).append(mine)
    total = 0
    for c in problem.cover:
        there = on.get((c.day, c.tour), ())
        have = len(there) if not c.who else sum(1 for a in there if c.who <= a)
        total += max(0, c.need - have) * c.under + max(0, have - c.need) * c.over
    for w in problem.wishes:
        on_it = (
            roster.get(w.person, {}).get(w.day) == w.tour
            if w.tour
            else (w.day not in roster.get(w.person, {}))
        )
        if on_it != w.wanted:
            total += w.weight
    return total
