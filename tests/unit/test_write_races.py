"""Many writers of one cell at once: each gets either its write or the plain conflict
message, never the driver's SQL; and a busy SQLite file says who holds it (issue 21,
item 5)."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm.exc import StaleDataError

from rosterapp.cli.main import run
from rosterapp.domain.grid import CellEdit
from rosterapp.services.errors import Conflict
from rosterapp.services.roster import edits
from rosterapp.services.roster.edits import assign, set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database, DatabaseError
from rosterapp.storage.faults import ATTEMPTS, busy_message
from tests.factories import small_team

MON = date(2026, 12, 7)
CODES = ("E", "L", "LL", "N", "RD")


def _race(n: int, work: object) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def one(i: int) -> None:
        start.wait()
        try:
            work(i)  # type: ignore[operator]
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


def test_concurrent_assigns_of_one_cell_all_land(db_url: str) -> None:
    db = Database.open(db_url)
    small_team(db)
    db.close()
    dbs = [Database.open(db_url) for _ in range(8)]  # eight programs, one cell
    try:
        errors = _race(
            8, lambda i: [assign(dbs[i], "101T1", MON, CODES[(i + k) % 5]) for k in range(5)]
        )
        assert errors == []
        cell = read_grid(dbs[0], "T1", MON, MON).cells
        assert len(cell) == 1  # one row for the cell, whoever won last
    finally:
        for d in dbs:
            d.close()


def test_concurrent_checked_edits_of_one_cell_get_the_plain_conflict(db_url: str) -> None:
    db = Database.open(db_url)
    people = small_team(db)
    db.close()
    member = people[1].id
    dbs = [Database.open(db_url) for _ in range(6)]
    try:
        # Each has seen the cell empty and types something different into it.
        errors = _race(
            6,
            lambda i: set_cells(
                dbs[i], "T1", [CellEdit(member, MON, CODES[i % 5], check_version=True)]
            ),
        )
        assert len(errors) == 5 and all(isinstance(e, Conflict) for e in errors), errors
        assert all("changed by" in str(e) and "SELECT" not in str(e) for e in errors)
    finally:
        for d in dbs:
            d.close()


def test_a_race_that_outlives_the_retries_is_one_plain_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "r.sqlite3")
    db = Database.open(path)
    small_team(db)
    db.close()
    tries: list[int] = []

    def always_loses(*_a: object, **_k: object) -> None:
        tries.append(1)
        raise StaleDataError("UPDATE statement on table 'assignment' expected to update 1 row")

    monkeypatch.setattr(edits, "EditContext", always_loses)
    assert (
        run(["--db", path, "assign", "--member", "101T1", "--date", str(MON), "--shift", "E"]) == 1
    )
    err = capsys.readouterr().err
    assert len(tries) == ATTEMPTS  # retried
    assert err.count("\n") == 1 and "someone else saved the same cells" in err
    assert "UPDATE" not in err and "unexpected" not in err


HOLDER = """
import sqlite3, sys
from rosterapp.storage import Database
db = Database.open(sys.argv[1])  # as a long import: open, and writing
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("writing", flush=True)
sys.stdin.read()
conn.close()
db.close()
"""


def test_a_busy_sqlite_file_names_who_holds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rosterapp.storage import engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    path = tmp_path / "r.sqlite3"
    Database.open(str(path)).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), "import", "roster"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "writing"
        message = busy_message(path)
        assert f"process {holder.pid}" in message and "wait for it to finish" in message
        db = Database.open(str(path))
        with pytest.raises(DatabaseError, match="is busy") as caught:
            set_cells(db, "T1", [CellEdit(1, MON, "E")])
        db.close()
        assert "SELECT" not in str(caught.value) and f"process {holder.pid}" in str(caught.value)
    finally:
        holder.communicate("", timeout=30)
