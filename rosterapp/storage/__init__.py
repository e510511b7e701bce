"""Engine, sessions, migrations and backups."""

from rosterapp.storage.engine import (
    Database,
    DatabaseDamaged,
    DatabaseError,
    PermissionDenied,
    resolve_url,
)

__all__ = ["Database", "DatabaseDamaged", "DatabaseError", "PermissionDenied", "resolve_url"]
