"""Where a SQLite file lives: its locking is unreliable on network file systems."""

from __future__ import annotations

import os
from pathlib import Path

NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs"}


def on_network_drive(path: Path) -> bool:
    """SQLite's locking is unreliable on network file systems (WAL does not work there)."""
    if os.name == "nt":
        text = str(path)
        if text.startswith("\\\\"):
            return True
        try:
            import ctypes

            drive = os.path.splitdrive(text)[0] + "\\"
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == 4)  # type: ignore[attr-defined]
        except (AttributeError, OSError):
            return False
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    best, kind = "", ""
    target = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if (
            len(parts) >= 3
            and (target == parts[1] or target.startswith(parts[1].rstrip("/") + "/"))
            and len(parts[1]) > len(best)
        ):
            best, kind = parts[1], parts[2]
    return kind in NETWORK_FILESYSTEMS
