"""Copies of the whole database: back up, and restore (keeping the current data aside)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rosterapp.cli.common import EXIT_OK, Command, open_db

if TYPE_CHECKING:
    from rosterapp.cli.common import Subparsers


def add_parsers(sub: Subparsers) -> dict[str, Command]:
    bk = sub.add_parser("backup", help="copy the whole database to a SQLite file")
    bk.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    rs = sub.add_parser(
        "restore", help="replace the database with a backup (the current data is kept aside)"
    )
    rs.add_argument("file", type=Path)
    return {"backup": cmd_backup, "restore": cmd_restore}


def cmd_backup(args: argparse.Namespace) -> int:
    from rosterapp.services.backups import backup

    with open_db(args) as db:
        out = backup(db, args.output)
    print(f"Backed up {db.display_name} to {out}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from rosterapp.services.backups import restore

    # No open_db: the restore replaces the database file, so nothing may hold it open.
    aside = restore(args.db, args.file)
    print(f"Restored from {args.file}; the data that was there is kept in {aside}")
    return EXIT_OK
