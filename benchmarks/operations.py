"""Operations at command-unit scale: who can be allocated to a Carnival occurrence that
every team supplies (the allocation dialog's list, with the rules engine run on each
team's changed roster), its shortfall explained, and allocating 40 officers at once.

Run with `.venv/bin/python -m benchmarks.operations`; it prints a table for
benchmarks/RESULTS.md. The demo database at bcu scale (≈1,000 people) is built in a
temporary folder.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from time import perf_counter

from benchmarks.run import START, machine, summary, timed


def main() -> int:
    from rosterapp.services.demo import build_demo
    from rosterapp.services.operation_allocation import allocate, unallocate
    from rosterapp.services.operation_checks import candidates, shortfall
    from rosterapp.services.operations import NewOperation, add_operation
    from rosterapp.services.teams import list_teams
    from rosterapp.storage import Database

    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(str(Path(tmp) / "bcu.sqlite3"))
        build_demo(db, scale="bcu", start=START)
        teams = [t.code for t in list_teams(db)]
        day = START + timedelta(days=12)  # a Saturday inside the demo weeks
        op = add_operation(
            db,
            NewOperation(
                "Notting Hill Carnival",
                "central-aid",
                datetime.combine(day, datetime.min.time()).replace(hour=8),
                datetime.combine(day, datetime.min.time()).replace(hour=20),
                "PC:120,PS:12,psu-2:24",
                teams=",".join(teams),
            ),
        ).operation
        occ = op.occurrences[0]
        found = candidates(db, op.id, occ.id)
        people = len(found)
        list_ms = timed(lambda: candidates(db, op.id, occ.id), 5)
        explain_ms = timed(lambda: shortfall(db, op.id, occ.id), 3)
        free = [c.shoulder_number for c in found if c.free and "PC" in c.matches][:40]
        alloc_ms = []
        for _ in range(3):
            t = perf_counter()
            allocate(db, op.id, occ.id, free)
            alloc_ms.append((perf_counter() - t) * 1000)
            unallocate(db, op.id, occ.id, free)
        db.close()
    print(
        f"Measured {datetime.now():%Y-%m-%d} by `python -m benchmarks.operations` on: {machine()}."
    )
    print()
    print("| scenario | measured | target |")
    print("|---|---|---|")
    print(
        f"| Who can be allocated: {people} officers of {len(teams)} teams for one occurrence "
        f"(rules engine on each team's changed roster) | {summary(list_ms)} "
        "| ≤ 3 s (worker thread) |"
    )
    print(
        f"| The occurrence's shortfall explained | {summary(explain_ms)} | ≤ 3 s (worker thread) |"
    )
    print(
        f"| Allocate {len(free)} officers at once (every check, one transaction) "
        f"| {summary(alloc_ms)} | ≤ 3 s |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
