"""Reading the roster: a team × dates grid, and one member's entries across teams."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rosterapp.domain.calendar import bank_holidays, days_between
from rosterapp.domain.enums import RANK_ORDER
from rosterapp.domain.grid import Cell, Grid, GridRow
from rosterapp.domain.tables import Absence, Assignment, Beat, RosterPeriod, ShiftType, Team
from rosterapp.domain.values import MemberInfo
from rosterapp.services.convert import beat_info, period_info, shift_info, team_info
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import member_by_shoulder, team_by_code
from rosterapp.services.members import members_in_team
from rosterapp.services.operation_marks import marks_for
from rosterapp.services.roster.coded import Coded
from rosterapp.services.shift_types import ABSENCE_CODES
from rosterapp.storage import Database
from rosterapp.storage.rows import Days, day_text, plain_rows

MAX_RANGE_DAYS = 366


def check_range(start: date, end: date) -> None:
    if end < start:
        raise InvalidInput(f"the period ends ({end}) before it starts ({start})", field="end")
    if (end - start).days >= MAX_RANGE_DAYS:
        raise InvalidInput("a period can be at most one year long", field="end")


def assignment_cell(a: Assignment, shifts: Coded[ShiftType], beats: Coded[Beat]) -> Cell:
    shift, beat = shifts.by_id(a.shift_type_id), beats.by_id(a.beat_id)
    assert shift is not None  # a foreign key: every entry has its shift type
    return Cell(
        code=shift.code,
        beat=beat.code if beat else None,
        call_sign=a.call_sign,
        note=a.note,
        pinned=a.pinned,
        version=a.version,
    )


def read_grid(db: Database, team_code: str, start: date, end: date) -> Grid:
    check_range(start, end)
    with db.session() as s:
        team = team_by_code(s, team_code)
        assert team.id is not None
        spans = members_in_team(s, team.id, start, end)
        shifts = {st.id: st for st in s.exec(select(ShiftType)).all()}
        beats = {b.id: b for b in s.exec(select(Beat).where(Beat.team_id == team.id)).all()}
        cells = _typed_cells(s, team, shifts, beats, start, end)
        leave_days = _absence_days(s, [m.id for m, _, _ in spans], cells, start, end)
        used = {c.code for c in cells.values()}
        op_ids = [i for i, st in shifts.items() if st.abstraction and st.code in used and i]
        return Grid(
            team=team_info(team),
            start=start,
            end=end,
            rows=_rows(spans),
            cells=cells,
            shift_types={st.code: shift_info(st) for st in shifts.values()},
            beats={b.code: beat_info(b) for b in beats.values()},
            bank_holidays=bank_holidays(start, end),
            periods=[period_info(p) for p in _periods(s, team, start, end)],
            leave_days=leave_days,
            operations=marks_for(s, op_ids),
        )


def _typed_cells(
    s: Session,
    team: Team,
    shifts: dict[int | None, ShiftType],
    beats: dict[int | None, Beat],
    start: date,
    end: date,
) -> dict[tuple[int, date], Cell]:
    """The entries typed into the team's roster, by (member, day)."""
    # Plain rows, not ORM objects: building thousands of instances is the slow part.
    codes = {sid: st.code for sid, st in shifts.items()}
    beat_codes = {bid: b.code for bid, b in beats.items()}
    assignment_rows = plain_rows(
        s,
        sa.select(
            col(Assignment.member_id),
            # Raw text on SQLite: its per-row date parsing costs more than the query.
            day_text(col(Assignment.day)),
            col(Assignment.shift_type_id),
            col(Assignment.beat_id),
            col(Assignment.call_sign),
            col(Assignment.note),
            col(Assignment.pinned),
            col(Assignment.version),
        ).where(
            col(Assignment.team_id) == team.id,
            col(Assignment.day) >= start,
            col(Assignment.day) <= end,
        ),
    )
    cells: dict[tuple[int, date], Cell] = {}
    days = Days()
    for mid, raw_day, sid, bid, call_sign, note, pinned, version in assignment_rows:
        cells[(mid, days[raw_day])] = Cell(
            code=codes[sid],
            beat=beat_codes.get(bid) if bid is not None else None,
            call_sign=call_sign,
            note=note,
            pinned=pinned,
            version=version,
        )
    return cells


def _absence_days(
    s: Session,
    member_ids: list[int],
    cells: dict[tuple[int, date], Cell],
    start: date,
    end: date,
) -> dict[tuple[int, date], str]:
    """Days inside absence ranges, by (member, day) → code; shown in `cells` where
    nothing is typed over them."""
    leave_days: dict[tuple[int, date], str] = {}
    for i in range(0, len(member_ids), 500):
        chunk = member_ids[i : i + 500]
        for ab in s.exec(
            select(Absence).where(
                col(Absence.member_id).in_(chunk),
                Absence.start_date <= end,
                Absence.end_date >= start,
            )
        ).all():
            code = ABSENCE_CODES.get(ab.kind, "AL")
            for day in days_between(max(ab.start_date, start), min(ab.end_date, end)):
                leave_days[(ab.member_id, day)] = code
                cells.setdefault(
                    (ab.member_id, day), Cell(code=code, note=ab.note, from_absence=True)
                )
    return leave_days


def _rows(spans: list[tuple[MemberInfo, date, date]]) -> list[GridRow]:
    rank_pos = {r: i for i, r in enumerate(RANK_ORDER)}
    return sorted(
        (GridRow(m, lo, hi) for m, lo, hi in spans),
        key=lambda r: (
            rank_pos[r.member.rank],
            r.member.last_name.casefold(),
            r.member.first_name.casefold(),
            r.member.shoulder_number,
        ),
    )


def _periods(s: Session, team: Team, start: date, end: date) -> list[RosterPeriod]:
    return list(
        s.exec(
            select(RosterPeriod).where(
                RosterPeriod.team_id == team.id,
                RosterPeriod.start_date <= end,
                RosterPeriod.end_date >= start,
            )
        ).all()
    )


def member_roster(db: Database, shoulder: str, start: date, end: date) -> list[tuple[date, Cell]]:
    """One member's entries across all teams (for calendars and the member view)."""
    check_range(start, end)
    with db.session() as s:
        m = member_by_shoulder(s, shoulder)
        assert m.id is not None
        shifts = Coded(s.exec(select(ShiftType)).all())
        beats = Coded(s.exec(select(Beat)).all())
        out: dict[date, Cell] = {}
        for a in s.exec(
            select(Assignment).where(
                Assignment.member_id == m.id, Assignment.day >= start, Assignment.day <= end
            )
        ).all():
            out[a.day] = assignment_cell(a, shifts, beats)
        for ab in s.exec(
            select(Absence).where(
                Absence.member_id == m.id, Absence.start_date <= end, Absence.end_date >= start
            )
        ).all():
            for day in days_between(max(ab.start_date, start), min(ab.end_date, end)):
                out.setdefault(day, Cell(ABSENCE_CODES.get(ab.kind, "AL"), from_absence=True))
        return sorted(out.items())
