"""Engine, sessions, migrations and backups."""

from rosterapp.storage.engine import (
    Database,
    DatabaseDamaged,
    DatabaseError,
    DatabaseReplaced,
    InUseElsewhere,
    PermissionDenied,
    resolve_url,
)

__all__ = [
    "Database",
    "DatabaseDamaged",
    "DatabaseError",
    "DatabaseReplaced",
    "InUseElsewhere",
    "PermissionDenied",
    "resolve_url",
]
