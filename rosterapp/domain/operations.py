"""Operations and events as plain values: what an operation is, who is allocated to each
occurrence, what it is short of, and who could be allocated (and why others cannot).

An operation (aid to a central event, a demonstration, an LFR deployment, a local
operation) has one tour of duty per occurrence; its duties are roster entries of a
code of its own whose times are the operation's, so rest, hours, the HR workbook and
calendars read them as any tour; the code carries the abstraction category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import TYPE_CHECKING

from rosterapp.domain.enums import AbstractionCategory, Rank
from rosterapp.domain.operation_plan import Need

if TYPE_CHECKING:
    from rosterapp.domain.grid import CellChange


class OperationKind(StrEnum):
    CENTRAL_AID = "central-aid"
    DEMONSTRATION = "demonstration"
    LFR = "lfr"
    LOCAL = "local"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def category(self) -> AbstractionCategory:
        """The abstraction category its duties count under unless another is chosen."""
        return (
            AbstractionCategory.LOCAL_AID
            if self is OperationKind.LOCAL
            else (AbstractionCategory.CENTRAL_AID)
        )

    @classmethod
    def parse(cls, text: str) -> OperationKind:
        key = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
        if key in _KIND_ALIASES:
            return _KIND_ALIASES[key]
        raise ValueError(
            f"unknown operation kind '{text}' (use one of: central-aid, demonstration, lfr, local)"
        )


_KIND_LABELS = {
    OperationKind.CENTRAL_AID: "Aid to a central event",
    OperationKind.DEMONSTRATION: "Demonstration",
    OperationKind.LFR: "Live Facial Recognition",
    OperationKind.LOCAL: "Local operation",
}
_KIND_ALIASES = {
    "central aid": OperationKind.CENTRAL_AID,
    "central": OperationKind.CENTRAL_AID,
    "aid": OperationKind.CENTRAL_AID,
    "event": OperationKind.CENTRAL_AID,
    "demonstration": OperationKind.DEMONSTRATION,
    "demo": OperationKind.DEMONSTRATION,
    "protest": OperationKind.DEMONSTRATION,
    "lfr": OperationKind.LFR,
    "live facial recognition": OperationKind.LFR,
    "local": OperationKind.LOCAL,
    "local operation": OperationKind.LOCAL,
}

CATEGORY_LABELS = {
    AbstractionCategory.MANDATORY: "mandatory",
    AbstractionCategory.LOCAL_AID: "local aid",
    AbstractionCategory.CENTRAL_AID: "central aid",
    AbstractionCategory.OTHER: "other",
}

_KIND_PREFIX = {
    OperationKind.CENTRAL_AID: "AID",
    OperationKind.DEMONSTRATION: "DEM",
    OperationKind.LFR: "LFR",
    OperationKind.LOCAL: "OP",
}


def roster_code(name: str, kind: OperationKind, number: int) -> str:
    """The code its duties show in the roster: the initials of its name (or the kind)
    and its number, e.g. "NHC4" for Notting Hill Carnival: at most 8 characters."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", name)
    skip = {"of", "the", "and", "at", "in", "on", "for", "a", "op", "operation"}
    initials = "".join(w[0] for w in words if w.lower() not in skip).upper()[:4]
    if kind is OperationKind.LFR or len(initials) < 2:
        initials = _KIND_PREFIX[kind]
    digits = str(number)
    return (initials[: max(1, 8 - len(digits))] + digits)[:8]


@dataclass(frozen=True, slots=True)
class TeamShare:
    """A team that supplies an operation, and how many officers it is asked for."""

    code: str
    name: str
    count: int | None = None  # None: as many as are needed

    @property
    def label(self) -> str:
        return f"{self.code} ({self.count})" if self.count is not None else self.code


@dataclass(frozen=True, slots=True)
class AllocatedOfficer:
    allocation_id: int
    member_id: int
    shoulder_number: str
    name: str  # "PC Ali Khan"
    rank: Rank
    skills: tuple[str, ...]
    team_code: str


@dataclass(frozen=True, slots=True)
class NeedCount:
    """One need of one occurrence: how many asked, how many allocated, and why short."""

    need: Need
    allocated: int
    explanation: str = ""

    @property
    def short(self) -> int:
        return max(0, self.need.count - self.allocated)

    @property
    def label(self) -> str:
        what = self.need.rank.short if self.need.rank is not None else str(self.need.skill)
        return f"{what} {self.allocated}/{self.need.count}"


@dataclass(frozen=True, slots=True)
class OccurrenceInfo:
    id: int
    day: date  # the day its tour starts (the roster day of the duty)
    begins: datetime  # aware, Europe/London
    ends: datetime
    version: int
    allocated: tuple[AllocatedOfficer, ...] = ()
    counts: tuple[NeedCount, ...] = ()

    @property
    def short(self) -> int:
        return sum(c.short for c in self.counts)

    @property
    def shortfall_label(self) -> str:
        missing = [f"{c.short} {_what(c.need)}" for c in self.counts if c.short]
        return "short " + ", ".join(missing) if missing else "fully allocated"


def _what(need: Need) -> str:
    return need.rank.short if need.rank is not None else str(need.skill)


@dataclass(frozen=True, slots=True)
class OperationInfo:
    id: int
    name: str
    kind: OperationKind
    category: AbstractionCategory
    place: str
    code: str  # the roster code of its duties
    starts: time
    ends: time  # earlier than starts: the tour ends the next day
    needs: tuple[Need, ...]
    teams: tuple[TeamShare, ...]
    version: int
    occurrences: tuple[OccurrenceInfo, ...] = ()

    @property
    def needs_label(self) -> str:
        return ", ".join(n.label for n in self.needs)

    @property
    def times_label(self) -> str:
        return f"{self.starts:%H:%M}–{self.ends:%H:%M}"

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS[self.category]

    def occurrence(self, occurrence_id: int) -> OccurrenceInfo | None:
        return next((o for o in self.occurrences if o.id == occurrence_id), None)


@dataclass(frozen=True, slots=True)
class OperationMark:
    """What the roster grid, briefing sheet and calendar say of an operation's duty."""

    code: str
    name: str
    kind: OperationKind
    category: AbstractionCategory
    place: str
    times: str

    @property
    def description(self) -> str:
        where = f" at {self.place}" if self.place else ""
        return (
            f"Operation {self.name} ({self.kind.label.lower()}, "
            f"{CATEGORY_LABELS[self.category]}) {self.times}{where}"
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """An officer of a supplying team, for an occurrence: allocatable or why not."""

    member_id: int
    shoulder_number: str
    name: str
    rank: Rank
    team_code: str
    matches: tuple[str, ...]  # the needs they would count towards ("PC", "public-order-2")
    reasons: tuple[str, ...] = ()  # why they cannot be allocated; empty: they can
    allocated: bool = False
    blocked_by: str = ""  # the first reason's kind: absent, busy, rules, qualified, full...

    @property
    def free(self) -> bool:
        return not self.reasons and not self.allocated


@dataclass(frozen=True, slots=True)
class AddedOperation:
    operation: OperationInfo
    warnings: tuple[str, ...] = ()  # e.g. a need larger than the teams can supply


@dataclass(frozen=True, slots=True)
class AllocationChange:
    """What one allocate or unallocate did, enough to undo it in one step."""

    operation_id: int
    occurrence_id: int
    day: date
    shoulder_numbers: tuple[str, ...]
    allocated: bool  # True: these officers were allocated; False: unallocated
    cells: tuple[CellChange, ...] = field(default=())  # for the grid to patch
    warnings: tuple[str, ...] = ()  # new findings that do not refuse (e.g. cover)
