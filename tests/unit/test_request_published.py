"""A request approved onto a published roster is a change like any other (its notice and
compensation recorded for HR), and the overtime it or any other change brings shows in
the officer's balances as the HR timesheet counts it. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

from rosterapp.domain.calendar import bank_holidays
from rosterapp.domain.compensation import REST_DAY_REPLACEMENT, REST_DAY_SHORT, split
from rosterapp.domain.enums import Rank
from rosterapp.domain.grid import CellEdit
from rosterapp.domain.requests import RequestKind
from rosterapp.services.balances import team_balances
from rosterapp.services.members import update_member
from rosterapp.services.period_report import period_report
from rosterapp.services.periods import list_changes, publish_period
from rosterapp.services.request_decisions import decide, undo_decision
from rosterapp.services.requests import NewRequest, add_request
from rosterapp.services.roster.edits import assign, set_cells
from rosterapp.storage import Database
from tests.factories import member_input, small_team


def _working_day(days_ahead: int) -> date:
    """A day that far from today that is not a bank holiday (notice is counted from the
    moment of approval, so the dates follow today)."""
    day = date.today() + timedelta(days=days_ahead)
    while day in bank_holidays(day, day):
        day += timedelta(days=1)
    return day


def test_an_approved_request_on_a_published_roster_records_its_notice_and_class(
    db: Database,
) -> None:
    _, b, c, *_ = small_team(db, n=6)
    far = _working_day(30)
    assign(db, b.shoulder_number, far, "RD")
    assign(db, c.shoulder_number, far, "E", beat="SOH")
    publish_period(db, "T1", far - timedelta(days=3), far + timedelta(days=3))
    # b asks for an Early on the published rest day: worked on 15+ days' notice.
    tour = add_request(db, NewRequest(b.shoulder_number, RequestKind.SHIFT, far, shift="E"))
    decision = decide(db, tour.id, approve=True, reason="cover for the fair")
    (change,) = list_changes(db, "T1", far, far)
    assert (change.member_id, change.old_code, change.new_code) == (b.id, "RD", "E")
    assert change.notice_clear_days is not None and change.notice_clear_days >= 15
    assert REST_DAY_REPLACEMENT in split(change.compensation_class)
    # Undone, the roster is as published and the change record says so too.
    undo_decision(db, decision)
    back = [x for x in list_changes(db, "T1", far, far) if x.member_id == b.id]
    assert [(x.old_code, x.new_code) for x in back] == [("RD", "E"), ("E", "RD")]


def test_approved_leave_on_a_published_duty_records_the_duty_becoming_leave(
    db: Database,
) -> None:
    _, b, *_ = small_team(db, n=6)
    far = _working_day(30)
    assign(db, b.shoulder_number, far, "E", beat="SOH")
    publish_period(db, "T1", far - timedelta(days=3), far + timedelta(days=3))
    leave = add_request(db, NewRequest(b.shoulder_number, RequestKind.LEAVE, far))
    decide(db, leave.id, approve=True, override_reason="agreed with the inspector")
    (change,) = list_changes(db, "T1", far, far)
    # The HR export reads "E → AL", not "E → (nothing)": the absence is there first.
    assert (change.old_code, change.new_code) == ("E", "AL")


def test_a_swap_on_a_published_roster_records_both_officers_changes(db: Database) -> None:
    _, b, c, *_ = small_team(db, n=6)
    far = _working_day(30)
    assign(db, b.shoulder_number, far, "E", beat="SOH")
    assign(db, c.shoulder_number, far, "L", beat="OXF")
    publish_period(db, "T1", far - timedelta(days=3), far + timedelta(days=3))
    swap = add_request(
        db, NewRequest(b.shoulder_number, RequestKind.SWAP, far, with_shoulder=c.shoulder_number)
    )
    decide(db, swap.id, approve=True)
    changes = {x.member_id: (x.old_code, x.new_code) for x in list_changes(db, "T1", far, far)}
    assert changes == {b.id: ("E", "L"), c.id: ("L", "E")}


def _year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def test_a_rest_day_worked_at_short_notice_is_overtime_in_the_balances(db: Database) -> None:
    insp, b, c, *_ = small_team(db, n=6)
    update_member(db, insp.id, member_input(insp, rank=Rank.INSPECTOR))
    soon = _working_day(3)
    week = [soon + timedelta(days=i) for i in range(-2, 3)]
    for m in (insp, b, c):
        set_cells(db, "T1", [CellEdit(m.id, d, "RD", None) for d in week])
    publish_period(db, "T1", week[0], week[-1])
    # b works the rest day at 3 days' notice (time and a half); so does the inspector,
    # who is paid no overtime; c works it and is then given it back the same way.
    tour = add_request(db, NewRequest(b.shoulder_number, RequestKind.SHIFT, soon, shift="E"))
    decide(db, tour.id, approve=True)
    assign(db, insp.shoulder_number, soon, "E")
    assign(db, c.shoulder_number, soon, "L")
    assign(db, c.shoulder_number, soon, "RD")
    (change,) = [x for x in list_changes(db, "T1", soon, soon) if x.member_id == b.id]
    assert REST_DAY_SHORT in split(change.compensation_class)
    got = {x.member_id: x.overtime_hours for x in team_balances(db, "T1", _year_of(soon))}
    assert {k: got[k] for k in (insp.id, b.id, c.id)} == {insp.id: 0.0, b.id: 8.0, c.id: 0.0}
    # The HR timesheet counts the same hours.
    report = period_report(db, "T1", week[0], week[-1])
    timesheet = {m: 0.0 for m in got}
    for line in report.lines():
        timesheet[line.member.id] += line.overtime_hours
    assert timesheet == got


def test_a_start_brought_forward_at_short_notice_counts_its_hours_as_overtime(
    db: Database,
) -> None:
    from datetime import datetime

    from rosterapp.domain.calendar import LONDON

    _, b, *_ = small_team(db, n=6)
    day = _working_day(20)
    assign(db, b.shoulder_number, day, "L")  # 15:00–23:00
    publish_period(db, "T1", day, day)
    # Told at 03:00 to come in at 07:00: four hours' notice, eight hours brought forward.
    told = datetime.combine(day, datetime.min.time().replace(hour=3), tzinfo=LONDON)
    set_cells(db, "T1", [CellEdit(b.id, day, "E", None)], told_at=told)
    got = {x.member_id: x.overtime_hours for x in team_balances(db, "T1", _year_of(day))}
    assert got[b.id] == 8.0
