"""File rows into typed values: one pydantic model per kind of row, so that every bad
cell is reported with its row and column (pydantic's error location is the column)."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from rosterapp.importers.tabular import RowError, Table

Row = TypeVar("Row", bound=BaseModel)


def validate_rows(table: Table, model: type[Row]) -> tuple[list[tuple[int, Row]], list[RowError]]:
    """Each row of `table` as a `model`, with its spreadsheet row number; a row with bad
    cells gives one RowError per cell instead."""
    rows: list[tuple[int, Row]] = []
    errors: list[RowError] = []
    for number, cells in table.rows:
        try:
            rows.append((number, model.model_validate(cells)))
        except ValidationError as exc:
            errors.extend(
                RowError(number, str(e["loc"][0]) if e["loc"] else None, _message(e))
                for e in exc.errors()
            )
    return rows, errors


def _message(error: object) -> str:
    """The sentence our own validators wrote, without pydantic's "Value error, " prefix."""
    assert isinstance(error, dict)
    cause = (error.get("ctx") or {}).get("error")
    return str(cause) if isinstance(cause, ValueError) else str(error["msg"])
