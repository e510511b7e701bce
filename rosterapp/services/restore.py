"""Restoring a backup: the file is checked whole before anything is replaced, the data
that was there is kept aside, and nobody else may be using the database meanwhile.

SQLite: every open Database holds a shared lock beside the file (storage/locking.py);
the restore takes it exclusively or refuses. PostgreSQL: the restore locks every table
ACCESS EXCLUSIVE in the one transaction that copies the old rows aside and the backup's
rows in, so a concurrent write waits and then meets the restored rows (version-checked).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from rosterapp import paths
from rosterapp.storage import Database, DatabaseError, resolve_url
from rosterapp.storage.backup import backup_sqlite, read_only_uri, remove_sqlite_file
from rosterapp.storage.locking import Exclusive
from rosterapp.storage.migrate import alembic_config

# Present since the first schema: a file without them holds no rosters at all.
CORE_TABLES = ("team", "member", "team_membership", "assignment", "audit_event")


def check_backup(path: Path) -> str:
    """The schema revision of a usable backup; raises DatabaseError saying what is wrong."""
    if not path.is_file():
        raise DatabaseError(f"{path} does not exist")
    with path.open("rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise DatabaseError(f"{path.name} is not a rosterapp backup (not a SQLite file)")
    conn = sqlite3.connect(read_only_uri(path, immutable=True), uri=True)
    try:
        revision = _check_contents(conn, path.name)
    except sqlite3.DatabaseError:
        # A truncated copy passes the header test and fails on the first missing page.
        raise DatabaseError(
            f"{path.name} is damaged or incomplete (cut short while copying?); "
            "choose another backup"
        ) from None
    finally:
        conn.close()
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError:
        raise DatabaseError(f"{path.name} comes from a newer version of rosterapp") from None
    return revision


def _check_contents(conn: sqlite3.Connection, name: str) -> str:
    status = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if status != "ok":
        raise DatabaseError(f"{name} is damaged ({status}); choose another backup")
    try:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except (sqlite3.OperationalError, TypeError):
        raise DatabaseError(f"{name} is not a rosterapp database") from None
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = [t for t in CORE_TABLES if t not in present]
    if missing:
        raise DatabaseError(
            f"{name} is not a complete rosterapp backup (no {', '.join(missing)} table); "
            "choose another backup"
        )
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({str(r[0]) for r in broken})
        raise DatabaseError(
            f"{name} has {len(broken)} broken references (in {', '.join(tables)}); "
            "choose another backup"
        )
    return str(revision)


def _stage(source: Path, staged: Path) -> None:
    """A checked copy of the backup at the current schema, or nothing left behind."""
    try:
        backup_sqlite(source, staged, immutable=True)
        copy = Database.open(str(staged), hold=False)  # migrated to the current schema
        try:
            with copy.engine.connect() as conn:
                names = set(sa.inspect(conn).get_table_names())
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        finally:
            copy.close()
        from rosterapp.services.backups import tables

        missing = sorted(t.name for t in tables() if t.name not in names)
        if missing:
            raise DatabaseError(f"{source.name} lacks the tables {', '.join(missing)}")
        if broken:
            raise DatabaseError(f"{source.name} has {len(broken)} broken references")
    except BaseException:
        remove_sqlite_file(staged)
        raise


def restore(target: str | None, source: Path) -> Path:
    """Replace the database named by `target` with the backup; returns where the data that
    was there has been kept."""
    check_backup(source)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    url = resolve_url(target)
    if url.get_backend_name() == "sqlite" and url.database:
        return _restore_sqlite(Path(url.database), source, stamp)
    return _restore_postgres(target, source, stamp)


def _restore_sqlite(path: Path, source: Path, stamp: str) -> Path:
    staged = path.with_name(path.name + ".restoring")
    aside = path.with_name(f"{path.stem}.before-restore-{stamp}{path.suffix}")
    with Exclusive(path):
        _stage(source, staged)
        try:
            if path.exists():
                _keep_aside(path, aside)
            for suffix in ("-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            os.replace(staged, path)
        finally:
            remove_sqlite_file(staged)
    return aside


def _keep_aside(path: Path, aside: Path) -> None:
    """A copy of the current data; a damaged file (the reason for many restores) is
    copied byte for byte, with its write-ahead log."""
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        backup_sqlite(path, aside)
    except sqlite3.DatabaseError:
        remove_sqlite_file(aside)
        for suffix in ("", "-wal"):
            if Path(str(path) + suffix).exists():
                fd = os.open(str(aside) + suffix, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "wb") as out, open(str(path) + suffix, "rb") as src:
                    shutil.copyfileobj(src, out)


def _restore_postgres(target: str | None, source: Path, stamp: str) -> Path:
    from rosterapp.services.backups import copy_rows, snapshot_from, tables

    aside = paths.backup_dir() / f"before-restore-{stamp}.sqlite3"
    staged = paths.backup_dir() / f"restoring-{stamp}.sqlite3"
    _stage(source, staged)
    db = Database.open(target)
    try:
        snapshot = Database.open(str(staged), hold=False)
        try:
            with snapshot.engine.connect() as src, db.engine.begin() as out:
                names = ", ".join(f'"{t.name}"' for t in tables())
                # Writers wait here until the restore commits, then meet its rows.
                out.exec_driver_sql(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE")
                # The backup's who-columns are kept as they were (migration 0014).
                out.exec_driver_sql("SET LOCAL rosterapp.restoring = 'on'")
                snapshot_from(out, aside)
                # The backup's who-columns are kept as they were (migration 0014).
                out.exec_driver_sql("SET LOCAL rosterapp.restoring = 'on'")
                for table in reversed(tables()):
                    out.execute(sa.delete(table))
                copy_rows(src, out)
                for table in tables():
                    if "id" in table.c:
                        out.exec_driver_sql(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
        finally:
            snapshot.close()
    finally:
        db.close()
        remove_sqlite_file(staged)
    return aside
