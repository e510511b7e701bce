"""Operations and events: add one (its repeats in the same transaction), list them with
who is allocated and what each occurrence is short of.

Allocating officers is in services/operation_allocation.py; the roster entries their
duties become carry the operation's own duty code (made here), so that rest, hours,
the HR workbook and calendars read them as tours, and the abstraction rate counts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from rosterapp import paths
from rosterapp.domain.calendar import LONDON, tour_instants
from rosterapp.domain.enums import AbstractionCategory, EntryKind, Rank
from rosterapp.domain.operation_plan import Need, occurrences, parse_needs
from rosterapp.domain.operation_tables import (
    Operation,
    OperationAllocation,
    OperationOccurrence,
    OperationTeam,
)
from rosterapp.domain.operations import (
    AddedOperation,
    AllocatedOfficer,
    NeedCount,
    OccurrenceInfo,
    OperationInfo,
    OperationKind,
    TeamShare,
    roster_code,
)
from rosterapp.domain.tables import Member, ShiftType, Team
from rosterapp.services import audit
from rosterapp.services.errors import Conflict, InvalidInput, NotFound
from rosterapp.services.lookup import team_by_code
from rosterapp.services.operation_supply import (
    matches,
    skills_by_member,
    supply_warnings,
    supplying_teams,
    valid_skills,
)
from rosterapp.services.validation import clean_text
from rosterapp.storage import Database

MAX_TOUR = timedelta(hours=24)
_COLOURS = {  # each kind its own; the grid's band says "operation" whatever the colour
    OperationKind.CENTRAL_AID: "#ffb36b",
    OperationKind.DEMONSTRATION: "#c3a3e8",
    OperationKind.LFR: "#8ed1c6",
    OperationKind.LOCAL: "#e6d690",
}


@dataclass(frozen=True)
class NewOperation:
    """What the form or the command line gives for a new operation."""

    name: str
    kind: str | OperationKind
    begins: datetime  # wall-clock time in London (naive) or an aware instant
    ends: datetime
    needs: str  # "PC:12,PS:2,public-order-2:4"
    teams: str = ""  # "WE,BX" or "WE:8,BX:4" (how many each); empty: any team
    repeat: str | None = None  # "weekly:8", "weekly:8:tue,fri", "daily:2"
    place: str = ""
    category: AbstractionCategory | None = None  # None: the kind's own


def _local(value: datetime) -> datetime:
    return value.astimezone(LONDON).replace(tzinfo=None) if value.tzinfo else value


def parse_teams(s: Session, text: str) -> list[tuple[Team, int | None]]:
    out: list[tuple[Team, int | None]] = []
    for position, item in enumerate(filter(None, (t.strip() for t in text.split(","))), 1):
        code, sep, number = item.partition(":")
        count = None
        if sep:
            try:
                count = int(number)
            except ValueError:
                raise InvalidInput(
                    f"team {position} '{item}': '{number}' is not a whole number", field="teams"
                ) from None
            if count < 1:
                raise InvalidInput(
                    f"team {position} '{item}': the count must be at least 1", field="teams"
                )
        team = team_by_code(s, code.strip())
        if any(t.id == team.id for t, _ in out):
            raise InvalidInput(f"team {team.code} is named twice", field="teams")
        out.append((team, count))
    return out


def _plan(new: NewOperation) -> tuple[OperationKind, tuple[Need, ...], list[datetime], str, str]:
    name = clean_text(new.name, "name", max_len=200)
    if not name:
        raise InvalidInput("an operation needs a name", field="name")
    try:
        kind = new.kind if isinstance(new.kind, OperationKind) else OperationKind.parse(new.kind)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="kind") from None
    try:
        needs = parse_needs(new.needs)
    except ValueError as exc:
        raise InvalidInput(f"--need: {exc}", field="need") from None
    begins, ends = _local(new.begins), _local(new.ends)
    if ends - begins >= MAX_TOUR:
        raise InvalidInput(
            "each occurrence is one tour of duty, under 24 hours: for an event over "
            "several days repeat it daily (e.g. daily:2)",
            field="to",
        )
    try:
        starts = [b for b, _ in occurrences(begins, ends, new.repeat)]
    except ValueError as exc:
        field = "repeat" if new.repeat and "repeat" in str(exc) else "to"
        raise InvalidInput(str(exc), field=field) from None
    place = clean_text(new.place, "place", max_len=200)
    return kind, needs, starts, name, place


def _refreshment(begins: datetime, ends: datetime) -> int:
    """Annex E's refreshment table: under 6 h 30 min, 10 h or more 60, else 45."""
    hours = (ends - begins).total_seconds() / 3600
    return 30 if hours < 6 else 60 if hours >= 10 else 45


