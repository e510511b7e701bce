"""Strength and the inspector's view: `strength`, `establishment set|remove|list`,
`overview`."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from rosterapp.cli.common import EXIT_OK, CliError, Command, iso_date, open_db

if TYPE_CHECKING:
    from rosterapp.cli.common import Subparsers
    from rosterapp.domain.strength import TeamStrength


def add_parsers(sub: Subparsers) -> dict[str, Command]:
    st = sub.add_parser("strength", help="people in each team against its funded posts")
    st.add_argument("--team", help="one team (default: every team)")
    st.add_argument("--on", type=iso_date, metavar="DATE", help="the day (default: today)")
    st.add_argument("--json", action="store_true")

    es = sub.add_parser("establishment", help="set, take back or list a team's funded posts")
    esub = es.add_subparsers(dest="action", metavar="ACTION", required=True)
    s = esub.add_parser("set", help="funded posts of a rank from a date")
    s.add_argument("--team", required=True)
    s.add_argument("--rank", required=True, help="inspector, sergeant, PC, PCSO…")
    s.add_argument("--posts", required=True, type=int)
    s.add_argument("--from", dest="start", required=True, type=iso_date)
    s.add_argument("--note")
    r = esub.add_parser("remove", help="take back the line of a rank from a date")
    r.add_argument("--team", required=True)
    r.add_argument("--rank", required=True)
    r.add_argument("--from", dest="start", required=True, type=iso_date)
    ls = esub.add_parser("list", help="every line, by team and date")
    ls.add_argument("--team")
    ls.add_argument("--json", action="store_true")

    ov = sub.add_parser("overview", help="every team's week or month at a glance")
    ov.add_argument("--from", dest="start", required=True, type=iso_date)
    ov.add_argument("--to", dest="end", required=True, type=iso_date)
    ov.add_argument("--json", action="store_true")
    return {"strength": cmd_strength, "establishment": cmd_establishment, "overview": cmd_overview}


def cmd_strength(args: argparse.Namespace) -> int:
    from rosterapp.services.strength import team_strength

    with open_db(args) as db:
        teams = team_strength(db, args.team, args.on)
    if args.json:
        print(json.dumps([t.as_json() for t in teams], indent=2, ensure_ascii=False))
        return EXIT_OK
    for t in teams:
        _print_team(t)
    return EXIT_OK


def _print_team(t: TeamStrength) -> None:
    def num(v: int | None) -> str:
        return "–" if v is None else str(v)

    print(f"{t.team_name} ({t.team_code}) on {t.on:%a %d %b %Y}")
    print("rank\tposts\tstrength\tvacancies")
    for r in t.ranks:
        print(f"{r.rank.label}\t{num(r.establishment)}\t{r.strength}\t{num(r.vacancies)}")
    # The column's sum (over-strength ranks negative), as the rows above it read.
    print(f"Total\t{num(t.establishment)}\t{t.strength}\t{num(t.net_vacancies)}")
    for a in t.joining:
        print(f"  joins {a.day:%d %b %Y}: {a.shoulder_number} {a.rank.short} {a.name}")
    for a in t.leaving:
        print(f"  leaves after {a.day:%d %b %Y}: {a.shoulder_number} {a.rank.short} {a.name}")
    print()


def _rank(text: str) -> object:
    from rosterapp.domain.enums import Rank

    try:
        return Rank.parse(text)
    except ValueError as exc:
        raise CliError(f"--rank: {exc}") from None


def cmd_establishment(args: argparse.Namespace) -> int:
    from rosterapp.domain.enums import Rank
    from rosterapp.services import establishment as est

    with open_db(args) as db:
        if args.action == "list":
            lines = est.list_establishment(db, args.team)
            if args.json:
                rows = [
                    {
                        "team": ln.team_code,
                        "rank": ln.rank.value,
                        "posts": ln.posts,
                        "from": ln.effective_from.isoformat(),
                        "note": ln.note,
                    }
                    for ln in lines
                ]
                print(json.dumps(rows, indent=2, ensure_ascii=False))
            for ln in [] if args.json else lines:
                print(f"{ln.team_code}\t{ln.rank.label}\t{ln.posts}\t{ln.effective_from}")
            return EXIT_OK
        rank = _rank(args.rank)
        assert isinstance(rank, Rank)
        if args.action == "set":
            ln = est.set_posts(db, args.team, rank, args.posts, args.start, args.note)
            print(f"{ln.team_code}: {ln.posts} {rank.label} post(s) from {ln.effective_from}")
        else:
            est.remove_posts(db, args.team, rank, args.start)
            print(f"{args.team}: {rank.label} posts from {args.start} taken back")
    return EXIT_OK


def cmd_overview(args: argparse.Namespace) -> int:
    from rosterapp.services.overview import overview

    with open_db(args) as db:
        view = overview(db, args.start, args.end)
    if args.json:
        print(json.dumps(view.as_json(), indent=2, ensure_ascii=False))
        return EXIT_OK
    for line in view.text_lines():
        print(line)
    return EXIT_OK
