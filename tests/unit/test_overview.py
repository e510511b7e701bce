"""The inspector's overview, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from rosterapp.domain.enums import AbsenceKind, Rank
from rosterapp.domain.grid import CellEdit
from rosterapp.domain.overview import HOTSPOT_WINDOW, window_overlap_hours
from rosterapp.domain.requests import RequestKind
from rosterapp.services.absences import add_absence
from rosterapp.services.cover_requirements import set_requirement
from rosterapp.services.errors import InvalidInput
from rosterapp.services.establishment import set_posts
from rosterapp.services.overview import overview
from rosterapp.services.periods import publish_period
from rosterapp.services.requests import NewRequest, add_request
from rosterapp.services.roster.edits import assign, set_cells
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 12, 7)
WEEKS: dict[int, list[str | None]] = {
    # sergeant: earlies; a PC on late-lates on the hotspot; a PC sick mid-week
    0: ["E", "E", "E", "E", "E", "RD", "RD"],
    1: ["LL", "LL", "RD", "RD", "L", "RD", "RD"],
    2: ["E", None, None, "E", "E", "RD", "RD"],
}


def _beat(code: str) -> str | None:
    return {"LL": "SOH", "RD": None}.get(code, "OXF")


def _week(db: Database) -> list[int]:
    people = small_team(db, "T1", 3)
    small_team(db, "T2", 1)
    edits = [
        CellEdit(m.id, MON + timedelta(days=i), code, _beat(code))
        for n, m in enumerate(people)
        for i, code in enumerate(WEEKS[n])
        if code is not None
    ]
    set_cells(db, "T1", edits)
    add_absence(
        db, people[2].shoulder_number, AbsenceKind.SICK, MON + timedelta(1), MON + timedelta(2)
    )
    return [m.id for m in people]


def test_overview_reads_every_team_in_one_go(db: Database) -> None:
    _week(db)
    set_requirement(db, "T1", weekday=1, shift="E", min_count=2)  # Tuesday: 1 of 2
    set_requirement(db, "T1", weekday=1, shift="E", min_count=1, rank=Rank.SERGEANT)
    set_posts(db, "T1", Rank.PC, 4, date(2026, 1, 1))
    publish_period(db, "T1", MON, MON + timedelta(days=6))
    # Saturday's rest day worked, the officer told the day before: time and a half.
    told = datetime(2026, 12, 11, 18, tzinfo=UTC)
    assign(db, "101T1", MON + timedelta(days=5), "L", beat="OXF", told_at=told)
    add_request(db, NewRequest("102T1", RequestKind.LEAVE, date(2027, 1, 4)))
    view = overview(db, MON, MON + timedelta(days=6))
    assert [t.team_code for t in view.teams] == ["T1", "T2"]
    t1 = view.team("T1")
    assert (t1.strength.rank(Rank.PC).vacancies, t1.strength.strength) == (2, 2)  # type: ignore[union-attr]
    [tue] = t1.shortfalls
    assert (tue.day, tue.shift, tue.people, tue.lines) == (MON + timedelta(1), "E", 1, 1)
    assert tue.detail == ("Whole team: 1 of 2",)
    assert (t1.away["sick"].officers, t1.away["sick"].days) == (1, 2)
    assert t1.away["leave"].officers == 0
    assert t1.overtime_hours == 8.0 and t1.rest_days_worked == 1
    assert t1.pending_requests == 1
    [soh] = [h for h in t1.hotspots if h.beat == "SOH"]
    assert (soh.hours, soh.duties, soh.days_without) == (16.0, 2, 5)
    assert t1.dwo_rate is None  # a week is not enough days for a rate
    assert view.team("T2").shortfalls == ()
    data = view.as_json()
    assert data["teams"][0]["shortfalls"][0]["people"] == 1  # type: ignore[index]
    assert view.text_lines()[2].startswith("T1\t")
    assert view.text_lines()[-1].startswith("DWO abstraction % –: no ward officer has 20 days")


def test_an_officer_on_an_operation_is_abstracted_in_the_overview(db: Database) -> None:
    from rosterapp.services.operation_allocation import allocate
    from rosterapp.services.operations import NewOperation, add_operation

    _week(db)
    thu = MON + timedelta(days=3)
    begins = datetime.combine(thu, datetime.min.time()).replace(hour=8)
    new = NewOperation("LFR Oxford Circus", "lfr", begins, begins + timedelta(hours=8), "PS:1")
    op = add_operation(db, new).operation
    allocate(db, op.id, op.occurrences[0].id, ["100T1"])
    t1 = overview(db, MON, MON + timedelta(days=6)).team("T1")
    # As the HR workbook counts it: the sergeant's day away from the ward.
    assert (t1.away["abstracted"].officers, t1.away["abstracted"].days) == (1, 1)


def test_overview_refuses_a_bad_period(db: Database) -> None:
    with pytest.raises(InvalidInput, match=r"ends .* before it starts"):
        overview(db, MON, MON - timedelta(days=1))
    with pytest.raises(InvalidInput, match="at most 92 days"):
        overview(db, MON, MON + timedelta(days=100))


def test_window_overlap_counts_tours_across_midnight() -> None:
    from datetime import time

    assert window_overlap_hours(MON, time(7), time(15), HOTSPOT_WINDOW) == 0
    assert window_overlap_hours(MON, time(15), time(23), HOTSPOT_WINDOW) == 5
    assert window_overlap_hours(MON, time(22), time(7), HOTSPOT_WINDOW) == 4
    assert window_overlap_hours(MON, time(0, 30), time(8), HOTSPOT_WINDOW) == 1.5


def test_demo_overview_has_ward_rates_and_hotspots(demo_db: Database) -> None:
    view = overview(demo_db, date(2026, 12, 7), date(2026, 12, 13))
    we = view.team("WE")
    assert len(view.teams) == 7
    assert we.dwo_rate is not None and we.threshold == 5.0
    assert we.wards and all(w.working_days >= 20 for w in we.wards)
    assert {h.beat for h in we.hotspots} >= {"SOH", "COV"}
    assert all(h.hours > 0 for h in we.hotspots)
    assert we.strength.rank(Rank.PC).establishment == 160  # type: ignore[union-attr]


def test_the_lighter_read_gives_the_rules_own_figures(demo_db: Database) -> None:
    """The overview reads only the DWOs' abstraction weeks; its rates and cover are the
    ones the full check input gives."""
    from rosterapp.domain.cover import cover_counts
    from rosterapp.rules.absence import abstraction_rates
    from rosterapp.services.checks import load_check_input

    start, end = date(2026, 12, 7), date(2026, 12, 13)
    view = overview(demo_db, start, end)
    for code in ("WE", "BX"):
        ci = load_check_input(demo_db, code, start, end)
        rates = abstraction_rates(ci)
        t = view.team(code)
        assert t.dwo_rate == rates.rate
        assert {w.beat: (w.abstracted, w.working_days) for w in t.wards} == rates.wards
        short = sum(c.shortfall for c in cover_counts(ci.grid, ci.requirements, start, end))
        assert t.people_short == short
