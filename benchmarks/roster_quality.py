"""The auto-roster judged by the roster a sergeant gets: the issue's three scenarios.

Each scenario builds the demo, solves through the same service the window and
`rosterapp solve --apply` use, applies it, and scores what is stored: cover,
beats, tour changes, paired rest days, unsocial and bank-holiday duties, and the
rule checker's findings for rest, rest days and days in a row.

    python -m benchmarks.roster_quality [SECONDS_WEEK] [SECONDS_QUARTER] [scenario ...]
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rosterapp.services.beats import list_requirements
from rosterapp.services.checks import check_team
from rosterapp.services.demo import build_demo
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.roster_shape import measure
from rosterapp.services.solving import apply_proposal, propose
from rosterapp.storage import Database

DEMO_START = date(2026, 11, 30)  # the demo's weeks: 23 Nov - 20 Dec 2026
# With the 48-hour average, which the engine now keeps with the weeks before.
REST_RULES = ("rest-11h", "rest-days-week", "rest-day-gap", "wtr-48h")
OUT = Path(__file__).resolve().parent / "roster-quality.json"

SCENARIOS = {
    # name: (first day, last day, clear the week before?)
    "week-from-empty": (date(2027, 1, 4), date(2027, 1, 10)),
    "week-after-filled": (date(2026, 12, 21), date(2026, 12, 27)),
    "quarter": (date(2027, 1, 4), date(2027, 4, 4)),
}


def run(name: str, seconds: float) -> dict[str, object]:
    start, end = SCENARIOS[name]
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(str(Path(tmp) / "q.sqlite3"))
        build_demo(db, start=DEMO_START)
        first: list[float] = []
        t0 = time.monotonic()

        def watch(p: object) -> bool:
            if not first:
                first.append(time.monotonic() - t0)
            return True

        proposal = propose(db, "WE", start, end, time_limit=seconds, progress=watch)  # type: ignore[arg-type]
        applied = apply_proposal(db, proposal)
        grid = read_grid(db, "WE", start - timedelta(days=7), end + timedelta(days=1))
        shape = measure(grid, list_requirements(db, "WE"), start, end)
        findings = check_team(db, "WE", start, end).findings
        rest = [f for f in findings if f.rule in REST_RULES]
        db.close()
    return {
        "scenario": name,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "limit_s": seconds,
        "status": proposal.status,
        "first_s": round(first[0], 1) if first else None,
        "seconds": round(proposal.seconds, 1),
        "objective": proposal.objective,
        "bound": proposal.bound,
        "cells": len(applied.changes),
        "short": shape.short,
        "explained": len(proposal.explanations),
        "no_beat": shape.no_beat,
        "changes_per_week": round(shape.changes_per_week, 2),
        "paired_pct": round(100 * shape.paired_share, 1),
        "unsocial": [shape.unsocial_duties, shape.unsocial_needed],
        "holiday": [shape.holiday_duties, shape.holiday_needed],
        "rest_findings": len(rest),
        "rest_examples": [f.message for f in rest[:3]],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def repair(seconds: float) -> dict[str, object]:
    """Fill a week, then one officer goes sick for it: cells changed per duty lost."""
    from rosterapp.domain.enums import AbsenceKind, Rank
    from rosterapp.services.absences import record_absence

    start, end = SCENARIOS["week-after-filled"]
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(str(Path(tmp) / "r.sqlite3"))
        build_demo(db, start=DEMO_START)
        apply_proposal(db, propose(db, "WE", start, end, time_limit=seconds))
        grid = read_grid(db, "WE", start, end)
        pc = next(r.member for r in grid.rows if r.member.rank is Rank.PC)
        _, cleared = record_absence(db, pc.shoulder_number, AbsenceKind.SICK, start, end)
        fix = propose(db, "WE", start, end, mode="repair", time_limit=seconds)
        db.close()
    lost = len(cleared)
    return {
        "scenario": "repair-after-sickness",
        "duties_lost": lost,
        "cells_changed": len(fix.edits),
        "per_duty": round(len(fix.edits) / lost, 2) if lost else None,
        "short": fix.short,
        "seconds": round(fix.seconds, 1),
    }


def main(argv: list[str]) -> int:
    week = float(argv[0]) if argv else 20
    quarter = float(argv[1]) if len(argv) > 1 else 300
    names = argv[2:] or [*SCENARIOS, "repair"]
    results = []
    for name in names:
        r = repair(week) if name == "repair" else run(name, quarter if name == "quarter" else week)
        print(json.dumps(r), flush=True)
        results.append(r)
    OUT.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
