"""Changes to a published roster: several classes at once, staff and inspectors, a bank
holiday on a rest day, and notice that is never printed as negative clear days."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from rosterapp.domain import compensation
from rosterapp.domain.calendar import LONDON
from rosterapp.domain.values import ChangeInfo
from rosterapp.rules.engine import check
from rosterapp.rules.notice import EntryTimes, classify_change
from tests.rulekit import member, roster

MON = date(2026, 12, 7)
RD = EntryTimes(False, True)
EARLY = EntryTimes(True, False, time(7), time(15))
LATE = EntryTimes(True, False, time(15), time(23))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def test_a_rest_day_worked_on_the_day_carries_both_classes() -> None:
    notice = classify_change(MON, RD, EARLY, at(MON, 0, 30))
    assert compensation.split(notice.compensation_class) == (
        compensation.REST_DAY_SHORT,
        compensation.TOLD_TOO_LATE,
    )
    assert compensation.is_overtime(notice.compensation_class)
    assert "time and a half; and officer told after midnight" in compensation.describe(
        notice.compensation_class
    )


def test_told_before_midnight_of_the_day_before_is_one_class() -> None:
    notice = classify_change(MON, RD, EARLY, at(MON - timedelta(days=1), 23, 59))
    assert notice.compensation_class == compensation.REST_DAY_SHORT


def test_a_pcso_rest_day_on_five_days_notice_uses_staff_terms() -> None:
    notice = classify_change(MON, RD, EARLY, at(MON - timedelta(days=6), 9), staff=True)
    assert notice.clear_days == 5
    assert notice.compensation_class == compensation.STAFF_REST_DAY
    text = compensation.describe(notice.compensation_class)
    assert "Police Staff Council" in text and "replacement rest day" not in text


def test_an_inspector_start_brought_forward_is_not_overtime() -> None:
    told = at(MON - timedelta(days=1), 23, 30)  # 7.5 hours before the new start
    assert classify_change(MON, LATE, EARLY, told).compensation_class == (
        compensation.START_FORWARD
    )
    assert classify_change(MON, LATE, EARLY, told, inspector=True).compensation_class is None


def test_a_bank_holiday_on_a_rest_day_is_paid_as_the_public_holiday() -> None:
    christmas = date(2026, 12, 25)
    short = classify_change(christmas, RD, EARLY, at(christmas - timedelta(days=5), 9))
    assert short.compensation_class == compensation.PUBLIC_HOLIDAY_SHORT
    long = classify_change(christmas, RD, EARLY, at(christmas - timedelta(days=30), 9))
    assert long.compensation_class == compensation.PUBLIC_HOLIDAY  # not a replacement day


def change(told: datetime, cls: str | None) -> ChangeInfo:
    clear = (MON - told.astimezone(LONDON).date()).days - 1
    return ChangeInfo(1, "1001CW", MON, "RD", "E", told, clear, cls)


def test_notice_is_never_negative_clear_days() -> None:
    a = member(1)
    on_the_day = change(
        at(MON, 6), compensation.join([compensation.REST_DAY_SHORT, "told-too-late"])
    )
    during = change(at(MON, 9), compensation.TOLD_TOO_LATE)
    ci = roster(MON, {a: ["E"]}, changes=[on_the_day])
    (f,) = [f for f in check(ci) if f.rule == "change-notice"]
    assert "(told on the day)" in f.message and "-1" not in f.message
    assert f.severity.value == "warn"
    ci = roster(MON, {a: ["E"]}, changes=[during])
    (f,) = [f for f in check(ci) if f.rule == "change-notice"]
    assert "(told after the duty began)" in f.message


def test_json_findings_carry_the_class_and_the_source() -> None:
    a = member(1)
    cls = compensation.join([compensation.REST_DAY_SHORT, compensation.TOLD_TOO_LATE])
    ci = roster(MON, {a: ["E"]}, changes=[change(at(MON, 6), cls)])
    (f,) = [f for f in check(ci) if f.rule == "change-notice"]
    out = json.loads(json.dumps(f.as_json()))
    assert out["class"] == "rest-day-short-notice;told-too-late"
    assert out["rule_source"] == "Police Regulations 2003 Annex E"
    assert {"rule", "severity", "member", "date", "message"} <= set(out)


def test_the_service_refuses_to_publish_with_blocking_findings(db: object) -> None:
    import pytest

    from rosterapp.domain.enums import AbsenceKind
    from rosterapp.domain.grid import CellEdit
    from rosterapp.services.absences import add_absence
    from rosterapp.services.errors import InvalidInput
    from rosterapp.services.periods import list_periods, publish_period
    from rosterapp.services.roster.edits import set_cells
    from rosterapp.storage import Database
    from tests.factories import small_team

    assert isinstance(db, Database)
    a, _, _ = small_team(db)
    add_absence(db, a.shoulder_number, AbsenceKind.SICK, MON, MON)
    set_cells(db, "T1", [CellEdit(a.id, MON, "E")])
    with pytest.raises(InvalidInput, match="not published: 1 blocking finding to put right"):
        publish_period(db, "T1", MON, MON + timedelta(days=6))
    assert list_periods(db, "T1") == []


def test_only_the_hours_brought_forward_are_overtime_and_not_for_inspectors() -> None:
    from rosterapp.domain.enums import Rank
    from rosterapp.domain.report import PeriodReport
    from tests.rulekit import BEATS, SHIFTS, TEAM

    pc, inspector = member(1), member(2, rank=Rank.INSPECTOR)
    ci = roster(MON, {pc: ["E"], inspector: ["E"]})
    told = at(MON - timedelta(days=1), 23, 30)
    early, late = SHIFTS["E"], SHIFTS["L"]
    forward = [
        ChangeInfo(m.id, m.shoulder_number, MON, "L", "E", told, 0, compensation.START_FORWARD)
        for m in (pc, inspector)
    ]
    report = PeriodReport(
        TEAM, MON, MON, ci.grid.rows, ci.grid.cells, SHIFTS, BEATS, {}, forward, []
    )
    hours = {line.member.id: line.overtime_hours for line in report.lines()}
    expected = compensation.brought_forward_hours(MON, late, early)
    assert expected > 0 and hours == {pc.id: round(expected, 2), inspector.id: 0.0}


def _worked_rest_day(m_id: int, day: date, told: datetime) -> ChangeInfo:
    return ChangeInfo(
        m_id, f"{1000 + m_id}CW", day, "RD", "E", told, 20, compensation.REST_DAY_REPLACEMENT
    )


def test_a_rest_day_worked_on_long_notice_is_owed_back_within_four_days() -> None:
    a = member(1)
    told = at(MON - timedelta(days=21), 9)
    worked = _worked_rest_day(a.id, MON, told)
    week = ["E", "E", "E", "E", "E", "RD", "RD"]
    owed = roster(MON, {a: week}, changes=[worked])
    (f,) = [f for f in check(owed) if f.rule == "rest-day-owed"]
    assert f.day == MON + timedelta(days=4) and f.member_id == a.id
    assert "worked the rest day of Mon 7 Dec" in f.message and "by Fri 11 Dec" in f.message
    assert f.source.startswith("Police Regulations 2003 Annex E")
    # Thursday's Early changed to a rest day: the rest day is given back.
    back = ChangeInfo(a.id, "1001CW", MON + timedelta(days=3), "E", "RD", told, 20, None)
    given = roster(MON, {a: ["E", "E", "E", "RD", "E", "RD", "RD"]}, changes=[worked, back])
    assert not [f for f in check(given) if f.rule == "rest-day-owed"]
    # Worked, then changed back to a rest day: nothing is owed.
    undone = ChangeInfo(a.id, "1001CW", MON, "E", "RD", told, 20, None)
    again = roster(MON, {a: ["RD", *week[1:]]}, changes=[worked, undone])
    assert not [f for f in check(again) if f.rule == "rest-day-owed"]


def test_one_replacement_gives_back_one_rest_day() -> None:
    a = member(1)
    told = at(MON - timedelta(days=21), 9)
    worked = [_worked_rest_day(a.id, MON + timedelta(days=d), told) for d in (0, 1)]
    back = ChangeInfo(a.id, "1001CW", MON + timedelta(days=3), "E", "RD", told, 20, None)
    owed = compensation.unreplaced_rest_days(
        [*worked, back], roster(MON, {a: ["E"]}).grid.shift_types
    )
    assert [(c.day, due) for c, due in owed] == [(MON + timedelta(days=1), MON + timedelta(days=5))]
