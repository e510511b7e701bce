"""Which findings the findings panel lists: filters by rule, person, severity and day,
counts per rule, accepted warnings counted apart, cover findings folded into the cover
panel. Plain Python (no Qt) so it is tested without a window."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from rosterapp.domain.findings import COVER_RULES, RULES, Finding, Severity


@dataclass(frozen=True)
class FindingsFilter:
    rule: str | None = None
    member: str | None = None  # shoulder number; "" for team findings
    severity: Severity | None = None
    day: date | None = None
    group_by_rule: bool = False

    def keeps(self, f: Finding) -> bool:
        if self.rule is not None and f.rule != self.rule:
            return False
        if self.rule is None and f.rule in COVER_RULES:
            return False
        if self.member is not None and (f.member or "") != self.member:
            return False
        if self.severity is not None and f.severity is not self.severity:
            return False
        return self.day is None or self.day == f.day or self.day in f.days


@dataclass(frozen=True)
class Listing:
    shown: list[Finding]
    per_rule: Counter[str] = field(default_factory=Counter)  # every finding, by rule
    accepted: int = 0  # accepted warnings (counted apart from the open ones)
    folded_cover: int = 0  # cover findings left to the cover panel
    open_counts: dict[Severity, int] = field(default_factory=dict)

    def groups(self) -> list[tuple[str, list[Finding]]]:
        """The shown findings by rule, in catalogue order."""
        order = list(RULES)
        by_rule: dict[str, list[Finding]] = {}
        for f in self.shown:
            by_rule.setdefault(f.rule, []).append(f)
        return sorted(by_rule.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)


def list_findings(findings: Sequence[Finding], flt: FindingsFilter) -> Listing:
    per_rule = Counter(f.rule for f in findings)
    open_counts = dict.fromkeys(Severity, 0)
    accepted = 0
    for f in findings:
        if f.accepted_reason:
            accepted += 1
        else:
            open_counts[f.severity] += 1
    shown = [f for f in findings if flt.keeps(f)]
    # Accepted warnings go last: the open ones are what is left to do.
    shown.sort(key=lambda f: f.accepted_reason is not None)
    folded = 0 if flt.rule in COVER_RULES else sum(per_rule[r] for r in COVER_RULES)
    return Listing(shown, per_rule, accepted, folded, open_counts)


def rule_title(rule: str) -> str:
    r = RULES.get(rule)
    return r.title[:1].upper() + r.title[1:] if r else rule
