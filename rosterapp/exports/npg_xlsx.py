"""The Neighbourhood Policing Guarantee return as a workbook HR and the BCU can send on:
a row per ward (its DWOs, duties, abstractions by category and the rate), a row per
officer behind it, and how the figures are counted."""

from __future__ import annotations

from pathlib import Path

from rosterapp.domain.calendar import LONDON
from rosterapp.domain.npg import CATEGORIES, CATEGORY_LABELS, NpgReturn
from rosterapp.exports.xlsx_tables import HOURS, PERCENT, Num, TableSpec, write_tables

_CATS = [CATEGORY_LABELS[c] for c in CATEGORIES]


def _wards(ret: NpgReturn) -> TableSpec:
    rows = [
        [
            w.team_code,
            w.team_name,
            w.ward,
            w.beat,
            Num(len(w.officers)),
            Num(w.duties),
            *(Num(w.abstracted(c)) for c in CATEGORIES),
            Num(w.abstracted()),
            Num(round(w.rate, 1), PERCENT, w.over_threshold),
            Num(w.threshold, PERCENT),
            "over" if w.over_threshold else "",
        ]
        for w in ret.wards
    ]
    headers = [
        "Team",
        "Team name",
        "Ward",
        "Beat",
        "Dedicated ward officers",
        "Duties",
        *_CATS,
        "Abstracted (days)",
        "Abstraction rate %",
        "Threshold %",
        "Over threshold",
    ]
    widths = [8, 18, 24, 8, 12, 9, 14, 10, 10, 9, 12, 12, 11, 10]
    return TableSpec("Wards", headers, widths, rows, "D2")


def _officers(ret: NpgReturn) -> TableSpec:
    rows = [
        [
            w.team_code,
            w.ward,
            o.shoulder_number,
            o.name,
            o.rank.label,
            Num(o.duties),
            Num(o.duty_hours, HOURS),
            *(Num(o.abstractions.get(c, 0)) for c in CATEGORIES),
            Num(o.abstracted),
            Num(round(o.rate, 1), PERCENT, o.rate > w.threshold),
        ]
        for w in ret.wards
        for o in w.officers
    ]
    headers = [
        "Team",
        "Ward",
        "Shoulder number",
        "Name",
        "Rank",
        "Duties",
        "Duty hours",
        *_CATS,
        "Abstracted (days)",
        "Abstraction rate %",
    ]
    widths = [8, 24, 14, 28, 8, 9, 10, 14, 10, 10, 9, 12, 12]
    return TableSpec("Officers", headers, widths, rows, "E2")


def write_npg_xlsx(ret: NpgReturn, target: Path) -> Path:
    about = [
        (
            "Neighbourhood Policing Guarantee return",
            f"{ret.start:%a %d %b %Y} to {ret.end:%a %d %b %Y}",
        ),
        ("Wards", len(ret.wards)),
        ("Officers", sum(len(w.officers) for w in ret.wards)),
        (
            "Dedicated ward officers",
            "members whose role is DWO, under the ward of their usual beat (or the beat most "
            "of their duties were on)",
        ),
        ("Duties", "tours of duty worked in the team in the period"),
        (
            "Abstractions",
            "days of training, court or aid, by the category recorded with them "
            "(training and court typed in the roster: mandatory; aid typed: other)",
        ),
        ("Rate", "abstracted days as a share of duties plus abstracted days"),
        ("Generated", ret.generated_at.astimezone(LONDON).strftime("%d %b %Y %H:%M")),
    ]
    return write_tables(target, ret.marking, [_wards(ret), _officers(ret)], about)
