"""Helpers the rules share to word their findings."""

from __future__ import annotations

from datetime import date

from rosterapp.domain.findings import RULES, Finding, RuleId


def make(
    rule: RuleId, member_id: int | None, member: str | None, day: date, message: str, **kw: object
) -> Finding:
    r = RULES[rule]
    severity = kw.pop("severity", r.severity)
    return Finding(rule, severity, member_id, member, day, message, **kw)  # type: ignore[arg-type]


def hm(hours: float) -> str:
    """8.5 → '8 h 30 min'."""
    minutes = round(hours * 60)
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if m else f"{h} h"


def dstr(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"
