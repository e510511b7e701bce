"""Faults under the database each say in one line what went wrong and what to do, and
save nothing half-way (issue 21, item 6). Disk full is SQLite's own SQLITE_FULL, made by
capping the file's page count; read-only is SQLite's SQLITE_READONLY (query_only)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from rosterapp.cli.main import run
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database
from rosterapp.storage import backup as backup_module
from rosterapp.storage import engine as engine_module
from tests.factories import small_team

MON = date(2026, 12, 7)
Capsys = pytest.CaptureFixture[str]


def _one_line(capsys: Capsys, *words: str) -> str:
    captured = capsys.readouterr()
    err = captured.err
    assert err.count("\n") == 1, err
    assert "unexpected" not in err and "Traceback" not in err and "[SQL" not in err
    for word in words:
        assert word in err, err
    return err


def _with_pragma(monkeypatch: pytest.MonkeyPatch, pragma: Callable[[Any], str]) -> None:
    """Every connection the next commands open runs `pragma(connection)` first."""
    real = engine_module.make_engine

    def make(url: sa.URL, **kw: Any) -> sa.Engine:
        made = real(url, **kw)

        @sa.event.listens_for(made, "connect")
        def _cap(dbapi_conn: Any, _record: Any) -> None:
            for statement in pragma(dbapi_conn).split(";"):
                dbapi_conn.execute(statement)

        return made

    monkeypatch.setattr(engine_module, "make_engine", make)


def _full(conn: Any) -> str:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    # A rollback journal: each commit grows the file itself, where the cap bites.
    return f"PRAGMA journal_mode=DELETE;PRAGMA max_page_count={pages - free}"


def _team_file(tmp_path: Path) -> str:
    path = str(tmp_path / "r.sqlite3")
    db = Database.open(path)
    small_team(db)
    db.close()
    return path


def test_disk_full_during_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capsys):
    path = str(tmp_path / "empty.sqlite3")
    Database.open(path).close()
    _with_pragma(monkeypatch, _full)
    assert run(["--db", path, "demo"]) == 1
    _one_line(capsys, "is full", "free some space")


def test_disk_full_during_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capsys):
    path = _team_file(tmp_path)
    rows = ["shoulder_number,date,shift"] + [
        f"{s},2026-12-{d:02d},E" for s in ("101T1", "102T1") for d in range(1, 29)
    ]
    csv = tmp_path / "roster.csv"
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _with_pragma(monkeypatch, _full)
    assert run(["--db", path, "import", "roster", str(csv)]) == 1
    _one_line(capsys, "is full", "nothing was saved")
    monkeypatch.undo()
    db = Database.open(path)
    assert read_grid(db, "T1", date(2026, 12, 1), date(2026, 12, 28)).cells == {}
    db.close()


def test_disk_full_during_backup_names_the_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capsys
) -> None:
    path = _team_file(tmp_path)
    real = sqlite3.connect

    class Full:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn

        def backup(self, _dst: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        def close(self) -> None:
            self.conn.close()

    def connect(target: Any, *a: Any, **k: Any) -> Any:
        conn = real(target, *a, **k)
        return Full(conn) if "mode=ro" in str(target) else conn

    monkeypatch.setattr(backup_module.sqlite3, "connect", connect)
    out = tmp_path / "b.sqlite3"
    assert run(["--db", path, "backup", "-o", str(out)]) == 1
    err = _one_line(capsys, "is full", str(out))
    assert ".part" not in err and not list(tmp_path.glob("b.sqlite3*"))


def test_a_read_only_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capsys):
    path = _team_file(tmp_path)
    _with_pragma(monkeypatch, lambda _c: "PRAGMA query_only=1")
    args = ["--db", path, "assign", "--member", "101T1", "--date", str(MON), "--shift", "E"]
    assert run(args) == 1
    _one_line(capsys, "is read-only", "write access")


def test_a_corrupt_database(tmp_path: Path, capsys: Capsys) -> None:
    path = Path(_team_file(tmp_path))
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    assert (
        run(
            [
                "--db",
                str(path),
                "check",
                "--team",
                "T1",
                "--from",
                "2026-12-07",
                "--to",
                "2026-12-13",
            ]
        )
        == 1
    )
    _one_line(capsys, "damaged", "restore")


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("sqlite://", "names no database file"),
        ("sqlite:///:memory:", "names no database file"),
        ("postgresql://u:secret@host:notaport/db", "port is not a number"),
        ("post gres://x", "is not a database file or URL"),
    ],
)
def test_database_urls_that_cannot_work(url: str, said: str, capsys: Capsys) -> None:
    assert (
        run(["--db", url, "check", "--team", "T1", "--from", "2026-12-07", "--to", "2026-12-13"])
        == 1
    )
    err = _one_line(capsys, said)
    assert "secret" not in err


def test_a_user_name_too_long_for_the_audit_trail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capsys
) -> None:
    path = _team_file(tmp_path)
    monkeypatch.setenv("ROSTERAPP_USER", "sgt." + "x" * 120)
    args = ["--db", path, "assign", "--member", "101T1", "--date", str(MON), "--shift", "E"]
    assert run(args) == 1
    _one_line(capsys, "ROSTERAPP_USER", "at most 80")


def test_file_system_messages_keep_their_bracket_and_name_the_target(
    tmp_path: Path, capsys: Capsys
) -> None:
    path = _team_file(tmp_path)
    folder = tmp_path / "already-a-folder"
    (folder / "inside").mkdir(parents=True)
    assert run(["--db", path, "backup", "-o", str(folder)]) == 1
    err = _one_line(capsys, str(folder))
    assert err.rstrip().endswith(")") and ".part" not in err
    assert not list(tmp_path.glob("*.part*"))
