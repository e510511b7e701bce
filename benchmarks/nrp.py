"""The staff-scheduling benchmark: solve instances, re-score them, compare with the
best known results. `python -m benchmarks.nrp 60 1 2 3 ...` (seconds, instances).

Results go to benchmarks/nrp-results.json (merged across runs) and into RESULTS.md.
"""

from __future__ import annotations

import csv
import json
import platform
import sys
from datetime import date
from pathlib import Path

from rosterapp.solver.nrp import evaluate, read_instance
from rosterapp.solver.nrp_problem import to_problem, to_solution
from rosterapp.solver.search import solve

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data" / "nrp"  # the public instances, carried in the repo (see its README)
STORE = ROOT / "nrp-results.json"
BEFORE = ROOT / "nrp-results-2026-11-27.json"  # the separate solver the engine replaced


def best_known() -> dict[int, dict[str, str]]:
    with (DATA / "best_known.csv").open() as f:
        return {int(r["instance"]): r for r in csv.DictReader(f)}


def main(argv: list[str]) -> int:
    limit = float(argv[0])
    numbers = [int(a) for a in argv[1:]] or list(range(1, 25))
    known = best_known()
    results = json.loads(STORE.read_text()) if STORE.exists() else {}
    for n in numbers:
        inst = read_instance(DATA / f"Instance{n}.txt")
        # Through the engine the app uses, exactly as `rosterapp nrp` does.
        r = solve(to_problem(inst), time_limit=limit, workers=8)
        solved = r.status in ("OPTIMAL", "FEASIBLE")
        checked = evaluate(inst, to_solution(inst, r.roster)) if solved else None
        ub = float(known[n]["ub"])
        row = {
            "instance": n,
            "time_limit": limit,
            "status": r.status,
            "objective": checked.objective if checked else None,
            "feasible": bool(checked and checked.feasible),
            "bound": round(r.bound, 1),
            "seconds": round(r.seconds, 1),
            "first_roster_seconds": None if r.first_seconds is None else round(r.first_seconds, 1),
            "best_known": ub,
            "gurobi_10min": known[n]["gurobi_10min"] or None,
            "measured": date.today().isoformat(),
            "machine": f"{platform.processor() or platform.machine()}, 2 cores",
        }
        if checked:
            row["gap_to_best_pct"] = round(100 * (checked.objective - ub) / ub, 2)
        results[str(n)] = row
        STORE.write_text(json.dumps(results, indent=1))
        print(json.dumps(row), flush=True)
    return 0


def table() -> str:
    """The RESULTS.md section (read by benchmarks.run)."""
    if not STORE.exists():
        return ""
    rows = sorted(json.loads(STORE.read_text()).values(), key=lambda r: r["instance"])
    before = json.loads(BEFORE.read_text()) if BEFORE.exists() else {}
    lines = [
        "## Staff-scheduling benchmark (Curtois & Qu instances), through the rostering engine",
        "",
        "`python -m benchmarks.nrp SECONDS [INSTANCES]` on this 2-core machine, shared with "
        "other work while measured. Each instance is read into the engine's problem "
        "(`solver/nrp_problem.py`) and solved by `solver/search.py`, the search that fills a "
        "team's roster, exactly as `rosterapp nrp` does; the objective is the benchmark's own "
        "evaluator's re-score. The search's stages, each where it fits: column generation "
        "(`solver/by_columns.py`: a linear master over one whole roster per person, each "
        "person's cheapest roster at the master's prices by a dynamic programme over the days "
        "(`solver/pricing.py`, CP-SAT where it would be too large); its Lagrangian bound; "
        "dives; on up to 2,000 decisions the whole model cut down by the root's reduced costs "
        "(`solver/fixing.py`), elsewhere one column per person from the dives' pool); the whole "
        "model in stages (`solver/whole.py`: cover alone, then everything among rosters that "
        "cover as well) up to 6,000 decisions; otherwise a first roster one person at a time, "
        "each person's exact best for the cover the others leave by the same programme "
        "(`solver/respond.py`; where a person's minutes axis would be wide, as on the "
        "year-long instances that mix tour lengths, the minutes priced instead of counted: "
        "`solver/free_minutes.py`), swept until no one alone does better; then parts "
        "re-solved exactly with the rest fixed until the time is up, taking turns with "
        "sweeps of best responses where the first pass was quick. Instances "
        "20, 21 and 23 were given 300 s, 22 and 24 600 s. The last column is the separate "
        "benchmark solver this engine replaced (`benchmarks/nrp-results-2026-11-27.json`).",
        "",
        "| instance | limit (s) | objective | bound | status | gap to best known | best known "
        "| Gurobi 10 min | first roster (s) | measured | before (2026-11-27) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        gap = f"{r['gap_to_best_pct']:+.2f} %" if r.get("gap_to_best_pct") is not None else "–"
        obj = r["objective"] if r["objective"] is not None else "none"
        first = r.get("first_roster_seconds")
        first = "–" if first is None else first
        old = before.get(str(r["instance"]), {}).get("objective") or "–"
        lines.append(
            f"| {r['instance']} | {r['time_limit']:g} | {obj} | {r['bound'] or '–'} | "
            f"{r['status'].lower()} | {gap} | {r['best_known']:g} | "
            f"{r['gurobi_10min'] or '–'} | {first} | {r['measured']} | {old} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
