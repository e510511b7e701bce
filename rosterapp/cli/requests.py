"""Requests and balances: `request add|list|decide`, `balances`."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from rosterapp.cli.common import EXIT_OK, Command, iso_date, open_db

if TYPE_CHECKING:
    from rosterapp.cli.common import Subparsers

KINDS = ("leave", "rest-day", "shift", "avoid", "swap", "toil")
STATUSES = ("pending", "approved", "declined", "withdrawn", "cancelled")


def add_parsers(sub: Subparsers) -> dict[str, Command]:
    r = sub.add_parser("request", help="enter, list and decide officers' requests")
    rsub = r.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = rsub.add_parser("add", help="enter a request for an officer; prints its id")
    add.add_argument("--member", required=True, metavar="SN")
    add.add_argument("--kind", required=True, choices=KINDS)
    add.add_argument("--from", dest="start", required=True, type=iso_date)
    add.add_argument("--to", dest="end", type=iso_date)
    add.add_argument("--shift", metavar="CODE")
    add.add_argument("--with", dest="with_member", metavar="SN")
    add.add_argument("--note")
    ls = rsub.add_parser("list", help="a team's requests, oldest first")
    ls.add_argument("--team", required=True)
    ls.add_argument("--status", choices=STATUSES)
    ls.add_argument("--json", action="store_true")
    d = rsub.add_parser("decide", help="approve or decline a pending request")
    d.add_argument("id", type=int)
    how = d.add_mutually_exclusive_group(required=True)
    how.add_argument("--approve", action="store_true")
    how.add_argument("--decline", action="store_true")
    d.add_argument("--reason")
    d.add_argument("--override", metavar="REASON", help="approve over a leave limit or blackout")

    cx = rsub.add_parser("cancel", help="cancel an approved request (its leave is given back)")
    cx.add_argument("id", type=int)
    cx.add_argument("--reason")

    bo = sub.add_parser("blackout", help="dates a team grants no leave without a reason")
    bosub = bo.add_subparsers(dest="action", metavar="ACTION", required=True)
    boa = bosub.add_parser("add", help="add a blackout period (e.g. Carnival)")
    boa.add_argument("--team", required=True)
    boa.add_argument("--from", dest="start", required=True, type=iso_date)
    boa.add_argument("--to", dest="end", required=True, type=iso_date)
    boa.add_argument("--reason", required=True)

    b = sub.add_parser("balances", help="each member's leave, lieu, TOIL and overtime")
    b.add_argument("--team", required=True)
    b.add_argument("--year", type=int, help="the leave year starting in this year")
    b.add_argument("--json", action="store_true")
    return {"request": cmd_request, "blackout": cmd_blackout, "balances": cmd_balances}


def cmd_blackout(args: argparse.Namespace) -> int:
    from rosterapp.services.requests import add_blackout

    with open_db(args) as db:
        b = add_blackout(db, args.team, args.start, args.end, args.reason)
    print(f"Blackout #{b.id} for {args.team}: {b.start} to {b.end} ({b.reason})")
    return EXIT_OK


def cmd_request(args: argparse.Namespace) -> int:
    if args.action == "add":
        return _add(args)
    if args.action == "list":
        return _list(args)
    if args.action == "cancel":
        from rosterapp.services.request_decisions import cancel_request

        with open_db(args) as db:
            info = cancel_request(db, args.id, reason=args.reason)
        print(f"Request #{info.id} cancelled")
        return EXIT_OK
    return _decide(args)


def _add(args: argparse.Namespace) -> int:
    from rosterapp.domain.requests import RequestKind
    from rosterapp.services.requests import NewRequest, add_request

    req = NewRequest(
        args.member,
        RequestKind(args.kind),
        args.start,
        args.end,
        args.shift,
        args.with_member,
        args.note,
    )
    with open_db(args) as db:
        info = add_request(db, req)
    print(info.id)
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from rosterapp.domain.requests import RequestStatus
    from rosterapp.services.requests import list_requests

    with open_db(args) as db:
        rows = list_requests(db, args.team, RequestStatus(args.status) if args.status else None)
    if args.json:
        print(json.dumps([_json(r) for r in rows], indent=2))
        return EXIT_OK
    for r in rows:
        extra = r.shift or (f"with {r.with_shoulder}" if r.with_shoulder else "")
        span = str(r.start) if r.start == r.end else f"{r.start} to {r.end}"
        print(f"#{r.id}\t{r.status.value}\t{r.shoulder_number}\t{r.kind.value}\t{span}\t{extra}")
    return EXIT_OK


def _json(r: object) -> dict[str, object]:
    from rosterapp.domain.requests import RequestInfo

    assert isinstance(r, RequestInfo)
    return {
        "id": r.id,
        "team": r.team_code,
        "shoulder_number": r.shoulder_number,
        "kind": r.kind.value,
        "from": r.start.isoformat(),
        "to": r.end.isoformat(),
        "shift": r.shift,
        "with_shoulder_number": r.with_shoulder,
        "note": r.note,
        "status": r.status.value,
        "asked_at": r.asked_at.isoformat(),
        "decided_by": r.decided_by,
        "reason": r.decision_reason,
        "override_reason": r.override_reason,
    }


def _decide(args: argparse.Namespace) -> int:
    from rosterapp.services.request_decisions import decide

    with open_db(args) as db:
        d = decide(
            db, args.id, approve=args.approve, reason=args.reason, override_reason=args.override
        )
    print(
        f"Request #{d.request.id} {d.request.status.value}: {len(d.changes)} roster cell(s) changed"
    )
    return EXIT_OK


def cmd_balances(args: argparse.Namespace) -> int:
    from rosterapp.services.balances import team_balances

    with open_db(args) as db:
        rows = team_balances(db, args.team, args.year)
    if args.json:
        print(json.dumps([b.as_json() for b in rows], indent=2))
        return EXIT_OK
    print(
        "member\tentitlement\tcarried\ttaken\tbooked\tpending\tremaining\tlieu\t"
        "RD owed\tTOIL h\tOT h"
    )
    for b in rows:
        print(
            f"{b.shoulder_number}\t{b.entitlement:g}\t{b.carried_over:g}\t{b.taken:g}\t{b.booked:g}\t{b.pending:g}\t"
            f"{b.remaining:g}\t{b.days_in_lieu}\t{b.rest_days_owed}\t{b.toil_hours:g}\t"
            f"{b.overtime_hours:g}"
        )
    return EXIT_OK
