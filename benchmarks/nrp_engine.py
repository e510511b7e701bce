"""The staff-scheduling benchmark through the rostering engine the app uses.

    python -m benchmarks.nrp_engine SECONDS [INSTANCES]

Each instance is read into the engine's problem (solver/nrp_problem.py), solved by
solver/search.py exactly as a team's roster is, and the roster re-scored by the
benchmark's own evaluator. Compare with benchmarks/nrp.py (the column-generation
solver `rosterapp nrp` still uses) in RESULTS.md.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from rosterapp.solver.nrp import evaluate, read_instance
from rosterapp.solver.nrp_problem import to_problem, to_solution
from rosterapp.solver.search import solve

DATA = Path(__file__).resolve().parent / "data" / "nrp"


def main(argv: list[str]) -> int:
    seconds = float(argv[0]) if argv else 60
    numbers = [int(a) for a in argv[1:]] or list(range(1, 25))
    best = {}
    with (DATA / "best_known.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            best[row["instance"]] = row
    for n in numbers:
        inst = read_instance(DATA / f"Instance{n}.txt")
        result = solve(to_problem(inst), time_limit=seconds, workers=8)
        scored = evaluate(inst, to_solution(inst, result.roster))
        print(
            json.dumps(
                {
                    "instance": n,
                    "objective": scored.objective if scored.feasible else None,
                    "violations": len(scored.violations),
                    "bound": result.bound,
                    "first_s": result.first_seconds and round(result.first_seconds, 1),
                    "seconds": round(result.seconds, 1),
                    "best_known": best.get(str(n), best.get(f"Instance{n}", {})),
                }
            ),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
