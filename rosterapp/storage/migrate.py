"""Alembic migrations run from inside the app, with SQLite's pitfalls handled."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from rosterapp import paths
from rosterapp.storage.backup import backup_sqlite, timestamped_name
from rosterapp.storage.engine import DatabaseError, is_permission_denied, make_engine

if TYPE_CHECKING:
    from alembic.config import Config

    from rosterapp.storage.engine import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision in migrations/versions (a test keeps the two in step): a database
# already there opens without loading Alembic at all, which is most of every start.
HEAD_REVISION = "0018"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
        return str(rows[0][0]) if rows else None


def upgrade(db: Database, target: str = "head") -> None:
    """Bring the schema to `target`, refusing databases from a newer version."""
    current = current_revision(db)
    if target == "head" and current == HEAD_REVISION:
        return
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError as exc:
            raise DatabaseError(
                f"the database {db.display_name} was written by a newer version of "
                f"rosterapp (schema {current}); install that version to open it"
            ) from exc
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return
    if db.sqlite_path is not None and current is not None:
        # Recreating tables in batch mode is where data can be lost: copy first.
        backup_sqlite(
            db.sqlite_path, paths.backup_dir() / timestamped_name(f"before-migration-{current}")
        )
    cfg = alembic_config()
    if db.is_sqlite:
        # Foreign keys OFF while tables are recreated (ON would cascade-delete
        # child rows), checked once the migration is done.
        engine = make_engine(db.url, foreign_keys=False)
        try:
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(
                        f"migration left {len(broken)} broken references in "
                        f"{db.display_name}; nothing was changed"
                    )
        finally:
            engine.dispose()
    else:
        try:
            with db.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
        except sa.exc.DBAPIError as exc:
            if not is_permission_denied(exc):
                raise
            raise DatabaseError(
                f"the database {db.display_name} needs its schema brought up to this "
                f"version of rosterapp (from {current or 'empty'}), which {db.url.username} "
                f"may not do ({str(exc.orig).strip().splitlines()[0]}): ask the "
                "administrator to open it once as the tables' owner"
            ) from exc
