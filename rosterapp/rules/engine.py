"""Runs every rule over a roster; per member when only some people changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rosterapp.domain.findings import Finding, Severity
from rosterapp.rules import absence, cover, hours, period, rest, working_time
from rosterapp.rules.context import CheckInput

_ORDER = {Severity.BLOCK: 0, Severity.WARN: 1, Severity.INFO: 2}


def member_findings(ci: CheckInput, member_ids: Iterable[int] | None = None) -> list[Finding]:
    """Rules about one person at a time (rest, leave, hours)."""
    wanted = None if member_ids is None else set(member_ids)
    out: list[Finding] = []
    for m in ci.members():
        if wanted is not None and m.id not in wanted:
            continue
        entries = ci.entries(m.id)
        tours = ci.tours_from(entries)
        out.extend(rest.rest_between_tours(ci, m, tours))
        out.extend(rest.rest_days(ci, m, entries))
        out.extend(rest.rest_day_gap(ci, m, entries))
        out.extend(rest.weekly_rest(ci, m, tours))
        out.extend(absence.leave_clash(ci, m, entries))
        out.extend(working_time.wtr_average(ci, m, entries, tours))
        out.extend(working_time.night_work(ci, m, entries, tours))
        out.extend(hours.contract_hours(ci, m, tours, entries))
        out.extend(period.bank_holidays(ci, m, entries))
    return accepted(ci, out)


def team_findings(ci: CheckInput) -> list[Finding]:
    """Rules about the team as a whole (cover, leave share, abstraction, publication)."""
    out: list[Finding] = []
    out.extend(cover.cover(ci))
    out.extend(absence.leave_threshold(ci))
    out.extend(absence.abstraction_rate(ci))
    out.extend(period.publication(ci))
    out.extend(period.roster_ahead(ci))
    out.extend(working_time.rest_breaks(ci))
    out.extend(period.changes(ci))
    out.extend(period.rest_day_owed(ci))
    return accepted(ci, out)


def accepted(ci: CheckInput, findings: list[Finding]) -> list[Finding]:
    """Mark the warnings the sergeant accepted; they stay listed, with the reason."""
    if not ci.overrides:
        return findings
    return [
        replace(f, accepted_reason=ci.overrides[f.key])
        if f.severity is Severity.WARN and f.key in ci.overrides
        else f
        for f in findings
    ]


def check(ci: CheckInput) -> list[Finding]:
    return sort_findings(member_findings(ci) + team_findings(ci))


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (
            _ORDER[f.severity],
            f.day,
            f.rule,
            f.member or "",
            f.beat or "",
            f.shift or "",
        ),
    )
