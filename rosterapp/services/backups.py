"""Backups and restores: SQLite's online backup for files, a portable SQLite snapshot of a
PostgreSQL database; a restore checks the file first and keeps the current data aside."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel

from rosterapp import paths
from rosterapp.storage import Database, DatabaseError
from rosterapp.storage.backup import backup_sqlite
from rosterapp.storage.migrate import alembic_config

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


def _tables() -> list[sa.Table]:
    import rosterapp.domain.tables  # noqa: F401  (registers every table)

    return list(SQLModel.metadata.sorted_tables)


def _copy_rows(source: sa.Connection, dest: sa.Connection) -> None:
    for table in _tables():
        rows = [dict(r) for r in source.execute(sa.select(table)).mappings()]
        for i in range(0, len(rows), 5000):
            dest.execute(sa.insert(table), rows[i : i + 5000])


def _snapshot(db: Database, target: Path) -> Path:
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    dest = Database.open(str(tmp))  # an empty database at the current schema
    try:
        with db.engine.connect() as source, dest.engine.begin() as out:
            _copy_rows(source, out)
    finally:
        dest.close()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    os.replace(tmp, target)
    return target


def check_backup(path: Path) -> str:
    """The schema revision of a usable backup; raises DatabaseError saying what is wrong."""
    if not path.is_file():
        raise DatabaseError(f"{path} does not exist")
    with path.open("rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise DatabaseError(f"{path.name} is not a rosterapp backup (not a SQLite file)")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        status = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if status != "ok":
            raise DatabaseError(f"{path.name} is damaged ({status}); choose another backup")
        try:
            (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except (sqlite3.DatabaseError, TypeError):
            raise DatabaseError(f"{path.name} is not a rosterapp database") from None
    finally:
        conn.close()
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError:
        raise DatabaseError(f"{path.name} comes from a newer version of rosterapp") from None
    return str(revision)


def restore(target: str | None, source: Path) -> Path:
    """Replace the database named by `target` with the backup; returns where the data that
    was there has been kept."""
    check_backup(source)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    db = Database.open(target)
    try:
        if db.sqlite_path is not None:
            path = db.sqlite_path
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            aside = path.with_name(f"{path.stem}.before-restore-{stamp}{path.suffix}")
            backup_sqlite(path, aside)
            staged = path.with_name(path.name + ".restoring")
            backup_sqlite(source, staged)
            for suffix in ("-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            os.replace(staged, path)
            Database.open(str(path)).close()  # brings an older backup up to date
            return aside
        aside = paths.backup_dir() / f"before-restore-{stamp}.sqlite3"
        _snapshot(db, aside)
        staged = paths.backup_dir() / f"restoring-{stamp}.sqlite3"
        backup_sqlite(source, staged)
        snapshot = Database.open(str(staged))  # migrated to the current schema
        try:
            with snapshot.engine.connect() as src, db.engine.begin() as out:
                # The backup's who-columns are kept as they were (migration 0014).
                out.exec_driver_sql("SET LOCAL rosterapp.restoring = 'on'")
                for table in reversed(_tables()):
                    out.execute(sa.delete(table))
                _copy_rows(src, out)
                for table in _tables():
                    if "id" in table.c:
                        out.exec_driver_sql(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
        finally:
            snapshot.close()
            staged.unlink(missing_ok=True)
        return aside
    finally:
        db.close()


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
