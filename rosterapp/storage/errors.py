"""The database's errors a user can act on: each message says what to do."""

from __future__ import annotations

from pathlib import Path

from rosterapp.storage import faults
from rosterapp.storage.refusals import (  # noqa: F401  (re-exported)
    _TABLE_WORDS,
    is_permission_denied,
)


class DatabaseError(Exception):
    """A problem with the database that the user can act on; the message says how."""


class DatabaseDamaged(DatabaseError):
    """SQLite's quick check failed: the file should be restored from a backup."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        super().__init__(
            f"the database {path} is damaged ({detail}); restore the latest backup "
            "(rosterapp restore FILE, or File → Restore in the window)"
        )


class PermissionDenied(DatabaseError):
    """The server refused a read or write to the connected login (SQLSTATE 42501)."""


# What a refused table holds, as the message to a user names it.
class InUseElsewhere(DatabaseError):
    """Another window or command has the SQLite file open (see storage/locking.py)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        who = faults.holders(path)
        held = "; ".join(who) if who else "a rosterapp window or command"
        super().__init__(
            f"the database {path} is open elsewhere ({held}); close it, or let the "
            "command finish, and try again: nothing was replaced"
        )


class DatabaseReplaced(DatabaseError):
    """The file was replaced (a restore by another program) since it was opened: the
    pooled connections point at the old, unlinked file and must not be written to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"the database {path} was replaced by a restore in another program; "
            "it has been reopened: look again and repeat your last change if it is missing"
        )
