"""Operations on SQLite and PostgreSQL: adding one with its repeats, the needs the teams
cannot supply, allocating (supplying team, free, qualified, no overlap, rest rules),
the roster entries the duties become, unallocating, shortfall, and bad input that
writes nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import select

from rosterapp.domain.enums import AbsenceKind, AbstractionCategory
from rosterapp.domain.operation_tables import Operation, OperationAllocation, OperationOccurrence
from rosterapp.domain.operations import OperationKind, roster_code
from rosterapp.domain.tables import AuditEvent
from rosterapp.services.absences import add_absence
from rosterapp.services.errors import Conflict, InvalidInput, NotFound
from rosterapp.services.operation_allocation import allocate, unallocate
from rosterapp.services.operation_checks import candidates, shortfall
from rosterapp.services.operations import (
    NewOperation,
    add_operation,
    get_operation,
    list_operations,
    occurrence_on,
)
from rosterapp.services.roster.edits import assign
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database
from tests.factories import small_team

SAT = date(2026, 12, 12)


def _carnival(**kw: object) -> NewOperation:
    values: dict[str, object] = {
        "name": "Notting Hill Carnival",
        "kind": "central-aid",
        "begins": datetime(2026, 12, 12, 8, 0),
        "ends": datetime(2026, 12, 12, 20, 0),
        "needs": "PC:2,PS:1",
        "teams": "T1",
        "place": "Ladbroke Grove",
    }
    values.update(kw)
    return NewOperation(**values)  # type: ignore[arg-type]


def _code(db: Database, member_id: int, day: date) -> str | None:
    cell = read_grid(db, "T1", day, day).cell(member_id, day)
    return cell.code if cell else None


def test_a_repeating_operation_is_stored_with_every_occurrence(db: Database) -> None:
    small_team(db, n=4)
    added = add_operation(db, _carnival(repeat="weekly:8", needs="PC:3,PS:1,driver:2"))
    op = added.operation
    assert op.code == "NHC1" and op.kind is OperationKind.CENTRAL_AID
    assert op.category is AbstractionCategory.CENTRAL_AID
    assert [o.day for o in op.occurrences] == [SAT + timedelta(weeks=i) for i in range(8)]
    assert [n.label for n in op.needs] == ["3 PC", "1 PS", "2 driver"]
    assert added.warnings == ()  # T1 has 3 PCs, 1 sergeant and 4 drivers
    assert op.occurrences[0].shortfall_label == "short 3 PC, 1 PS, 2 driver"
    grid = read_grid(db, "T1", SAT, SAT)
    st = grid.shift_types["NHC1"]
    assert (st.start, st.end, st.is_operation, st.active) == (time(8), time(20), True, False)
    listed = list_operations(db, SAT + timedelta(weeks=7), SAT + timedelta(weeks=9))
    assert [o.id for o in listed] == [op.id]
    assert list_operations(db, SAT + timedelta(weeks=8), None) == []
    with db.session() as s:
        assert [e.action for e in s.exec(select(AuditEvent)).all()][-1] == "operation.add"


def test_a_need_larger_than_the_teams_is_a_warning_that_says_how_short(db: Database) -> None:
    small_team(db, n=3)
    added = add_operation(db, _carnival(needs="PC:12,PS:2,public-order-2:4", teams="T1:2"))
    assert "needs 12 PC on Sat 12 Dec 2026 but T1 has only 2 (10 short)" in added.warnings
    assert any("public-order-2" in w and "(4 short)" in w for w in added.warnings)
    assert any("asked for 2 officers in all" in w for w in added.warnings)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"kind": "parade"}, "kind", "unknown operation kind 'parade'"),
        ({"needs": "PC:twelve"}, "need", "'twelve' is not a whole number"),
        ({"repeat": "monthly:3"}, "repeat", "write weekly:N, weekly:N:DAYS"),
        ({"ends": datetime(2026, 12, 13, 9, 0)}, "to", "under 24 hours"),
        ({"ends": datetime(2026, 12, 12, 7, 0)}, "to", "must end after it starts"),
        ({"name": "  "}, "name", "needs a name"),
        ({"teams": "T1:0"}, "teams", "at least 1"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    db: Database, change: dict[str, object], field: str, words: str
) -> None:
    small_team(db)
    with pytest.raises(InvalidInput) as err:
        add_operation(db, _carnival(**change))
    assert words in str(err.value) and err.value.field == field
    with db.session() as s:
        assert s.exec(select(Operation)).all() == []


def test_an_unknown_team_writes_nothing(db: Database) -> None:
    small_team(db)
    with pytest.raises(NotFound, match="no team 'ZZ'"):
        add_operation(db, _carnival(teams="T1,ZZ"))
    with db.session() as s:
        assert s.exec(select(OperationOccurrence)).all() == []


def test_allocated_duty_is_the_roster_entry_and_unallocating_restores_it(db: Database) -> None:
    sgt, a, b, *_ = small_team(db, n=4)
    assign(db, a.shoulder_number, SAT, "E", beat="SOH", note="school visit")
    op = add_operation(db, _carnival()).operation
    occ = op.occurrences[0]
    change = allocate(
        db, op.id, occ.id, [a.shoulder_number, b.shoulder_number, sgt.shoulder_number]
    )
    assert change.allocated and len(change.cells) == 3
    grid = read_grid(db, "T1", SAT, SAT)
    cell = grid.cell(a.id, SAT)
    assert cell is not None and cell.code == "NHC1" and cell.beat is None and cell.pinned
    mark = grid.operations["NHC1"]
    assert mark.place == "Ladbroke Grove" and "central aid" in mark.description
    info = get_operation(db, op.id).occurrences[0]
    assert info.short == 0 and info.shortfall_label == "fully allocated"
    with pytest.raises(InvalidInput, match="allocated to operation Notting Hill Carnival"):
        assign(db, a.shoulder_number, SAT, "L")
    with pytest.raises(InvalidInput, match="allocate officers to it in Operations"):
        assign(db, a.shoulder_number, SAT + timedelta(days=1), "NHC1")
    unallocate(db, op.id, occ.id, [a.shoulder_number])
    back = read_grid(db, "T1", SAT, SAT).cell(a.id, SAT)
    assert back is not None and (back.code, back.beat, back.note) == ("E", "SOH", "school visit")
    unallocate(db, op.id, occ.id, [b.shoulder_number])
    assert _code(db, b.id, SAT) is None
    with db.session() as s:
        actions = [e.action for e in s.exec(select(AuditEvent)).all()]
        assert actions.count("operation.allocate") == 3
        assert actions.count("operation.unallocate") == 2
        assert len(s.exec(select(OperationAllocation)).all()) == 1


def test_allocation_over_leave_names_the_officer_and_date_and_writes_nothing(
    db: Database,
) -> None:
    _, a, b, *_ = small_team(db, n=4)
    add_absence(db, b.shoulder_number, AbsenceKind.ANNUAL_LEAVE, SAT, SAT)
    op = add_operation(db, _carnival()).operation
    occ = op.occurrences[0]
    with pytest.raises(InvalidInput) as err:
        allocate(db, op.id, occ.id, [a.shoulder_number, b.shoulder_number])
    assert f"{b.shoulder_number}) is on annual leave on Sat 12 Dec 2026" in str(err.value)
    assert _code(db, a.id, SAT) is None  # nothing written half-way
    assert get_operation(db, op.id).occurrences[0].allocated == ()


def test_not_qualified_and_not_in_a_supplying_team_are_refused(db: Database) -> None:
    sgt, a, *_ = small_team(db, n=3)
    other = small_team(db, "T2", n=2)
    op = add_operation(db, _carnival(needs="PC:2")).operation
    occ = op.occurrences[0]
    with pytest.raises(InvalidInput, match=r"is not what it needs \(PC\)"):
        allocate(db, op.id, occ.id, [sgt.shoulder_number])
    with pytest.raises(InvalidInput, match=r"not in a supplying team \(T1\)"):
        allocate(db, op.id, occ.id, [other[1].shoulder_number])
    allocate(db, op.id, occ.id, [a.shoulder_number])
    with pytest.raises(InvalidInput, match="already allocated"):
        allocate(db, op.id, occ.id, [a.shoulder_number])


def test_overlapping_operations_for_one_officer_are_refused(db: Database) -> None:
    _, a, *_ = small_team(db, n=3)
    night = add_operation(
        db,
        _carnival(
            name="Protest march",
            kind="demonstration",
            begins=datetime(2026, 12, 11, 18, 0),
            ends=datetime(2026, 12, 12, 9, 0),
        ),
    ).operation
    allocate(db, night.id, night.occurrences[0].id, [a.shoulder_number])
    op = add_operation(db, _carnival()).operation
    with pytest.raises(InvalidInput) as err:
        allocate(db, op.id, op.occurrences[0].id, [a.shoulder_number])
    assert "already on operation Protest march 18:00–09:00 on Fri 11 Dec 2026" in str(err.value)


def test_eleven_hours_rest_is_checked_by_the_rules_engine(db: Database) -> None:
    _, a, b, *_ = small_team(db, n=4)
    late = add_operation(
        db, _carnival(begins=datetime(2026, 12, 12, 14), ends=datetime(2026, 12, 12, 23))
    ).operation
    assign(db, a.shoulder_number, SAT + timedelta(days=1), "E")  # 07:00 after a 23:00 finish
    with pytest.raises(InvalidInput) as err:
        allocate(db, late.id, late.occurrences[0].id, [a.shoulder_number, b.shoulder_number])
    assert "would break a rule" in str(err.value) and a.shoulder_number in str(err.value)
    assert _code(db, b.id, SAT) is None
    found = {c.shoulder_number: c for c in candidates(db, late.id, late.occurrences[0].id)}
    assert found[b.shoulder_number].free
    assert found[a.shoulder_number].blocked_by == "rules"


def test_full_needs_and_team_shares_are_respected(db: Database) -> None:
    _, a, b, c = small_team(db, n=4)
    op = add_operation(db, _carnival(needs="PC:2", teams="T1:1")).operation
    occ = op.occurrences[0]
    allocate(db, op.id, occ.id, [a.shoulder_number])
    with pytest.raises(InvalidInput, match="team T1 already supplies its 1"):
        allocate(db, op.id, occ.id, [b.shoulder_number])
    op2 = add_operation(db, _carnival(name="LFR Oxford Circus", kind="lfr", needs="PC:1")).operation
    assert op2.code == "LFR2"
    allocate(db, op2.id, op2.occurrences[0].id, [b.shoulder_number])
    with pytest.raises(InvalidInput, match="already has its 1 PC"):
        allocate(db, op2.id, op2.occurrences[0].id, [c.shoulder_number])


def test_shortfall_is_explained(db: Database) -> None:
    sgt, a, _, c = small_team(db, n=4)
    add_absence(db, c.shoulder_number, AbsenceKind.SICK, SAT, SAT)
    op = add_operation(db, _carnival(needs="PC:5,PS:1")).operation
    occ = op.occurrences[0]
    allocate(db, op.id, occ.id, [a.shoulder_number])
    found = shortfall(db, op.id, occ.id)
    pc, ps = found.counts
    assert (pc.allocated, pc.short, ps.short) == (1, 4, 1)
    assert pc.explanation.startswith("4 PC short: 1 of 5 allocated; 1 more free and qualified")
    assert "1 on leave or absent" in pc.explanation
    assert f"({sgt.shoulder_number})" in ps.explanation


def test_a_stale_occurrence_version_is_a_conflict(db: Database) -> None:
    _, a, b, *_ = small_team(db, n=3)
    op = add_operation(db, _carnival()).operation
    occ = op.occurrences[0]
    allocate(db, op.id, occ.id, [a.shoulder_number], expected_version=occ.version)
    with pytest.raises(Conflict, match="changed by someone else"):
        allocate(db, op.id, occ.id, [b.shoulder_number], expected_version=occ.version)
    assert _code(db, b.id, SAT) is None


def test_occurrence_on_asks_which_day_of_a_repeat(db: Database) -> None:
    small_team(db)
    op = add_operation(db, _carnival(repeat="daily:2")).operation
    with pytest.raises(InvalidInput, match=r"happens on 2 days .*--on DATE"):
        occurrence_on(op, None)
    assert occurrence_on(op, SAT + timedelta(days=1)).day == SAT + timedelta(days=1)
    with pytest.raises(InvalidInput, match="no occurrence on Mon 14 Dec 2026"):
        occurrence_on(op, SAT + timedelta(days=2))


def test_roster_codes_are_short_and_fall_back_to_the_kind() -> None:
    assert roster_code("Notting Hill Carnival", OperationKind.CENTRAL_AID, 4) == "NHC4"
    assert roster_code("Операция", OperationKind.LOCAL, 12) == "OP12"
    assert roster_code("Anything", OperationKind.LFR, 123456) == "LF123456"
    assert len(roster_code("A B C D E F", OperationKind.LOCAL, 99999)) <= 8


def test_operation_codes_are_not_offered_to_type_or_to_the_solver(db: Database) -> None:
    from rosterapp.services.shift_types import list_shift_types
    from rosterapp.services.solve_problem import _tours

    small_team(db)
    add_operation(db, _carnival())
    assert "NHC1" not in {st.code for st in list_shift_types(db)}
    grid = read_grid(db, "T1", SAT, SAT)
    assert "NHC1" in grid.shift_types and "NHC1" not in _tours(grid)
    assert "E" in _tours(grid)


def test_leave_approved_over_an_operation_day_is_refused_and_writes_nothing(
    db: Database,
) -> None:
    from rosterapp.domain.requests import RequestKind, RequestStatus
    from rosterapp.services.request_decisions import decide, impact
    from rosterapp.services.requests import NewRequest, add_request, list_requests

    _, a, *_ = small_team(db, n=3)
    op = add_operation(db, _carnival()).operation
    allocate(db, op.id, op.occurrences[0].id, [a.shoulder_number])
    req = add_request(db, NewRequest(a.shoulder_number, RequestKind.LEAVE, SAT, SAT))
    assert impact(db, req.id).refusals == [
        f"{a.shoulder_number} is allocated to operation Notting Hill Carnival (NHC1) on "
        "Sat 12 Dec: take them off it in Operations first"
    ]
    with pytest.raises(InvalidInput, match="allocated to operation Notting Hill Carnival"):
        decide(db, req.id, approve=True, override_reason="wedding")
    assert _code(db, a.id, SAT) == "NHC1"
    assert [r.status for r in list_requests(db, "T1")] == [RequestStatus.PENDING]


def test_an_operation_added_by_mistake_is_deleted_once_nobody_is_on_it(db: Database) -> None:
    from rosterapp.services.operations import delete_operation

    _, a, *_ = small_team(db, n=3)
    op = add_operation(db, _carnival(repeat="weekly:3")).operation
    allocate(db, op.id, op.occurrences[0].id, [a.shoulder_number])
    with pytest.raises(InvalidInput, match="has 1 allocated duties: take the officers off"):
        delete_operation(db, op.id)
    unallocate(db, op.id, op.occurrences[0].id, [a.shoulder_number])
    delete_operation(db, op.id)
    assert list_operations(db) == []
    assert "NHC1" not in read_grid(db, "T1", SAT, SAT).shift_types
    with db.session() as s:
        assert s.exec(select(OperationOccurrence)).all() == []
    with pytest.raises(NotFound, match="no operation #1"):
        get_operation(db, op.id)


def test_two_sergeants_filling_the_last_place_cannot_both_succeed(db: Database) -> None:
    """Checked for b while a was allocated by someone else: b's write is refused."""
    from rosterapp.services.operation_allocation import _write
    from rosterapp.services.operation_checks import evaluate

    _, a, b, *_ = small_team(db, n=3)
    op = add_operation(db, _carnival(needs="PC:1")).operation
    occ = op.occurrences[0]
    checked = evaluate(db, op.id, occ.id, [b.shoulder_number])
    assert checked.refusals() == []
    allocate(db, op.id, occ.id, [a.shoulder_number])
    with pytest.raises(Conflict, match="changed by someone else"), db.session(write=True) as s:
        _write(s, checked, None)
    assert _code(db, b.id, SAT) is None
    assert [x.shoulder_number for x in get_operation(db, op.id).occurrences[0].allocated] == [
        a.shoulder_number
    ]


