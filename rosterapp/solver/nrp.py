"""The Curtois & Qu employee shift scheduling benchmark: reader and independent evaluator.

The evaluator re-scores any solution from the instance file alone, so the solver's
own objective is never taken on trust.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class NrpFormatError(Exception):
    """The instance or solution file is not in the benchmark's format; says where."""


@dataclass(frozen=True)
class Shift:
    id: str
    minutes: int
    cannot_follow: frozenset[str]  # shifts that may not come the next day


@dataclass(frozen=True)
class Staff:
    id: str
    max_shifts: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_days_off: int
    max_weekends: int


@dataclass(frozen=True)
class Request:
    staff: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class Cover:
    day: int
    shift: str
    requirement: int
    under_weight: int
    over_weight: int


@dataclass
class Instance:
    name: str
    days: int
    shifts: dict[str, Shift]
    staff: dict[str, Staff]
    days_off: dict[str, set[int]] = field(default_factory=dict)
    on_requests: list[Request] = field(default_factory=list)
    off_requests: list[Request] = field(default_factory=list)
    cover: list[Cover] = field(default_factory=list)


class _Sections:
    """An instance file's sections: (line number, fields) rows under each SECTION_ line."""

    def __init__(self, path: Path, text: str) -> None:
        self.name = path.name
        self.sections: dict[str, list[tuple[int, str]]] = {}
        current: str | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("SECTION_"):
                current = line
                self.sections[current] = []
            elif current is None:
                raise NrpFormatError(f"{self.name} line {number}: data before any SECTION_ line")
            else:
                self.sections[current].append((number, line))

    def rows(self, name: str, required: bool = True) -> list[tuple[int, list[str]]]:
        if name not in self.sections:
            if required:
                raise NrpFormatError(f"{self.name}: missing {name}")
            return []
        return [(n, [p.strip() for p in line.split(",")]) for n, line in self.sections[name]]

    def num(self, value: str, where: int) -> int:
        try:
            return int(value)
        except ValueError:
            raise NrpFormatError(f"{self.name} line {where}: '{value}' is not a number") from None


def read_instance(path: Path) -> Instance:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NrpFormatError(f"cannot read {path}: {exc}") from exc
    r = _Sections(path, text)
    num = r.num
    horizon = r.rows("SECTION_HORIZON")
    if len(horizon) != 1:
        raise NrpFormatError(f"{path.name}: SECTION_HORIZON must hold one number")
    days = num(horizon[0][1][0], horizon[0][0])
    shifts = {}
    for n, parts in r.rows("SECTION_SHIFTS"):
        if len(parts) < 2:
            raise NrpFormatError(f"{path.name} line {n}: a shift needs an id and a length")
        blocked = frozenset(p for p in (parts[2].split("|") if len(parts) > 2 else []) if p)
        shifts[parts[0]] = Shift(parts[0], num(parts[1], n), blocked)
    inst = Instance(path.stem, days, shifts, _staff(r))
    for n, parts in r.rows("SECTION_DAYS_OFF", required=False):
        inst.days_off.setdefault(parts[0], set()).update(num(p, n) for p in parts[1:] if p)
    for name, target in (
        ("SECTION_SHIFT_ON_REQUESTS", inst.on_requests),
        ("SECTION_SHIFT_OFF_REQUESTS", inst.off_requests),
    ):
        for n, parts in r.rows(name, required=False):
            target.append(Request(parts[0], num(parts[1], n), parts[2], num(parts[3], n)))
    for n, parts in r.rows("SECTION_COVER"):
        inst.cover.append(
            Cover(num(parts[0], n), parts[1], num(parts[2], n), num(parts[3], n), num(parts[4], n))
        )
    return inst


def _staff(r: _Sections) -> dict[str, Staff]:
    staff = {}
    for n, parts in r.rows("SECTION_STAFF"):
        if len(parts) != 8:
            raise NrpFormatError(f"{r.name} line {n}: staff lines have 8 fields")
        limits = {}
        for item in parts[1].split("|"):
            if item:
                sid, _, limit = item.partition("=")
                limits[sid] = r.num(limit, n)
        staff[parts[0]] = Staff(parts[0], limits, *(r.num(v, n) for v in parts[2:8]))
    return staff


