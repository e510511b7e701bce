"""What every command shares: exit codes, the one-line error, date arguments, and
opening the database."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rosterapp.storage import Database

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_BLOCKING = 0, 1, 2, 3

Command = Callable[[argparse.Namespace], int]


class CliError(Exception):
    """Input or data was wrong: printed as one line, exit status 1."""


@contextmanager
def open_db(args: argparse.Namespace) -> Iterator[Database]:
    """The database named by --db (or $ROSTERAPP_DB, or the default file), closed after."""
    import sqlalchemy as sa

    from rosterapp.storage import Database, PermissionDenied
    from rosterapp.storage.engine import is_permission_denied

    db = Database.open(args.db)
    try:
        yield db
    except sa.exc.DBAPIError as exc:
        # A refusal outside a service's session (a restore, a raw query): plain words too.
        if is_permission_denied(exc):
            raise PermissionDenied(db.refusal(exc)) from exc
        raise
    finally:
        db.close()


def iso_date(text: str) -> date:
    from rosterapp.domain.dates import outside_window

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-12-07") from None
    why = outside_window(day)
    if why:
        raise argparse.ArgumentTypeError(why)
    return day


def iso_datetime(text: str) -> datetime:
    from rosterapp.domain.calendar import LONDON

    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date and time like 2026-12-07T18:30"
        ) from None
    if len(text.strip()) <= 10:  # a date alone would be read as midnight, unasked
        raise argparse.ArgumentTypeError(f"'{text}' has no time: give it as {text.strip()}T08:00")
    return value if value.tzinfo else value.replace(tzinfo=LONDON)


def team_range(p: argparse.ArgumentParser) -> None:
    p.add_argument("--team", required=True)
    p.add_argument("--from", dest="start", required=True, type=iso_date)
    p.add_argument("--to", dest="end", required=True, type=iso_date)
