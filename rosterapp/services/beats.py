"""Beats (wards and hotspots) and the cover they need."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlmodel import Session, col, select

from rosterapp.domain.cover import Requirement
from rosterapp.domain.enums import Rank
from rosterapp.domain.tables import Beat, CoverRequirement, ShiftType
from rosterapp.domain.values import BeatInfo
from rosterapp.services import audit
from rosterapp.services.convert import beat_info
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import beat_by_code, shift_by_code, team_by_code
from rosterapp.services.provenance import stale
from rosterapp.services.validation import clean_text, identifier
from rosterapp.storage import Database


@dataclass
class BeatInput:
    code: str
    name: str
    ward: str = ""
    priorities: tuple[str, ...] = ()
    hotspot: bool = False
    visit_minutes: int = 15
    visit_interval_minutes: int = 120


def _check_beat(data: BeatInput) -> tuple[str, str, list[str]]:
    code = identifier(data.code, "beat code", key="code")
    name = clean_text(data.name, "beat name", max_len=120, required=True, key="name")
    priorities = [
        clean_text(p, "priority", max_len=200, key="priorities")
        for p in data.priorities
        if p.strip()
    ]
    if not 10 <= data.visit_minutes <= 15:
        raise InvalidInput("hotspot visits last 10–15 minutes (Koper curve)", field="visit_minutes")
    if not 30 <= data.visit_interval_minutes <= 120:
        raise InvalidInput(
            "hotspot visits are at most 120 minutes apart", field="visit_interval_minutes"
        )
    return code, name, priorities


def update_beat(
    db: Database,
    team_code: str,
    beat_id: int,
    data: BeatInput,
    expected_version: int | None = None,
) -> BeatInfo:
    """Change a beat, found by id so that a rename by someone else is still found."""
    code, name, priorities = _check_beat(data)
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        beat = s.get(Beat, beat_id)
        if beat is None or beat.team_id != team.id:
            raise stale(s, f"Beat {code}", "beat", beat_id)
        if expected_version is not None and beat.version != expected_version:
            raise stale(
                s,
                f"Beat {beat.code}",
                "beat",
                beat.id,
                current=beat_info(beat),
                current_version=beat.version,
            )
        if (
            code != beat.code
            and s.exec(select(Beat).where(Beat.team_id == team.id, Beat.code == code)).first()
        ):
            raise InvalidInput(f"team {team.code} already has a beat {code}", field="code")
        before = _beat_view(beat_info(beat))
        beat.code, beat.name = code, name
        beat.ward = clean_text(data.ward, "ward", max_len=120)
        beat.priorities = priorities
        beat.hotspot = data.hotspot
        beat.visit_minutes = data.visit_minutes
        beat.visit_interval_minutes = data.visit_interval_minutes
        s.flush()
        audit.record(
            s,
            "beat.update",
            "beat",
            beat.id,
            team_id=team.id,
            before=before,
            after=_beat_view(info := beat_info(beat)),
        )
        return info


def _beat_view(info: BeatInfo) -> dict[str, object]:
    view = asdict(info)
    view["priorities"] = list(info.priorities)
    for key in ("id", "team_id", "version"):
        view.pop(key)
    return view


def create_beat(db: Database, team_code: str, data: BeatInput) -> BeatInfo:
    code, name, priorities = _check_beat(data)
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        if s.exec(select(Beat).where(Beat.team_id == team.id, Beat.code == code)).first():
            raise InvalidInput(f"team {team.code} already has a beat {code}", field="code")
        assert team.id is not None
        beat = Beat(
            team_id=team.id,
            code=code,
            name=name,
            ward=clean_text(data.ward, "ward", max_len=120),
            priorities=priorities,
            hotspot=data.hotspot,
            visit_minutes=data.visit_minutes,
            visit_interval_minutes=data.visit_interval_minutes,
        )
        s.add(beat)
        s.flush()
        audit.record(
            s, "beat.create", "beat", beat.id, team_id=team.id, after={"code": code, "name": name}
        )
        return beat_info(beat)


def list_beats(db: Database, team_code: str) -> list[BeatInfo]:
    with db.session() as s:
        team = team_by_code(s, team_code)
        rows = s.exec(select(Beat).where(Beat.team_id == team.id).order_by(col(Beat.code))).all()
        return [beat_info(b) for b in rows]


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
) -> Requirement:
    if not 0 <= weekday <= 6:
        raise InvalidInput("weekday must be 0 (Monday) to 6 (Sunday)", field="weekday")
    if not 0 <= min_count <= 500:
        raise InvalidInput("the minimum must be between 0 and 500", field="min_count")
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        st = shift_by_code(s, shift)
        beat_row = beat_by_code(s, team, beat) if beat else None
        assert team.id is not None and st.id is not None
        row = _requirement_row(
            s, team.id, weekday, st.id, beat_row.id if beat_row else None, rank, skill
        )
        row.min_count = min_count
        s.flush()
        audit.record(
            s,
            "cover.set",
            "cover_requirement",
            row.id,
            team_id=team.id,
            after={
                "weekday": weekday,
                "shift": st.code,
                "min": min_count,
                "beat": beat,
                "rank": rank.value if rank else None,
                "skill": skill,
            },
        )
        assert row.id is not None
        return Requirement(
            row.id, beat_row.code if beat_row else None, weekday, st.code, min_count, rank, skill
        )


def _requirement_row(
    s: Session,
    team_id: int,
    weekday: int,
    shift_type_id: int,
    beat_id: int | None,
    rank: Rank | None,
    skill: str | None,
) -> CoverRequirement:
    """The team's requirement for this day, shift, beat, rank and skill; a new one if none."""
    row = s.exec(
        select(CoverRequirement).where(
            CoverRequirement.team_id == team_id,
            CoverRequirement.weekday == weekday,
            CoverRequirement.shift_type_id == shift_type_id,
            CoverRequirement.beat_id == beat_id,
            CoverRequirement.rank == rank,
            CoverRequirement.skill == skill,
        )
    ).first()
    if row is None:
        row = CoverRequirement(
            team_id=team_id,
            beat_id=beat_id,
            weekday=weekday,
            shift_type_id=shift_type_id,
            min_count=0,
            rank=rank,
            skill=skill,
        )
        s.add(row)
    return row


def list_requirements(db: Database, team_code: str) -> list[Requirement]:
    with db.session() as s:
        team = team_by_code(s, team_code)
        beats = {b.id: b.code for b in s.exec(select(Beat).where(Beat.team_id == team.id))}
        shifts = {st.id: st.code for st in s.exec(select(ShiftType))}
        rows = s.exec(select(CoverRequirement).where(CoverRequirement.team_id == team.id)).all()
        return [
            Requirement(
                r.id or 0,
                beats.get(r.beat_id) if r.beat_id else None,
                r.weekday,
                shifts[r.shift_type_id],
                r.min_count,
                r.rank,
                r.skill,
            )
            for r in rows
        ]
