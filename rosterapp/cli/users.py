"""Logins on a shared PostgreSQL database: `users add|list|remove` (administrators)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from rosterapp.cli.common import EXIT_OK, Command, open_db

if TYPE_CHECKING:
    from rosterapp.cli.common import Subparsers

ROLES = ("sergeant", "inspector", "hr", "admin")


def add_parsers(sub: Subparsers) -> dict[str, Command]:
    u = sub.add_parser("users", help="who may log in to a shared PostgreSQL database, and as what")
    usub = u.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = usub.add_parser("add", help="create a login with a role (or give an existing one)")
    add.add_argument("login")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--team",
        dest="teams",
        action="append",
        default=[],
        metavar="CODE",
        help="a team the sergeant supervises (or the inspector decides for); repeat",
    )
    add.add_argument(
        "--password-file",
        type=Path,
        metavar="FILE",
        help="the password is the file's first line (omit to give a role to an existing login)",
    )
    ls = usub.add_parser("list", help="the logins and their roles and teams")
    ls.add_argument("--json", action="store_true")
    rm = usub.add_parser("remove", help="take a login's rights away and drop it")
    rm.add_argument("login")
    return {"users": cmd_users}


def cmd_users(args: argparse.Namespace) -> int:
    from rosterapp.services import users

    with open_db(args) as db:
        if args.action == "add":
            password = users.read_password_file(args.password_file) if args.password_file else None
            info = users.add_user(db, args.login, args.role, args.teams, password)
            teams = f" of {', '.join(info.teams)}" if info.teams else ""
            print(f"Added {info.login}: {info.role}{teams}")
        elif args.action == "remove":
            dropped = users.remove_user(db, args.login)
            if dropped:
                print(f"Removed {args.login}; the login is dropped from the server")
            else:
                print(
                    f"Removed {args.login}; the server keeps the login (it owns objects "
                    "elsewhere) but it can no longer log in"
                )
        else:
            rows = users.list_users(db)
            if args.json:
                print(json.dumps([_json(u) for u in rows], indent=2))
            else:
                for u in rows:
                    teams = ", ".join(u.teams) or "-"
                    state = "" if u.can_log_in else "  (cannot log in)"
                    print(f"{u.login:<24} {u.role:<10} {teams}{state}")
    return EXIT_OK


def _json(u: object) -> dict[str, object]:
    from rosterapp.services.users import UserInfo

    assert isinstance(u, UserInfo)
    return {
        "login": u.login,
        "role": u.role,
        "teams": list(u.teams),
        "can_log_in": u.can_log_in,
        "created_at": u.created_at.isoformat() if u.created_at else None,
        "created_by": u.created_by,
    }
