"""Accepting a warning with a reason: recorded, audited, and shown as accepted."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from rosterapp import paths
from rosterapp.domain.findings import Finding, OverrideKey, Severity
from rosterapp.domain.tables import FindingOverride
from rosterapp.services import audit
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import team_by_code
from rosterapp.services.validation import clean_text
from rosterapp.storage import Database


def accept_finding(db: Database, team_code: str, finding: Finding, reason: str) -> None:
    if finding.severity is not Severity.WARN:
        raise InvalidInput(
            "only warnings can be accepted: a blocking finding must be fixed, "
            "and information needs no acceptance"
        )
    text = clean_text(reason, "reason", max_len=500, required=True)
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        assert team.id is not None
        rule, member_id, day, beat, shift = finding.key
        existing = s.exec(
            select(FindingOverride).where(
                FindingOverride.team_id == team.id,
                FindingOverride.rule == rule,
                FindingOverride.member_id == member_id,
                FindingOverride.day == day,
                FindingOverride.beat == beat,
                FindingOverride.shift == shift,
            )
        ).first()
        if existing is not None:
            existing.reason = text
        else:
            s.add(
                FindingOverride(
                    team_id=team.id,
                    rule=rule,
                    member_id=member_id,
                    day=day,
                    beat=beat,
                    shift=shift,
                    reason=text,
                    accepted_by=paths.current_user(),
                )
            )
        audit.record(
            s,
            "finding.accept",
            "finding",
            team_id=team.id,
            member_id=member_id,
            day=day,
            after={"rule": rule, "message": finding.message},
            reason=text,
        )


def overrides_for(db: Database, team_code: str, start: date, end: date) -> dict[OverrideKey, str]:
    with db.session() as s:
        team = team_by_code(s, team_code)
        rows = s.exec(
            select(FindingOverride).where(
                FindingOverride.team_id == team.id,
                col(FindingOverride.day) >= start,
                col(FindingOverride.day) <= end,
            )
        ).all()
        return {(r.rule, r.member_id, r.day, r.beat, r.shift): r.reason for r in rows}
