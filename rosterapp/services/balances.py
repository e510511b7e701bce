"""Each officer's balances in a leave year: entitlement (Annex O, pro rata), leave
taken, booked and pending, days in lieu, rest days owed, TOIL and overtime hours."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from rosterapp.domain.calendar import bank_holidays
from rosterapp.domain.compensation import overtime_hours, unreplaced_rest_days
from rosterapp.domain.enums import AbsenceKind, EntryKind, Rank
from rosterapp.domain.grid import CellChange
from rosterapp.domain.policy import REPLACEMENT_REST_DAY_WITHIN_DAYS
from rosterapp.domain.requests import (
    DAY_HOURS,
    Balance,
    RequestInfo,
    RequestKind,
    RequestStatus,
    annex_o_days,
    leave_year,
    pro_rata,
    service_years,
)
from rosterapp.domain.tables import (
    Absence,
    Assignment,
    ChangeRecord,
    Member,
    RosterRequest,
    ShiftType,
    Team,
    TeamMembership,
    ToilEntry,
)
from rosterapp.domain.values import ChangeInfo
from rosterapp.services.convert import shift_info
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import member_by_id, team_by_code, team_on
from rosterapp.storage import Database

if TYPE_CHECKING:  # the roster package imports this module: only the type, not the module
    from rosterapp.services.roster.coded import Coded

_LIEU = AbsenceKind.DAY_IN_LIEU


def entitlement(m: Member, year: tuple[date, date]) -> float:
    """Days of annual leave in the year: Annex O by relevant service for police
    officers, the member's own figure for PCSOs and staff; pro rata for part-time
    contracts and for joining or leaving in the year."""
    if m.leave_entitlement is not None and (m.rank.is_police_staff or not m.service_start):
        full = m.leave_entitlement
    else:
        full = annex_o_days(service_years(m.service_start or m.start_date, year[0]))
    return pro_rata(full, m.contracted_hours, year, m.start_date, m.end_date)


def _days(ranges: Iterable[tuple[date, date]], lo: date, hi: date, skip: set[date]) -> list[date]:
    out = []
    for start, end in ranges:
        day = max(start, lo)
        while day <= min(end, hi):
            if day not in skip:
                out.append(day)
            day += timedelta(days=1)
    return out


def _year_rows(
    s: Session, m: Member, lo: date, hi: date, shifts: dict[int | None, ShiftType]
) -> tuple[Sequence[Assignment], set[date], Sequence[Absence]]:
    """The member's roster entries, rest days and absences in [lo, hi]."""
    rows = s.exec(
        select(Assignment).where(
            Assignment.member_id == m.id, Assignment.day >= lo, Assignment.day <= hi
        )
    ).all()
    rest = {a.day for a in rows if shifts[a.shift_type_id].absence_kind is AbsenceKind.REST_DAY}
    absences = s.exec(
        select(Absence).where(
            Absence.member_id == m.id, Absence.start_date <= hi, Absence.end_date >= lo
        )
    ).all()
    return rows, rest, absences


def _days_of(
    kind: AbsenceKind,
    rows: Sequence[Assignment],
    absences: Sequence[Absence],
    shifts: dict[int | None, ShiftType],
    span: tuple[date, date],
    rest: set[date],
) -> list[date]:
    """The days in span given to one kind of absence: cells typed with its code (a
    sergeant types AL into the grid as often as they record it) and absence records, a
    day that is both counted once; a rest day inside a recorded range is not leave."""
    typed = {a.day for a in rows if shifts[a.shift_type_id].absence_kind is kind}
    ranges = [(a.start_date, a.end_date) for a in absences if a.kind is kind]
    return sorted(typed | set(_days(ranges, *span, rest)))


def _year_before(year: tuple[date, date]) -> tuple[date, date]:
    return (year[0].replace(year=year[0].year - 1), year[0] - timedelta(days=1))


def carried_over(
    s: Session, m: Member, year: tuple[date, date], cap: float, shifts: dict[int | None, ShiftType]
) -> float:
    """Leave left from the year before, up to the team's carry-over limit. Only that
    year's own entitlement counts: what it carried in itself is not carried twice. A year
    the database holds nothing of for the member (before the team used the app) carries
    nothing: its leave is not known, and guessing none taken would inflate the balance."""
    if cap <= 0 or (m.start_date is not None and m.start_date >= year[0]):
        return 0.0
    before = _year_before(year)
    rows, rest, absences = _year_rows(s, m, *before, shifts)
    if not rows and not absences:
        return 0.0
    left = entitlement(m, before) - len(
        _days_of(AbsenceKind.ANNUAL_LEAVE, rows, absences, shifts, before, rest)
    )
    return max(0.0, min(cap, left))


