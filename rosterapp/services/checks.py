"""Checking a team's roster against the rules (loads what the pure rules need)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import col, func, select

from rosterapp.domain.calendar import tour_hours
from rosterapp.domain.enums import EntryKind
from rosterapp.domain.findings import Finding, Severity
from rosterapp.domain.policy import REFERENCE_DAY, WTR_REFERENCE_WEEKS
from rosterapp.domain.tables import Assignment, ShiftType
from rosterapp.rules.context import CheckInput
from rosterapp.rules.engine import check
from rosterapp.services.beats import list_requirements
from rosterapp.services.overrides import overrides_for
from rosterapp.services.periods import list_changes
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database

CONTEXT_DAYS = 13  # enough before the range for rest, gaps and 14-day windows


@dataclass(frozen=True)
class Report:
    findings: list[Finding]

    def counts(self) -> dict[Severity, int]:
        out = dict.fromkeys(Severity, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out

    @property
    def has_blocking(self) -> bool:
        return any(f.severity is Severity.BLOCK for f in self.findings)


def load_check_input(db: Database, team_code: str, start: date, end: date) -> CheckInput:
    grid = read_grid(db, team_code, start - timedelta(days=CONTEXT_DAYS), end)
    return CheckInput(
        grid=grid,
        start=start,
        end=end,
        requirements=list_requirements(db, team_code, start, end),
        changes=list_changes(db, team_code, start, end),
        history_hours=history_hours(db, [r.member.id for r in grid.rows], end),
        history_weeks=WTR_REFERENCE_WEEKS,
        overrides=overrides_for(db, team_code, start, end),
    )


def history_hours(db: Database, member_ids: list[int], end: date) -> dict[int, float]:
    """Hours of duty per member in the WTR reference period ending at `end`.

    Counted in SQL per member and shift; only the days whose tours a clock change
    lengthens or shortens are fetched one by one to correct the total.
    """
    lo = end - timedelta(weeks=WTR_REFERENCE_WEEKS) + timedelta(days=1)
    out: dict[int, float] = defaultdict(float)
    with db.session() as s:
        duties = {
            st.id or 0: st
            for st in s.exec(select(ShiftType)).all()
            if st.kind is EntryKind.DUTY and st.start is not None and st.end is not None
        }
        if not duties or not member_ids:
            return {}
        # A day well away from any clock change gives each tour its usual length.
        plain = REFERENCE_DAY
        nominal = {
            sid: tour_hours(plain, st.start, st.end)  # type: ignore[arg-type]
            for sid, st in duties.items()
        }
        odd: dict[tuple[date, int], float] = {}
        day = lo
        while day <= end:
            for sid, st in duties.items():
                delta = tour_hours(day, st.start, st.end) - nominal[sid]  # type: ignore[arg-type]
                if delta:
                    odd[(day, sid)] = delta
            day += timedelta(days=1)
        for i in range(0, len(member_ids), 500):
            chunk = member_ids[i : i + 500]
            counted = s.exec(
                select(col(Assignment.member_id), col(Assignment.shift_type_id), func.count())
                # No filter on the shift: it would steer SQLite off the (member, day)
                # index, ten times slower at command-unit scale.
                .where(
                    col(Assignment.member_id).in_(chunk),
                    Assignment.day >= lo,
                    Assignment.day <= end,
                )
                .group_by(col(Assignment.member_id), col(Assignment.shift_type_id))
            ).all()
            for member_id, shift_id, n in counted:
                out[member_id] += n * nominal.get(shift_id, 0.0)
            if odd:
                days = sorted({d for d, _ in odd})
                for member_id, day, shift_id in s.exec(
                    select(
                        col(Assignment.member_id),
                        col(Assignment.day),
                        col(Assignment.shift_type_id),
                    ).where(col(Assignment.member_id).in_(chunk), col(Assignment.day).in_(days))
                ).all():
                    out[member_id] += odd.get((day, shift_id or 0), 0.0)
    return dict(out)


def check_team(db: Database, team_code: str, start: date, end: date) -> Report:
    from rosterapp.services.errors import InvalidInput

    if end < start:
        raise InvalidInput(f"the period ends ({end}) before it starts ({start})")
    return Report(check(load_check_input(db, team_code, start, end)))
