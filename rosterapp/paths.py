"""Where the app keeps its data, and where it finds its bundled resources."""

from __future__ import annotations

import os
import sys
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import platformdirs

from rosterapp import APP_NAME, ORG_NAME


def user_data_dir() -> Path:
    path = Path(platformdirs.user_data_dir(APP_NAME, ORG_NAME))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _private_dir(path: Path) -> Path:
    """A folder of the app's own holding personal data (logs, backups): user-only,
    tightened if an older version made it readable by others."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "nt" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o700)
    return path


def default_db_path() -> Path:
    return user_data_dir() / "rosterapp.sqlite3"


def log_dir() -> Path:
    return _private_dir(user_data_dir() / "logs")


def backup_dir() -> Path:
    return _private_dir(user_data_dir() / "backups")


def _checkout_root() -> Path | None:
    """The source checkout this package runs from, if any (not a wheel or a bundle)."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and not getattr(sys, "frozen", False):
        return root
    return None


def resource(*parts: str) -> Traversable:
    """A bundled resource: the checkout's resources/, or the copy inside the package.

    In a checkout the top-level resources/ folder is used; the wheel and the frozen
    bundle carry it as rosterapp/resources (see pyinstaller.spec).
    """
    root = _checkout_root()
    if root is not None:
        base: Traversable = root / "resources"
    else:
        base = resources.files("rosterapp") / "resources"
    for part in parts:
        base = base / part
    return base


def default_export_dir() -> Path:
    """exports/ in a checkout; Documents/Rosters for an installed app."""
    root = _checkout_root()
    if root is not None:
        path = root / "exports"
    else:
        path = Path(platformdirs.user_documents_dir()) / "Rosters"
    path.mkdir(parents=True, exist_ok=True)
    return path


USER_NAME_MAX = 80  # the audit columns' width (updated_by, audit_event.user, ...)


class UserNameTooLong(ValueError):
    """The name the audit trail would record does not fit its column."""


def current_user() -> str:
    """The OS user, recorded in the audit trail."""
    name = os.environ.get("ROSTERAPP_USER") or _login_name()
    if len(name) > USER_NAME_MAX:
        where = "ROSTERAPP_USER" if os.environ.get("ROSTERAPP_USER") else "your login name"
        raise UserNameTooLong(
            f"the user name to record ({where}) is {len(name)} characters long and the "
            f"audit trail keeps at most {USER_NAME_MAX}: set ROSTERAPP_USER to a shorter "
            "name; nothing was saved"
        )
    return name


def _login_name() -> str:
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no passwd entry (containers) or no login name
        return "unknown"
