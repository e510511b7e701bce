"""Requests from a CSV or XLSX file: shoulder_number, kind, from[, to, shift,
with_shoulder_number, note]. Pure: no database (services/request_import.py checks and
writes)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rosterapp.domain.requests import RequestKind
from rosterapp.importers.rows import validate_rows
from rosterapp.importers.tabular import SHOULDER_HEADERS, RowError, parse_date, read_table

REQUIRED = {"shoulder_number", "kind", "from"}
OPTIONAL = {"to", "shift", "with_shoulder_number", "note"}
# Headers teams write (normalised), and the column each stands for.
ALIASES = {
    **SHOULDER_HEADERS,
    "type": "kind",
    "request_type": "kind",
    "request": "kind",
    "start": "from",
    "start_date": "from",
    "from_date": "from",
    "first_day": "from",
    "date": "from",
    "end": "to",
    "end_date": "to",
    "to_date": "to",
    "last_day": "to",
    "until": "to",
    "tour": "shift",
    "shift_code": "shift",
    "swap_with": "with_shoulder_number",
    "with": "with_shoulder_number",
    "with_shoulder_no": "with_shoulder_number",
    "reason": "note",
    "notes": "note",
    "comment": "note",
}


class RequestRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    shoulder_number: str
    kind: RequestKind
    start: date = Field(alias="from")
    end: date | None = Field(default=None, alias="to")
    shift: str | None = None
    with_shoulder_number: str | None = None
    note: str | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return RequestKind.parse(value)
            except ValueError:
                kinds = ", ".join(k.value for k in RequestKind)
                raise ValueError(f"'{value}' is not a kind of request ({kinds})") from None
        return value

    @field_validator("start", "end", mode="before")
    @classmethod
    def _date(cls, value: object) -> object:
        if value in ("", None):
            return None
        return parse_date(value) if isinstance(value, str) else value

    @field_validator("shift", "with_shoulder_number", "note", mode="before")
    @classmethod
    def _optional(cls, value: object) -> object:
        return value or None


def parse_requests(
    path: Path, mapping: dict[str, str] | None = None
) -> tuple[list[tuple[int, RequestRow]], list[RowError]]:
    """The rows of a requests file; `mapping`: the columns matched to its headers."""
    table = read_table(path, REQUIRED, OPTIONAL, ALIASES, mapping)
    return validate_rows(table, RequestRow)
