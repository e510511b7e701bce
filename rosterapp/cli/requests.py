"""Requests and balances: `request add|list|decide`, `balances`."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from rosterapp.cli.common import EXIT_OK, Command, iso_date, open_db

if TYPE_CHECKING:
    from rosterapp.cli.common import Subparsers
    from rosterapp.domain.requests import BlackoutInfo

KINDS = ("leave", "rest-day", "shift", "avoid", "swap", "toil", "lieu")
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
    _blackout_and_balance_parsers(sub)
    return {
        "request": cmd_request,
        "blackout": cmd_blackout,
        "toil": cmd_toil,
        "balances": cmd_balances,
    }


def _blackout_and_balance_parsers(sub: Subparsers) -> None:
    bo = sub.add_parser("blackout", help="dates a team grants no leave without a reason")
    bosub = bo.add_subparsers(dest="action", metavar="ACTION", required=True)
    boa = bosub.add_parser("add", help="add a blackout period (e.g. Carnival)")
    boa.add_argument("--team", required=True)
    boa.add_argument("--from", dest="start", required=True, type=iso_date)
    boa.add_argument("--to", dest="end", required=True, type=iso_date)
    boa.add_argument("--reason", required=True)
    bol = bosub.add_parser("list", help="list the team's blackout periods")
    bol.add_argument("--team", required=True)
    bol.add_argument("--json", action="store_true")
    bor = bosub.add_parser("remove", help="remove a blackout period")
    bor.add_argument("id", type=int)
    bor.add_argument("--team", required=True)

    t = sub.add_parser("toil", help="time off in lieu earned (hours taken as time, not pay)")
    tsub = t.add_subparsers(dest="action", metavar="ACTION", required=True)
    ta = tsub.add_parser("add", help="record TOIL hours earned on a day")
    ta.add_argument("--member", required=True, metavar="SN")
    ta.add_argument("--date", dest="day", required=True, type=iso_date)
    ta.add_argument("--hours", required=True, type=hours_value)
    ta.add_argument("--reason", required=True)
    tl = tsub.add_parser("list", help="a member's TOIL earned")
    tl.add_argument("--member", required=True, metavar="SN")
    tl.add_argument("--json", action="store_true")

    b = sub.add_parser("balances", help="each member's leave, lieu, TOIL and overtime")
    b.add_argument("--team", required=True)
    b.add_argument("--year", type=int, help="the leave year starting in this year")
    b.add_argument("--json", action="store_true")


def hours_value(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of hours like 2.5") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of hours like 2.5")
    return value


def cmd_toil(args: argparse.Namespace) -> int:
    from rosterapp.services.toil import add_toil, list_toil

    with open_db(args) as db:
        if args.action == "add":
            t = add_toil(db, args.member, args.day, args.hours, args.reason)
            print(f"TOIL #{t.id}: {t.hours:g} h earned on {t.day} ({t.reason})")
            return EXIT_OK
        rows = list_toil(db, args.member)
    if args.json:
        out = [
            {"id": t.id, "date": t.day.isoformat(), "hours": t.hours, "reason": t.reason}
            for t in rows
        ]
        print(json.dumps(out, indent=2))
    else:
        for t in rows:
            print(f"#{t.id}\t{t.day}\t{t.hours:g}\t{t.reason}")
    return EXIT_OK


def cmd_blackout(args: argparse.Namespace) -> int:
    from rosterapp.services.blackouts import list_blackouts, remove_blackout
    from rosterapp.services.requests import add_blackout

    with open_db(args) as db:
        if args.action == "list":
            rows = list_blackouts(db, args.team)
            if args.json:
                print(json.dumps([_blackout_json(b) for b in rows], indent=2))
            for b in [] if args.json else rows:
                print(f"#{b.id}\t{b.start}\t{b.end}\t{b.reason}")
            return EXIT_OK
        if args.action == "remove":
            b = remove_blackout(db, args.team, args.id)
            print(f"Removed blackout #{b.id} ({b.start} to {b.end}, {b.reason})")
            return EXIT_OK
        b = add_blackout(db, args.team, args.start, args.end, args.reason)
    print(f"Blackout #{b.id} for {args.team}: {b.start} to {b.end} ({b.reason})")
    return EXIT_OK


def _blackout_json(b: BlackoutInfo) -> dict[str, object]:
    return {"id": b.id, "from": b.start.isoformat(), "to": b.end.isoformat(), "reason": b.reason}


def cmd_request(args: argparse.Namespace) -> int:
    if args.action == "add":
        return _add(args)
    if args.action == "list":
        return _list(args)
    if args.action == "cancel":
        from rosterapp.services.request_cancel import cancel_request

        with open_db(args) as db:
            done = cancel_request(db, args.id, reason=args.reason)
        print(f"Request #{done.request.id} cancelled")
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
        "member\tentitlement\tcarried\ttaken\tbooked\tpending\tremaining\tBH worked\t"
        "lieu taken\tlieu owed\tRD owed\tTOIL h\tTOIL earned\tOT h"
    )
    for b in rows:
        values = (
            *(b.shoulder_number, b.entitlement, b.carried_over, b.taken, b.booked, b.pending),
            *(b.remaining, b.bank_holidays_worked, b.lieu_taken, b.days_in_lieu),
            *(b.rest_days_owed, b.toil_hours, b.toil_earned, b.overtime_hours),
        )
        print("\t".join(v if isinstance(v, str) else f"{v:g}" for v in values))
    return EXIT_OK
