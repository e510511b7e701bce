"""Solving: filling a team's roster, and the staff-scheduling benchmark (nrp)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rosterapp.cli.common import EXIT_OK, CliError, Command, open_db, team_range

if TYPE_CHECKING:
    from rosterapp.cli.common import Subparsers
    from rosterapp.services.solving import Applied, Proposal


def add_parsers(sub: Subparsers) -> dict[str, Command]:
    so = sub.add_parser("solve", help="fill (or repair) a period with the solver")
    team_range(so)
    so.add_argument(
        "--time-limit",
        type=float,
        metavar="S",
        help="seconds to search (default: 30 a week, at most 300); more time, better rosters",
    )
    so.add_argument(
        "--repair",
        action="store_true",
        help="change filled cells too, as few as possible (after sickness)",
    )
    so.add_argument("--apply", action="store_true", help="write the changes (one operation)")
    so.add_argument("--json", action="store_true")
    n = sub.add_parser("nrp", help="solve a staff-scheduling benchmark instance")
    n.add_argument("instance", type=Path, metavar="INSTANCE.txt")
    n.add_argument("--time-limit", type=float, default=60.0, metavar="S")
    n.add_argument(
        "--workers",
        type=int,
        default=8,
        metavar="N",
        help="CP-SAT search workers on the whole model (default 8: a wider portfolio, even on "
        "2 cores); each part of a larger instance is solved with 2",
    )
    n.add_argument("--solution-out", type=Path, metavar="FILE")
    n.add_argument("--json", action="store_true")
    return {"solve": cmd_solve, "nrp": cmd_nrp}


def cmd_solve(args: argparse.Namespace) -> int:
    from rosterapp.services.solving import apply_proposal, propose

    weeks = max(1, ((args.end - args.start).days + 7) // 7)
    limit = args.time_limit if args.time_limit is not None else min(300.0, 30.0 * weeks)
    with open_db(args) as db:
        proposal = propose(
            db,
            args.team,
            args.start,
            args.end,
            mode="repair" if args.repair else "fill",
            time_limit=limit,
        )
        if not proposal.found:
            raise CliError(
                f"no roster found in {limit:g} s ({proposal.status}); "
                "give it more time with --time-limit"
            )
        applied = apply_proposal(db, proposal) if args.apply and proposal.edits else None
    if args.json:
        print(json.dumps(_solve_json(proposal, applied, args.apply), ensure_ascii=False, indent=2))
        return EXIT_OK
    for e in proposal.edits:
        print(proposal.describe(e))
    for text in proposal.explanations:
        print(f"SHORT {text}")
    for text in proposal.conflicts:
        print(f"FIXED {text}", file=sys.stderr)
    for text in applied.kept if applied else []:
        print(f"KEPT {text} (changed by someone else while solving)")
    if proposal.shape_after is not None:
        print("Roster: " + "; ".join(proposal.shape_after.lines()))
    count = len(applied.changes) if applied else len(proposal.edits)
    verb = "Applied" if applied else "Would change"
    short = f"{proposal.short} people short of cover" if proposal.short else "cover met"
    print(f"{verb} {count} cells ({short}; {proposal.status.lower()}, {proposal.seconds:.1f} s)")
    return EXIT_OK


def _solve_json(proposal: Proposal, applied: Applied | None, asked: bool) -> dict[str, object]:
    shape = proposal.shape_after
    return {
        "status": proposal.status,
        "objective": proposal.objective,
        "bound": proposal.bound,
        "seconds": round(proposal.seconds, 2),
        "applied": asked,
        "kept": applied.kept if applied else [],
        "changes": [
            {
                "member": proposal.labels.get(e.member_id),
                "member_id": e.member_id,
                "date": e.day.isoformat(),
                "from": proposal.before.get((e.member_id, e.day)),
                "to": e.code,
                "beat": e.beat,
            }
            for e in proposal.edits
        ],
        "shortfalls": proposal.explanations,
        "shape": None
        if shape is None
        else {
            "short": shape.short,
            "no_beat": shape.no_beat,
            "tour_changes_per_officer_week": round(shape.changes_per_week, 3),
            "rest_days_paired": round(shape.paired_share, 3),
            "unsocial": [shape.unsocial_duties, shape.unsocial_needed],
            "bank_holiday": [shape.holiday_duties, shape.holiday_needed],
        },
    }


def cmd_nrp(args: argparse.Namespace) -> int:
    from rosterapp.solver.nrp import NrpFormatError, evaluate, read_instance, write_solution
    from rosterapp.solver.nrp_problem import to_problem, to_solution
    from rosterapp.solver.search import solve

    if args.time_limit <= 0 or args.workers < 0:
        raise CliError("--time-limit must be positive and --workers at least 0")
    try:
        inst = read_instance(args.instance)
    except NrpFormatError as exc:
        raise CliError(str(exc)) from exc
    # The instance is read into the engine's problem and solved as a team's roster is.
    result = solve(to_problem(inst), time_limit=args.time_limit, workers=args.workers)
    if result.status not in ("OPTIMAL", "FEASIBLE"):
        raise CliError(
            f"{args.instance.name}: no roster found ({result.status}) in {args.time_limit:g} s"
        )
    solution = to_solution(inst, result.roster)
    # The objective printed is the independent evaluator's, never the model's own.
    checked = evaluate(inst, solution)
    if not checked.feasible:
        raise CliError(f"{args.instance.name}: the solution breaks {checked.violations[0]}")
    if args.solution_out:
        write_solution(args.solution_out, solution)
    report = {
        "instance": inst.name,
        "objective": checked.objective,
        "bound": round(result.bound, 3),
        "status": result.status,
        "seconds": round(result.seconds, 2),
    }
    if args.json:
        print(json.dumps(report))
    else:
        print(
            f"{inst.name}: objective {checked.objective} (bound {result.bound:g}, "
            f"{result.status.lower()}, {result.seconds:.1f} s)"
        )
    return EXIT_OK
