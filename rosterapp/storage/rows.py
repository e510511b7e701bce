"""Reading many plain rows quickly.

The week view reads tens of thousands of (member, day, shift) rows: through the ORM
each row costs its result processing, and on SQLite each date is parsed by a regular
expression. Executing on the session's own connection (same transaction, same
snapshot) and parsing each distinct day once is several times faster.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session


def plain_rows(session: Session, stmt: sa.Select[Any]) -> Sequence[Any]:
    """The rows of a column select, without ORM result processing."""
    return session.connection().execute(stmt).all()


def day_text(column: Any) -> Any:
    """A date column read as its stored text on SQLite (a date on PostgreSQL); pair with
    Days to turn it into a date."""
    return sa.type_coerce(column, sa.String)


class Days:
    """Turns stored day values into dates, parsing each distinct one once."""

    def __init__(self) -> None:
        self._seen: dict[str, date] = {}

    def __call__(self, raw: date | str) -> date:
        if isinstance(raw, date):
            return raw
        day = self._seen.get(raw)
        if day is None:
            day = self._seen[raw] = date.fromisoformat(raw)
        return day