Solution = dict[str, dict[int, str]]  # staff → day → shift (days off absent)


def read_solution(path: Path, inst: Instance) -> Solution:
    """Lines `staff_id,day,shift_id`, one per worked day."""
    out: Solution = {s: {} for s in inst.staff}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(",")]
        if len(parts) != 3 or parts[0] not in inst.staff or parts[2] not in inst.shifts:
            raise NrpFormatError(f"{path.name} line {n}: expected staff_id,day,shift_id")
        try:
            day = int(parts[1])
        except ValueError:
            raise NrpFormatError(
                f"{path.name} line {n}: day '{parts[1]}' is not a number"
            ) from None
        if not 0 <= day < inst.days or day in out[parts[0]]:
            raise NrpFormatError(f"{path.name} line {n}: day {day} out of range or repeated")
        out[parts[0]][day] = parts[2]
    return out


def write_solution(path: Path, solution: Solution) -> None:
    lines = [f"{s},{d},{sh}" for s in sorted(solution) for d, sh in sorted(solution[s].items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass
class Evaluation:
    objective: int
    violations: list[str]

    @property
    def feasible(self) -> bool:
        return not self.violations


def evaluate(inst: Instance, sol: Solution) -> Evaluation:
    """Check every hard constraint and recompute the weighted objective."""
    bad: list[str] = []
    h = inst.days
    for sid, st in inst.staff.items():
        plan = sol.get(sid, {})
        works = [d in plan for d in range(h)]
        for d, shift in plan.items():
            if d in inst.days_off.get(sid, set()):
                bad.append(f"{sid} works on day {d}, a day off")
            nxt = plan.get(d + 1)
            if nxt is not None and nxt in inst.shifts[shift].cannot_follow:
                bad.append(f"{sid}: {nxt} on day {d + 1} may not follow {shift}")
        for shift_id in inst.shifts:
            count = sum(1 for s in plan.values() if s == shift_id)
            limit = st.max_shifts.get(shift_id, 0)
            if count > limit:
                bad.append(f"{sid}: {count} {shift_id} shifts, max {limit}")
        minutes = sum(inst.shifts[s].minutes for s in plan.values())
        if not st.min_minutes <= minutes <= st.max_minutes:
            bad.append(f"{sid}: {minutes} minutes outside [{st.min_minutes}, {st.max_minutes}]")
        # Runs of work and of days off: the minimum lengths apply only to runs that
        # lie wholly inside the horizon (nothing is known of the days around it).
        d = 0
        while d < h:
            e = d
            while e < h and works[e] == works[d]:
                e += 1
            length = e - d
            if works[d]:
                if length > st.max_consecutive:
                    bad.append(f"{sid}: {length} shifts in a row from day {d}")
                if d > 0 and e < h and length < st.min_consecutive:
                    bad.append(f"{sid}: only {length} shifts in a row from day {d}")
            elif d > 0 and e < h and length < st.min_days_off:
                bad.append(f"{sid}: only {length} days off in a row from day {d}")
            d = e
        weekends = sum(1 for w in range(h // 7) if works[7 * w + 5] or works[7 * w + 6])
        if weekends > st.max_weekends:
            bad.append(f"{sid}: {weekends} weekends worked, max {st.max_weekends}")
    objective = 0
    for r in inst.on_requests:
        if sol.get(r.staff, {}).get(r.day) != r.shift:
            objective += r.weight
    for r in inst.off_requests:
        if sol.get(r.staff, {}).get(r.day) == r.shift:
            objective += r.weight
    for c in inst.cover:
        have = sum(1 for plan in sol.values() if plan.get(c.day) == c.shift)
        objective += max(0, c.requirement - have) * c.under_weight
        objective += max(0, have - c.requirement) * c.over_weight
    return Evaluation(objective, bad)
