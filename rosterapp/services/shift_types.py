"""Roster codes: tours of duty and non-duty entries. Data, not code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from sqlmodel import Session, col, select

from rosterapp.domain.enums import AbsenceKind, EntryKind
from rosterapp.domain.tables import ShiftType
from rosterapp.domain.values import ShiftTypeInfo
from rosterapp.services import audit
from rosterapp.services.convert import shift_info
from rosterapp.services.errors import InvalidInput
from rosterapp.storage import Database


@dataclass(frozen=True)
class ShiftSpec:
    code: str
    name: str
    kind: EntryKind
    start: time | None = None
    end: time | None = None
    refreshment_minutes: int = 45
    colour: str = "#ffffff"
    absence_kind: AbsenceKind | None = None


# The usual neighbourhood tours (DOMAIN.md) and the non-duty codes.
DEFAULT_SHIFTS: tuple[ShiftSpec, ...] = (
    ShiftSpec("E", "Early", EntryKind.DUTY, time(7), time(15), 45, "#cfe8ff"),
    ShiftSpec("L", "Late", EntryKind.DUTY, time(15), time(23), 45, "#ffe2b8"),
    ShiftSpec("LL", "Late-late", EntryKind.DUTY, time(18), time(2), 45, "#f4c7e6"),
    ShiftSpec("N", "Night", EntryKind.DUTY, time(22), time(7), 60, "#c9c3f0"),
    ShiftSpec(
        "RD",
        "Rest day",
        EntryKind.ABSENCE,
        absence_kind=AbsenceKind.REST_DAY,
        colour="#eeeeee",
        refreshment_minutes=0,
    ),
    ShiftSpec(
        "AL",
        "Annual leave",
        EntryKind.ABSENCE,
        absence_kind=AbsenceKind.ANNUAL_LEAVE,
        colour="#c8efc8",
        refreshment_minutes=0,
    ),
    ShiftSpec(
        "PH",
        "Public holiday leave",
        EntryKind.ABSENCE,
        absence_kind=AbsenceKind.PUBLIC_HOLIDAY_LEAVE,
        colour="#c8efc8",
        refreshment_minutes=0,
    ),
    ShiftSpec(
        "S",
        "Sick",
        EntryKind.ABSENCE,
        absence_kind=AbsenceKind.SICK,
        colour="#f6c6c6",
        refreshment_minutes=0,
    ),
    ShiftSpec(
        "TR",
        "Training",
        EntryKind.ABSENCE,
        absence_kind=AbsenceKind.TRAINING,
        colour="#fff3a8",
        refreshment_minutes=0,
    ),
    ShiftSpec(
        "CT",
        "Court",
        EntryKind.ABSENCE,
        absence_kind=AbsenceKind.COURT,
        colour="#fff3a8",
        refreshment_minutes=0,
    ),
    ShiftSpec(
        "AID",
        "Aid / abstraction",
        EntryKind.ABSENCE,
        absence_kind=AbsenceKind.AID,
        colour="#ffd29e",
        refreshment_minutes=0,
    ),
    ShiftSpec(
        "TOIL",
        "Time off in lieu",
        EntryKind.ABSENCE,
        absence_kind=AbsenceKind.TOIL,
        colour="#dcecc8",
        refreshment_minutes=0,
    ),
    ShiftSpec(
        "DIL",
        "Day in lieu",
        EntryKind.ABSENCE,
        absence_kind=AbsenceKind.DAY_IN_LIEU,
        colour="#d4ecd9",
        refreshment_minutes=0,
    ),
    ShiftSpec(
        "MAT",
        "Maternity / paternity",
        EntryKind.ABSENCE,
        absence_kind=AbsenceKind.MATERNITY,
        colour="#dcecc8",
        refreshment_minutes=0,
    ),
    ShiftSpec(
        "PT",
        "Part-time free day",
        EntryKind.ABSENCE,
        absence_kind=AbsenceKind.PART_TIME,
        colour="#eeeeee",
        refreshment_minutes=0,
    ),
)

# The code shown for an absence range of each kind.
ABSENCE_CODES: dict[AbsenceKind, str] = {
    s.absence_kind: s.code for s in DEFAULT_SHIFTS if s.absence_kind is not None
}
ABSENCE_CODES[AbsenceKind.PATERNITY] = "MAT"

_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,7}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def ensure_defaults(session: Session) -> None:
    existing = set(session.exec(select(ShiftType.code)).all())
    for order, spec in enumerate(DEFAULT_SHIFTS):
        if spec.code not in existing:
            session.add(_row(spec, order))


def _row(spec: ShiftSpec, order: int) -> ShiftType:
    return ShiftType(
        code=spec.code,
        name=spec.name,
        kind=spec.kind,
        start=spec.start,
        end=spec.end,
        refreshment_minutes=spec.refreshment_minutes,
        colour=spec.colour,
        absence_kind=spec.absence_kind,
        sort_order=order,
    )


def validate(spec: ShiftSpec) -> None:
    if not _CODE.match(spec.code):
        raise InvalidInput(
            f"code '{spec.code}': use 1–8 capital letters or digits, starting with a letter",
            field="code",
        )
    if not spec.name.strip():
        raise InvalidInput(f"shift {spec.code}: the name cannot be empty", field="name")
    if not _COLOUR.match(spec.colour):
        raise InvalidInput(
            f"shift {spec.code}: colour '{spec.colour}' is not like #a1b2c3", field="colour"
        )
    if spec.kind is EntryKind.DUTY:
        if spec.start is None or spec.end is None:
            raise InvalidInput(
                f"shift {spec.code}: a duty needs a start and an end time", field="start"
            )
        if spec.start == spec.end:
            raise InvalidInput(f"shift {spec.code}: start and end are the same time", field="end")
        if not 0 <= spec.refreshment_minutes <= 120:
            raise InvalidInput(
                f"shift {spec.code}: refreshment break must be 0–120 minutes",
                field="refreshment_minutes",
            )
    elif spec.absence_kind is None:
        raise InvalidInput(
            f"code {spec.code}: a non-duty code needs an absence kind", field="absence_kind"
        )


def list_shift_types(db: Database) -> list[ShiftTypeInfo]:
    """The roster codes a team types (operations' own codes are theirs, not listed)."""
    with db.session() as s:
        rows = s.exec(
            select(ShiftType)
            .where(col(ShiftType.abstraction).is_(None))
            .order_by(col(ShiftType.sort_order), col(ShiftType.code))
        ).all()
        return [shift_info(r) for r in rows]


def create_shift_type(db: Database, spec: ShiftSpec) -> ShiftTypeInfo:
    validate(spec)
    with db.session(write=True) as s:
        if s.exec(select(ShiftType).where(ShiftType.code == spec.code)).first():
            raise InvalidInput(f"code '{spec.code}' already exists", field="code")
        order = len(s.exec(select(ShiftType.id)).all())
        row = _row(spec, order)
        s.add(row)
        s.flush()
        audit.record(s, "shift_type.create", "shift_type", row.id, after={"code": spec.code})
        return shift_info(row)
