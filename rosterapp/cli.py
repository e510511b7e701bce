"""The command line (a contract: see DESIGN.md). Errors are one line, never a traceback."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rosterapp import __version__

log = logging.getLogger(__name__)

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_BLOCKING = 0, 1, 2, 3


class CliError(Exception):
    """Input or data was wrong: printed as one line, exit status 1."""


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-12-07") from None


def iso_datetime(text: str) -> datetime:
    from rosterapp.domain.calendar import LONDON

    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date and time like 2026-12-07T18:30"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=LONDON)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="rosterapp",
        description="Rosters for Safer Neighbourhood Teams. Without a command, opens the window.",
    )
    p.add_argument("--version", action="version", version=f"rosterapp {__version__}")
    p.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="SQLite file or postgresql:// URL (default: $ROSTERAPP_DB, "
        "then the file in your data folder)",
    )
    p.add_argument(
        "--self-test",
        action="store_true",
        help="offscreen check of a temporary database, the grid and exports",
    )
    p.add_argument(
        "--screenshot",
        metavar="FILE",
        type=Path,
        help="render the main window offscreen to a PNG and exit",
    )
    p.add_argument("--team", help="team for --screenshot")
    p.add_argument("--week", type=iso_date, help="a date in the week for --screenshot")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    d = sub.add_parser("demo", help="load the demo teams into the database")
    d.add_argument("--scale", choices=("standard", "bcu"), default="standard")
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--start", type=iso_date, help="a date in the second demo week (default: today)")

    imp = sub.add_parser("import", help="import members or roster entries from CSV/XLSX")
    isub = imp.add_subparsers(dest="what", metavar="WHAT", required=True)
    im = isub.add_parser("members", help="members file (see README for columns)")
    im.add_argument("file", type=Path)
    im.add_argument("--team")
    im.add_argument("--dry-run", action="store_true")
    ir = isub.add_parser("roster", help="roster entries: shoulder_number, date, shift")
    ir.add_argument("file", type=Path)
    ir.add_argument("--dry-run", action="store_true")

    a = sub.add_parser("assign", help="set one roster cell")
    a.add_argument("--member", required=True, metavar="SHOULDER")
    a.add_argument("--date", required=True, type=iso_date)
    a.add_argument("--shift", required=True, metavar="CODE")
    a.add_argument("--beat")
    a.add_argument("--note")
    a.add_argument(
        "--told",
        type=iso_datetime,
        metavar="DATETIME",
        help="when the member was told (changes to a published roster)",
    )

    pb = sub.add_parser("publish", help="publish a roster period")
    _team_range(pb)

    c = sub.add_parser("check", help="check the roster against the rules")
    _team_range(c)
    c.add_argument("--json", action="store_true")

    ex = sub.add_parser("export", help="write an HR workbook, briefing, roster PDF or calendar")
    esub = ex.add_subparsers(dest="what", metavar="WHAT", required=True)
    x = esub.add_parser("xlsx", help="the HR workbook")
    _team_range(x)
    x.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx")
    b = esub.add_parser("briefing", help="briefing sheet(s) for a date")
    b.add_argument("--team", required=True)
    b.add_argument("--date", required=True, type=iso_date)
    b.add_argument("--shift", metavar="CODE", help="one shift (default: every duty shift)")
    b.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    r = esub.add_parser("roster-pdf", help="the roster for the notice board")
    _team_range(r)
    r.add_argument("--paper", choices=("auto", "A4", "A3"), default="auto")
    r.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    i = esub.add_parser("ics", help="one officer's duties as a calendar")
    i.add_argument("--member", required=True, metavar="SHOULDER")
    i.add_argument("--from", dest="start", required=True, type=iso_date)
    i.add_argument("--to", dest="end", required=True, type=iso_date)
    i.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.ics")
    bk = sub.add_parser("backup", help="copy the whole database to a SQLite file")
    bk.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    rs = sub.add_parser(
        "restore", help="replace the database with a backup (the current data is kept aside)"
    )
    rs.add_argument("file", type=Path)
    so = sub.add_parser("solve", help="fill (or repair) a period with the solver")
    _team_range(so)
    so.add_argument("--time-limit", type=float, default=10.0, metavar="S")
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
    return p


def _team_range(p: argparse.ArgumentParser) -> None:
    p.add_argument("--team", required=True)
    p.add_argument("--from", dest="start", required=True, type=iso_date)
    p.add_argument("--to", dest="end", required=True, type=iso_date)


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on bad usage
    if args.command is None and (args.team or args.week) and not args.screenshot:
        parser.error("--team and --week go with --screenshot")
    try:
        if args.self_test:
            from rosterapp.selftest import self_test

            return self_test()
        if args.command is None:
            from rosterapp.ui.app import run_gui

            return run_gui(args.db, screenshot=args.screenshot, team=args.team, week=args.week)
        handler = COMMANDS[args.command]
        return handler(args)
    except KeyboardInterrupt:
        print("rosterapp: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        return _report(exc)


def _report(exc: Exception) -> int:
    from rosterapp.importers.tabular import ImportFailed
    from rosterapp.services.errors import ServiceError
    from rosterapp.storage import DatabaseError

    if isinstance(exc, CliError | ServiceError | DatabaseError | ImportFailed):
        print(f"rosterapp: {exc}", file=sys.stderr)
        if isinstance(exc, ImportFailed) and len(exc.errors) > 5:
            for err in exc.errors[5:50]:
                print(f"  {err}", file=sys.stderr)
        return EXIT_DATA
    if isinstance(exc, OSError):
        print(
            f"rosterapp: {exc.strerror or exc} ({exc.filename or ''})".rstrip(" ()"),
            file=sys.stderr,
        )
        return EXIT_DATA
    from rosterapp.logs import log_unexpected

    where = log_unexpected(exc)
    print(f"rosterapp: unexpected error: {exc}; details are in {where}", file=sys.stderr)
    return EXIT_DATA


def _open(args: argparse.Namespace) -> Any:
    from rosterapp.storage import Database

    return Database.open(args.db)


def cmd_demo(args: argparse.Namespace) -> int:
    from rosterapp.services.demo import build_demo

    db = _open(args)
    try:
        s = build_demo(db, scale=args.scale, seed=args.seed, start=args.start)
    finally:
        db.close()
    print(
        f"Loaded {s.teams} teams, {s.members} members and {s.assignments} roster entries "
        f"from {s.start} to {s.end} into {db.display_name}"
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        if args.what == "members":
            from rosterapp.services.imports import import_members

            result = import_members(db, args.file, team=args.team, dry_run=args.dry_run)
            noun = "members"
        else:
            from rosterapp.services.imports import import_roster

            result = import_roster(db, args.file, dry_run=args.dry_run)
            noun = "roster entries"
    finally:
        db.close()
    if result.written:
        print(f"Imported {result.rows} {noun} from {args.file.name}")
    else:
        print(f"{args.file.name}: {result.rows} {noun} are valid (dry run: nothing written)")
    return EXIT_OK


def cmd_assign(args: argparse.Namespace) -> int:
    from rosterapp.services.roster.edits import assign

    db = _open(args)
    try:
        change = assign(
            db,
            args.member,
            args.date,
            args.shift,
            beat=args.beat,
            note=args.note,
            told_at=args.told,
        )
    finally:
        db.close()
    if change is None:
        print(f"{args.member.upper()} on {args.date}: unchanged")
    else:
        before = change.before.code if change.before else "empty"
        after = change.after.code if change.after else "empty"
        beat = f" on {change.after.beat}" if change.after and change.after.beat else ""
        print(f"{args.member.upper()} on {args.date}: {before} → {after}{beat}")
    return EXIT_OK


def cmd_publish(args: argparse.Namespace) -> int:
    from rosterapp.services.periods import publish_period

    db = _open(args)
    try:
        p = publish_period(db, args.team, args.start, args.end)
    finally:
        db.close()
    print(f"Published {args.team} from {p.start_date} to {p.end_date}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from rosterapp.domain.findings import Severity
    from rosterapp.services.checks import check_team

    db = _open(args)
    try:
        report = check_team(db, args.team, args.start, args.end)
    finally:
        db.close()
    if args.json:
        print(json.dumps([f.as_json() for f in report.findings], ensure_ascii=False, indent=2))
    else:
        for f in report.findings:
            status = "OK" if f.accepted_reason else f.severity.value.upper()
            accepted = f" (accepted: {f.accepted_reason})" if f.accepted_reason else ""
            print(f"{status:5} {f.rule:22} {f.message}{accepted}")
        counts = report.counts()
        print(
            f"{len(report.findings)} finding(s): {counts[Severity.BLOCK]} blocking, "
            f"{counts[Severity.WARN]} warnings, {counts[Severity.INFO]} for information"
        )
    return EXIT_BLOCKING if report.has_blocking else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from rosterapp.exports.files import ExportError
    from rosterapp.services import exporting

    db = _open(args)
    try:
        if args.what == "xlsx":
            out = exporting.export_xlsx(db, args.team, args.start, args.end, args.output)
        elif args.what == "roster-pdf":
            out = exporting.export_roster_pdf(
                db, args.team, args.start, args.end, args.output, paper=args.paper
            )
        elif args.what == "ics":
            out = exporting.export_ics(db, args.member, args.start, args.end, args.output)
        else:
            out = _export_briefings(db, args)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close()
    print(f"Wrote {out}")
    return EXIT_OK


def _export_briefings(db: Any, args: argparse.Namespace) -> Path:
    from rosterapp.services import exporting
    from rosterapp.services.shift_types import list_shift_types

    if args.shift:
        return exporting.export_briefing(db, args.team, args.date, args.shift, args.output)
    # Every duty shift of the day: FILE-E.pdf, FILE-L.pdf...
    written = []
    for st in list_shift_types(db):
        if st.is_duty:
            target = args.output.with_name(f"{args.output.stem}-{st.code}{args.output.suffix}")
            written.append(exporting.export_briefing(db, args.team, args.date, st.code, target))
    return written[0].parent


def cmd_solve(args: argparse.Namespace) -> int:
    from rosterapp.services.solving import apply_proposal, propose

    db = _open(args)
    try:
        proposal = propose(
            db,
            args.team,
            args.start,
            args.end,
            mode="repair" if args.repair else "fill",
            time_limit=args.time_limit,
        )
        if not proposal.found:
            raise CliError(
                f"no roster found in {args.time_limit:g} s ({proposal.status}); "
                "give it more time with --time-limit"
            )
        applied = apply_proposal(db, proposal) if args.apply and proposal.edits else None
    finally:
        db.close()
    if args.json:
        print(
            json.dumps(
                {
                    "status": proposal.status,
                    "objective": proposal.objective,
                    "bound": proposal.bound,
                    "seconds": round(proposal.seconds, 2),
                    "applied": bool(args.apply),
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
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    for e in proposal.edits:
        print(proposal.describe(e))
    for text in proposal.explanations:
        print(f"SHORT {text}")
    for text in proposal.conflicts:
        print(f"FIXED {text}", file=sys.stderr)
    for text in applied.kept if applied else []:
        print(f"KEPT {text} (changed by someone else while solving)")
    count = len(applied.changes) if applied else len(proposal.edits)
    verb = "Applied" if applied else "Would change"
    short = f"{proposal.short} people short of cover" if proposal.short else "cover met"
    print(f"{verb} {count} cells ({short}; {proposal.status.lower()}, {proposal.seconds:.1f} s)")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from rosterapp.services.backups import backup

    db = _open(args)
    try:
        out = backup(db, args.output)
    finally:
        db.close()
    print(f"Backed up {db.display_name} to {out}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from rosterapp.services.backups import restore

    aside = restore(args.db, args.file)
    print(f"Restored from {args.file}; the data that was there is kept in {aside}")
    return EXIT_OK


def cmd_nrp(args: argparse.Namespace) -> int:
    from rosterapp.solver.nrp import NrpFormatError, evaluate, read_instance, write_solution
    from rosterapp.solver.nrp_model import solve

    if args.time_limit <= 0 or args.workers < 0:
        raise CliError("--time-limit must be positive and --workers at least 0")
    try:
        inst = read_instance(args.instance)
    except NrpFormatError as exc:
        raise CliError(str(exc)) from exc
    result = solve(inst, time_limit=args.time_limit, workers=args.workers)
    if result.status not in ("OPTIMAL", "FEASIBLE"):
        raise CliError(
            f"{args.instance.name}: no roster found ({result.status}) in {args.time_limit:g} s"
        )
    # The objective printed is the independent evaluator's, never the model's own.
    checked = evaluate(inst, result.solution)
    if not checked.feasible:
        raise CliError(f"{args.instance.name}: the solution breaks {checked.violations[0]}")
    if args.solution_out:
        write_solution(args.solution_out, result.solution)
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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "import": cmd_import,
    "assign": cmd_assign,
    "publish": cmd_publish,
    "check": cmd_check,
    "export": cmd_export,
    "nrp": cmd_nrp,
    "solve": cmd_solve,
    "backup": cmd_backup,
    "restore": cmd_restore,
}