def test_copying_a_week_leaves_operation_duties_where_they_are(db: Database) -> None:
    from rosterapp.services.roster.bulk import copy_week

    _, a, b, *_ = small_team(db, n=3)
    mon = SAT - timedelta(days=5)
    assign(db, a.shoulder_number, mon, "E")
    assign(db, b.shoulder_number, mon, "E")  # the copy would write it over NHC2
    op = add_operation(db, _carnival()).operation
    allocate(db, op.id, op.occurrences[0].id, [a.shoulder_number])
    later = add_operation(
        db, _carnival(begins=datetime(2026, 12, 14, 8), ends=datetime(2026, 12, 14, 16))
    ).operation
    allocate(db, later.id, later.occurrences[0].id, [b.shoulder_number])
    copy_week(db, "T1", mon, mon + timedelta(weeks=1), overwrite=True)
    assert _code(db, a.id, mon + timedelta(weeks=1)) == "E"
    assert _code(db, a.id, SAT + timedelta(weeks=1)) is None  # NHC1 is not copied
    assert _code(db, b.id, mon + timedelta(weeks=1)) == "NHC2"  # nor overwritten


def test_a_suggestion_spares_ward_officers_and_rest_days_then_allocates(db: Database) -> None:
    from rosterapp.domain.grid import CellEdit
    from rosterapp.domain.tables import Member
    from rosterapp.services.operation_allocation import allocate
    from rosterapp.services.operation_checks import shortfall
    from rosterapp.services.operation_suggest import suggest
    from rosterapp.services.roster.edits import set_cells

    _sgt, a, b, _c, d = small_team(db, n=5)  # every one a DWO
    with db.session(write=True) as s:
        town = s.get(Member, d.id)
        assert town is not None
        town.role = "Town centre officer"
        s.add(town)
    set_cells(db, "T1", [CellEdit(a.id, SAT, "RD"), CellEdit(b.id, SAT, "E")])
    added = add_operation(db, _carnival(needs="PC:2")).operation
    occ = added.occurrences[0].id
    found = suggest(db, added.id, occ)
    # The town-centre officer first; then a DWO not on a rest day (b or c, not a).
    assert found.shoulder_numbers[0] == d.shoulder_number
    assert a.shoulder_number not in found.shoulder_numbers and len(found.shoulder_numbers) == 2
    assert found.short_after == 0
    assert any("ward officers" in n for n in found.notes)
    allocate(db, added.id, occ, found.shoulder_numbers)
    assert shortfall(db, added.id, occ).short == 0
    assert suggest(db, added.id, occ).shoulder_numbers == ()  # nothing is short now
