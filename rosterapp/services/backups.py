"""Backups: SQLite's online backup for files, a portable SQLite snapshot of a PostgreSQL
database. Restoring one is services/restore.py (re-exported here)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel

from rosterapp import paths
from rosterapp.storage import Database, DatabaseError
from rosterapp.storage.backup import backup_sqlite, remove_sqlite_file

__all__ = ["backup", "check_backup", "daily_backup", "latest_backup", "restore"]

DAILY_PREFIX = "daily-"
DEFAULT_KEEP = 14


def backup(db: Database, target: Path) -> Path:
    """A consistent copy of the whole database as a SQLite file (written, then renamed)."""
    target = target.expanduser()
    if not target.parent.is_dir():
        raise DatabaseError(f"the folder {target.parent} does not exist")
    if db.sqlite_path is not None:
        if target.resolve() == db.sqlite_path.resolve():
            raise DatabaseError("a backup cannot overwrite the database it copies")
        return backup_sqlite(db.sqlite_path, target)
    return _snapshot(db, target)


def tables() -> list[sa.Table]:
    import rosterapp.domain.tables  # noqa: F401  (registers every table)

    return list(SQLModel.metadata.sorted_tables)


def copy_rows(source: sa.Connection, dest: sa.Connection) -> None:
    for table in tables():
        rows = [dict(r) for r in source.execute(sa.select(table)).mappings()]
        for i in range(0, len(rows), 5000):
            dest.execute(sa.insert(table), rows[i : i + 5000])


def _snapshot(db: Database, target: Path) -> Path:
    # One snapshot for every table: PostgreSQL's default takes one per statement.
    with db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as source:
        return snapshot_from(source, target)


def snapshot_from(source: sa.Connection, target: Path) -> Path:
    """Every row `source` sees, into a new SQLite file; nothing left behind on failure."""
    tmp = target.with_name(target.name + ".part")
    remove_sqlite_file(tmp)
    try:
        dest = Database.open(str(tmp), hold=False)  # empty, user-only, current schema
        try:
            with dest.engine.begin() as out:
                copy_rows(source, out)
        finally:
            dest.close()
        for suffix in ("-wal", "-shm", ".lock"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
        os.replace(tmp, target)
    except BaseException:
        remove_sqlite_file(tmp)
        raise
    return target


def daily_backup(db: Database, keep: int = DEFAULT_KEEP, today: date | None = None) -> Path | None:
    """Once a day, a copy of the SQLite file in the backups folder; the oldest are pruned."""
    if db.sqlite_path is None:
        return None
    folder = paths.backup_dir()
    target = folder / f"{DAILY_PREFIX}{(today or date.today()):%Y%m%d}.sqlite3"
    made = None
    if not target.exists():
        made = backup_sqlite(db.sqlite_path, target)
    dailies = sorted(folder.glob(f"{DAILY_PREFIX}*.sqlite3"))
    for old in dailies[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return made


def latest_backup() -> Path | None:
    found = sorted(paths.backup_dir().glob("*.sqlite3"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


from rosterapp.services.restore import check_backup, restore  # noqa: E402  (re-exported)
