"""Members from a CSV or XLSX file: each row read into typed values, every bad cell
named by row and column. Pure: no database (services/imports.py writes the rows)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from rosterapp.domain.enums import Rank
from rosterapp.domain.values import SkillInfo
from rosterapp.importers.rows import validate_rows
from rosterapp.importers.tabular import SHOULDER_HEADERS, RowError, parse_date, read_table

REQUIRED = {
    "shoulder_number",
    "staff_number",
    "first_name",
    "last_name",
    "rank",
    "contracted_hours",
}
OPTIONAL = {
    "team",
    "role",
    "skills",
    "email",
    "phone",
    "call_sign",
    "start_date",
    "wtr_opt_out",
    "wtr_opt_out_since",
    # what the auto-roster plans by (the member form's planning fields)
    "usual_beat",
    "no_nights",
    "max_late_lates",
    "days_not_worked",
}
_SKILL_MARKS = re.compile(r"[;,+|]|(?<!\d)/|/(?!\d)")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Headers of the spreadsheets teams keep now, and the column each stands for.
ALIASES = {
    **SHOULDER_HEADERS,
    "surname": "last_name",
    "family_name": "last_name",
    "last_names": "last_name",
    "forename": "first_name",
    "forenames": "first_name",
    "given_name": "first_name",
    "first_names": "first_name",
    "staff_no": "staff_number",
    "staff_id": "staff_number",
    "payroll_number": "staff_number",
    "payroll_no": "staff_number",
    "employee_number": "staff_number",
    "hours": "contracted_hours",
    "weekly_hours": "contracted_hours",
    "contract_hours": "contracted_hours",
    "hours_per_week": "contracted_hours",
    "qualifications": "skills",
    "skill": "skills",
    "callsign": "call_sign",
    "e_mail": "email",
    "telephone": "phone",
    "mobile": "phone",
    "start": "start_date",
    "joined": "start_date",
    "beat": "usual_beat",
}


class MemberRow(BaseModel):
    """One row as typed values. Text is checked further (identifiers, lengths, the
    hours' range) by the same rules as the member form, when the service writes it."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    shoulder_number: str
    staff_number: str
    first_name: str
    last_name: str
    rank: Rank
    contracted_hours: str  # range-checked with the form's rule and message
    team: str = ""
    role: str = ""
    skills: tuple[SkillInfo, ...] = ()
    email: str | None = None
    phone: str | None = None
    call_sign: str | None = None
    start_date: date | None = None
    wtr_opt_out: bool = False
    wtr_opt_out_since: date | None = None  # the date the opt-out was signed
    usual_beat: str = ""  # a beat code of the member's team
    no_nights: bool = False
    max_late_lates: int | None = None
    days_not_worked: int = 0  # weekdays as bits, from "Sat;Sun"

    @field_validator("rank", mode="before")
    @classmethod
    def _rank(cls, value: object) -> object:
        return Rank.parse(value) if isinstance(value, str) else value

    @field_validator("skills", mode="before")
    @classmethod
    def _skills(cls, value: object) -> object:
        return tuple(parse_skills(value)) if isinstance(value, str) else value

    @field_validator("wtr_opt_out_since", mode="before")
    @classmethod
    def _since(cls, value: object, info: ValidationInfo) -> object:
        if isinstance(value, str):
            value = parse_date(value) if value.strip() else None
        if value is not None and not info.data.get("wtr_opt_out"):
            raise ValueError("an opt-out date needs wtr_opt_out set to yes")
        return value

    @field_validator("start_date", mode="before")
    @classmethod
    def _date(cls, value: object) -> object:
        if isinstance(value, str):
            return parse_date(value) if value.strip() else None
        return value

    @field_validator("wtr_opt_out", "no_nights", mode="before")
    @classmethod
    def _yes_no(cls, value: object) -> object:
        return parse_bool(value) if isinstance(value, str) else value

    @field_validator("max_late_lates", mode="before")
    @classmethod
    def _limit(cls, value: object) -> object:
        return value if not isinstance(value, str) or value.strip() else None

    @field_validator("days_not_worked", mode="before")
    @classmethod
    def _weekdays(cls, value: object) -> object:
        return parse_weekdays(value) if isinstance(value, str) else value

    @field_validator("email", "phone", "call_sign", mode="before")
    @classmethod
    def _optional(cls, value: object) -> object:
        return value or None


def parse_members(
    path: Path, *, team_column: bool, mapping: dict[str, str] | None = None
) -> tuple[list[tuple[int, MemberRow]], list[RowError]]:
    """The rows of a members file; `team_column` when no --team was given for them all;
    `mapping` the columns the user matched to the file's headers."""
    required = REQUIRED | ({"team"} if team_column else set())
    table = read_table(path, required, OPTIONAL | {"team"}, ALIASES, mapping)
    return validate_rows(table, MemberRow)


def parse_skills(text: str) -> list[SkillInfo]:
    """`driver;taser:2027-03-31` → skills with optional expiry dates. A slash, comma or
    plus separates skills too, as people write them ('Driver / Taser')."""
    out = []
    # A slash between digits is a date's (taser:31/03/2027), not a separator.
    for part in _SKILL_MARKS.split(text):
        part = part.strip()
        if not part:
            continue
        name, _, expiry = part.partition(":")
        skill = "-".join(name.strip().lower().split())
        out.append(SkillInfo(skill, parse_date(expiry) if expiry.strip() else None))
    return out


def parse_weekdays(text: str) -> int:
    """`Sat;Sun` (or `saturday, sunday`) → weekdays as bits, Monday bit 0."""
    bits = 0
    for part in text.replace(",", ";").replace(" ", ";").split(";"):
        name = part.strip().lower()[:3]
        if not name:
            continue
        if name not in WEEKDAYS:
            raise ValueError(f"'{part.strip()}' is not a weekday (Mon … Sun)")
        bits |= 1 << WEEKDAYS.index(name)
    return bits


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("", "0", "no", "n", "false"):
        return False
    if value in ("1", "yes", "y", "true"):
        return True
    raise ValueError(f"'{text}' is not yes or no")
