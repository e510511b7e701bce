"""The command line (a contract: see DESIGN.md). Errors are one line, never a traceback.

Each area of commands lives in its own module, which adds its parsers and names the
function that runs each command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rosterapp import __version__
from rosterapp.cli import (
    backups,
    data,
    exports,
    operations,
    requests,
    roster,
    solving,
    strength,
    users,
)
from rosterapp.cli.common import EXIT_DATA, CliError, Command, iso_date

# In the order `rosterapp --help` lists them.
AREAS = (data, roster, requests, operations, strength, exports, backups, solving, users)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Command]]:
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
    p.add_argument(
        "--weeks",
        choices=("1", "2", "4", "month"),
        help="weeks shown for --screenshot (1, 2, 4, or the month holding --week)",
    )
    p.add_argument(
        "--size", type=_size, metavar="WxH", help="window size for --screenshot (1600x1000)"
    )
    p.add_argument(
        "--dark", action="store_true", help="render --screenshot in the dark colour scheme"
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    commands: dict[str, Command] = {}
    for area in AREAS:
        commands.update(area.add_parsers(sub))
    return p, commands


def run(argv: list[str]) -> int:
    parser, commands = build_parser()
    args = parser.parse_args(argv)  # exits 2 on bad usage
    shot_only = args.team or args.week or args.weeks or args.size or args.dark
    if args.command is None and shot_only and not args.screenshot:
        parser.error("--team, --week, --weeks, --size and --dark go with --screenshot")
    try:
        if args.self_test:
            from rosterapp.selftest import self_test

            return self_test()
        if args.command is None:
            from rosterapp.ui.app import run_gui

            return run_gui(
                args.db,
                screenshot=args.screenshot,
                team=args.team,
                week=args.week,
                weeks=args.weeks,
                size=args.size,
                dark=args.dark,
            )
        return commands[args.command](args)
    except KeyboardInterrupt:
        print("rosterapp: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        return _report(exc)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1600x1000") from None
    if not (320 <= w <= 8000 and 240 <= h <= 8000):
        raise argparse.ArgumentTypeError(f"{text} is too small or too large")
    return w, h


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
    from rosterapp.storage.engine import is_permission_denied

    if is_permission_denied(exc):  # refused outside any open database: the server's words
        diag = getattr(getattr(exc, "orig", None), "diag", None)
        reason = getattr(diag, "message_primary", None) or "permission denied"
        print(f"rosterapp: the server refused this login: {reason}", file=sys.stderr)
        return EXIT_DATA
    from rosterapp.storage.faults import (
        RACE_MESSAGE,
        disk_full_message,
        is_disk_full,
        is_write_race,
        os_error_message,
    )

    if is_write_race(exc):
        print(f"rosterapp: {RACE_MESSAGE.format(n=1)}", file=sys.stderr)
        return EXIT_DATA
    if is_disk_full(exc):
        where = getattr(exc, "filename", None) or "the file being written"
        print(f"rosterapp: {disk_full_message(where)}", file=sys.stderr)
        return EXIT_DATA
    if isinstance(exc, OSError):
        print(f"rosterapp: {os_error_message(exc)}", file=sys.stderr)
        return EXIT_DATA
    from rosterapp.logs import log_unexpected

    where = log_unexpected(exc)
    print(f"rosterapp: unexpected error: {exc}; details are in {where}", file=sys.stderr)
    return EXIT_DATA
