"""Publishing roster periods, and the changes recorded against them."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from rosterapp import paths
from rosterapp.domain.enums import PeriodStatus
from rosterapp.domain.tables import ChangeRecord, Member, RosterPeriod
from rosterapp.domain.types import utcnow
from rosterapp.domain.values import ChangeInfo, PeriodInfo
from rosterapp.services import audit
from rosterapp.services.convert import period_info
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import team_by_code
from rosterapp.services.validation import in_window
from rosterapp.storage import Database


def publish_period(db: Database, team_code: str, start: date, end: date) -> PeriodInfo:
    """Publish [start, end]; later edits inside it are recorded as changes with notice."""
    in_window(start, field="start")
    in_window(end, field="end")
    if end < start:
        raise InvalidInput(f"the period ends ({end}) before it starts ({start})", field="end")
    refuse_blocking(db, team_code, start, end)
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        overlap = s.exec(
            select(RosterPeriod).where(
                RosterPeriod.team_id == team.id,
                RosterPeriod.status == PeriodStatus.PUBLISHED,
                RosterPeriod.start_date <= end,
                RosterPeriod.end_date >= start,
            )
        ).first()
        if overlap is not None:
            raise InvalidInput(
                f"{team.code} already has a published roster from {overlap.start_date} to "
                f"{overlap.end_date}; publish the days outside it"
            )
        assert team.id is not None
        period = RosterPeriod(
            team_id=team.id,
            start_date=start,
            end_date=end,
            status=PeriodStatus.PUBLISHED,
            published_at=utcnow(),
            published_by=paths.current_user(),
        )
        s.add(period)
        s.flush()
        audit.record(
            s,
            "period.publish",
            "roster_period",
            period.id,
            team_id=team.id,
            after={"start": start.isoformat(), "end": end.isoformat()},
        )
        return period_info(period)


def refuse_blocking(db: Database, team_code: str, start: date, end: date) -> None:
    """A roster with blocking findings (duty on leave, overlapping tours) is not published."""
    from rosterapp.domain.findings import Severity
    from rosterapp.services.checks import check_team

    blocking = [
        f for f in check_team(db, team_code, start, end).findings if f.severity is Severity.BLOCK
    ]
    if blocking:
        listed = "; ".join(f.message for f in blocking[:5])
        more = f" (and {len(blocking) - 5} more)" if len(blocking) > 5 else ""
        raise InvalidInput(
            f"not published: {len(blocking)} blocking finding{'s' if len(blocking) != 1 else ''}"
            f" to put right first — {listed}{more}"
        )


def list_periods(db: Database, team_code: str) -> list[PeriodInfo]:
    with db.session() as s:
        team = team_by_code(s, team_code)
        rows = s.exec(
            select(RosterPeriod)
            .where(RosterPeriod.team_id == team.id)
            .order_by(col(RosterPeriod.start_date))
        ).all()
        return [period_info(p) for p in rows]


def list_changes(db: Database, team_code: str, start: date, end: date) -> list[ChangeInfo]:
    with db.session() as s:
        team = team_by_code(s, team_code)
        rows = s.exec(
            select(ChangeRecord, Member)
            .join(Member, col(Member.id) == ChangeRecord.member_id)
            .where(
                ChangeRecord.team_id == team.id, ChangeRecord.day >= start, ChangeRecord.day <= end
            )
            .order_by(col(ChangeRecord.day), col(ChangeRecord.id))
        ).all()
        return [
            ChangeInfo(
                member_id=c.member_id,
                shoulder_number=m.shoulder_number,
                day=c.day,
                old_code=c.old_code,
                new_code=c.new_code,
                told_at=c.told_at,
                notice_clear_days=c.notice_clear_days,
                compensation_class=c.compensation_class,
            )
            for c, m in rows
        ]
