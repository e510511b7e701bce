from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rosterapp.domain import compensation
from rosterapp.domain.calendar import LONDON, bank_holidays, tour_hours
from rosterapp.domain.cover import Requirement
from rosterapp.domain.enums import PeriodStatus, Rank
from rosterapp.domain.grid import Cell
from rosterapp.domain.values import ChangeInfo, PeriodInfo, SkillInfo
from rosterapp.rules.engine import check, member_findings, team_findings
from rosterapp.rules.notice import EntryTimes, classify_change
from tests.rulekit import SHIFTS, member, roster, with_team

MON = date(2026, 12, 7)


def rules_of(ci, rule: str):  # type: ignore[no-untyped-def]
    return [f for f in check(ci) if f.rule == rule]


def custom(code: str, start: time, end: time):  # type: ignore[no-untyped-def]
    return replace(
        SHIFTS["E"], id=100 + len(SHIFTS), code=code, name=f"Tour {code}", start=start, end=end
    )


# --- rest between tours ---------------------------------------------------------------
def test_exactly_11_hours_passes_and_10_59_fails() -> None:
    a, b = member(1), member(2)
    ci = roster(MON, {a: ["X", "E"], b: ["Y", "E"]})
    ci.grid.shift_types = {
        **SHIFTS,
        "X": custom("X", time(12), time(20)),
        "Y": custom("Y", time(12), time(20, 1)),
    }
    found = rules_of(ci, "rest-11h")
    assert [f.member for f in found] == [b.shoulder_number]
    assert "10 h 59 min between Tour Y ending 20:01" in found[0].message
    assert "the minimum is 11 h" in found[0].message
    assert found[0].day == MON + timedelta(days=1)


def test_late_late_then_early_names_the_numbers() -> None:
    a = member(1)
    (f,) = rules_of(roster(MON, {a: ["LL SOH", "E SOH"]}), "rest-11h")
    assert f.message == (
        "PC Ali Khan1 has 5 h between Late-late ending 02:00 Tue 8 Dec and "
        "Early starting 07:00 Tue 8 Dec — the minimum is 11 h"
    )
    assert f.source.startswith("Police Regulations 2003 Annex E")


def test_clock_changes_give_the_real_hours() -> None:
    assert tour_hours(date(2026, 10, 24), time(18), time(2)) == 9  # October: an hour longer
    assert tour_hours(date(2026, 3, 28), time(23), time(7)) == 7  # March: an hour shorter
    assert tour_hours(date(2026, 12, 7), time(18), time(2)) == 8
    a = member(1)
    # Late-late on Sat 24 Oct ends 02:00 GMT; Early on Sunday: 5 hours' rest, not 4.
    (f,) = rules_of(roster(date(2026, 10, 24), {a: ["LL", "E"]}), "rest-11h")
    assert "5 h between" in f.message


def test_overlapping_tours_are_double_booked() -> None:
    a = member(1)
    ci = roster(MON, {a: ["X", "E"]})
    ci.grid.shift_types = {**SHIFTS, "X": custom("X", time(20), time(9))}
    (f,) = rules_of(ci, "double-booked")
    assert f.severity.value == "block"


# --- rest days --------------------------------------------------------------------------
def test_two_rest_days_a_week_and_leave_is_not_rest() -> None:
    ok, bad = member(1), member(2)
    ci = roster(MON, {ok: ["E"] * 5 + ["RD"] * 2, bad: ["E"] * 5 + ["AL"] * 2})
    (f,) = rules_of(ci, "rest-days-week")
    assert f.member == bad.shoulder_number and "0 rest days" in f.message
    assert f.message.endswith("(leave is not rest)")
    worked = roster(MON, {bad: ["E"] * 6 + ["RD"]})
    (f,) = rules_of(worked, "rest-days-week")
    assert f.message.endswith("2 are required")  # no leave that week: nothing said of it


def test_unfinished_week_is_not_judged_yet() -> None:
    a = member(1)
    assert not rules_of(roster(MON, {a: ["E", "E", "E", "E", "E", None, None]}), "rest-days-week")


def test_more_than_seven_days_without_rest() -> None:
    seven, eight = member(1), member(2)
    ci = roster(MON, {seven: ["RD"] + ["E"] * 7 + ["RD"], eight: ["RD"] + ["E"] * 8})
    (f,) = rules_of(ci, "rest-day-gap")
    assert f.member == eight.shoulder_number and "works 8 days in a row" in f.message


def test_weekly_rest_24_in_7_or_48_in_14() -> None:
    tired, rested = member(1), member(2)
    ci = roster(MON, {tired: ["E"] * 14, rested: (["E"] * 6 + ["RD"]) * 2})
    found = rules_of(ci, "wtr-weekly-rest")
    assert {f.member for f in found} == {tired.shoulder_number}


