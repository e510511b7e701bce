"""The findings panel's listing: filters, counts per rule, accepted apart, cover folded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rosterapp.domain.findings import Finding, Severity
from rosterapp.ui.findings_filter import FindingsFilter, list_findings

MON = date(2026, 12, 7)


def f(rule: str, member: str | None, day: date = MON, sev: Severity = Severity.WARN) -> Finding:
    return Finding(rule, sev, 1 if member else None, member, day, f"{rule} {member}")


FOUND = [
    f("rest-11h", "1001CW"),
    f("rest-11h", "1002CW", date(2026, 12, 8)),
    f("leave-clash", "1001CW", sev=Severity.BLOCK),
    *[f("cover-shortfall", None, date(2026, 12, 7 + k)) for k in range(5)],
    replace(f("wtr-48h", "1003CW"), accepted_reason="agreed"),
]


def test_cover_findings_are_folded_and_counted_not_listed() -> None:
    listing = list_findings(FOUND, FindingsFilter())
    assert [x.rule for x in listing.shown] == ["rest-11h", "rest-11h", "leave-clash", "wtr-48h"]
    assert listing.folded_cover == 5
    assert listing.per_rule["cover-shortfall"] == 5 and listing.per_rule["rest-11h"] == 2
    asked = list_findings(FOUND, FindingsFilter(rule="cover-shortfall"))
    assert len(asked.shown) == 5 and asked.folded_cover == 0


def test_accepted_warnings_are_counted_apart_and_listed_last() -> None:
    listing = list_findings(FOUND, FindingsFilter())
    assert listing.accepted == 1
    assert listing.open_counts[Severity.WARN] == 7  # 2 rest + 5 cover, not the accepted one
    assert listing.shown[-1].accepted_reason == "agreed"


def test_filters_by_person_severity_and_day_and_groups_by_rule() -> None:
    assert [x.rule for x in list_findings(FOUND, FindingsFilter(member="1001CW")).shown] == [
        "rest-11h",
        "leave-clash",
    ]
    assert [
        x.rule for x in list_findings(FOUND, FindingsFilter(severity=Severity.BLOCK)).shown
    ] == ["leave-clash"]
    by_day = list_findings(FOUND, FindingsFilter(day=date(2026, 12, 8))).shown
    assert [x.member for x in by_day] == ["1002CW"]
    groups = list_findings(FOUND, FindingsFilter(group_by_rule=True)).groups()
    assert [(r, len(g)) for r, g in groups] == [("rest-11h", 2), ("wtr-48h", 1), ("leave-clash", 1)]