def _lieu_in(
    rows: Sequence[Assignment],
    rest: set[date],
    absences: Sequence[Absence],
    shifts: dict[int | None, ShiftType],
    year: tuple[date, date],
) -> tuple[int, int]:
    """Bank holidays worked in the year (each earns a day in lieu) and days in lieu
    given back: typed DIL cells and day-in-lieu absences, a day counted once."""
    holidays = bank_holidays(*year)
    worked = sum(
        1 for a in rows if a.day in holidays and shifts[a.shift_type_id].kind is EntryKind.DUTY
    )
    return worked, len(_days_of(_LIEU, rows, absences, shifts, year, rest))


def lieu_days(
    s: Session, m: Member, year: tuple[date, date], shifts: dict[int | None, ShiftType]
) -> tuple[int, int, int]:
    """(bank holidays worked, days owed carried in, days given back) in the leave year.
    A day not given back in the year after the one it was earned in is not carried
    again: only the year before's own holidays are carried."""
    worked, taken = _lieu_in(*_year_rows(s, m, *year, shifts), shifts, year)
    before = _year_before(year)
    earlier, used = _lieu_in(*_year_rows(s, m, *before, shifts), shifts, before)
    return worked, max(0, earlier - used), taken


def refuse_lieu_beyond_owed(
    s: Session, shifts: Coded[ShiftType], changes: Sequence[CellChange]
) -> None:
    """Inside the transaction that typed DIL cells: refuse (naming the numbers) if the
    officer would then have been given more days in lieu than they are owed."""
    typed = [
        (c.member_id, c.day)
        for c in changes
        if c.after is not None
        and not c.after.from_absence
        and getattr(shifts.get(c.after.code), "absence_kind", None) is _LIEU
    ]
    for member_id in sorted({mid for mid, _ in typed}):
        check_lieu_owed(s, member_id, [d for mid, d in typed if mid == member_id])


def check_lieu_owed(s: Session, member_id: int, days: Iterable[date]) -> None:
    """Refuse, after days in lieu are written, if any leave year holding them now has
    more given back than the bank holidays worked (and carried in) earned."""
    m = member_by_id(s, member_id)
    by_id: dict[int | None, ShiftType] = {st.id: st for st in s.exec(select(ShiftType)).all()}
    years = {leave_year(d, team_on(s, m, d).leave_year_start_month) for d in days}
    for year in sorted(years):
        worked, carried, taken = lieu_days(s, m, year, by_id)
        if taken > worked + carried:
            earned = f"{worked} bank holiday(s) worked" + (
                f" and {carried} carried in" if carried else ""
            )
            raise InvalidInput(
                f"{m.shoulder_number} {m.first_name} {m.last_name} is owed "
                f"{worked + carried} day(s) in lieu in the leave year "
                f"{year[0]:%d %b %Y} – {year[1]:%d %b %Y} ({earned}); giving back {taken} "
                "is more than is owed",
                field="shift",
            )


def _balance_in(
    s: Session, m: Member, year: tuple[date, date], today: date, carry_cap: float = 0.0
) -> Balance:
    lo, hi = year
    shifts: dict[int | None, ShiftType] = {st.id: st for st in s.exec(select(ShiftType)).all()}
    rows, rest, absences = _year_rows(s, m, lo, hi, shifts)
    leave = _days_of(AbsenceKind.ANNUAL_LEAVE, rows, absences, shifts, year, rest)
    toil = _days_of(AbsenceKind.TOIL, rows, absences, shifts, year, rest)
    pending = s.exec(
        select(RosterRequest).where(
            RosterRequest.member_id == m.id,
            RosterRequest.kind == RequestKind.LEAVE,
            RosterRequest.status == RequestStatus.PENDING,
            RosterRequest.start_date <= hi,
            RosterRequest.end_date >= lo,
        )
    ).all()
    worked, lieu_carried, lieu_taken = lieu_days(s, m, year, shifts)
    return Balance(
        member_id=m.id or 0,
        shoulder_number=m.shoulder_number,
        name=f"{m.first_name} {m.last_name}",
        year_start=lo,
        year_end=hi,
        entitlement=entitlement(m, year),
        taken=float(sum(1 for d in leave if d <= today)),
        booked=float(sum(1 for d in leave if d > today)),
        pending=float(len(_days([(r.start_date, r.end_date) for r in pending], lo, hi, rest))),
        days_in_lieu=worked + lieu_carried - lieu_taken,
        rest_days_owed=_rest_days_owed(s, m, lo, hi),
        toil_hours=len(toil) * DAY_HOURS,
        overtime_hours=_overtime_hours(s, m, lo, hi, rows),
        carried_over=carried_over(s, m, year, carry_cap, shifts),
        toil_earned=_toil_earned(s, m, lo, hi),
        bank_holidays_worked=worked,
        lieu_carried=lieu_carried,
        lieu_taken=lieu_taken,
    )


