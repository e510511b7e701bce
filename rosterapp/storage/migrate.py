"""Alembic migrations run from inside the app, with SQLite's pitfalls handled."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

from rosterapp import paths
from rosterapp.storage.backup import backup_sqlite, timestamped_name
from rosterapp.storage.engine import DatabaseError, make_engine

if TYPE_CHECKING:
    from rosterapp.storage.engine import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, target: str = "head") -> None:
    """Bring the schema to `target`, refusing databases from a newer version."""
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(db)
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
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
