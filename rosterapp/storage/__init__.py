"""Engine, sessions, migrations and backups."""

from rosterapp.storage.engine import Database, DatabaseError, resolve_url

__all__ = ["Database", "DatabaseError", "resolve_url"]
