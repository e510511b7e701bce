"""What a rule reports (a finding), and the catalogue of rules with their sources.

Plain values: the rules make them, services and exports pass them on, the window shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Severity(StrEnum):
    BLOCK = "block"
    WARN = "warn"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    title: str
    source: str


ANNEX_E = "Police Regulations 2003 Annex E"
STAFF_HANDBOOK = "Police Staff Council Handbook"
WTR = "Working Time Regulations 1998"

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("rest-11h", Severity.WARN, "11 hours between tours", f"{ANNEX_E}; {WTR} reg. 10"),
        Rule("rest-days-week", Severity.WARN, "2 rest days a week", ANNEX_E),
        Rule("rest-day-gap", Severity.WARN, "no more than 7 days between rest days", ANNEX_E),
        Rule(
            "wtr-weekly-rest",
            Severity.WARN,
            "24 h rest in 7 days (or 48 h in 14)",
            f"{WTR} reg. 11",
        ),
        Rule(
            "wtr-48h",
            Severity.WARN,
            "48 h average week over every 17 weeks",
            f"{WTR} reg. 4 (leave left out, reg. 4(6))",
        ),
        Rule("wtr-night", Severity.WARN, "night worker: 8 h in 24 on average", f"{WTR} reg. 6"),
        Rule(
            "wtr-break",
            Severity.WARN,
            "20-minute break in a tour over 6 hours",
            f"{WTR} reg. 12; {ANNEX_E} (refreshment break)",
        ),
        Rule(
            "roster-3-months",
            Severity.WARN,
            "published roster covers 3 months",
            f"{ANNEX_E}; PNB circulars",
        ),
        Rule("leave-clash", Severity.BLOCK, "duty on a day of leave or absence", ANNEX_E),
        Rule("double-booked", Severity.BLOCK, "overlapping tours", ANNEX_E),
        Rule("cover-shortfall", Severity.WARN, "minimum cover", "Team cover setting"),
        Rule("skill-cover", Severity.WARN, "rank or skill cover", "Team cover setting"),
        Rule(
            "publication-notice",
            Severity.WARN,
            "published a month ahead",
            f"{ANNEX_E}; PNB circulars",
        ),
        Rule("change-notice", Severity.INFO, "change to a published roster", ANNEX_E),
        Rule(
            "rest-day-owed",
            Severity.WARN,
            "replacement rest day within 4 days",
            f"{ANNEX_E} (rest day worked on 15 days' notice)",
        ),
        Rule(
            "bank-holiday",
            Severity.INFO,
            "working a bank holiday",
            "Banking and Financial Dealings Act 1971 (England & Wales)",
        ),
        Rule(
            "abstraction-rate",
            Severity.WARN,
            "ward officer abstraction",
            "Neighbourhood Policing Guarantee (2025)",
        ),
        Rule("leave-threshold", Severity.WARN, "share of the team on leave", "Team leave setting"),
        Rule(
            "contract-hours",
            Severity.WARN,
            "rostered against contracted hours",
            "Contract of employment",
        ),
    )
}


OverrideKey = tuple[str, int | None, date, str | None, str | None]


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    member_id: int | None
    member: str | None  # shoulder number, for reports
    day: date
    message: str
    beat: str | None = None
    shift: str | None = None
    days: tuple[date, ...] = ()  # every day the finding concerns (for cell markers)
    accepted_reason: str | None = None
    compensation_class: str | None = None  # changes to a published roster: ';'-joined ids

    @property
    def key(self) -> OverrideKey:
        return (self.rule, self.member_id, self.day, self.beat, self.shift)

    @property
    def source(self) -> str:
        return RULES[self.rule].source

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "member": self.member,
            "date": self.day.isoformat(),
            "message": self.message,
            "class": self.compensation_class,
            "rule_source": self.source,
        }
