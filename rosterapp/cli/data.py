"""Loading data: the demo teams, and members or roster entries from a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rosterapp.cli.common import EXIT_OK, CliError, Command, iso_date, open_db

if TYPE_CHECKING:
    from rosterapp.cli.common import Subparsers


def add_parsers(sub: Subparsers) -> dict[str, Command]:
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
    im.add_argument(
        "--new-skill",
        action="append",
        default=[],
        metavar="NAME",
        help="accept a skill nobody has yet (repeat for each); others are refused",
    )
    im.add_argument(
        "--ignore-skill",
        action="append",
        default=[],
        metavar="NAME",
        help="leave a skill nobody has out of the rows naming it (repeat for each)",
    )
    ir = isub.add_parser("roster", help="roster entries: shoulder_number, date, shift")
    ir.add_argument("file", type=Path)
    ir.add_argument("--dry-run", action="store_true")
    iq = isub.add_parser(
        "requests",
        help="requests: shoulder_number, kind, from, to, shift, with_shoulder_number, note",
    )
    iq.add_argument("file", type=Path)
    iq.add_argument("--dry-run", action="store_true")
    for p in (im, ir, iq):
        p.add_argument(
            "--column",
            action="append",
            default=[],
            type=_column_pair,
            metavar="HEADER=COLUMN",
            help="read the file's column HEADER as COLUMN ('Collar=shoulder_number'); "
            "HEADER= leaves it out (repeat for each)",
        )
    return {"demo": cmd_demo, "import": cmd_import}


def cmd_demo(args: argparse.Namespace) -> int:
    from rosterapp.services.demo import build_demo

    with open_db(args) as db:
        s = build_demo(db, scale=args.scale, seed=args.seed, start=args.start)
    print(
        f"Loaded {s.teams} teams, {s.members} members and {s.assignments} roster entries "
        f"from {s.start} to {s.end} into {db.display_name}"
    )
    return EXIT_OK


def _column_pair(text: str) -> tuple[str, str]:
    header, sep, column = text.partition("=")
    if not sep or not header.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not HEADER=COLUMN")
    return header, column.strip().lower()


def _mapping(args: argparse.Namespace) -> dict[str, str] | None:
    """--column pairs as the importers' mapping (normalised header → column); a column
    the import does not have is refused with the ones it has."""
    from rosterapp.importers.specs import spec_for
    from rosterapp.importers.tabular import norm_header

    if not args.column:
        return None
    spec = spec_for(args.what, team_chosen=bool(getattr(args, "team", None)))
    for header, column in args.column:
        if column and column not in spec.columns():
            raise CliError(
                f"--column {header}={column}: {args.what} files have no column '{column}' "
                f"(they have: {', '.join(spec.columns())})"
            )
    return {norm_header(header): column for header, column in args.column}


def cmd_import(args: argparse.Namespace) -> int:
    from rosterapp.services.imports import import_members, import_roster

    mapping = _mapping(args)
    with open_db(args) as db:
        if args.what == "members":
            result = import_members(
                db,
                args.file,
                team=args.team,
                dry_run=args.dry_run,
                new_skills=args.new_skill,
                ignore_skills=args.ignore_skill,
                mapping=mapping,
            )
            noun = "members"
        elif args.what == "requests":
            from rosterapp.services.request_import import import_requests

            result = import_requests(db, args.file, dry_run=args.dry_run, mapping=mapping)
            noun = "requests"
        else:
            result = import_roster(db, args.file, dry_run=args.dry_run, mapping=mapping)
            noun = "roster entries"
    if result.written:
        print(f"Imported {result.rows} {noun} from {args.file.name}")
    else:
        print(f"{args.file.name}: {result.rows} {noun} are valid (dry run: nothing written)")
    return EXIT_OK
