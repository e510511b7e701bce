"""Opening the database: an embedded SQLite file by default, PostgreSQL by URL."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import Session

from rosterapp import paths
from rosterapp.storage import faults
from rosterapp.storage.errors import (  # noqa: F401  (re-exported: storage's errors)
    DatabaseDamaged,
    DatabaseError,
    DatabaseReplaced,
    InUseElsewhere,
    PermissionDenied,
)
from rosterapp.storage.filesystems import on_network_drive
from rosterapp.storage.locking import InUse, file_identity
from rosterapp.storage.refusals import (
    is_permission_denied,
    refusal_text,
    sqlite_owner_problem,
)

ENV_VAR = "ROSTERAPP_DB"
# How long a write waits for another writer before saying who holds the file.
BUSY_TIMEOUT_MS = 15000


def resolve_url(target: str | None = None) -> URL:
    """--db, then $ROSTERAPP_DB, then the default file in the user data folder."""
    target = target or os.environ.get(ENV_VAR) or str(paths.default_db_path())
    if "://" not in target:
        path = Path(target).expanduser().resolve()
        return URL.create("sqlite+pysqlite", database=str(path))
    shown = re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", target)  # never echo a password
    try:
        url = make_url(target)
        url.port  # noqa: B018  (parsed when read: a bad port raises here)
    except ArgumentError as exc:
        raise DatabaseError(f"'{shown}' is not a database file or URL") from exc
    except ValueError:
        raise DatabaseError(
            f"'{shown}' is not a valid database URL (the port is not a number): "
            "write postgresql://USER@HOST:PORT/DATABASE"
        ) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername == "sqlite":
        url = url.set(drivername="sqlite+pysqlite")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"unsupported database '{url.get_backend_name()}': use a SQLite file "
            "or a postgresql:// URL"
        )
    if url.get_backend_name() == "sqlite" and (
        not url.database or url.database == ":memory:" or url.database.startswith("file:")
    ):
        # An in-memory database would take every change with it on exit.
        raise DatabaseError(
            f"'{shown}' names no database file: give the file's path "
            "(--db ~/rosters.sqlite3, or sqlite:////full/path/rosters.sqlite3)"
        )
    return url


def _prepare_sqlite_file(path: Path) -> bool:
    """Create the file readable by its owner only (rosters hold personal data); True
    when it was created here."""
    problem = sqlite_owner_problem(path)
    if problem:
        raise DatabaseError(problem)
    if path.exists():
        return False
    if not path.parent.is_dir():
        raise DatabaseError(f"folder {path.parent} does not exist")
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    return True


def _install_sqlite_pragmas(engine: Engine, *, foreign_keys: bool) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide where transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.execute("PRAGMA journal_mode=WAL")
        # Edits are human-paced; FULL keeps the last commit through a power cut.
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # Writers take the write lock up front: a deferred transaction that
        # upgrades later can fail with "database is locked" despite busy_timeout.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: URL, *, foreign_keys: bool = True) -> Engine:
    if url.get_backend_name() == "sqlite":
        # hide_parameters: a failed statement's message must not quote names or notes.
        engine = sa.create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
        )
        _install_sqlite_pragmas(engine, foreign_keys=foreign_keys)
        return engine
    return sa.create_engine(
        url, pool_pre_ping=True, hide_parameters=True, connect_args={"connect_timeout": 10}
    )


class Database:
    """One open database: an engine plus transactions for the services."""

    def __init__(self, url: URL, engine: Engine, *, hold: bool = True) -> None:
        self.url = url
        self.engine = engine
        self._in_use: InUse | None = None
        self._identity: tuple[int, int] | None = None
        if self.sqlite_path is not None:
            self._in_use = InUse(self.sqlite_path) if hold else None
            self._identity = file_identity(self.sqlite_path)
        self._write_engine: Engine
        if self.is_sqlite:
            self._write_engine = engine.execution_options(sqlite_begin="IMMEDIATE")
        else:
            self._write_engine = engine
        # The read session of an open snapshot(), per thread.
        self._snapshot = threading.local()

    @classmethod
    def open(
        cls, target: str | None = None, *, migrate: bool = True, hold: bool = True
    ) -> Database:
        """Open (creating if needed) and bring the schema up to date. `hold=False` is for
        the restore itself, which holds the database exclusively already."""
        url = resolve_url(target)
        created = False
        if url.get_backend_name() == "sqlite" and url.database:
            created = _prepare_sqlite_file(Path(url.database))
        engine = make_engine(url)
        db = cls(url, engine, hold=hold)
        try:
            return cls._check_and_migrate(db, migrate=migrate)
        except BaseException:
            if created and db.sqlite_path is not None:
                # A file this call made and could not set up (disk full): not left behind.
                for suffix in ("", "-wal", "-shm", ".lock"):
                    Path(f"{db.sqlite_path}{suffix}").unlink(missing_ok=True)
            raise

    @classmethod
    def _check_and_migrate(cls, db: Database, *, migrate: bool) -> Database:
        from rosterapp.storage import migrate as migrations

        engine = db.engine
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
                if db.sqlite_path is not None:
                    # Cheap enough at start-up; a damaged file is said, never crashed on.
                    result = conn.exec_driver_sql("PRAGMA quick_check").fetchone()
                    if result is None or result[0] != "ok":
                        raise DatabaseDamaged(db.sqlite_path, str(result[0] if result else "?"))
            if migrate:
                migrations.upgrade(db)
        except DatabaseError:
            db.close()
            raise
        except sa.exc.DatabaseError as exc:
            db.close()
            text = str(exc).lower()
            if db.sqlite_path is not None and ("not a database" in text or "malformed" in text):
                raise DatabaseDamaged(db.sqlite_path, _first_line(exc)) from exc
            # A login of the server without a rosterapp role: refused the tables, or not
            # even shown the schema they are in (3F000: nowhere to look for them).
            state = getattr(getattr(exc, "orig", None), "sqlstate", None)
            if state in ("42501", "3F000"):
                who = db.url.username or "this login"
                raise PermissionDenied(
                    f"you are connected to {db.display_name} as {who}, who is not a rosterapp "
                    f"user: ask an administrator to add you (rosterapp users add {who} ...), "
                    "or, for a new database, connect as its owner"
                ) from exc
            message = faults.friendly(exc, db.display_name, db.sqlite_path)
            if message is not None:
                raise DatabaseError(message) from exc
            hint = (
                "; check that the file's folder can be written"
                if db.sqlite_path is not None
                else "; check that the server is running and the URL's user, host, port "
                "and database are right"
            )
            raise DatabaseError(
                f"cannot open the database {db.display_name}: {_first_line(exc)}{hint}"
            ) from exc
        except OSError as exc:
            db.close()
            if faults.is_disk_full(exc):
                raise DatabaseError(faults.disk_full_message(db.display_name)) from exc
            raise DatabaseError(
                f"cannot open the database {db.display_name}: {faults.os_error_message(exc)}"
            ) from exc
        return db

    @property
    def on_network_drive(self) -> bool:
        return self.sqlite_path is not None and on_network_drive(self.sqlite_path)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    @property
    def display_name(self) -> str:
        """For messages: the file path, or the URL without its password."""
        if self.sqlite_path:
            return str(self.sqlite_path)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """One transaction: committed whole on success, rolled back on any error.

        Inside `snapshot()` a read session is the snapshot's own: the reads of one
        use case then see one state of the database."""
        shared: Session | None = getattr(self._snapshot, "session", None)
        if shared is not None:
            if write:
                raise RuntimeError("a write cannot run inside a read snapshot")
            yield shared
            return
        self._check_same_file()
        engine = self._write_engine if write else self.engine
        with Session(engine, expire_on_commit=False, autoflush=True) as session:
            try:
                yield session
                if write:
                    session.commit()
                else:
                    session.rollback()
            except sa.exc.DBAPIError as exc:
                session.rollback()
                if is_permission_denied(exc):
                    raise PermissionDenied(self.refusal(exc)) from exc
                message = faults.friendly(exc, self.display_name, self.sqlite_path)
                if message is None:
                    raise
                raise DatabaseError(message) from exc
            except paths.UserNameTooLong as exc:
                session.rollback()
                raise DatabaseError(str(exc)) from exc
            except BaseException:
                session.rollback()
                raise

    def whoami(self) -> str:
        """ "you are connected as LOGIN, a sergeant of WE" (PostgreSQL), for messages."""
        login = self.url.username or "?"
        try:
            with self.engine.connect() as conn:
                login = str(conn.exec_driver_sql("SELECT current_user").scalar())
                return str(conn.exec_driver_sql("SELECT rosterapp_whoami()").scalar())
        except sa.exc.DBAPIError:
            return f"you are connected as {login}"

    def refusal(self, exc: sa.exc.DBAPIError) -> str:
        """The server's refusal as one plain line: its own words when the guard trigger
        wrote them, else who the login is and what it may not touch (never the SQL)."""
        return refusal_text(exc, self.whoami())

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """One read transaction that every read session opened inside it (on this
        thread) joins, so that several reads see the same committed state.

        SQLite's deferred transaction keeps its snapshot from the first read on;
        PostgreSQL needs REPEATABLE READ for that (READ COMMITTED, its default,
        takes a new snapshot per statement)."""
        if getattr(self._snapshot, "session", None) is not None:
            raise RuntimeError("snapshots do not nest")
        self._check_same_file()
        with Session(self.engine, expire_on_commit=False, autoflush=False) as session:
            if not self.is_sqlite:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            self._snapshot.session = session
            try:
                yield session
            except sa.exc.DBAPIError as exc:
                if is_permission_denied(exc):
                    session.rollback()
                    raise PermissionDenied(self.refusal(exc)) from exc
                raise
            finally:
                self._snapshot.session = None
                session.rollback()

    def _check_same_file(self) -> None:
        """Refuse to work on a file that a restore elsewhere has replaced, and reopen."""
        if self.sqlite_path is None or self._identity is None:
            return
        now = file_identity(self.sqlite_path)
        if now is None or now == self._identity:
            return
        self.engine.dispose()  # the pooled connections hold the unlinked file
        self._identity = now
        raise DatabaseReplaced(self.sqlite_path)

    def close(self) -> None:
        self.engine.dispose()
        if self._in_use is not None:
            self._in_use.release()
            self._in_use = None


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__
