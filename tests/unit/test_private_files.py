"""Personal data stays the user's: logs 0600 in a 0700 folder without row values, and
temporary copies user-only from their first byte and gone after a failure (issue 21,
items 3 and 4)."""

from __future__ import annotations

import errno
import logging
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from rosterapp import logs, paths
from rosterapp.storage import Database
from rosterapp.storage import backup as backup_module
from tests.factories import small_team

SECRET = "Zoë Okonkwo-Secret"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def fresh_logging(monkeypatch: pytest.MonkeyPatch) -> Any:
    root = logging.getLogger()
    before = list(root.handlers)
    monkeypatch.setattr(logs, "_configured", False)
    yield
    for handler in root.handlers:
        if handler not in before:
            handler.close()
            root.removeHandler(handler)


def _failed_statement(db: Database) -> sa.exc.DBAPIError:
    """What a failed import raises: the statement with a member's name in it."""
    try:
        with db.engine.begin() as conn:
            conn.execute(
                sa.text("INSERT INTO team (code, name) VALUES (:code, :name)"),
                {"code": None, "name": SECRET},
            )
    except sa.exc.DBAPIError as exc:
        return exc
    raise AssertionError("the insert should have failed")


def test_logs_are_user_only_and_hold_no_row_values(
    sqlite_db: Database, fresh_logging: None
) -> None:
    paths.log_dir().chmod(0o755)  # as older versions left it
    error = _failed_statement(sqlite_db)
    assert SECRET not in str(error)  # the message shown to the user neither
    target = logs.log_unexpected(error)
    logging.getLogger("rosterapp.ui").exception("database work failed", exc_info=error)
    logging.getLogger("rosterapp.ui").warning("could not look: %s", ValueError(f"row 7: {SECRET}"))
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = target.read_text(encoding="utf-8")
    assert SECRET not in text and "Okonkwo" not in text
    assert "IntegrityError" in text and "NOT NULL constraint failed: team.code" in text
    assert "ValueError at row 7" in text
    assert mode(target) == 0o600 and mode(target.parent) == 0o700


def test_a_log_rolled_over_is_user_only_too(tmp_path: Path, fresh_logging: None) -> None:
    handler = logs._PrivateFileHandler(tmp_path / "x.log", maxBytes=100, backupCount=2)
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "a" * 80, None, None)
    for _ in range(4):
        handler.emit(record)
    handler.close()
    made = sorted(tmp_path.glob("x.log*"))
    assert len(made) == 3 and all(mode(p) == 0o600 for p in made)


class _FailingSource:
    """A source connection whose copy fails half-way (disk full, killed)."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self.real = real

    def backup(self, dst: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    def close(self) -> None:
        self.real.close()


def test_a_failed_backup_leaves_no_partial_copy_and_it_was_never_readable(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_team(sqlite_db)
    modes: list[int] = []
    real_connect = sqlite3.connect

    def connect(target: Any, *args: Any, **kwargs: Any) -> Any:
        conn = real_connect(target, *args, **kwargs)
        if str(target).endswith(".part"):
            modes.append(mode(Path(target)))  # the copy exists now: who may read it?
            return conn
        return _FailingSource(conn)

    monkeypatch.setattr(backup_module.sqlite3, "connect", connect)
    target = tmp_path / "copy.sqlite3"
    with pytest.raises(OSError) as full:  # said as a full disk, naming the target
        backup_module.backup_sqlite(sqlite_db.sqlite_path, target)  # type: ignore[arg-type]
    assert full.value.errno == errno.ENOSPC and full.value.filename == str(target)
    assert modes == [0o600]
    assert not list(tmp_path.glob("copy.sqlite3*"))
