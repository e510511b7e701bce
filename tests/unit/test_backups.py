from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from rosterapp.cli.main import run
from rosterapp.domain.grid import CellEdit
from rosterapp.services.audit import export_csv, list_events
from rosterapp.services.backups import backup, check_backup, daily_backup, restore
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database, DatabaseDamaged, DatabaseError
from tests.conftest import reset_postgres
from tests.factories import small_team

MON = date(2026, 12, 7)
TABLES = [
    "team",
    "member",
    "member_skill",
    "team_membership",
    "beat",
    "shift_type",
    "assignment",
    "audit_event",
]


def contents(db: Database) -> dict[str, list[str]]:
    """Every row as SQLAlchemy reads it (typed values), so SQLite and PostgreSQL compare."""
    from sqlmodel import SQLModel

    import rosterapp.domain.tables  # noqa: F401

    out = {}
    with db.engine.connect() as conn:
        for t in TABLES:
            table = SQLModel.metadata.tables[t]
            out[t] = sorted(repr(tuple(r)) for r in conn.execute(sa.select(table)))
    return out


def test_backup_and_restore_round_trip(db: Database, db_url: str, tmp_path: Path) -> None:
    a, *_ = small_team(db)
    set_cells(db, "T1", [CellEdit(a.id, MON, "E", "SOH", note="Zoë's note")])
    before = contents(db)
    snapshot = backup(db, tmp_path / "snap.sqlite3")
    assert check_backup(snapshot)
    set_cells(db, "T1", [CellEdit(a.id, MON + timedelta(days=1), "L")])  # after the backup
    db.close()
    aside = restore(db_url, snapshot)
    assert aside.exists()
    again = Database.open(db_url)
    assert contents(again) == before
    # New rows after a restore get fresh ids (PostgreSQL sequences were reset).
    set_cells(again, "T1", [CellEdit(a.id, MON + timedelta(days=2), "RD")])
    assert (
        read_grid(again, "T1", MON, MON + timedelta(days=2)).cell(a.id, MON + timedelta(days=2))
        is not None
    )
    again.close()


def test_restore_refuses_bad_files(sqlite_db: Database, tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite3"
    text.write_text("hello")
    with pytest.raises(DatabaseError, match="not a rosterapp backup"):
        check_backup(text)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE x (y)")
    with pytest.raises(DatabaseError, match="not a rosterapp database"):
        check_backup(other)
    future = backup(sqlite_db, tmp_path / "future.sqlite3")
    with sqlite3.connect(future) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseError, match="newer version"):
        check_backup(future)
    with pytest.raises(DatabaseError, match="cannot overwrite"):
        backup(sqlite_db, sqlite_db.sqlite_path)  # type: ignore[arg-type]


def test_damaged_file_is_said_not_crashed_on(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    db = Database.open(str(path))
    small_team(db)
    db.close()
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # wreck a page
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged, match="damaged"):
        Database.open(str(path))
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\x00garbage" * 1000)
    with pytest.raises(DatabaseError):
        Database.open(str(junk))


def test_daily_backups_rotate(sqlite_db: Database) -> None:
    from rosterapp import paths

    made = [daily_backup(sqlite_db, keep=3, today=MON + timedelta(days=i)) for i in range(5)]
    assert all(made)
    assert daily_backup(sqlite_db, keep=3, today=MON + timedelta(days=4)) is None  # once a day
    kept = sorted(p.name for p in paths.backup_dir().glob("daily-*.sqlite3"))
    assert kept == ["daily-20261209.sqlite3", "daily-20261210.sqlite3", "daily-20261211.sqlite3"]


def test_cli_backup_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.sqlite3")
    Database.open(db).close()
    out = tmp_path / "b.sqlite3"
    assert run(["--db", db, "backup", "-o", str(out)]) == 0
    assert run(["--db", db, "restore", str(out)]) == 0
    assert "kept in" in capsys.readouterr().out
    assert run(["--db", db, "restore", str(tmp_path / "missing.sqlite3")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_audit_trail_lists_and_exports_safely(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv

    a, *_ = small_team(sqlite_db)
    monkeypatch.setenv("ROSTERAPP_USER", "=cmd|' /C calc'!A0")
    set_cells(sqlite_db, "T1", [CellEdit(a.id, MON, "E", note="Meet at Soho")])
    rows = list_events(sqlite_db, "T1", MON, MON, member=a.last_name)
    assert [r.action for r in rows] == ["roster.set"]
    assert list_events(sqlite_db, "T1", MON, MON, member="nobody") == []
    out = export_csv(rows, tmp_path / "audit.csv")
    with out.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0][:3] == ["when (UTC)", "who", "what"]
    assert table[1][1] == "'=cmd|' /C calc'!A0"  # quoted: a spreadsheet shows it as text
    assert table[1][2] == "roster.set" and "note=Meet at Soho" in table[1][6]
    assert not any(cell.startswith(("=", "+", "@")) for row in table for cell in row)


@pytest.mark.postgres
def test_postgres_snapshot_loads_into_sqlite(tmp_path: Path, pg_url: str) -> None:
    url = pg_url
    db = Database.open(url)
    small_team(db)
    snap = backup(db, tmp_path / "pg.sqlite3")
    copy = Database.open(str(snap))
    assert contents(copy) == contents(db)
    copy.close()
    db.close()
    reset_postgres(url)