def _duty_code(s: Session, row: Operation, kind: OperationKind) -> ShiftType:
    assert row.id is not None
    code = roster_code(row.name, kind, row.id)
    if s.exec(select(ShiftType.id).where(ShiftType.code == code)).first() is not None:
        code = f"OP{row.id}"
    st = ShiftType(
        code=code,
        name=row.name[:60],
        kind=EntryKind.DUTY,
        start=row.starts,
        end=row.ends,
        colour=_COLOURS[kind],
        abstraction=row.category,
        sort_order=1000 + row.id,
        active=False,  # typed by allocating officers, never by hand in a cell
    )
    s.add(st)
    s.flush()
    return st


def add_operation(db: Database, new: NewOperation) -> AddedOperation:
    """Store an operation and all its occurrences in one transaction; warnings say where
    the supplying teams cannot supply what it needs (and how short)."""
    kind, needs, starts, name, place = _plan(new)
    begins, ends = _local(new.begins), _local(new.ends)
    with db.session(write=True) as s:
        teams = parse_teams(s, new.teams)
        row = Operation(
            name=name,
            kind=kind,
            category=new.category or kind.category,
            place=place,
            starts=begins.time(),
            ends=ends.time(),
            needs=[_need_json(n) for n in needs],
            created_by=paths.current_user(),
        )
        s.add(row)
        s.flush()
        assert row.id is not None
        st = _duty_code(s, row, kind)
        row.shift_type_id = st.id
        for team, count in teams:
            assert team.id is not None
            s.add(OperationTeam(operation_id=row.id, team_id=team.id, count=count))
        for start in starts:
            s.add(OperationOccurrence(operation_id=row.id, day=start.date()))
        s.flush()
        audit.record(
            s,
            "operation.add",
            "operation",
            row.id,
            day=starts[0].date(),
            after={
                "name": name,
                "kind": kind.value,
                "code": st.code,
                "needs": new.needs,
                "teams": new.teams,
                "occurrences": len(starts),
            },
        )
        info = operation_info(s, row)
        return AddedOperation(info, tuple(supply_warnings(s, info)))


def _need_json(n: Need) -> dict[str, object]:
    out: dict[str, object] = {"count": n.count}
    if n.rank is not None:
        out["rank"] = n.rank.value
    if n.skill is not None:
        out["skill"] = n.skill
    return out


def needs_of(row: Operation) -> tuple[Need, ...]:
    return tuple(
        Need(
            count=int(n["count"]),
            rank=Rank(n["rank"]) if n.get("rank") else None,
            skill=str(n["skill"]) if n.get("skill") else None,
        )
        for n in row.needs
    )


def load_operation(s: Session, operation_id: int) -> Operation:
    row = s.get(Operation, operation_id)
    if row is None:
        raise NotFound(f"no operation #{operation_id} (see: rosterapp operation list)", field="id")
    return row


def operation_info(s: Session, row: Operation) -> OperationInfo:
    assert row.id is not None
    st = s.get(ShiftType, row.shift_type_id) if row.shift_type_id else None
    needs = needs_of(row)
    occ_rows = s.exec(
        select(OperationOccurrence)
        .where(OperationOccurrence.operation_id == row.id)
        .order_by(col(OperationOccurrence.day))
    ).all()
    occs = tuple(_occurrence(s, o, row, needs) for o in occ_rows)
    return OperationInfo(
        id=row.id,
        name=row.name,
        kind=row.kind,
        category=row.category,
        place=row.place,
        code=st.code if st else "",
        starts=row.starts,
        ends=row.ends,
        needs=needs,
        teams=tuple(TeamShare(t.code, t.name, count) for t, count in supplying_teams(s, row.id)),
        version=row.version,
        occurrences=occs,
    )


