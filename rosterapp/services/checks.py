"""Checking a team's roster against the rules (loads what the pure rules need)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import col, select

from rosterapp.domain.calendar import tour_hours
from rosterapp.domain.enums import EntryKind
from rosterapp.domain.tables import Assignment, ShiftType
from rosterapp.rules.context import CheckInput
from rosterapp.rules.engine import check
from rosterapp.rules.findings import Finding
from rosterapp.services.beats import list_requirements
from rosterapp.services.overrides import overrides_for
from rosterapp.services.periods import list_changes
from rosterapp.services.roster import read_grid
from rosterapp.storage import Database

CONTEXT_DAYS = 13  # enough before the range for rest, gaps and 14-day windows
WTR_WEEKS = 17


@dataclass(frozen=True)
class Report:
    findings: list[Finding]

    def counts(self) -> dict[str, int]:
        out = {"block": 0, "warn": 0, "info": 0}
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    @property
    def has_blocking(self) -> bool:
        return any(f.severity.value == "block" for f in self.findings)


def load_check_input(db: Database, team_code: str, start: date, end: date) -> CheckInput:
    grid = read_grid(db, team_code, start - timedelta(days=CONTEXT_DAYS), end)
    return CheckInput(
        grid=grid,
        start=start,
        end=end,
        requirements=list_requirements(db, team_code),
        changes=list_changes(db, team_code, start, end),
        history_hours=history_hours(db, [r.member.id for r in grid.rows], end),
        history_weeks=WTR_WEEKS,
        overrides=overrides_for(db, team_code, start, end),
    )


def history_hours(db: Database, member_ids: list[int], end: date) -> dict[int, float]:
    """Hours of duty per member in the WTR reference period ending at `end`."""
    lo = end - timedelta(weeks=WTR_WEEKS) + timedelta(days=1)
    out: dict[int, float] = defaultdict(float)
    # Tour length depends only on the day (clock changes) and the shift: compute once.
    lengths: dict[tuple[date, int], float] = {}
    with db.session() as s:
        shifts = {st.id: st for st in s.exec(select(ShiftType)).all()}
        for i in range(0, len(member_ids), 500):
            chunk = member_ids[i : i + 500]
            rows = s.exec(
                select(
                    col(Assignment.member_id), col(Assignment.day), col(Assignment.shift_type_id)
                ).where(
                    col(Assignment.member_id).in_(chunk),
                    Assignment.day >= lo,
                    Assignment.day <= end,
                )
            ).all()
            for member_id, day, shift_id in rows:
                hours = lengths.get((day, shift_id))
                if hours is None:
                    st = shifts[shift_id]
                    duty = st.kind is EntryKind.DUTY and st.start is not None and st.end is not None
                    hours = tour_hours(day, st.start, st.end) if duty else 0.0  # type: ignore[arg-type]
                    lengths[(day, shift_id)] = hours
                out[member_id] += hours
    return dict(out)


def check_team(db: Database, team_code: str, start: date, end: date) -> Report:
    from rosterapp.services.errors import InvalidInput

    if end < start:
        raise InvalidInput(f"the period ends ({end}) before it starts ({start})")
    return Report(check(load_check_input(db, team_code, start, end)))
