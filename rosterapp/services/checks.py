"""Checking a team's roster against the rules (loads what the pure rules need)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rosterapp.domain.calendar import tour_hours
from rosterapp.domain.enums import EntryKind
from rosterapp.domain.findings import Finding, Severity
from rosterapp.domain.policy import REPLACEMENT_REST_DAY_WITHIN_DAYS, WTR_REFERENCE_WEEKS
from rosterapp.domain.tables import Absence, Assignment, ShiftType
from rosterapp.domain.values import ChangeInfo, MemberInfo
from rosterapp.rules.absence import ABSTRACTIONS
from rosterapp.rules.context import CheckInput
from rosterapp.rules.engine import check
from rosterapp.rules.working_time import EXCLUDED_LEAVE
from rosterapp.services.beats import list_requirements
from rosterapp.services.overrides import overrides_for
from rosterapp.services.periods import list_changes, list_periods
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database
from rosterapp.storage.rows import Days, day_text, plain_rows

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


@dataclass(frozen=True)
class History:
    hours: dict[int, dict[date, float]]
    leave: dict[int, frozenset[date]]
    abstracted: dict[int, frozenset[date]]


def load_check_input(
    db: Database,
    team_code: str,
    start: date,
    end: date,
    *,
    history_from: date | None = None,
    history_of: Callable[[MemberInfo], bool] | None = None,
    with_history: bool = True,
) -> CheckInput:
    """What the rules read for [start, end]. `history_from` and `history_of`: read stored
    history only from that day, of those members (a reader that needs less than the
    17-week averages of everyone, e.g. the DWOs' abstraction weeks); the averages are
    then not to be checked. Without `with_history` the stored history is left to
    `fill_history` (the week view shows the grid first)."""
    grid = read_grid(db, team_code, start - timedelta(days=CONTEXT_DAYS), end)
    # The first reference period ending in the range starts 17 weeks before its end
    # (or the team's night-work or abstraction period, if longer).
    weeks = max(WTR_REFERENCE_WEEKS, grid.team.night_reference_weeks, grid.team.abstraction_weeks)
    since = start - timedelta(weeks=weeks) + timedelta(days=1)
    if history_from is not None:
        since = history_from
    whose = [r.member.id for r in grid.rows if history_of is None or history_of(r.member)]
    past = history(db, whose if with_history else [], since, grid.start - timedelta(1))
    return CheckInput(
        grid=grid,
        start=start,
        end=end,
        requirements=list_requirements(db, team_code, start, end),
        changes=changes_to_check(db, team_code, start, end),
        history_days=past.hours,
        history_leave=past.leave,
        history_abstracted=past.abstracted,
        history_start=since,
        published=list_periods(db, team_code),
        history_weeks=WTR_REFERENCE_WEEKS,
        overrides=overrides_for(db, team_code, start, end),
    )


def fill_history(db: Database, ci: CheckInput) -> None:
    """The stored history before the grid that load_check_input(with_history=False) left
    out, read now: hours, leave and abstraction of everyone in the grid."""
    assert ci.history_start is not None
    whose = [r.member.id for r in ci.grid.rows]
    past = history(db, whose, ci.history_start, ci.grid.start - timedelta(1))
    ci.history_days, ci.history_leave = past.hours, past.leave
    ci.history_abstracted = past.abstracted


_LEAVE = ("leave",)
_AWAY = ("away",)


def _shift_kinds(s: Session) -> dict[int, tuple[Any, ...]]:
    """Per shift type: leave the 48-hour average leaves out, an abstraction, or a duty's
    (start, end, whether an operation's); other entries are left out. Plain values, read
    once: reading ORM attributes per roster row was most of this read's cost."""
    out: dict[int, tuple[Any, ...]] = {}
    for st in s.exec(select(ShiftType)).all():
        if st.absence_kind in EXCLUDED_LEAVE:
            out[st.id or 0] = _LEAVE
        elif st.absence_kind in ABSTRACTIONS:
            out[st.id or 0] = _AWAY
        elif st.kind is EntryKind.DUTY and st.start is not None and st.end is not None:
            # An operation's duty is worked (its hours) and away from the ward (abstracted).
            out[st.id or 0] = (st.start, st.end, st.abstraction is not None)
    return out


def changes_to_check(db: Database, team_code: str, start: date, end: date) -> list[ChangeInfo]:
    """Changes to published days in the range, and in the days before it that a
    replacement rest day due in the range looks back over (twice the 4 days: the rest
    day worked and its replacement either side of it)."""
    reach = timedelta(days=2 * REPLACEMENT_REST_DAY_WITHIN_DAYS)
    return list_changes(db, team_code, start - reach, end)


def history(db: Database, member_ids: list[int], lo: date, hi: date) -> History:
    """Hours of duty per member and day in [lo, hi], the days of leave the 48-hour average
    leaves out (reg. 4(6)) and the days of abstraction (training, court, aid): typed in the
    roster or held as an absence range. Tour lengths follow their own day's clock change."""
    hours: dict[int, dict[date, float]] = defaultdict(dict)
    leave: dict[int, set[date]] = defaultdict(set)
    away: dict[int, set[date]] = defaultdict(set)
    if not member_ids or hi < lo:
        return History({}, {}, {})
    with db.session() as s:
        kinds = _shift_kinds(s)
        lengths: dict[tuple[date, int], float] = {}
        days = Days()
        typed: set[tuple[int, date]] = set()
        for i in range(0, len(member_ids), 500):
            chunk = member_ids[i : i + 500]
            for member_id, raw_day, shift_id in plain_rows(
                s,
                sa.select(
                    col(Assignment.member_id),
                    day_text(col(Assignment.day)),
                    col(Assignment.shift_type_id),
                ).where(
                    col(Assignment.member_id).in_(chunk),
                    col(Assignment.day) >= lo,
                    col(Assignment.day) <= hi,
                ),
            ):
                day = days[raw_day]
                typed.add((member_id, day))
                kind = kinds.get(shift_id or 0)
                if kind is None:
                    continue
                if kind is _LEAVE:
                    leave[member_id].add(day)
                elif kind is _AWAY:
                    away[member_id].add(day)
                else:
                    if len(kind) > 2 and kind[2]:
                        away[member_id].add(day)  # an operation's duty: hours and away
                    key = (day, shift_id)
                    length = lengths.get(key)
                    if length is None:
                        length = lengths[key] = tour_hours(day, kind[0], kind[1])
                    hours[member_id][day] = hours[member_id].get(day, 0.0) + length
            _absence_days(s, chunk, lo, hi, typed, leave, away)
    return History(
        dict(hours),
        {m: frozenset(d) for m, d in leave.items()},
        {m: frozenset(d) for m, d in away.items()},
    )


def _absence_days(
    s: Session,
    chunk: list[int],
    lo: date,
    hi: date,
    typed: set[tuple[int, date]],
    leave: dict[int, set[date]],
    away: dict[int, set[date]],
) -> None:
    """The days of leave and abstraction held as absence ranges, into `leave` and `away`."""
    for member_id, absence_kind, start, end in s.exec(
        select(
            col(Absence.member_id),
            col(Absence.kind),
            col(Absence.start_date),
            col(Absence.end_date),
        ).where(
            col(Absence.member_id).in_(chunk),
            col(Absence.kind).in_([*EXCLUDED_LEAVE, *ABSTRACTIONS]),
            Absence.start_date <= hi,
            Absence.end_date >= lo,
        )
    ).all():
        into = leave if absence_kind in EXCLUDED_LEAVE else away
        day = max(start, lo)
        while day <= min(end, hi):
            # What is typed on a day wins over the absence range, as in the grid.
            if (member_id, day) not in typed:
                into[member_id].add(day)
            day += timedelta(days=1)


def check_team(db: Database, team_code: str, start: date, end: date) -> Report:
    from rosterapp.services.errors import InvalidInput

    if end < start:
        raise InvalidInput(f"the period ends ({end}) before it starts ({start})")
    return Report(check(load_check_input(db, team_code, start, end)))
