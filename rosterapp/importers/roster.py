"""Roster entries from a CSV or XLSX file: shoulder_number, date, shift[, beat, note,
call_sign]. Pure: no database (services/imports.py checks the codes and writes)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rosterapp.importers.rows import validate_rows
from rosterapp.importers.tabular import SHOULDER_HEADERS, RowError, parse_date, read_table

REQUIRED = {"shoulder_number", "date", "shift"}
OPTIONAL = {"beat", "note", "call_sign"}
# Headers of the rosters teams keep now (normalised), and the column each stands for.
ALIASES = {
    **SHOULDER_HEADERS,
    "day": "date",
    "duty_date": "date",
    "code": "shift",
    "shift_code": "shift",
    "duty": "shift",
    "tour": "shift",
    "beat_code": "beat",
    "notes": "note",
    "remarks": "note",
    "comment": "note",
    "callsign": "call_sign",
}


class RosterRow(BaseModel):
    """One row: the text as written (for messages), and the date read."""

    model_config = ConfigDict(frozen=True)

    shoulder_number: str
    day: date = Field(alias="date")
    shift: str
    beat: str = ""
    note: str | None = None
    call_sign: str | None = None

    @field_validator("day", mode="before")
    @classmethod
    def _date(cls, value: object) -> object:
        return parse_date(value) if isinstance(value, str) else value

    @field_validator("note", "call_sign", mode="before")
    @classmethod
    def _optional(cls, value: object) -> object:
        return value or None

    @property
    def shoulder(self) -> str:
        return self.shoulder_number.strip().upper()

    @property
    def code(self) -> str:
        return self.shift.strip().upper()

    @property
    def beat_code(self) -> str | None:
        return self.beat.strip().upper() or None


def parse_roster(
    path: Path, mapping: dict[str, str] | None = None
) -> tuple[list[tuple[int, RosterRow]], list[RowError]]:
    """The rows of a roster file; a member's day given twice is an error on the second.
    `mapping`: the columns the user matched to the file's headers."""
    table = read_table(path, REQUIRED, OPTIONAL, ALIASES, mapping)
    rows, errors = validate_rows(table, RosterRow)
    seen: dict[tuple[str, date], int] = {}
    unique = []
    for number, row in rows:
        key = (row.shoulder, row.day)
        if key in seen:
            errors.append(
                RowError(
                    number,
                    "date",
                    f"{row.shoulder} on {row.day} is also on row {seen[key]}",
                )
            )
            continue
        seen[key] = number
        unique.append((number, row))
    return unique, errors
