"""Cover requirements: how many people a shift needs, by beat, rank or skill, in force
from a date. A change ends the row in force and starts a new one, and retiring ends
it: earlier rosters are always checked against what was required on their days."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from rosterapp.domain.cover import Requirement
from rosterapp.domain.enums import Rank
from rosterapp.domain.tables import Beat, CoverRequirement, ShiftType
from rosterapp.services import audit
from rosterapp.services.errors import InvalidInput, NotFound
from rosterapp.services.lookup import beat_by_code, shift_by_code, team_by_code
from rosterapp.storage import Database


def set_requirement(
    db: Database,
    team_code: str,
    *,
    weekday: int,
    shift: str,
    min_count: int,
    beat: str | None = None,
    rank: Rank | None = None,
    skill: str | None = None,
    effective_from: date | None = None,
) -> Requirement:
    """The need for this line from `effective_from` on (None: the row in force is
    changed as it stands, as before dates were kept). A minimum of 0 from a date ends
    the line the day before."""
    if not 0 <= weekday <= 6:
        raise InvalidInput("weekday must be 0 (Monday) to 6 (Sunday)", field="weekday")
    if not 0 <= min_count <= 500:
        raise InvalidInput("the minimum must be between 0 and 500", field="min_count")
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        st = shift_by_code(s, shift)
        beat_row = beat_by_code(s, team, beat) if beat else None
        assert team.id is not None and st.id is not None
        beat_id = beat_row.id if beat_row else None
        row = _open_row(s, team.id, weekday, st.id, beat_id, rank, skill)
        before = None if row is None else {"min": row.min_count, "from": _iso(row.effective_from)}
        if row is not None and effective_from is not None and _starts_before(row, effective_from):
            row.effective_to = effective_from - timedelta(days=1)  # history kept
            row = None
        if row is None:
            row = CoverRequirement(
                team_id=team.id,
                beat_id=beat_id,
                weekday=weekday,
                shift_type_id=st.id,
                min_count=min_count,
                rank=rank,
                skill=skill,
                effective_from=effective_from,
            )
            s.add(row)
        row.min_count = min_count
        s.flush()
        after = {"weekday": weekday, "shift": st.code, "min": min_count, "beat": beat}
        after |= {"rank": rank.value if rank else None, "skill": skill}
        after["from"] = _iso(effective_from)
        audit.record(
            s, "cover.set", "cover_requirement", row.id, team_id=team.id, before=before, after=after
        )
        assert row.id is not None
        return _requirement(row, beat_row.code if beat_row else None, st.code)


def end_requirement(db: Database, team_code: str, requirement_id: int, last_day: date) -> None:
    """Retire a requirement: in force until `last_day`, kept for the rosters before."""
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        row = s.get(CoverRequirement, requirement_id)
        if row is None or row.team_id != team.id:
            raise NotFound("that cover requirement is no longer there; reload the list")
        if row.effective_from is not None and last_day < row.effective_from:
            s.delete(row)  # never in force: nothing to keep
        else:
            row.effective_to = last_day
        audit.record(
            s,
            "cover.end",
            "cover_requirement",
            requirement_id,
            team_id=team.id,
            after={"until": last_day.isoformat()},
        )


def list_requirements(
    db: Database, team_code: str, start: date | None = None, end: date | None = None
) -> list[Requirement]:
    """The requirements in force on some day of start..end, each with its dates (the
    cover count applies each only on its days). Without dates: each line as it now
    stands or will (the newest row not ended before today), for planning ahead."""
    with db.session() as s:
        team = team_by_code(s, team_code)
        beats = {b.id: b.code for b in s.exec(select(Beat).where(Beat.team_id == team.id))}
        shifts = {st.id: st.code for st in s.exec(select(ShiftType))}
        rows = s.exec(select(CoverRequirement).where(CoverRequirement.team_id == team.id)).all()
        found = [
            _requirement(r, beats.get(r.beat_id) if r.beat_id else None, shifts[r.shift_type_id])
            for r in rows
        ]
    if start is not None and end is not None:
        return [r for r in found if r.in_force(start, end)]
    today = date.today()
    newest: dict[tuple[object, ...], Requirement] = {}
    for r in sorted(found, key=lambda r: r.effective_from or date.min):
        if r.effective_to is None or r.effective_to >= today:
            newest[(r.beat, r.weekday, r.shift, r.rank, r.skill)] = r
    return list(newest.values())


def _open_row(
    s: Session,
    team_id: int,
    weekday: int,
    shift_type_id: int,
    beat_id: int | None,
    rank: Rank | None,
    skill: str | None,
) -> CoverRequirement | None:
    """The line's row not yet ended (the newest, if an old database holds several)."""
    rows = s.exec(
        select(CoverRequirement).where(
            CoverRequirement.team_id == team_id,
            CoverRequirement.weekday == weekday,
            CoverRequirement.shift_type_id == shift_type_id,
            CoverRequirement.beat_id == beat_id,
            CoverRequirement.rank == rank,
            CoverRequirement.skill == skill,
            CoverRequirement.effective_to == None,  # noqa: E711 (SQL IS NULL)
        )
    ).all()
    return max(rows, key=lambda r: r.effective_from or date.min, default=None)


def _starts_before(row: CoverRequirement, day: date) -> bool:
    return row.effective_from is None or row.effective_from < day


def _requirement(row: CoverRequirement, beat: str | None, shift: str) -> Requirement:
    return Requirement(
        row.id or 0,
        beat,
        row.weekday,
        shift,
        row.min_count,
        row.rank,
        row.skill,
        row.effective_from,
        row.effective_to,
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
