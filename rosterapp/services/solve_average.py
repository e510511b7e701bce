"""The 48-hour average for the auto-roster: each officer's limit and what they worked in
the reference period before the solved one, read from the stored roster (the history
the rule reads, services/checks.history), so a solved period cannot end a reference
period above 48 hours a week however busy the weeks before it were."""

from __future__ import annotations

from datetime import timedelta

from rosterapp.domain.policy import WTR_AVERAGE_WEEK_HOURS, WTR_REFERENCE_WEEKS
from rosterapp.services.checks import history
from rosterapp.services.solve_problem import TeamProblem
from rosterapp.storage import Database


def add_average(db: Database, tp: TeamProblem) -> None:
    """Give every solved officer who has not opted out the limit and their history."""
    start, end = tp.days[0], tp.days[-1]
    span = WTR_REFERENCE_WEEKS * 7
    # Leave in the history pushes a period's start back by as many days (reg. 4(6)).
    past = history(db, list(tp.people), start - timedelta(days=2 * span), start - timedelta(1))
    for p in tp.problem.people:
        m = tp.people[int(str(p.id))].member
        if m.wtr_opt_out and (m.wtr_opt_out_since is None or m.wtr_opt_out_since <= end):
            continue
        p.average_minutes = round(WTR_AVERAGE_WEEK_HOURS * 60)
        p.average_days = span
        p.worked_before = {
            (d - start).days: round(h * 60) for d, h in past.hours.get(m.id, {}).items() if h
        }
        p.leave_before = frozenset((d - start).days for d in past.leave.get(m.id, ()))