def test_specials_are_volunteers_without_rest_day_rules() -> None:
    sc = member(1, Rank.SPECIAL, hours=0)
    ci = roster(MON, {sc: ["E"] * 14})
    assert not [
        f for f in check(ci) if f.rule in ("rest-days-week", "rest-day-gap", "wtr-weekly-rest")
    ]


# --- hours --------------------------------------------------------------------------------
def test_48_hour_average_uses_history_and_respects_opt_out() -> None:
    a, opted = member(1), member(2, opt_out=True)
    since = MON - timedelta(weeks=17) + timedelta(days=1)
    # 17 weeks of 7 h a day before the check, then an 8-hour Early: just over 49 h a week.
    history = {d: 7.0 for d in (since + timedelta(days=k) for k in range(119))}
    ci = roster(
        MON,
        {a: ["E"], opted: ["E"]},
        history_days={1: history, 2: history},
        history_start=since,
    )
    (f,) = rules_of(ci, "wtr-48h")
    assert f.member == a.shoulder_number and "averages 49.1 h" in f.message


def test_contract_hours_outside_the_tolerance() -> None:
    a, b = member(1), member(2)
    ci = roster(MON, {a: ["E"] * 6 + ["RD"], b: ["E"] * 7})
    found = rules_of(ci, "contract-hours")
    assert [f.member for f in found] == [b.shoulder_number]
    assert "rostered 56 h" in found[0].message


# --- leave and abstraction ----------------------------------------------------------------
def test_duty_on_leave_is_blocking() -> None:
    a = member(1)
    ci = roster(MON, {a: ["E"]}, leave={(1, MON): "S"})
    (f,) = rules_of(ci, "leave-clash")
    assert f.severity.value == "block" and "is on sick leave that day" in f.message


def test_share_of_team_on_leave() -> None:
    people = [member(i) for i in range(1, 5)]
    ci = roster(MON, {p: ["AL" if i == 0 else "E"] for i, p in enumerate(people)})
    (f,) = rules_of(with_team(ci, leave_threshold_pct=20.0), "leave-threshold")
    assert "1 of 4 people (25 %)" in f.message
    assert not rules_of(with_team(ci, leave_threshold_pct=30.0), "leave-threshold")


def test_dwo_abstraction_rate_per_officer_and_ward() -> None:
    """Measured over the last 12 weeks: one training day in one week is not 20 %."""
    dwo, tco = member(1), member(2, role="Town centre officer")
    one_week = roster(MON, {dwo: ["E SOH"] * 4 + ["TR"], tco: ["E SOH"] * 4 + ["CT"]})
    assert not rules_of(one_week, "abstraction-rate")
    week = ["E SOH"] * 5 + ["RD"] * 2
    heavy = [*(week * 7), *(["E SOH"] * 4 + ["TR", "RD", "RD"]) * 5]  # 5 of 60 days
    light = [*(week * 10), *(["E SOH"] * 4 + ["TR", "RD", "RD"]) * 2]  # 2 of 60 days
    ci = roster(MON, {dwo: heavy, tco: heavy, member(3): light})
    found = rules_of(ci, "abstraction-rate")
    assert {f.member for f in found} == {dwo.shoulder_number, None}
    (mine,) = [f for f in found if f.member]
    assert "5 of 60 working days (8.3 %) in the 12 weeks from Mon 7 Dec to Sun 28 Feb" in (
        mine.message
    )
    assert any(f.member is None and f.beat == "SOH" for f in found)


def test_the_abstraction_period_is_the_teams_setting() -> None:
    """Five training days in the last five weeks: 8.3 % of 12 weeks, 20 % of 5 weeks."""
    dwo = member(1)
    week = ["E SOH"] * 5 + ["RD"] * 2
    ci = with_team(
        roster(MON, {dwo: [*(week * 7), *(["E SOH"] * 4 + ["TR", "RD", "RD"]) * 5]}),
        abstraction_threshold_pct=10.0,
    )
    assert not [f for f in rules_of(ci, "abstraction-rate") if f.member]
    (five,) = [
        f for f in rules_of(with_team(ci, abstraction_weeks=5), "abstraction-rate") if f.member
    ]
    assert "5 of 25 working days (20.0 %) in the 5 weeks from" in five.message


