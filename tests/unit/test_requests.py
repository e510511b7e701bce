"""Requests on SQLite and PostgreSQL: each kind approved onto the roster, the refusals
(balance, a blocking rule, a swap breaking 11 h rest, a blackout without a reason),
decline, withdraw, undo, and the audit trail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from rosterapp.domain.requests import RequestKind, RequestStatus
from rosterapp.domain.tables import Absence, AuditEvent
from rosterapp.services.errors import Conflict, InvalidInput
from rosterapp.services.request_decisions import Refused, decide, impact, undo_decision
from rosterapp.services.requests import (
    NewRequest,
    add_blackout,
    add_request,
    list_requests,
    withdraw_request,
)
from rosterapp.services.roster.edits import assign
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 12, 7)


def _cell(db: Database, member_id: int, day: date) -> str | None:
    c = read_grid(db, "T1", day, day).cell(member_id, day)
    return c.code if c else None


def test_leave_approved_becomes_an_absence_and_clears_the_duties(db: Database) -> None:
    _, b, *_ = small_team(db, n=6)
    for i in range(5):
        assign(db, b.shoulder_number, MON + timedelta(days=i), "E", beat="SOH")
    req = add_request(
        db, NewRequest(b.shoulder_number, RequestKind.LEAVE, MON, MON + timedelta(days=4))
    )
    assert req.status is RequestStatus.PENDING
    found = impact(db, req.id)
    assert found.remaining_before is not None and found.remaining_after is not None
    assert found.remaining_before - found.remaining_after == 5
    assert any(c.before > c.after for c in found.cover) or not found.cover
    decision = decide(db, req.id, approve=True, reason="booked in time")
    assert decision.request.status is RequestStatus.APPROVED
    assert decision.absence is not None
    assert [_cell(db, b.id, MON + timedelta(days=i)) for i in range(5)] == ["AL"] * 5
    with db.session() as s:
        actions = [e.action for e in s.exec(select(AuditEvent)).all()]
    assert "request.approved" in actions and "absence.add" in actions
    undone = undo_decision(db, decision)
    assert undone.status is RequestStatus.PENDING
    assert [_cell(db, b.id, MON + timedelta(days=i)) for i in range(5)] == ["E"] * 5
    with db.session() as s:
        assert s.exec(select(Absence)).all() == []


def test_leave_beyond_the_balance_is_refused_with_the_numbers(db: Database) -> None:
    _, b, *_ = small_team(db, n=6)
    first = add_request(
        db, NewRequest(b.shoulder_number, RequestKind.LEAVE, MON, MON + timedelta(days=24))
    )
    decide(db, first.id, approve=True)
    start = MON + timedelta(days=40)
    second = add_request(db, NewRequest(b.shoulder_number, RequestKind.LEAVE, start, start))
    with pytest.raises(Refused, match="days of leave left and asks for 1"):
        decide(db, second.id, approve=True)
    assert list_requests(db, "T1", RequestStatus.PENDING)[0].id == second.id


def test_rest_day_and_tour_requests_write_the_cell(db: Database) -> None:
    _, b, c, *_ = small_team(db, n=6)
    assign(db, b.shoulder_number, MON, "L")
    rd = add_request(db, NewRequest(b.shoulder_number, RequestKind.REST_DAY, MON))
    decide(db, rd.id, approve=True)
    assert _cell(db, b.id, MON) == "RD"
    tour = add_request(db, NewRequest(c.shoulder_number, RequestKind.SHIFT, MON, shift="e"))
    decide(db, tour.id, approve=True)
    assert _cell(db, c.id, MON) == "E"


def test_a_tour_request_names_a_real_tour(db: Database) -> None:
    _, b, *_ = small_team(db, n=6)
    with pytest.raises(InvalidInput, match="not a tour of duty") as info:
        add_request(db, NewRequest(b.shoulder_number, RequestKind.SHIFT, MON, shift="RD"))
    assert info.value.field == "shift"
    with pytest.raises(InvalidInput, match="needs the officer to swap with"):
        add_request(db, NewRequest(b.shoulder_number, RequestKind.SWAP, MON))
    assert list_requests(db, "T1") == []


def test_swap_exchanges_both_cells(db: Database) -> None:
    _, b, c, *_ = small_team(db, n=6)
    assign(db, b.shoulder_number, MON, "E", beat="SOH")
    assign(db, c.shoulder_number, MON, "L", beat="OXF")
    req = add_request(
        db, NewRequest(b.shoulder_number, RequestKind.SWAP, MON, with_shoulder=c.shoulder_number)
    )
    decide(db, req.id, approve=True)
    assert (_cell(db, b.id, MON), _cell(db, c.id, MON)) == ("L", "E")


def test_swap_that_breaks_11h_rest_for_one_officer_is_refused(db: Database) -> None:
    _, b, c, *_ = small_team(db, n=6)
    # c works a late the day before: an early after it leaves under 11 hours' rest.
    assign(db, c.shoulder_number, MON - timedelta(days=1), "L")
    assign(db, b.shoulder_number, MON, "E")
    assign(db, c.shoulder_number, MON, "RD")
    req = add_request(
        db, NewRequest(b.shoulder_number, RequestKind.SWAP, MON, with_shoulder=c.shoulder_number)
    )
    assert any(f.rule == "rest-11h" for f in impact(db, req.id).new_findings)
    with pytest.raises(Refused, match=c.shoulder_number):
        decide(db, req.id, approve=True)
    assert (_cell(db, b.id, MON), _cell(db, c.id, MON)) == ("E", "RD")


def test_leave_in_a_blackout_needs_an_override_reason_which_is_audited(db: Database) -> None:
    _, b, *_ = small_team(db, n=6)
    add_blackout(db, "T1", date(2026, 12, 20), date(2026, 12, 31), "Christmas")
    req = add_request(db, NewRequest(b.shoulder_number, RequestKind.LEAVE, date(2026, 12, 24)))
    with pytest.raises(Refused, match="blackout: Christmas") as info:
        decide(db, req.id, approve=True)
    assert info.value.field == "override_reason"
    done = decide(db, req.id, approve=True, override_reason="wedding booked last year")
    assert done.request.override_reason == "wedding booked last year"
    with db.session() as s:
        ev = s.exec(select(AuditEvent).where(AuditEvent.action == "request.approved")).one()
        assert ev.after == {"status": "approved", "override": "wedding booked last year"}


def test_decline_withdraw_and_a_stale_version(db: Database) -> None:
    _, b, *_ = small_team(db, n=6)
    one = add_request(db, NewRequest(b.shoulder_number, RequestKind.AVOID, MON, note="childcare"))
    two = add_request(db, NewRequest(b.shoulder_number, RequestKind.TOIL, MON + timedelta(days=1)))
    declined = decide(db, one.id, approve=False, reason="cover short")
    assert declined.request.status is RequestStatus.DECLINED
    assert declined.request.decision_reason == "cover short"
    with pytest.raises(InvalidInput, match="already declined"):
        decide(db, one.id, approve=True)
    with pytest.raises(Conflict):
        decide(db, two.id, approve=False, expected_version=two.version + 1)
    assert withdraw_request(db, two.id).status is RequestStatus.WITHDRAWN
    states = [r.status for r in list_requests(db, "T1")]
    assert states == [RequestStatus.DECLINED, RequestStatus.WITHDRAWN]


def test_approving_over_a_cell_changed_since_is_refused(db: Database) -> None:
    _, b, *_ = small_team(db, n=6)
    req = add_request(db, NewRequest(b.shoulder_number, RequestKind.REST_DAY, MON))
    found = impact(db, req.id)
    assign(db, b.shoulder_number, MON, "N")
    from rosterapp.services.roster.edits import set_cells

    with pytest.raises(Conflict):
        set_cells(db, "T1", found.edits)
    assert _cell(db, b.id, MON) == "N"


def test_leave_over_the_team_limit_needs_a_reason(db: Database) -> None:
    _, b, _ = small_team(db)
    req = add_request(db, NewRequest(b.shoulder_number, RequestKind.LEAVE, MON))
    with pytest.raises(Refused, match="the team limit is 20 %"):
        decide(db, req.id, approve=True)
    assert decide(db, req.id, approve=True, override_reason="court warned").absence is not None


def test_the_leave_limit_counts_toil_and_days_in_lieu_as_time_off(db: Database) -> None:
    from rosterapp.domain.findings import RuleId
    from rosterapp.rules.engine import check
    from rosterapp.services.checks import load_check_input
    from rosterapp.services.roster.edits import assign

    a, b, *_ = small_team(db, n=5)  # the limit is 20 %: one of five off is within it
    assign(db, a.shoulder_number, MON, "AL")
    assign(db, b.shoulder_number, MON, "TOIL")
    found = [
        f for f in check(load_check_input(db, "T1", MON, MON)) if f.rule == RuleId.LEAVE_THRESHOLD
    ]
    assert [f.message for f in found] == [
        "2 of 5 people (40 %) are off (leave, TOIL, days in lieu) on Mon 7 Dec"
        " — the team limit is 20 %"
    ]


def test_tour_and_day_to_avoid_requests_become_the_engines_wishes(db: Database) -> None:
    from rosterapp.services.beats import list_requirements
    from rosterapp.services.requests import wish_requests
    from rosterapp.services.solve_problem import W_REQUEST, add_request_wishes, build

    _, b, c, *_ = small_team(db, n=4)
    add_request(db, NewRequest(b.shoulder_number, RequestKind.SHIFT, MON, shift="E"))
    avoid = add_request(
        db, NewRequest(c.shoulder_number, RequestKind.AVOID, MON + timedelta(days=1))
    )
    declined = add_request(
        db, NewRequest(c.shoulder_number, RequestKind.AVOID, MON + timedelta(days=2))
    )
    decide(db, declined.id, approve=False)
    decide(db, avoid.id, approve=True)
    end = MON + timedelta(days=6)
    prefs = wish_requests(db, "T1", MON, end)
    assert sorted(prefs) == sorted(
        [(b.id, MON, "E", True), (c.id, MON + timedelta(days=1), None, True)]
    )
    tp = build(read_grid(db, "T1", MON, end), list_requirements(db, "T1"), MON, end, "fill")
    before = len(tp.problem.wishes)
    assert add_request_wishes(tp, prefs) == 2
    added = tp.problem.wishes[before:]
    assert sorted((w.day, w.person, w.tour or "", w.weight, w.wanted) for w in added) == [
        (0, b.id, "E", W_REQUEST, True),
        (1, c.id, "", W_REQUEST, True),
    ]


def test_cancelling_approved_leave_gives_the_days_back(db: Database) -> None:
    from rosterapp.services.balances import member_balance
    from rosterapp.services.request_cancel import cancel_request

    _, b, *_ = small_team(db, n=6)
    req = add_request(
        db, NewRequest(b.shoulder_number, RequestKind.LEAVE, MON, MON + timedelta(days=1))
    )
    with pytest.raises(InvalidInput, match="only an approved one"):
        cancel_request(db, req.id)
    decide(db, req.id, approve=True)
    left = member_balance(db, b.id, MON, today=MON).remaining
    done = cancel_request(db, req.id, reason="holiday called off")
    assert done.request.status is RequestStatus.CANCELLED
    assert member_balance(db, b.id, MON, today=MON).remaining == left + 2
    with db.session() as s:
        assert s.exec(select(Absence)).all() == []


def test_blackouts_are_listed_and_removed_only_within_their_team(db: Database) -> None:
    from datetime import date as _date

    from rosterapp.services.blackouts import list_blackouts, remove_blackout
    from rosterapp.services.errors import NotFound
    from rosterapp.services.requests import add_blackout

    small_team(db, "T1", n=1)
    small_team(db, "T2", n=1)
    late = add_blackout(db, "T1", _date(2027, 8, 28), _date(2027, 8, 31), "Carnival")
    early = add_blackout(db, "T1", _date(2026, 12, 19), _date(2027, 1, 2), "Christmas")
    assert [b.id for b in list_blackouts(db, "T1")] == [early.id, late.id]  # earliest first
    with pytest.raises(NotFound) as info:
        remove_blackout(db, "T2", late.id)  # another team's
    assert info.value.field == "id"
    assert remove_blackout(db, "T1", late.id).reason == "Carnival"
    assert [b.id for b in list_blackouts(db, "T1")] == [early.id]


def test_toil_is_taken_only_against_hours_earned(db: Database) -> None:
    from rosterapp.services.balances import team_balances
    from rosterapp.services.errors import InvalidInput
    from rosterapp.services.toil import add_toil, list_toil, remove_toil

    _, b, *_ = small_team(db, n=6)
    sn = b.shoulder_number
    with pytest.raises(InvalidInput) as info:
        add_toil(db, sn, MON, 0, "nothing")
    assert info.value.field == "hours"
    with pytest.raises(InvalidInput) as info:
        add_toil(db, sn, MON, 3, "  ")
    assert info.value.field == "reason"
    req = add_request(db, NewRequest(sn, RequestKind.TOIL, MON + timedelta(days=7)))
    found = impact(db, req.id)
    assert found.remaining_before == 0 and found.remaining_after == -8
    assert any("0 hours of TOIL earned" in r for r in found.refusals)
    first = add_toil(db, sn, MON, 5.5, "kept on at an arrest")
    add_toil(db, sn, MON + timedelta(days=1), 2.5, "late prisoner handover")
    assert [t.hours for t in list_toil(db, sn)] == [5.5, 2.5]
    found = impact(db, req.id)
    assert (found.remaining_before, found.remaining_after, found.refusals) == (8, 0, [])
    decide(db, req.id, approve=True, reason="fine")
    (mine,) = [x for x in team_balances(db, "T1", 2026, today=MON) if x.shoulder_number == sn]
    assert (mine.toil_earned, mine.toil_hours, mine.toil_left) == (8, 8, 0)
    remove_toil(db, first.id)
    assert [t.hours for t in list_toil(db, sn)] == [2.5]
