"""Kill a writing process at random moments: the file stays sound and every edit it
acknowledged is there (an edit is acknowledged only after its transaction commits)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database
from tests.factories import small_team

WRITER = """
import sys
from datetime import date, timedelta
from rosterapp.storage import Database
from rosterapp.services.roster.edits import set_cells
from rosterapp.domain.grid import CellEdit
db = Database.open(sys.argv[1])
members = [int(x) for x in sys.argv[2].split(",")]
first = date.fromisoformat(sys.argv[3])
i = 0
while True:
    mid = members[i % len(members)]
    day = first + timedelta(days=i // len(members))
    code = ("E", "L", "RD", "AL")[i % 4]
    set_cells(db, "T1", [CellEdit(mid, day, code)])
    print(f"ACK {mid} {day.isoformat()} {code}", flush=True)
    i += 1
"""


@pytest.mark.slow
def test_killed_writer_loses_nothing_it_acknowledged(tmp_path: Path, db_url: str) -> None:
    path = tmp_path / "roster.sqlite3"  # the file db_url names, when it is SQLite
    db = Database.open(db_url)
    sqlite = db.is_sqlite
    people = small_team(db, n=3)
    db.close()
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    ids = ",".join(str(p.id) for p in people)
    rng = random.Random(7)
    acked: dict[tuple[int, date], str] = {}
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for run in range(8):
        first = date(2026, 1, 5) + timedelta(days=100 * run)  # fresh cells each run
        proc = subprocess.Popen(
            [sys.executable, str(script), db_url, ids, first.isoformat()],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert proc.stdout is not None
        wanted = rng.randint(3, 60)
        for seen, line in enumerate(proc.stdout, start=1):
            _, mid, day, code = line.split()
            acked[(int(mid), date.fromisoformat(day))] = code
            if seen >= wanted:
                break
        os.kill(proc.pid, signal.SIGKILL)  # mid-transaction, most likely
        proc.wait()
        proc.stdout.close()
        if sqlite:
            with sqlite3.connect(path) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db = Database.open(db_url)
    lo, hi = min(d for _, d in acked), max(d for _, d in acked)
    for start in range((hi - lo).days // 300 + 1):
        a = lo + timedelta(days=300 * start)
        b = min(hi, a + timedelta(days=299))
        grid = read_grid(db, "T1", a, b)
        for (mid, day), code in acked.items():
            if a <= day <= b:
                cell = grid.cell(mid, day)
                assert cell is not None and cell.code == code, (mid, day, code)
    db.close()
    assert len(acked) >= 8 * 3
