"""WTR reg. 4 (every rolling reference period, leave left out), reg. 6 (night work),
reg. 12 (rest breaks) and the three-month roster rule (Annex E)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from rosterapp.domain.calendar import tour_instants
from rosterapp.domain.enums import PeriodStatus, Rank
from rosterapp.domain.findings import Finding
from rosterapp.domain.values import PeriodInfo
from rosterapp.rules.context import CheckInput, Tour
from rosterapp.rules.engine import check
from rosterapp.rules.working_time import night_hours
from tests.rulekit import SHIFTS, member, roster, with_team

APRIL = date(2026, 4, 6)  # a Monday; the next 17 weeks hold no clock change


def found(ci: CheckInput, rule: str) -> list[Finding]:
    return [f for f in check(ci) if f.rule == rule]


def tour(code: str, start: time, end: time, minutes: int = 45):  # type: ignore[no-untyped-def]
    return replace(
        SHIFTS["E"],
        id=900 + len(code),
        code=code,
        name=f"Tour {code}",
        start=start,
        end=end,
        refreshment_minutes=minutes,
    )


def weeks(*pattern: tuple[int, list[str]]) -> list[str | None]:
    out: list[str | None] = []
    for count, week in pattern:
        out += week * count
    return out


# --- 48-hour average: every reference period ending in the range ----------------------------
def test_a_breach_in_the_middle_17_weeks_of_a_long_range_is_found() -> None:
    a = member(1)
    days = weeks((5, ["E"] * 5 + ["RD"] * 2), (17, ["E"] * 7), (8, ["E"] * 3 + ["RD"] * 4))
    ci = roster(APRIL, {a: days})
    (f,) = found(ci, "wtr-48h")
    # The 17 weeks of 56 h end on the Sunday of week 22; the last 17 weeks average 40.9 h.
    assert f.day == APRIL + timedelta(weeks=22, days=-1)
    assert "averages 56.0 h a week over the 17 weeks from Mon 11 May 2026" in f.message
    assert "Sun 6 Sep 2026" in f.message and "limit is 48 h" in f.message
    assert f.source == "Working Time Regulations 1998 reg. 4 (leave left out, reg. 4(6))"


def test_exactly_48_hours_average_passes_and_one_more_tour_fails() -> None:
    a, b = member(1), member(2)
    six = ["E"] * 6 + ["RD"]
    ci = roster(APRIL, {a: weeks((17, six)), b: weeks((16, six), (1, ["E"] * 7))})
    assert [f.member for f in found(ci, "wtr-48h")] == [b.shoulder_number]


def test_leave_is_left_out_and_made_up_after_the_period() -> None:
    """Reg. 4(6): 14 days of annual leave in the period are replaced by the 14 working
    days after it. Counting the leave as 0 hours would give 44.1 h and hide the breach."""
    ci = roster(
        APRIL,
        {
            member(1): weeks(
                (5, ["D"] * 5 + ["RD"] * 2), (2, ["AL"] * 7), (12, ["D"] * 5 + ["RD"] * 2)
            )
        },
    )
    ci.grid.shift_types = {**SHIFTS, "D": tour("D", time(7), time(17))}  # 10 hours
    (f,) = found(ci, "wtr-48h")
    assert "averages 50.0 h" in f.message
    assert "14 days of leave left out and 14 days after the period counted instead" in f.message


def test_opt_out_is_honoured_from_its_date() -> None:
    days = weeks((17, ["E"] * 7))
    end = APRIL + timedelta(days=len(days) - 1)
    late = replace(member(1, opt_out=True), wtr_opt_out_since=end + timedelta(days=1))
    signed = replace(member(2, opt_out=True), wtr_opt_out_since=APRIL)
    undated = member(3, opt_out=True)
    ci = roster(APRIL, {late: days, signed: days, undated: days})
    assert [f.member for f in found(ci, "wtr-48h")] == [late.shoulder_number]


def test_48_hours_applies_to_pcsos_inspectors_and_part_timers_not_specials() -> None:
    days = weeks((17, ["E"] * 7))
    people = {
        member(1, Rank.PCSO): days,
        member(2, Rank.INSPECTOR): days,
        replace(member(3, hours=24), free_days=0b0000011): days,
        member(4, Rank.SPECIAL, hours=0): days,
    }
    ci = roster(APRIL, people)
    assert sorted(f.member_id or 0 for f in found(ci, "wtr-48h")) == [1, 2, 3]
    assert not found(ci, "wtr-night")


def test_history_before_the_grid_counts() -> None:
    since = APRIL - timedelta(weeks=17) + timedelta(days=1)
    heavy = {since + timedelta(days=k): 9.0 for k in range(119)}
    a, b = member(1), member(2)
    ci = roster(APRIL, {a: ["RD"], b: ["RD"]}, history_days={1: heavy}, history_start=since)
    (f,) = found(ci, "wtr-48h")
    assert f.member_id == 1 and "averages 62.5 h" in f.message  # 118 days × 9 h / 17


# --- night work ----------------------------------------------------------------------------
def test_night_worker_at_exactly_8_hours_in_24_passes_and_above_fails() -> None:
    fine, tired = member(1), member(2)
    ci = roster(
        APRIL,
        {
            fine: weeks((17, ["N12"] * 4 + ["RD"] * 3)),  # 816 h / (119 − 17) days = 8.00
            tired: weeks((17, ["N12"] * 5 + ["RD"] * 2)),  # 1020 h / 102 days = 10.00
        },
    )
    ci.grid.shift_types = {**SHIFTS, "N12": tour("N12", time(19), time(7))}
    (f,) = found(ci, "wtr-night")
    assert f.member_id == tired.id
    assert "averages 10.00 h in each 24 h" in f.message and "limit is 8 h" in f.message
    assert "85 of 85 tours" in f.message
    assert f.source == "Working Time Regulations 1998 reg. 6"


def test_the_night_reference_period_is_the_teams_setting() -> None:
    """Eight weeks of heavy nights after nine weeks of rest days: over 8 h in 24 across
    the last 8 weeks, not across the 17 weeks of the default period."""
    tired = member(1)
    ci = roster(APRIL, {tired: weeks((9, ["RD"] * 7), (8, ["N12"] * 5 + ["RD"] * 2))})
    ci.grid.shift_types = {**SHIFTS, "N12": tour("N12", time(19), time(7))}
    assert not found(ci, "wtr-night")
    (f,) = found(with_team(ci, night_reference_weeks=8), "wtr-night")
    assert "averages 10.00 h in each 24 h" in f.message


def test_day_workers_are_not_night_workers() -> None:
    ci = roster(APRIL, {member(1): weeks((17, ["D12"] * 6 + ["RD"]))})
    ci.grid.shift_types = {**SHIFTS, "D12": tour("D12", time(7), time(19))}
    assert not found(ci, "wtr-night")
    assert found(ci, "wtr-48h")  # but 72 h a week is still over the average


@pytest.mark.parametrize(
    ("day", "night", "length"),
    [(date(2026, 10, 24), 8.0, 9.0), (date(2026, 3, 28), 6.0, 7.0), (APRIL, 7.0, 8.0)],
)
def test_night_time_across_both_clock_changes(day: date, night: float, length: float) -> None:
    begin, end = tour_instants(day, time(23), time(7))
    t = Tour(day, "N", "Night", begin, end, None)
    assert (t.hours, night_hours(t)) == (length, night)


def test_late_late_has_three_hours_of_night() -> None:
    begin, end = tour_instants(APRIL, time(18), time(2))
    assert night_hours(Tour(APRIL, "LL", "Late-late", begin, end, None)) == 3.0


# --- rest breaks ---------------------------------------------------------------------------
def test_a_tour_over_6_hours_needs_a_20_minute_break() -> None:
    a, b, c = member(1), member(2), member(3)
    ci = roster(APRIL, {a: ["S6"], b: ["S6X"], c: ["S6B"]})
    ci.grid.shift_types = {
        **SHIFTS,
        "S6": tour("S6", time(7), time(13), 0),  # exactly 6 h: no break required
        "S6X": tour("S6X", time(7), time(13, 1), 15),  # over 6 h with 15 min
        "S6B": tour("S6B", time(7), time(13, 1), 20),  # over 6 h with 20 min
    }
    (f,) = found(ci, "wtr-break")
    assert f.shift == "S6X"
    assert "07:00–13:01" in f.message and "15-minute" in f.message and "20 minutes" in f.message
    assert f.source.startswith("Working Time Regulations 1998 reg. 12")


def test_the_standard_tours_carry_their_refreshment_break() -> None:
    ci = roster(APRIL, {member(1): ["E", "L", "LL", "RD", "RD"]})
    assert not found(ci, "wtr-break")


# --- three-month rosters -------------------------------------------------------------------
def published(start: date, end: date, pid: int = 1) -> PeriodInfo:
    at = datetime(2026, 10, 1, 9, tzinfo=UTC)
    return PeriodInfo(pid, 1, start, end, PeriodStatus.PUBLISHED, at, "sgt")


@pytest.mark.parametrize(
    ("periods", "short"),
    [
        ([(date(2026, 12, 7), date(2027, 3, 6))], False),  # exactly 3 months
        ([(date(2026, 12, 7), date(2027, 3, 5))], True),  # a day short
        ([(date(2026, 12, 7), date(2027, 1, 3)), (date(2027, 1, 4), date(2027, 3, 6))], False),
    ],
)
def test_a_published_roster_covers_three_months(
    periods: list[tuple[date, date]], short: bool
) -> None:
    ci = roster(date(2026, 12, 7), {member(1): ["E"]})
    ci.published = [published(s, e, i) for i, (s, e) in enumerate(periods)]
    got = found(ci, "roster-3-months")
    assert bool(got) is short
    if short:
        assert got[0].message == (
            "Test team (T1): the published roster from Mon 7 Dec 2026 reaches only to "
            "Fri 5 Mar 2027 "
            "(12 weeks 5 days) — it must cover 3 months, to Sat 6 Mar 2027"
        )
