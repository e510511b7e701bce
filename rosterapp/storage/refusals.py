"""How the server's refusals and another user's SQLite file are said to a user: one
plain line naming who is connected and what they may not change, never the SQL."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

# What a refused table holds, as the message to a user names it.
_TABLE_WORDS = {
    "assignment": "roster entries",
    "absence": "absences",
    "member": "officers",
    "member_skill": "officers' skills",
    "team": "teams",
    "team_membership": "who is in which team",
    "roster_request": "requests",
    "roster_period": "published rosters",
    "shift_type": "shift codes",
    "audit_event": "the audit trail",
    "app_user": "users",
    "team_supervisor": "users",
}


def is_permission_denied(exc: BaseException) -> bool:
    return getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501"


def refusal_text(exc: sa.exc.DBAPIError, whoami: str) -> str:
    """The server's refusal as one plain line: its own words when the guard trigger
    wrote them, else who the login is and what it may not touch (never the SQL)."""
    diag = getattr(exc.orig, "diag", None)
    message = getattr(diag, "message_primary", None)
    primary = str(message or str(exc).splitlines()[0])
    if primary.startswith("you are connected as"):
        return primary
    table = primary.rsplit(" ", 1)[-1].strip('"') if " table " in primary else ""
    what = _TABLE_WORDS.get(table, table.replace("_", " ") or "this")
    return f"{whoami}; you may not change {what}"


def sqlite_owner_problem(path: Path) -> str | None:
    """A SQLite file is one person's (mode 0600): say so when it is someone else's,
    rather than fail on "permission denied" or leave files of ours beside theirs."""
    if os.name != "posix" or not path.exists():
        return None
    owner = path.stat().st_uid
    if owner == os.getuid():
        return None
    try:
        import pwd

        name = pwd.getpwuid(owner).pw_name
    except (ImportError, KeyError):
        name = f"user {owner}"
    return (
        f"the database {path} belongs to {name}, and a rosterapp file is one person's: "
        f"ask {name} for a backup (rosterapp backup), or share rosters on a PostgreSQL server"
    )