def _toil_earned(s: Session, m: Member, lo: date, hi: date) -> float:
    rows = s.exec(
        select(ToilEntry.hours).where(
            ToilEntry.member_id == m.id, ToilEntry.day >= lo, ToilEntry.day <= hi
        )
    ).all()
    return float(sum(rows))


def _changes(s: Session, m: Member, lo: date, hi: date) -> list[ChangeRecord]:
    return list(
        s.exec(
            select(ChangeRecord).where(
                ChangeRecord.member_id == m.id, ChangeRecord.day >= lo, ChangeRecord.day <= hi
            )
        ).all()
    )


def _rest_days_owed(s: Session, m: Member, lo: date, hi: date) -> int:
    """Published rest days worked in the year on 15 or more days' notice and not yet
    given back by a replacement rest day within 4 days of them."""
    reach = timedelta(days=REPLACEMENT_REST_DAY_WITHIN_DAYS)
    rows = sorted(_changes(s, m, lo - reach, hi + reach), key=lambda c: (c.day, c.id or 0))
    changes = [_change_info(c, m) for c in rows]
    shifts = {st.code: shift_info(st) for st in s.exec(select(ShiftType)).all()}
    return sum(1 for c, _due in unreplaced_rest_days(changes, shifts) if lo <= c.day <= hi)


def _overtime_hours(s: Session, m: Member, lo: date, hi: date, rows: Sequence[Assignment]) -> float:
    """Hours paid as overtime, counted as the HR timesheet counts them: each day's tour
    as it stands, under the last change recorded on that day."""
    by_id = {st.id: shift_info(st) for st in s.exec(select(ShiftType)).all()}
    shifts = {st.code: st for st in by_id.values()}
    now = {a.day: by_id.get(a.shift_type_id) for a in rows}
    last = {c.day: c for c in sorted(_changes(s, m, lo, hi), key=lambda c: (c.day, c.id or 0))}
    inspector = m.rank is Rank.INSPECTOR
    return sum(
        overtime_hours(day, now.get(day), _change_info(c, m), shifts, inspector=inspector)
        for day, c in last.items()
    )


def _change_info(c: ChangeRecord, m: Member) -> ChangeInfo:
    return ChangeInfo(
        c.member_id,
        m.shoulder_number,
        c.day,
        c.old_code,
        c.new_code,
        c.told_at,
        c.notice_clear_days,
        c.compensation_class,
    )


def balance_for(db: Database, info: RequestInfo, days: int) -> tuple[float, float, list[str]]:
    """What a leave, TOIL or day-in-lieu request draws on: left before and after (leave
    and lieu in days, TOIL in hours), and the refusal when it asks for more."""
    balance = member_balance(db, info.member_id, info.start)
    sn = info.shoulder_number
    if info.kind is RequestKind.TOIL:
        before, asked = balance.toil_left, DAY_HOURS * days
        why = f"{sn} has {before:g} hours of TOIL earned and not taken, and asks for {asked:g}"
    elif info.kind is RequestKind.LIEU:
        before, asked = float(balance.days_in_lieu), float(days)
        why = f"{sn} is owed {before:g} day(s) in lieu and asks for {asked:g}"
    else:
        before, asked = balance.remaining, float(days)
        why = f"{sn} has {before:g} days of leave left and asks for {asked:g}"
    return before, before - asked, [why] if before - asked < 0 else []


def member_balance(db: Database, member_id: int, on: date, today: date | None = None) -> Balance:
    """A member's balances in the leave year holding `on` (of the team they are in then)."""
    with db.session() as s:
        m = member_by_id(s, member_id)
        team = team_on(s, m, on)
        year = leave_year(on, team.leave_year_start_month)
        return _balance_in(s, m, year, today or date.today(), team.leave_carry_over_days)


def team_balances(
    db: Database, team_code: str, year: int | None = None, today: date | None = None
) -> list[Balance]:
    """Every member of the team in the leave year starting in `year` (default: this one)."""
    today = today or date.today()
    with db.session() as s:
        team: Team = team_by_code(s, team_code)
        month = team.leave_year_start_month
        lo, hi = leave_year(date(year, month, 1) if year else today, month)
        members = (
            s.exec(
                select(Member)
                .join(TeamMembership, col(TeamMembership.member_id) == Member.id)
                .where(
                    TeamMembership.team_id == team.id,
                    TeamMembership.start_date <= hi,
                    (col(TeamMembership.end_date).is_(None)) | (col(TeamMembership.end_date) >= lo),
                )
                .order_by(col(Member.shoulder_number))
            )
            .unique()
            .all()
        )
        unique = {m.id: m for m in members}  # a member who left and came back is one
        cap = team.leave_carry_over_days
        return [_balance_in(s, m, (lo, hi), today, cap) for m in unique.values()]