def _occurrence(
    s: Session, o: OperationOccurrence, row: Operation, needs: tuple[Need, ...]
) -> OccurrenceInfo:
    assert o.id is not None
    begins, ends = tour_instants(o.day, row.starts, row.ends)
    allocated = []
    for a in s.exec(
        select(OperationAllocation)
        .where(OperationAllocation.occurrence_id == o.id)
        .order_by(col(OperationAllocation.id))
    ).all():
        m = s.get(Member, a.member_id)
        team = s.get(Team, a.team_id)
        assert m is not None and team is not None and a.id is not None and m.id is not None
        skills = valid_skills(list(skills_by_member(s, [m.id]).get(m.id, [])), o.day)
        allocated.append(
            AllocatedOfficer(
                a.id,
                m.id,
                m.shoulder_number,
                f"{m.rank.short} {m.first_name} {m.last_name}",
                m.rank,
                tuple(sorted(skills)),
                team.code,
            )
        )
    counts = tuple(
        NeedCount(n, sum(1 for a in allocated if matches(n, a.rank, set(a.skills)))) for n in needs
    )
    return OccurrenceInfo(o.id, o.day, begins, ends, o.version, tuple(allocated), counts)


def list_operations(
    db: Database, start: date | None = None, end: date | None = None
) -> list[OperationInfo]:
    """Every operation with an occurrence in [start, end] (None: open), earliest first."""
    with db.session() as s:
        q = select(OperationOccurrence.operation_id).distinct()
        if start is not None:
            q = q.where(OperationOccurrence.day >= start)
        if end is not None:
            q = q.where(OperationOccurrence.day <= end)
        ids = set(s.exec(q).all())
        infos = [operation_info(s, load_operation(s, i)) for i in ids]
        return sorted(
            infos,
            key=lambda o: (o.occurrences[0].day if o.occurrences else date.max, o.starts, o.id),
        )


def get_operation(db: Database, operation_id: int) -> OperationInfo:
    with db.session() as s:
        return operation_info(s, load_operation(s, operation_id))


def occurrence_on(info: OperationInfo, day: date | None) -> OccurrenceInfo:
    """The occurrence on `day`, or the only one; else a clear error listing the dates."""
    if day is None:
        if len(info.occurrences) == 1:
            return info.occurrences[0]
        dates = ", ".join(f"{o.day:%Y-%m-%d}" for o in info.occurrences[:12])
        more = " …" if len(info.occurrences) > 12 else ""
        raise InvalidInput(
            f"operation #{info.id} {info.name} happens on {len(info.occurrences)} days "
            f"({dates}{more}): say which with --on DATE",
            field="on",
        )
    for o in info.occurrences:
        if o.day == day:
            return o
    raise InvalidInput(
        f"operation #{info.id} {info.name} has no occurrence on {day:%a %d %b %Y}", field="on"
    )


def delete_operation(
    db: Database, operation_id: int, *, expected_version: int | None = None
) -> None:
    """Remove an operation entered by mistake, with all its occurrences and its code;
    refused while anyone is allocated to it (take them off first: their cells go back)."""
    with db.session(write=True) as s:
        row = load_operation(s, operation_id)
        if expected_version is not None and row.version != expected_version:
            raise Conflict(f"operation {row.name} was changed by someone else; look again")
        occ_ids = list(
            s.exec(
                select(OperationOccurrence.id).where(OperationOccurrence.operation_id == row.id)
            ).all()
        )
        allocated = s.exec(
            select(OperationAllocation.id).where(
                col(OperationAllocation.occurrence_id).in_(occ_ids)
            )
        ).all()
        if allocated:
            raise InvalidInput(
                f"operation {row.name} has {len(allocated)} allocated duties: take the "
                "officers off first (their roster entries go back)",
                field="id",
            )
        st = s.get(ShiftType, row.shift_type_id) if row.shift_type_id else None
        audit.record(
            s,
            "operation.delete",
            "operation",
            row.id,
            before={"name": row.name, "code": st.code if st else None, "occurrences": len(occ_ids)},
        )
        s.delete(row)
        s.flush()
        if st is not None:
            s.delete(st)
