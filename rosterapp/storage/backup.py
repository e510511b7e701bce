"""Copies of the SQLite file made with SQLite's online backup API."""

from __future__ import annotations

import errno
import os
import sqlite3
from datetime import datetime
from pathlib import Path


def backup_sqlite(source: Path, target: Path, *, immutable: bool = False) -> Path:
    """A consistent copy of a live database, written to a temporary name then renamed.
    `immutable` reads a file nobody writes (a backup) without leaving -wal/-shm beside it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    remove_sqlite_file(tmp)
    try:
        # User-only from the first byte: a copy being written holds every name.
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        src = sqlite3.connect(read_only_uri(source, immutable=immutable), uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, target)
    except sqlite3.OperationalError as exc:
        remove_sqlite_file(tmp)
        if "disk is full" in str(exc):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target)) from exc
        raise
    except OSError as exc:
        remove_sqlite_file(tmp)
        # Named by the file asked for, not its temporary twin.
        raise type(exc)(exc.errno, exc.strerror or str(exc), str(target)) from exc
    except BaseException:
        remove_sqlite_file(tmp)
        raise
    return target


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """`immutable` reads a file nobody writes without leaving -wal/-shm beside it; a file
    that has a write-ahead log beside it must be read through it, though."""
    if immutable and not Path(f"{path}-wal").exists():
        return f"file:{path}?mode=ro&immutable=1"
    return f"file:{path}?mode=ro"


def remove_sqlite_file(path: Path) -> None:
    """A SQLite file with its journal, log and lock files (a copy that failed)."""
    for suffix in ("", "-journal", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def timestamped_name(prefix: str) -> str:
    return f"{prefix}-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.sqlite3"
