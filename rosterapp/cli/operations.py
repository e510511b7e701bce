"""Operations and events: `operation add|allocate|unallocate|list|shortfall`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from rosterapp.cli.common import EXIT_OK, Command, iso_date, iso_datetime, open_db
from rosterapp.domain.calendar import LONDON
from rosterapp.domain.enums import AbstractionCategory
from rosterapp.domain.operations import OperationInfo, OperationKind

if TYPE_CHECKING:
    from rosterapp.cli.common import Subparsers

KINDS = tuple(k.value for k in OperationKind)
CATEGORIES = ("mandatory", "local-aid", "central-aid", "other")


def add_parsers(sub: Subparsers) -> dict[str, Command]:
    o = sub.add_parser("operation", help="operations and events: add, allocate officers, list")
    osub = o.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = osub.add_parser("add", help="add an operation (and its repeats); prints its id")
    add.add_argument("--name", required=True)
    add.add_argument("--kind", required=True, choices=KINDS)
    add.add_argument("--from", dest="start", required=True, type=iso_datetime, metavar="DATETIME")
    add.add_argument("--to", dest="end", required=True, type=iso_datetime, metavar="DATETIME")
    add.add_argument("--need", required=True, help='e.g. "PC:12,PS:2,public-order-2:4"')
    add.add_argument("--teams", default="", metavar="T1,T2", help="supplying teams (T1:8: 8 of T1)")
    add.add_argument(
        "--repeat",
        metavar="weekly:N|weekly:N:DAYS|daily:N",
        help="weekly:8 (8 weeks), daily:3 (3 days), weekly:8:tue,fri (twice a week, 8 weeks)",
    )
    add.add_argument("--place", default="")
    add.add_argument(
        "--category", choices=CATEGORIES, help="abstraction category (default: by kind)"
    )
    for name, text in (("allocate", "allocate officers"), ("unallocate", "take officers off")):
        a = osub.add_parser(name, help=f"{text} to one occurrence of an operation")
        a.add_argument("id", type=int)
        a.add_argument("--member", action="append", metavar="SN")
        if name == "allocate":
            a.add_argument(
                "--auto",
                action="store_true",
                help="choose for what is short (ward officers and rest days spared)",
            )
        a.add_argument("--on", type=iso_date, metavar="DATE", help="the occurrence (repeats)")
    ls = osub.add_parser("list", help="operations with their occurrences and shortfall")
    ls.add_argument("--from", dest="start", type=iso_date)
    ls.add_argument("--to", dest="end", type=iso_date)
    ls.add_argument("--json", action="store_true")
    de = osub.add_parser("delete", help="remove an operation nobody is allocated to")
    de.add_argument("id", type=int)
    sf = osub.add_parser("shortfall", help="what an occurrence is short of, and why")
    sf.add_argument("id", type=int)
    sf.add_argument("--on", type=iso_date, metavar="DATE")
    return {"operation": cmd_operation}


def cmd_operation(args: argparse.Namespace) -> int:
    handler = {
        "add": _add,
        "allocate": _allocate,
        "unallocate": _allocate,
        "list": _list,
        "shortfall": _shortfall,
        "delete": _delete,
    }[args.action]
    return handler(args)


def _add(args: argparse.Namespace) -> int:
    from rosterapp.services.operations import NewOperation, add_operation

    category = AbstractionCategory(args.category.replace("-", "_")) if args.category else None
    new = NewOperation(
        args.name,
        args.kind,
        args.start,
        args.end,
        args.need,
        teams=args.teams,
        repeat=args.repeat,
        place=args.place,
        category=category,
    )
    with open_db(args) as db:
        added = add_operation(db, new)
    op = added.operation
    first = op.occurrences[0].day
    times = f"{len(op.occurrences)} occurrences from" if len(op.occurrences) > 1 else "on"
    print(
        f"Operation #{op.id} {op.name} ({op.code}): {times} {first:%a %d %b %Y}, "
        f"{op.times_label}; needs {op.needs_label}"
    )
    for w in added.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return EXIT_OK


def _allocate(args: argparse.Namespace) -> int:
    from rosterapp.services.operation_allocation import allocate, unallocate
    from rosterapp.services.operations import get_operation, occurrence_on

    with open_db(args) as db:
        occ = occurrence_on(get_operation(db, args.id), args.on)
        do = allocate if args.action == "allocate" else unallocate
        members = list(args.member or [])
        if getattr(args, "auto", False):
            from rosterapp.services.errors import InvalidInput
            from rosterapp.services.operation_suggest import suggest

            found = suggest(db, args.id, occ.id)
            members += [sn for sn in found.shoulder_numbers if sn not in members]
            if not members:  # one line: what stays short and why
                raise InvalidInput("nobody to allocate: " + "; ".join(found.notes), field="member")
            for note in found.notes:
                print(f"note: {note}", file=sys.stderr)
        change = do(db, args.id, occ.id, members)
        after = get_operation(db, args.id).occurrence(occ.id)
    assert after is not None
    verb = "Allocated" if change.allocated else "Took off"
    print(
        f"{verb} {', '.join(change.shoulder_numbers)} on {occ.day:%a %d %b %Y}: "
        f"{len(after.allocated)} allocated, {after.shortfall_label}"
    )
    for w in change.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from rosterapp.services.operations import list_operations

    with open_db(args) as db:
        ops = list_operations(db, args.start, args.end)
    if args.json:
        print(json.dumps([as_json(o) for o in ops], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not ops:
        print("No operations.")
    for op in ops:
        teams = ", ".join(t.label for t in op.teams) or "any team"
        where = f" at {op.place}" if op.place else ""
        print(
            f"#{op.id} {op.code} {op.name} — {op.kind.label}, {op.category_label}{where}; "
            f"{op.times_label}; needs {op.needs_label}; from {teams}"
        )
        for occ in op.occurrences:
            print(f"  {occ.day:%a %d %b %Y}: {len(occ.allocated)} allocated, {occ.shortfall_label}")
    return EXIT_OK


def _shortfall(args: argparse.Namespace) -> int:
    from rosterapp.services.operation_checks import shortfall
    from rosterapp.services.operations import get_operation, occurrence_on

    with open_db(args) as db:
        op = get_operation(db, args.id)
        found = shortfall(db, args.id, occurrence_on(op, args.on).id)
    print(f"{op.name} on {found.day:%a %d %b %Y}: {found.shortfall_label}")
    for c in found.counts:
        print(f"  {c.label}" + (f" — {c.explanation}" if c.explanation else ""))
    return EXIT_OK


def _delete(args: argparse.Namespace) -> int:
    from rosterapp.services.operations import delete_operation, get_operation

    with open_db(args) as db:
        op = get_operation(db, args.id)
        delete_operation(db, args.id, expected_version=op.version)
    print(f"Operation #{op.id} {op.name} ({op.code}) deleted")
    return EXIT_OK


def as_json(op: OperationInfo) -> dict[str, Any]:
    return {
        "id": op.id,
        "name": op.name,
        "kind": op.kind.value,
        "category": op.category.value,
        "place": op.place,
        "code": op.code,
        "starts": f"{op.starts:%H:%M}",
        "ends": f"{op.ends:%H:%M}",
        "needs": [_need(n) | {"count": n.count} for n in op.needs],
        "teams": [{"team": t.code, "count": t.count} for t in op.teams],
        "occurrences": [
            {
                "id": o.id,
                "date": o.day.isoformat(),
                "begins": o.begins.astimezone(LONDON).isoformat(),
                "ends": o.ends.astimezone(LONDON).isoformat(),
                "allocated": [a.shoulder_number for a in o.allocated],
                "needs": [
                    _need(c.need)
                    | {"needed": c.need.count, "allocated": c.allocated, "short": c.short}
                    for c in o.counts
                ],
                "short": o.short,
            }
            for o in op.occurrences
        ],
    }


def _need(n: Any) -> dict[str, Any]:
    return {"rank": n.rank.value} if n.rank is not None else {"skill": n.skill}
