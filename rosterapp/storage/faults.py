"""What went wrong under the database, said in one line with what to do: a full disk, a
read-only file, a damaged file, a busy database, a value too long; and which failures are
write races worth one more try (PostgreSQL's unique-key and serialization failures).

Without this a user reads the driver's text: the statement, sometimes its parameters."""

from __future__ import annotations

import errno
import functools
import os
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

# PostgreSQL's SQLSTATEs for the races a retry resolves: two inserts of one cell, an
# update that found the row changed, a serialization failure, a deadlock.
RACE_STATES = {"23505", "40001", "40P01"}
DISK_FULL_STATES = {"53100"}
READ_ONLY_STATES = {"25006"}
TOO_LONG = re.compile(r"value too long for type character varying\((\d+)\)")
ATTEMPTS = 4
RACE_MESSAGE = (
    "someone else saved the same cells at the same moment, {n} times running; "
    "nothing of yours was saved: reload and try again"
)

P = ParamSpec("P")
R = TypeVar("R")


def sqlstate(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)


def is_write_race(exc: BaseException) -> bool:
    """A write that lost to a concurrent one: retrying reads the winner's row."""
    if isinstance(exc, StaleDataError):
        return True
    return isinstance(exc, sa.exc.DBAPIError) and sqlstate(exc) in RACE_STATES


def retrying(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a whole write use case again when it lost a race (PostgreSQL: two writers
    of one cell in READ COMMITTED). Each run reads afresh, so a version-checked edit
    that is no longer valid fails with its own plain conflict, and a plain set wins."""

    @functools.wraps(fn)
    def again(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(ATTEMPTS):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                if not is_write_race(exc) or attempt == ATTEMPTS - 1:
                    if is_write_race(exc):
                        from rosterapp.storage.engine import DatabaseError

                        raise DatabaseError(RACE_MESSAGE.format(n=ATTEMPTS)) from exc
                    raise
            time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))  # let the winner commit
        raise AssertionError("unreachable")

    return again


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(getattr(exc, "orig", exc)).lower()
    return "database or disk is full" in text or sqlstate(exc) in DISK_FULL_STATES


def disk_full_message(where: Path | str) -> str:
    return (
        f"the disk holding {where} is full: nothing was saved; free some space "
        "(or choose another drive) and try again"
    )


def os_error_message(exc: OSError) -> str:
    """ "Permission denied (/path/file)": the reason, then the file, brackets whole."""
    what = exc.strerror or str(exc)
    if exc.filename and exc.filename2:
        return f"{what} ({exc.filename} → {exc.filename2})"
    return f"{what} ({exc.filename})" if exc.filename else what


def as_target(exc: OSError, target: Path) -> OSError:
    """The same failure, naming the file the user asked for instead of its temporary
    twin (`.part`, `.restoring`), which they never heard of."""
    return type(exc)(exc.errno, exc.strerror or str(exc), str(target))


def friendly(exc: BaseException, name: str, path: Path | None) -> str | None:
    """The one line for a database failure a user can act on, or None."""
    text = str(getattr(exc, "orig", exc)).lower()
    if is_disk_full(exc):
        return disk_full_message(path.parent if path else name)
    if "readonly database" in text or sqlstate(exc) in READ_ONLY_STATES:
        where = f"the file {path} or its folder" if path else f"the server for {name}"
        return (
            f"the database {name} is read-only ({where} cannot be written): nothing "
            "was saved; ask for write access, or copy the file somewhere you can write"
        )
    if path is not None and ("locked" in text or "database is busy" in text):
        return busy_message(path)
    if "malformed" in text or "not a database" in text:
        return (
            f"the database {name} is damaged ({_first_line(exc)}); restore the latest "
            "backup (rosterapp restore FILE, or File → Restore in the window)"
        )
    long = TOO_LONG.search(text)
    if long:
        return (
            f"a value is longer than the database keeps ({long.group(1)} characters): "
            "nothing was saved; shorten it and try again"
        )
    return None


def busy_message(path: Path) -> str:
    from rosterapp.storage.engine import BUSY_TIMEOUT_MS

    who = holders(path)
    held = f" ({'; '.join(who)})" if who else " (another rosterapp window or command)"
    return (
        f"the database {path} is busy: another program has been writing to it for "
        f"{BUSY_TIMEOUT_MS / 1000:g} s"
        f"{held}; wait for it to finish, or close it, and try again: nothing was saved"
    )


def holders(path: Path) -> list[str]:
    """The other processes that have the database open, by their command line: the lock
    file beside it names them (Linux's /proc; elsewhere nobody is named)."""
    from rosterapp.storage.locking import lock_path

    try:
        wanted = os.path.realpath(lock_path(path))
        pids = [p for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()]
    except OSError:
        return []
    found = []
    for pid in pids:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
            if not any(os.path.realpath(f"/proc/{pid}/fd/{fd}") == wanted for fd in fds):
                continue
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue  # gone, or someone else's process
        found.append(f"{_command(argv)}, process {pid}")
    return found[:3]


def _command(argv: list[bytes]) -> str:
    words = [a.decode(errors="replace") for a in argv if a]
    for i, word in enumerate(words):
        if word.endswith("rosterapp") or word == "rosterapp.__main__":
            rest, skip = [], False
            for w in words[i + 1 :]:
                if skip or w.startswith("-"):
                    skip = w in ("--db", "--team", "--week")  # options with a value
                    continue
                rest.append(w)
            return " ".join(["rosterapp", *rest[:2]]) if rest else "the rosterapp window"
    return " ".join(Path(w).name for w in words[:2]) or "a program"


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__
