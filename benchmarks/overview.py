"""The inspector's overview over the command unit: every team of the five-year bcu
database (16 teams, about 1,000 people) read and computed in one transaction, for a
week and for a month. Target: the week within 1 s (issue 19 asks it of 7 teams and
1,000 people; this reads more teams for the same people).

Run with `python -m benchmarks.overview`; `make bench` includes it.
"""

from __future__ import annotations

import os
import statistics
from datetime import timedelta
from time import perf_counter, process_time

from benchmarks.run import START, WORK, build_history_db, machine, summary, timed


def overview_scenarios(db: object) -> list[tuple[str, str, str]]:
    from rosterapp.services.overview import overview
    from rosterapp.storage import Database

    assert isinstance(db, Database)
    week = (START + timedelta(days=14), START + timedelta(days=20))
    month = (START.replace(day=1), START.replace(day=30))
    view = overview(db, *week)  # warm: imports, caches
    people = sum(t.strength.strength + t.strength.without_posts for t in view.teams)
    teams = len(view.teams)
    out = []
    for label, span, repeat in (("week", week, 9), ("month", month, 5)):
        cpu: list[float] = []

        def once(span: tuple[object, object] = span, cpu: list[float] = cpu) -> None:
            c = process_time()
            overview(db, *span)  # type: ignore[arg-type]
            cpu.append((process_time() - c) * 1000)

        wall = summary(timed(once, repeat))
        load = os.getloadavg()[0]
        out.append(
            (
                f"Inspector's overview, a {label}: {teams} teams, {people:,} people "
                "(one transaction; 12 weeks of DWO history)",
                f"{wall}; CPU {statistics.median(cpu):.0f} ms; load average {load:.1f}",
                "≤ 1 s" if label == "week" else "—",
            )
        )
    return out


def main() -> int:
    from rosterapp.storage import Database

    WORK.mkdir(exist_ok=True)
    history = WORK / "bcu-5y.sqlite3"
    if not history.exists():
        print("building the five-year bcu database (once)…", flush=True)
        t = perf_counter()
        build_history_db(history)
        print(f"  built in {perf_counter() - t:.0f} s")
    db = Database.open(str(history))
    try:
        rows = overview_scenarios(db)
    finally:
        db.close()
    print(f"Measured on: {machine()}")
    for a, b, c in rows:
        print(f"| {a} | {b} | {c} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