# --- cover --------------------------------------------------------------------------------
def test_cover_shortfall_and_expired_skills_do_not_count() -> None:
    valid = member(1, skills=(SkillInfo("taser", date(2027, 1, 1)),))
    expired = member(2, skills=(SkillInfo("taser", date(2026, 12, 1)),))
    reqs = [
        Requirement(1, "SOH", 0, "E", 3, None, None),
        Requirement(2, None, 0, "E", 2, None, "taser"),
        Requirement(3, None, 0, "E", 1, Rank.SERGEANT, None),
    ]
    ci = roster(MON, {valid: ["E SOH"], expired: ["E SOH"]}, requirements=reqs)
    (short,) = rules_of(ci, "cover-shortfall")
    assert short.message == "Soho Early on Mon 7 Dec has 2 of the 3 people required"
    skills = rules_of(ci, "skill-cover")
    assert {f.message for f in skills} == {
        "Test team Early on Mon 7 Dec has 1 person with taser — 2 required "
        "(expired skills do not count)",
        "Test team Early on Mon 7 Dec has 0 sergeants — 1 required",
    }


# --- notice, publication, holidays ----------------------------------------------------------
@pytest.mark.parametrize(
    ("told_days_before", "expected"),
    [
        (15, compensation.REST_DAY_SHORT),  # 14 clear days
        (16, compensation.REST_DAY_REPLACEMENT),  # 15 clear days
    ],
)
def test_rest_day_worked_notice(told_days_before: int, expected: str) -> None:
    told = datetime.combine(MON - timedelta(days=told_days_before), time(12), tzinfo=LONDON)
    result = classify_change(
        MON, EntryTimes(False, True), EntryTimes(True, False, time(7), time(15)), told
    )
    assert result.clear_days == told_days_before - 1
    assert result.compensation_class == expected


def test_staff_use_their_own_notice_rules() -> None:
    rd, early = EntryTimes(False, True), EntryTimes(True, False, time(7), time(15))
    told4 = datetime.combine(MON - timedelta(days=5), time(12), tzinfo=LONDON)
    told6 = datetime.combine(MON - timedelta(days=7), time(12), tzinfo=LONDON)
    assert (
        classify_change(MON, rd, early, told4, staff=True).compensation_class
        == compensation.STAFF_REST_DAY_SHORT
    )
    assert (
        classify_change(MON, rd, early, told6, staff=True).compensation_class
        == compensation.STAFF_REST_DAY  # Police Staff Council terms, not a replacement day
    )
    assert classify_change(MON, rd, early, told6).compensation_class == compensation.REST_DAY_SHORT


def test_public_holiday_start_forward_and_told_too_late() -> None:
    christmas = date(2026, 12, 25)
    rd, early = EntryTimes(False, False), EntryTimes(True, False, time(7), time(15))
    late = EntryTimes(True, False, time(15), time(23))
    told = datetime.combine(christmas - timedelta(days=5), time(9), tzinfo=LONDON)
    assert (
        classify_change(christmas, rd, early, told).compensation_class
        == compensation.PUBLIC_HOLIDAY_SHORT
    )
    told = datetime.combine(christmas - timedelta(days=30), time(9), tzinfo=LONDON)
    assert (
        classify_change(christmas, None, early, told).compensation_class
        == compensation.PUBLIC_HOLIDAY
    )
    told = datetime.combine(MON - timedelta(days=1), time(20), tzinfo=LONDON)  # 11 h ahead
    assert classify_change(MON, late, early, told).compensation_class is None
    told = datetime.combine(MON - timedelta(days=1), time(23, 30), tzinfo=LONDON)  # 7.5 h
    assert classify_change(MON, late, early, told).compensation_class == compensation.START_FORWARD
    told = datetime.combine(MON, time(0, 30), tzinfo=LONDON)
    assert classify_change(MON, None, early, told).compensation_class == compensation.TOLD_TOO_LATE


def test_boxing_day_substitute_is_a_bank_holiday() -> None:
    assert date(2026, 12, 28) in bank_holidays(date(2026, 12, 1), date(2026, 12, 31))
    a = member(1)
    ci = roster(date(2026, 12, 28), {a: ["E"]})
    (f,) = rules_of(ci, "bank-holiday")
    assert "Boxing Day" in f.message and f.severity.value == "info"


def test_publication_a_month_before_start() -> None:
    a = member(1)
    ci = roster(MON, {a: ["E"]})
    late = PeriodInfo(
        1,
        1,
        MON,
        MON + timedelta(days=90),
        PeriodStatus.PUBLISHED,
        datetime(2026, 11, 17, 10, tzinfo=UTC),
        "sgt",
    )
    ci.grid.periods = [late]
    (f,) = rules_of(ci, "publication-notice")
    assert "should be published by Sat 7 Nov" in f.message
    ci.grid.periods = [replace(late, published_at=datetime(2026, 11, 7, 10, tzinfo=UTC))]
    assert not rules_of(ci, "publication-notice")


