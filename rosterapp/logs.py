"""Logging to a rotating file in the user data folder."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from rosterapp import paths

_configured = False


def log_file() -> Path:
    return paths.log_dir() / "rosterapp.log"


def setup_logging() -> Path:
    global _configured
    target = log_file()
    if not _configured:
        handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root = logging.getLogger()
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        _configured = True
    return target


def log_unexpected(exc: BaseException) -> Path:
    target = setup_logging()
    logging.getLogger("rosterapp").error(
        "unexpected error\n%s", "".join(traceback.format_exception(exc))
    )
    return target
