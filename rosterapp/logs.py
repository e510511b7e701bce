"""Logging to a rotating file in the user data folder: user-only, and without row values.

A failed statement's text carries its parameters (names, notes) and an exception's
message can quote what was typed, so what reaches the file is the error's class, the
database's own one-line reason with quoted values blanked, the row number if there is
one, and the stack of code lines (which hold no data)."""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import re
import traceback
from pathlib import Path
from typing import Any

from rosterapp import paths

_configured = False
_ROW = re.compile(r"\brows? \d+(?:[–-]\d+)?")
_SINGLE_QUOTED = re.compile(r"'[^']*'")
# Double quotes name constraints and tables (lower-case identifiers); anything else is data.
_DOUBLE_QUOTED = re.compile(r'"(?![a-z0-9_.]+")[^"]*"')
_AFTER_EQUALS = re.compile(r"=\([^)]*\)")


class _PrivateFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file, the first and each after a rollover, is created 0600."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return io.TextIOWrapper(
            os.fdopen(fd, "ab"), encoding=self.encoding or "utf-8", errors=self.errors
        )


def safe_message(exc: BaseException) -> str:
    """An exception as the log may hold it: class, reason without values, row number."""
    import sqlalchemy as sa

    name = type(exc).__qualname__
    if isinstance(exc, sa.exc.StatementError) and exc.orig is not None:
        lines = str(exc.orig).strip().splitlines()
        reason = _blank(lines[0]) if lines else ""
        return f"{name} ({type(exc.orig).__qualname__}): {reason}"
    if isinstance(exc, OSError):
        return f"{name}: {exc.strerror or ''}".rstrip(": ")
    rows = _ROW.findall(str(exc))
    return f"{name} at {', '.join(dict.fromkeys(rows))}" if rows else name


def _blank(text: str) -> str:
    text = _AFTER_EQUALS.sub("=(…)", text)
    return _DOUBLE_QUOTED.sub('"…"', _SINGLE_QUOTED.sub("'…'", text))


def safe_traceback(exc: BaseException) -> str:
    """The stack (file, line, function, code) of each exception in the chain, each
    named by safe_message(), never by its own text."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        stack = "".join(traceback.format_tb(current.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{stack}{safe_message(current)}\n")
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return "\nwhich was raised while handling:\n".join(parts)


class _SafeFormatter(logging.Formatter):
    def formatException(self, ei: Any) -> str:
        return safe_traceback(ei[1]) if ei and ei[1] is not None else ""

    def format(self, record: logging.LogRecord) -> str:
        if isinstance(record.args, tuple):
            record.args = tuple(
                safe_message(a) if isinstance(a, BaseException) else a for a in record.args
            )
        return super().format(record)


def log_file() -> Path:
    return paths.log_dir() / "rosterapp.log"


def setup_logging() -> Path:
    global _configured
    target = log_file()
    if not _configured:
        if target.exists():
            os.chmod(target, 0o600)  # written 0644 by versions before this one
        handler = _PrivateFileHandler(target, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(_SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root = logging.getLogger()
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        _configured = True
    return target


def log_unexpected(exc: BaseException) -> Path:
    target = setup_logging()
    logging.getLogger("rosterapp").error("unexpected error\n%s", safe_traceback(exc))
    return target