def test_change_notice_finding_for_hr() -> None:
    a = member(1)
    change = ChangeInfo(
        1,
        a.shoulder_number,
        MON,
        "RD",
        "E",
        datetime(2026, 11, 30, 9, tzinfo=UTC),
        6,
        compensation.REST_DAY_SHORT,
    )
    ci = roster(MON, {a: ["E"]}, changes=[change])
    (f,) = rules_of(ci, "change-notice")
    assert "RD → E on Mon 7 Dec" in f.message and "time and a half" in f.message


def test_accepted_warning_stays_listed_with_its_reason() -> None:
    a = member(1)
    ci = roster(MON, {a: ["LL", "E"]})
    (f,) = rules_of(ci, "rest-11h")
    ci.overrides = {f.key: "Operation Bluebell: agreed with the officer"}
    (g,) = rules_of(ci, "rest-11h")
    assert g.accepted_reason == "Operation Bluebell: agreed with the officer"


# --- incremental equals full ----------------------------------------------------------------
CODES = [None, "E", "L", "LL", "N", "RD", "AL", "S", "TR"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(CODES), min_size=21, max_size=21), min_size=3, max_size=3),
    st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 20), st.sampled_from(CODES)),
        min_size=1,
        max_size=8,
    ),
)
def test_incremental_check_agrees_with_full(
    rows: list[list[str | None]], edits: list[tuple[int, int, str | None]]
) -> None:
    people = [member(i + 1) for i in range(3)]
    ci = roster(MON, dict(zip(people, rows, strict=True)), check_from=MON + timedelta(days=7))
    kept = {p.id: [f for f in member_findings(ci, [p.id])] for p in people}
    for who, k, code in edits:
        key = (people[who].id, MON + timedelta(days=k))
        if code is None:
            ci.grid.cells.pop(key, None)
        else:
            ci.grid.cells[key] = Cell(code)
        kept[people[who].id] = member_findings(ci, [people[who].id])
    incremental = sorted([f for fs in kept.values() for f in fs] + team_findings(ci), key=repr)
    assert incremental == sorted(check(ci), key=repr)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20 * 24), st.integers(1, 30)), max_size=25))
def test_rest_windows_match_a_brute_force_search(spans: list[tuple[int, int]]) -> None:
    from rosterapp.rules.rest import _windows_with_rest

    hour = 3600.0
    midnight = [d * 24 * hour for d in range(22)]
    busy = sorted((a * hour, (a + n) * hour) for a, n in spans)
    rests, cursor = [], midnight[0]
    for b, e in busy:
        if b > cursor:
            rests.append((cursor, min(b, midnight[-1])))
        cursor = max(cursor, e)
    if midnight[-1] > cursor:
        rests.append((cursor, midnight[-1]))
    rests = [(b, e) for b, e in rests if e > b]
    got = _windows_with_rest(rests, midnight, 22 - 7, 7, 24)
    for i in range(22 - 7):
        lo, hi = midnight[i], midnight[i + 7]
        best = max((min(e, hi) - max(b, lo) for b, e in rests if e > lo and b < hi), default=0)
        assert got[i] == (best >= 24 * hour), i


def test_contract_hours_count_a_bank_holiday_off_as_paid() -> None:
    # Christmas week 2026: Fri 25 and Sat 26 Dec are bank holidays.
    christmas = date(2026, 12, 21)
    off, worked_one = member(1), member(2)
    ci = roster(
        christmas,
        {
            off: ["E", "E", "E", "RD", "RD", "RD", "RD"],  # 24 h + two bank holidays off
            worked_one: ["E", "E", "RD", "RD", "E", "E", "RD"],  # works Christmas Day
        },
    )
    assert rules_of(ci, "contract-hours") == []
    short = member(3)
    ci = roster(christmas, {short: ["E", "RD", "RD", "RD", "RD", "RD", "RD"]})
    (f,) = rules_of(ci, "contract-hours")
    assert "rostered 24 h" in f.message  # 8 worked + 2 bank holidays off


def test_publish_offers_three_months_after_what_is_published() -> None:
    from rosterapp.domain.enums import PeriodStatus
    from rosterapp.domain.values import PeriodInfo
    from rosterapp.rules.period import publish_span

    monday = date(2027, 1, 4)
    # Nothing published: from the day shown through the week holding 3 months less a day.
    assert publish_span(monday, []) == (monday, date(2027, 4, 4))
    done = PeriodInfo(
        1, 1, date(2026, 12, 28), date(2027, 1, 31), PeriodStatus.PUBLISHED, None, None
    )
    draft = PeriodInfo(2, 1, date(2027, 2, 1), date(2027, 2, 7), PeriodStatus.DRAFT, None, None)
    # Published already: the days after it, and a draft period does not count.
    assert publish_span(monday, [draft, done]) == (date(2027, 2, 1), date(2027, 5, 2))
