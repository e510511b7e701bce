"""Writing files for others: the HR workbook, briefing sheets, the printed roster and an
officer's calendar."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rosterapp.cli.common import EXIT_OK, CliError, Command, iso_date, open_db, team_range

if TYPE_CHECKING:
    from rosterapp.cli.common import Subparsers
    from rosterapp.storage import Database


def add_parsers(sub: Subparsers) -> dict[str, Command]:
    ex = sub.add_parser("export", help="write an HR workbook, briefing, roster PDF or calendar")
    esub = ex.add_subparsers(dest="what", metavar="WHAT", required=True)
    x = esub.add_parser("xlsx", help="the HR workbook")
    team_range(x)
    x.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx")
    b = esub.add_parser("briefing", help="briefing sheet(s) for a date")
    b.add_argument("--team", required=True)
    b.add_argument("--date", required=True, type=iso_date)
    b.add_argument("--shift", metavar="CODE", help="one shift (default: every duty shift)")
    b.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    r = esub.add_parser("roster-pdf", help="the roster for the notice board")
    team_range(r)
    r.add_argument("--paper", choices=("auto", "A4", "A3"), default="auto")
    r.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    i = esub.add_parser("ics", help="one officer's duties as a calendar")
    i.add_argument("--member", required=True, metavar="SHOULDER")
    i.add_argument("--from", dest="start", required=True, type=iso_date)
    i.add_argument("--to", dest="end", required=True, type=iso_date)
    i.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.ics")
    n = esub.add_parser("npg", help="the Neighbourhood Policing Guarantee return, every ward")
    n.add_argument("--from", dest="start", required=True, type=iso_date)
    n.add_argument("--to", dest="end", required=True, type=iso_date)
    n.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx")
    o = esub.add_parser("overview", help="the inspector's overview of every team")
    o.add_argument("--from", dest="start", required=True, type=iso_date)
    o.add_argument("--to", dest="end", required=True, type=iso_date)
    o.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx|FILE.pdf")
    return {"export": cmd_export}


def cmd_export(args: argparse.Namespace) -> int:
    from rosterapp.exports.files import ExportError
    from rosterapp.exports.fonts import noting_unprintable, unprintable_warning
    from rosterapp.services import exporting

    try:
        with open_db(args) as db, noting_unprintable() as unprintable:
            if args.what == "xlsx":
                out = exporting.export_xlsx(db, args.team, args.start, args.end, args.output)
            elif args.what == "roster-pdf":
                out = exporting.export_roster_pdf(
                    db, args.team, args.start, args.end, args.output, paper=args.paper
                )
            elif args.what == "npg":
                out = exporting.export_npg(db, args.start, args.end, args.output)
            elif args.what == "overview":
                out = exporting.export_overview(db, args.start, args.end, args.output)
            elif args.what == "ics":
                out = exporting.export_ics(db, args.member, args.start, args.end, args.output)
            else:
                out = _export_briefings(db, args)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    print(f"Wrote {out}")
    if unprintable:  # written all the same: the rest of the sheet is right
        print(f"warning: {unprintable_warning(unprintable)}", file=sys.stderr)
    return EXIT_OK


def _export_briefings(db: Database, args: argparse.Namespace) -> Path:
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
