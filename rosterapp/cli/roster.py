"""The roster itself: set a cell, publish a period, check the rules."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from rosterapp.cli.common import (
    EXIT_BLOCKING,
    EXIT_OK,
    Command,
    iso_date,
    iso_datetime,
    open_db,
    team_range,
)

if TYPE_CHECKING:
    from rosterapp.cli.common import Subparsers


def add_parsers(sub: Subparsers) -> dict[str, Command]:
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

    pb = sub.add_parser(
        "publish",
        help="publish a roster period (by default the next 3 months not yet published)",
    )
    pb.add_argument("--team", required=True)
    pb.add_argument(
        "--from",
        dest="start",
        type=iso_date,
        help="first day (default: next Monday, or the day after the published roster)",
    )
    pb.add_argument(
        "--to",
        dest="end",
        type=iso_date,
        help="last day (default: a whole week on or after 3 months from --from)",
    )

    c = sub.add_parser("check", help="check the roster against the rules")
    team_range(c)
    c.add_argument("--json", action="store_true")
    return {"assign": cmd_assign, "publish": cmd_publish, "check": cmd_check}


def cmd_assign(args: argparse.Namespace) -> int:
    from rosterapp.services.roster.edits import assign

    with open_db(args) as db:
        change = assign(
            db,
            args.member,
            args.date,
            args.shift,
            beat=args.beat,
            note=args.note,
            told_at=args.told,
        )
    if change is None:
        print(f"{args.member.upper()} on {args.date}: unchanged")
    else:
        before = change.before.code if change.before else "empty"
        after = change.after.code if change.after else "empty"
        beat = f" on {change.after.beat}" if change.after and change.after.beat else ""
        print(f"{args.member.upper()} on {args.date}: {before} → {after}{beat}")
    return EXIT_OK


def cmd_publish(args: argparse.Namespace) -> int:
    """Publish, saying how long the roster is and how much notice it gives (Annex E)."""
    from datetime import datetime, timedelta

    from rosterapp.domain.calendar import LONDON, week_start
    from rosterapp.rules.period import notice_words, publish_span, span_words
    from rosterapp.services.periods import list_periods, publish_period

    today = datetime.now(LONDON).date()
    with open_db(args) as db:
        start, end = args.start, args.end
        if start is None or end is None:
            first = start or week_start(today) + timedelta(days=7)
            offered = publish_span(first, list_periods(db, args.team))
            start, end = start or offered[0], end or offered[1]
        p = publish_period(db, args.team, start, end)
    print(f"Published {args.team} from {p.start_date} to {p.end_date}")
    print(f"  {span_words(p.start_date, p.end_date)}")
    if notice := notice_words(p.start_date, today):
        print(f"  Short notice: {notice}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from rosterapp.domain.findings import Severity
    from rosterapp.services.checks import check_team

    with open_db(args) as db:
        report = check_team(db, args.team, args.start, args.end)
    if args.json:
        print(json.dumps([f.as_json() for f in report.findings], ensure_ascii=False, indent=2))
    else:
        for f in report.findings:
            status = "OK" if f.accepted_reason else f.severity.value.upper()
            accepted = f" (accepted: {f.accepted_reason})" if f.accepted_reason else ""
            print(f"{status:5} {f.rule:22} {f.message}{accepted}")
            if f.source:
                print(f"{'':28}({f.source})")
        counts = report.counts()
        print(
            f"{len(report.findings)} finding(s): {counts[Severity.BLOCK]} blocking, "
            f"{counts[Severity.WARN]} warnings, {counts[Severity.INFO]} for information"
        )
    return EXIT_BLOCKING if report.has_blocking else EXIT_OK
