"""Who has a SQLite database open: every open Database holds a shared lock on a small
file beside it, and a restore takes that lock exclusively.

SQLite's own locks last one transaction; between transactions a window or a long
import still holds the file open, and replacing the file under them sends their
next writes into an unlinked inode (reported saved, then gone). The lock file spans
the whole time a process has the database open, so a restore can see them and refuse.

flock() locks are separate from the fcntl() byte-range locks SQLite uses, so the two
never interfere. Without fcntl (Windows) there is no lock file: Windows itself
refuses to replace a file another process has open.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _open_lock(db_path: Path) -> int | None:
    target = lock_path(db_path)
    try:
        # User-only from the start: the name sits beside personal data.
        return os.open(target, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        try:
            return os.open(target, os.O_RDONLY)  # a read-only folder: lock what is there
        except OSError:
            return None


class InUse:
    """A shared hold on the database, for as long as it is open."""

    def __init__(self, db_path: Path) -> None:
        self._fd: int | None = None
        if fcntl is None:
            return
        fd = _open_lock(db_path)
        if fd is None:
            return
        try:
            # Waits only while a restore holds the lock exclusively (seconds).
            fcntl.flock(fd, fcntl.LOCK_SH)
        except OSError:
            os.close(fd)
            return
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


class Exclusive:
    """The database to oneself, or an error naming why not. A context manager."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._fd: int | None = None

    def __enter__(self) -> Exclusive:
        if fcntl is None:
            return self
        fd = _open_lock(self.db_path)
        if fd is None:
            return self
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            from rosterapp.storage.engine import InUseElsewhere

            os.close(fd)
            raise InUseElsewhere(self.db_path) from None
        except OSError:
            os.close(fd)
            return self
        self._fd = fd
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode): a restore by another program gives the path a new file."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)
