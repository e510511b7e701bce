"""Everything an export shows for a team and a period, read in one place."""

from __future__ import annotations

from datetime import date

from rosterapp.domain.findings import Finding
from rosterapp.domain.report import PeriodReport
from rosterapp.domain.requests import Balance, leave_year
from rosterapp.rules.context import CheckInput
from rosterapp.rules.engine import check
from rosterapp.services.checks import load_check_input
from rosterapp.services.errors import InvalidInput
from rosterapp.storage import Database

MAX_EXPORT_DAYS = 92


def period_report(db: Database, team_code: str, start: date, end: date) -> PeriodReport:
    if end < start:
        raise InvalidInput(f"the period ends ({end}) before it starts ({start})")
    if (end - start).days >= MAX_EXPORT_DAYS:
        raise InvalidInput(f"export at most {MAX_EXPORT_DAYS} days at a time")
    ci = load_check_input(db, team_code, start, end)
    return report_of(ci, check(ci), _balances(db, team_code, start))


def report_of(
    ci: CheckInput, findings: list[Finding], balances: list[Balance] | None = None
) -> PeriodReport:
    """The report of a loaded check input's range (its context days left out)."""
    grid, start = ci.grid, ci.start
    return PeriodReport(
        team=grid.team,
        start=start,
        end=ci.end,
        rows=grid.rows,
        cells={k: v for k, v in grid.cells.items() if k[1] >= start},
        shift_types=grid.shift_types,
        beats=grid.beats,
        bank_holidays={d: n for d, n in grid.bank_holidays.items() if d >= start},
        changes=[c for c in ci.changes if start <= c.day <= ci.end],
        findings=findings,
        balances=balances or [],
    )


def _balances(db: Database, team_code: str, start: date) -> list[Balance]:
    from rosterapp.services.balances import team_balances
    from rosterapp.services.lookup import team_by_code

    with db.session() as s:
        month = team_by_code(s, team_code).leave_year_start_month
    return team_balances(db, team_code, leave_year(start, month)[0].year)
