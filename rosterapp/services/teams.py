"""Teams and their settings."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from sqlmodel import select

from rosterapp.domain.policy import MAX_CARRY_OVER_DAYS, MAX_REFERENCE_WEEKS
from rosterapp.domain.tables import Team
from rosterapp.domain.values import SHAPE_LIMIT, ShapeWeights, TeamInfo
from rosterapp.services import audit
from rosterapp.services.convert import team_info
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import team_by_code
from rosterapp.services.provenance import stale
from rosterapp.storage import Database

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")

SETTINGS = (
    "name",
    "borough",
    "protective_marking",
    "show_absence_reason",
    "leave_threshold_pct",
    "abstraction_threshold_pct",
    "contract_hours_tolerance",
    "shape_weights",
    "night_reference_weeks",
    "abstraction_weeks",
    "leave_year_start_month",
    "leave_carry_over_days",
)


def list_teams(db: Database) -> list[TeamInfo]:
    with db.session() as s:
        return [team_info(t) for t in s.exec(select(Team).order_by(Team.name)).all()]


def get_team(db: Database, code: str) -> TeamInfo:
    with db.session() as s:
        return team_info(team_by_code(s, code))


def create_team(
    db: Database, code: str, name: str, borough: str = "", *, default_shifts: bool = True
) -> TeamInfo:
    code = code.strip().upper()
    if not code or not name.strip():
        raise InvalidInput("a team needs a code and a name", field="code" if not code else "name")
    with db.session(write=True) as s:
        if s.exec(select(Team).where(Team.code == code)).first():
            raise InvalidInput(f"a team with code '{code}' already exists", field="code")
        if not _CODE.match(code):
            raise InvalidInput(
                f"team code '{code}': use 1–32 capital letters, digits or -", field="code"
            )
        if default_shifts:
            from rosterapp.services.shift_types import ensure_defaults

            ensure_defaults(s)
        team = Team(code=code, name=name.strip(), borough=borough.strip())
        s.add(team)
        s.flush()
        audit.record(s, "team.create", "team", team.id, team_id=team.id, after={"code": code})
        return team_info(team)


def _shape_row(weights: object) -> dict[str, int] | None:
    """The shape weights as stored (None: the defaults), each checked."""
    if weights is None:
        return None
    if not isinstance(weights, ShapeWeights):
        raise InvalidInput("shape weights must be ShapeWeights", field="shape_weights")
    row = asdict(weights)
    for key, value in row.items():
        if not isinstance(value, int) or not 0 <= value <= SHAPE_LIMIT:
            raise InvalidInput(
                f"the weight of {key.replace('_', ' ')} must be a whole number from 0 to "
                f"{SHAPE_LIMIT}",
                field=key,
            )
    return row


def _settings_view(info: TeamInfo) -> dict[str, object]:
    view = asdict(info)
    return {key: view[key] for key in SETTINGS}


def update_team_settings(
    db: Database, code: str, *, expected_version: int | None = None, **changes: Any
) -> TeamInfo:
    unknown = set(changes) - set(SETTINGS)
    if unknown:
        raise InvalidInput(f"unknown team setting(s): {', '.join(sorted(unknown))}")
    for key in ("leave_threshold_pct", "abstraction_threshold_pct"):
        if key in changes and not 0 <= float(changes[key]) <= 100:
            raise InvalidInput(f"{key.replace('_', ' ')} must be between 0 and 100", field=key)
    for key in ("night_reference_weeks", "abstraction_weeks"):
        if key in changes and not (
            isinstance(changes[key], int) and 1 <= changes[key] <= MAX_REFERENCE_WEEKS
        ):
            raise InvalidInput(
                f"{key.replace('_', ' ')} must be a whole number of weeks from 1 to "
                f"{MAX_REFERENCE_WEEKS}",
                field=key,
            )
    month = changes.get("leave_year_start_month")
    if month is not None and not (isinstance(month, int) and 1 <= month <= 12):
        raise InvalidInput(
            "the leave year starts in a month from 1 to 12", field="leave_year_start_month"
        )
    carry = changes.get("leave_carry_over_days")
    if carry is not None and not 0 <= float(carry) <= MAX_CARRY_OVER_DAYS:
        raise InvalidInput(
            f"leave carried over must be from 0 to {MAX_CARRY_OVER_DAYS:g} days",
            field="leave_carry_over_days",
        )
    if "protective_marking" in changes and not str(changes["protective_marking"]).strip():
        raise InvalidInput("the protective marking cannot be empty", field="protective_marking")
    if "shape_weights" in changes:
        changes["shape_weights"] = _shape_row(changes["shape_weights"])
    with db.session(write=True) as s:
        team = team_by_code(s, code)
        if expected_version is not None and team.version != expected_version:
            raise stale(
                s,
                f"{team.name} ({team.code})",
                "team",
                team.id,
                current=team_info(team),
                current_version=team.version,
            )
        before = _settings_view(team_info(team))
        for key, value in changes.items():
            setattr(team, key, value)
        s.flush()
        after = team_info(team)
        audit.record(
            s,
            "team.settings",
            "team",
            team.id,
            team_id=team.id,
            before=before,
            after=_settings_view(after),
        )
        return after
