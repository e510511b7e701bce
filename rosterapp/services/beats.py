"""Beats (wards and hotspots); the cover they need is in cover_requirements (its
functions are named here too, where callers have always found them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlmodel import col, select

from rosterapp.domain.tables import Beat
from rosterapp.domain.values import BeatInfo
from rosterapp.services import audit
from rosterapp.services.convert import beat_info
from rosterapp.services.cover_requirements import (
    end_requirement,
    list_requirements,
    set_requirement,
)
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import team_by_code
from rosterapp.services.provenance import stale
from rosterapp.services.validation import clean_text, identifier
from rosterapp.storage import Database

__all__ = [
    "BeatInput",
    "create_beat",
    "end_requirement",
    "list_beats",
    "list_requirements",
    "set_requirement",
    "update_beat",
]


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
        rows = s.exec(
            select(Beat)
            .where(Beat.team_id == team.id)
            .order_by(col(Beat.sort_order), col(Beat.code))
        ).all()
        return [beat_info(b) for b in rows]
