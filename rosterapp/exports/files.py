"""Writing files safely: a temporary name, then a rename; clear messages on failure."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class ExportError(Exception):
    """The file could not be written; the message says why and what to do."""


class Cancelled(Exception):
    """The user cancelled; nothing was written."""


Progress = Callable[[int, int], bool]  # (done, total) → False to cancel


def no_progress(done: int, total: int) -> bool:
    return True


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it into place only on success.

    A failed or cancelled export leaves no half-written file behind, and an
    existing file is replaced whole or not at all.
    """
    target = target.expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"the folder {folder} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            yield tmp
        except OSError as exc:
            if exc.filename and Path(exc.filename) == tmp:
                # Name the file asked for, not the temporary one the user never saw.
                raise type(exc)(exc.errno, exc.strerror or str(exc), str(target)) from exc
            raise
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise ExportError(
                f"cannot replace {target.name}: it is open in another program or read-only; "
                "close it and export again"
            ) from exc
        except OSError as exc:
            raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def ensure_writable(target: Path) -> None:
    """Fail early, before any work, if the target cannot be written or replaced."""
    folder = target.expanduser().parent
    if not folder.is_dir():
        raise ExportError(f"the folder {folder} does not exist")
    if target.exists() and not os.access(target, os.W_OK):
        raise ExportError(f"{target} is read-only; choose another name or folder")
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name")
