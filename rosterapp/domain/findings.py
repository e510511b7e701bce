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


class RuleId(StrEnum):
    """Every rule's id: the findings' `rule`, the filters' and overrides' keys."""

    REST_11H = "rest-11h"
    REST_DAYS_WEEK = "rest-days-week"
    REST_DAY_GAP = "rest-day-gap"
    WTR_WEEKLY_REST = "wtr-weekly-rest"
    WTR_48H = "wtr-48h"
    WTR_NIGHT = "wtr-night"
    WTR_BREAK = "wtr-break"
    ROSTER_3_MONTHS = "roster-3-months"
    LEAVE_CLASH = "leave-clash"
    DOUBLE_BOOKED = "double-booked"
    COVER_SHORTFALL = "cover-shortfall"
    SKILL_COVER = "skill-cover"
    PUBLICATION_NOTICE = "publication-notice"
    CHANGE_NOTICE = "change-notice"
    REST_DAY_OWED = "rest-day-owed"
    BANK_HOLIDAY = "bank-holiday"
    ABSTRACTION_RATE = "abstraction-rate"
    LEAVE_THRESHOLD = "leave-threshold"
    CONTRACT_HOURS = "contract-hours"


@dataclass(frozen=True, slots=True)
class Rule:
    id: RuleId
    severity: Severity
    title: str
    source: str


ANNEX_E = "Police Regulations 2003 Annex E"
STAFF_HANDBOOK = "Police Staff Council Handbook"
WTR = "Working Time Regulations 1998"

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(RuleId.REST_11H, Severity.WARN, "11 hours between tours", f"{ANNEX_E}; {WTR} reg. 10"),
        Rule(RuleId.REST_DAYS_WEEK, Severity.WARN, "2 rest days a week", ANNEX_E),
        Rule(RuleId.REST_DAY_GAP, Severity.WARN, "no more than 7 days between rest days", ANNEX_E),
        Rule(
            RuleId.WTR_WEEKLY_REST,
            Severity.WARN,
            "24 h rest in 7 days (or 48 h in 14)",
            f"{WTR} reg. 11",
        ),
        Rule(
            RuleId.WTR_48H,
            Severity.WARN,
            "48 h average week over every 17 weeks",
            f"{WTR} reg. 4 (leave left out, reg. 4(6))",
        ),
        Rule(
            RuleId.WTR_NIGHT, Severity.WARN, "night worker: 8 h in 24 on average", f"{WTR} reg. 6"
        ),
        Rule(
            RuleId.WTR_BREAK,
            Severity.WARN,
            "20-minute break in a tour over 6 hours",
            f"{WTR} reg. 12; {ANNEX_E} (refreshment break)",
        ),
        Rule(
            RuleId.ROSTER_3_MONTHS,
            Severity.WARN,
            "published roster covers 3 months",
            f"{ANNEX_E}; PNB circulars",
        ),
        Rule(RuleId.LEAVE_CLASH, Severity.BLOCK, "duty on a day of leave or absence", ANNEX_E),
        Rule(RuleId.DOUBLE_BOOKED, Severity.BLOCK, "overlapping tours", ANNEX_E),
        Rule(RuleId.COVER_SHORTFALL, Severity.WARN, "minimum cover", "Team cover setting"),
        Rule(RuleId.SKILL_COVER, Severity.WARN, "rank or skill cover", "Team cover setting"),
        Rule(
            RuleId.PUBLICATION_NOTICE,
            Severity.WARN,
            "published a month ahead",
            f"{ANNEX_E}; PNB circulars",
        ),
        Rule(RuleId.CHANGE_NOTICE, Severity.INFO, "change to a published roster", ANNEX_E),
        Rule(
            RuleId.REST_DAY_OWED,
            Severity.WARN,
            "replacement rest day within 4 days",
            f"{ANNEX_E} (rest day worked on 15 days' notice)",
        ),
        Rule(
            RuleId.BANK_HOLIDAY,
            Severity.INFO,
            "working a bank holiday",
            "Banking and Financial Dealings Act 1971 (England & Wales)",
        ),
        Rule(
            RuleId.ABSTRACTION_RATE,
            Severity.WARN,
            "ward officer abstraction",
            "Neighbourhood Policing Guarantee (2025)",
        ),
        Rule(
            RuleId.LEAVE_THRESHOLD,
            Severity.WARN,
            "share of the team on leave",
            "Team leave setting",
        ),
        Rule(
            RuleId.CONTRACT_HOURS,
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


# Shown per beat and shift in the cover panel (and counted in the status bar) rather
# than listed with the other findings unless asked for by rule.
COVER_RULES = frozenset({RuleId.COVER_SHORTFALL, RuleId.SKILL_COVER})
