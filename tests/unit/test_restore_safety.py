"""A restore never replaces a database under someone using it, and checks the backup whole
before replacing anything (issue 21, items 1 and 8)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from rosterapp.domain.grid import CellEdit
from rosterapp.services.backups import backup, check_backup, restore
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database, DatabaseError, DatabaseReplaced, InUseElsewhere
from tests.factories import small_team

MON = date(2026, 12, 7)

HOLDER = """
import sys
from rosterapp.storage import Database
db = Database.open(sys.argv[1])
print("open", flush=True)
sys.stdin.read()
db.close()
"""


def _cell(db: Database, member_id: int, day: date) -> str | None:
    cell = read_grid(db, "T1", day, day).cell(member_id, day)
    return cell.code if cell else None


def test_restore_refuses_while_another_process_has_the_file_open(tmp_path: Path) -> None:
    path = tmp_path / "live.sqlite3"
    db = Database.open(str(path))
    a, *_ = small_team(db)
    snap = backup(db, tmp_path / "snap.sqlite3")
    set_cells(db, "T1", [CellEdit(a.id, MON, "E")])  # after the backup
    db.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        inode = path.stat().st_ino
        with pytest.raises(InUseElsewhere, match=f"is open elsewhere .*process {holder.pid}"):
            restore(str(path), snap)
        assert path.stat().st_ino == inode  # not replaced
        assert not list(tmp_path.glob("*.restoring*"))
    finally:
        holder.communicate("", timeout=30)
    restore(str(path), snap)  # the other process has gone: now it may
    again = Database.open(str(path))
    assert _cell(again, a.id, MON) is None
    again.close()


def test_a_connection_kept_open_never_writes_into_a_replaced_file(tmp_path: Path) -> None:
    """What a program that ignores the lock (or Windows' copy) does: the window's pooled
    connection must notice the new file, not report saves into the unlinked one."""
    path = tmp_path / "live.sqlite3"
    window = Database.open(str(path))
    a, *_ = small_team(window)
    set_cells(window, "T1", [CellEdit(a.id, MON, "E")])  # the pool now holds a connection
    other = tmp_path / "other.sqlite3"
    backup(window, other)
    conn = sqlite3.connect(other)
    with conn:
        conn.execute("DELETE FROM assignment")
    conn.close()
    for suffix in ("-wal", "-shm"):  # as a restore without the lock did
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(other, path)  # replaced behind the window's back
    with pytest.raises(DatabaseReplaced, match="replaced by a restore"):
        set_cells(window, "T1", [CellEdit(a.id, MON, "L")])
    set_cells(window, "T1", [CellEdit(a.id, MON, "N")])  # reopened: this one lands
    window.close()
    fresh = Database.open(str(path))
    assert _cell(fresh, a.id, MON) == "N"
    fresh.close()


@pytest.mark.postgres
def test_postgres_restore_waits_for_open_transactions(pg_url: str, tmp_path: Path) -> None:
    db = Database.open(pg_url)
    small_team(db)
    snap = backup(db, tmp_path / "snap.sqlite3")
    reader = db.engine.connect()
    reader.execute(sa.text("SELECT count(*) FROM team")).one()  # holds ACCESS SHARE
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(restore(pg_url, snap)))
    worker.start()
    time.sleep(1.5)
    waited = worker.is_alive()
    reader.rollback()
    reader.close()
    worker.join(30)
    db.close()
    assert waited, "the restore must lock the tables exclusively"
    assert done and Path(str(done[0])).is_file()


def _backup_of(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "live.sqlite3"
    db = Database.open(str(path))
    small_team(db)
    snap = backup(db, tmp_path / "snap.sqlite3")
    db.close()
    return path, snap


def test_a_backup_holding_only_the_schema_version_is_refused(tmp_path: Path) -> None:
    path, snap = _backup_of(tmp_path)
    with closing(sqlite3.connect(snap)) as conn, conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        conn.execute("PRAGMA foreign_keys=OFF")
        for name in names:
            if name != "alembic_version":
                conn.execute(f'DROP TABLE "{name}"')
    with pytest.raises(DatabaseError, match="not a complete rosterapp backup"):
        restore(str(path), snap)
    assert Database.open(str(path)).close() is None  # still opens: nothing was replaced
    assert not list(tmp_path.glob("*.restoring*"))


def test_a_backup_with_broken_references_is_refused(tmp_path: Path) -> None:
    path, snap = _backup_of(tmp_path)
    with closing(sqlite3.connect(snap)) as conn, conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE team_membership SET member_id = member_id + 1000")
    with pytest.raises(DatabaseError, match="broken references"):
        check_backup(snap)
    with pytest.raises(DatabaseError, match="broken references"):
        restore(str(path), snap)
    assert not list(tmp_path.glob("*.restoring*"))


def test_a_truncated_backup_gets_the_friendly_message(tmp_path: Path) -> None:
    path, snap = _backup_of(tmp_path)
    data = snap.read_bytes()
    snap.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatabaseError, match="damaged or incomplete"):
        restore(str(path), snap)
    assert not list(tmp_path.glob("*.restoring*"))
