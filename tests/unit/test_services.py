from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from rosterapp.domain.enums import AbsenceKind, Rank
from rosterapp.domain.grid import CellEdit
from rosterapp.domain.tables import AuditEvent, ChangeRecord
from rosterapp.services.absences import add_absence
from rosterapp.services.errors import InvalidInput, NotFound
from rosterapp.services.members import MemberInput, create_member, team_members, transfer_member
from rosterapp.services.periods import list_changes, publish_period
from rosterapp.services.roster.bulk import apply_pattern, copy_week
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.teams import create_team, update_team_settings
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 12, 7)


def test_set_and_read_back_exactly(db: Database) -> None:
    a, b, _ = small_team(db)
    changes = set_cells(
        db,
        "T1",
        [
            CellEdit(a.id, MON, "e", "soh", "cw21", "Meet at <Charing Cross> & brief"),
            CellEdit(b.id, MON, "RD"),
        ],
    )
    assert [c.after.code for c in changes if c.after] == ["E", "RD"]
    grid = read_grid(db, "T1", MON, MON + timedelta(days=6))
    cell = grid.cell(a.id, MON)
    assert cell is not None
    assert (cell.code, cell.beat, cell.call_sign, cell.note) == (
        "E",
        "SOH",
        "CW21",
        "Meet at <Charing Cross> & brief",
    )
    assert grid.cell(b.id, MON).code == "RD"  # type: ignore[union-attr]
    assert grid.rows[0].member.rank is Rank.SERGEANT


def test_clearing_and_undo_restore_the_previous_entry(db: Database) -> None:
    a, *_ = small_team(db)
    set_cells(db, "T1", [CellEdit(a.id, MON, "L", "OXF")])
    changes = set_cells(db, "T1", [CellEdit(a.id, MON, None)])
    assert changes[0].after is None
    set_cells(db, "T1", [c.undo_edit() for c in changes])
    cell = read_grid(db, "T1", MON, MON).cell(a.id, MON)
    assert cell is not None and (cell.code, cell.beat) == ("L", "OXF")


def test_a_bad_edit_writes_nothing_of_the_batch(db: Database) -> None:
    a, b, _ = small_team(db)
    with pytest.raises(NotFound, match="unknown shift or absence code 'ZZ'"):
        set_cells(db, "T1", [CellEdit(a.id, MON, "E"), CellEdit(b.id, MON, "ZZ")])
    assert read_grid(db, "T1", MON, MON).cells == {}


def test_absence_code_cannot_take_a_beat(db: Database) -> None:
    a, *_ = small_team(db)
    with pytest.raises(InvalidInput, match="not a duty"):
        set_cells(db, "T1", [CellEdit(a.id, MON, "AL", "SOH")])


def test_absence_ranges_show_in_the_grid_and_typed_entries_win(db: Database) -> None:
    a, *_ = small_team(db)
    add_absence(db, a.shoulder_number, AbsenceKind.ANNUAL_LEAVE, MON, MON + timedelta(days=2))
    set_cells(db, "T1", [CellEdit(a.id, MON + timedelta(days=1), "E")])
    grid = read_grid(db, "T1", MON, MON + timedelta(days=6))
    assert grid.cell(a.id, MON).code == "AL"  # type: ignore[union-attr]
    assert grid.cell(a.id, MON).from_absence  # type: ignore[union-attr]
    assert grid.cell(a.id, MON + timedelta(days=1)).code == "E"  # type: ignore[union-attr]
    assert grid.leave_days[(a.id, MON + timedelta(days=1))] == "AL"
    with pytest.raises(InvalidInput, match="already has annual leave"):
        add_absence(db, a.shoulder_number, AbsenceKind.SICK, MON, MON)


def test_changes_to_a_published_roster_record_notice_and_class(db: Database) -> None:
    a, *_ = small_team(db)
    set_cells(db, "T1", [CellEdit(a.id, MON, "RD")])
    publish_period(db, "T1", MON, MON + timedelta(days=27))
    told = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # 9 clear days before Mon 7 Dec
    set_cells(db, "T1", [CellEdit(a.id, MON, "E", "SOH")], told_at=told)
    (change,) = list_changes(db, "T1", MON, MON)
    assert (change.old_code, change.new_code) == ("RD", "E")
    assert change.notice_clear_days == 9
    assert change.compensation_class == "rest-day-short-notice"
    assert change.told_at == told
    with pytest.raises(InvalidInput, match="already has a published roster"):
        publish_period(db, "T1", MON + timedelta(days=7), MON + timedelta(days=14))


def test_edits_before_publication_record_no_change(db: Database) -> None:
    a, *_ = small_team(db)
    set_cells(db, "T1", [CellEdit(a.id, MON, "E")])
    with db.session() as s:
        assert s.exec(select(ChangeRecord)).all() == []


def test_every_write_is_audited_with_the_os_user(db: Database) -> None:
    a, *_ = small_team(db)
    set_cells(db, "T1", [CellEdit(a.id, MON, "E")])
    with db.session() as s:
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "roster.set")).one()
        # On PostgreSQL the server writes its login: a client-sent name cannot forge it.
        assert event.user == ("sgt.tester" if db.is_sqlite else db.url.username)
        assert event.after == {"code": "E"} and event.before is None
        assert event.at.tzinfo is not None


def test_copy_week_copies_entries_and_keeps_existing(db: Database) -> None:
    a, b, _ = small_team(db)
    set_cells(db, "T1", [CellEdit(a.id, MON, "E", "SOH"), CellEdit(b.id, MON, "L")])
    nxt = MON + timedelta(days=7)
    set_cells(db, "T1", [CellEdit(b.id, nxt, "AL")])
    changes = copy_week(db, "T1", MON, nxt)
    assert len(changes) == 1
    grid = read_grid(db, "T1", nxt, nxt)
    assert grid.cell(a.id, nxt).code == "E" and grid.cell(a.id, nxt).beat == "SOH"  # type: ignore[union-attr]
    assert grid.cell(b.id, nxt).code == "AL"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="Monday"):
        copy_week(db, "T1", MON + timedelta(days=1), nxt)


def test_pattern_staggers_lines_and_skips_leave(db: Database) -> None:
    a, b, _ = small_team(db)
    add_absence(db, b.shoulder_number, AbsenceKind.SICK, MON, MON)
    pattern = ["E"] * 5 + ["RD"] * 2 + ["L"] * 5 + ["RD"] * 2
    apply_pattern(db, "T1", [a.id, b.id], pattern, MON, MON + timedelta(days=13))
    grid = read_grid(db, "T1", MON, MON + timedelta(days=13))
    assert [grid.cell(a.id, MON + timedelta(days=i)).code for i in range(7)] == (  # type: ignore[union-attr]
        ["E"] * 5 + ["RD"] * 2
    )
    assert grid.cell(b.id, MON).code == "S"  # type: ignore[union-attr]
    assert grid.cell(b.id, MON + timedelta(days=1)).code == "L"  # type: ignore[union-attr]


def test_transfer_keeps_past_rosters_with_the_old_team(db: Database) -> None:
    a, *_ = small_team(db)
    create_team(db, "T2", "Team two")
    set_cells(db, "T1", [CellEdit(a.id, MON, "E")])
    transfer_member(db, a.shoulder_number, "T2", MON + timedelta(days=7))
    assert read_grid(db, "T1", MON, MON).cell(a.id, MON) is not None
    assert a.id not in {
        m.id for m in team_members(db, "T1", MON + timedelta(days=7), MON + timedelta(days=13))
    }
    assert a.id in {
        m.id for m in team_members(db, "T2", MON + timedelta(days=7), MON + timedelta(days=13))
    }
    with pytest.raises(InvalidInput, match="is not in team T1"):
        set_cells(db, "T1", [CellEdit(a.id, MON + timedelta(days=8), "E")])


def test_member_validation_names_the_field(db: Database) -> None:
    small_team(db)
    bad = MemberInput("ab cd", "1", "A", "B", Rank.PC)
    with pytest.raises(InvalidInput, match="shoulder number 'ab cd'"):
        create_member(db, "T1", bad)
    with pytest.raises(InvalidInput, match="already belongs to Ali Khan"):
        create_member(db, "T1", MemberInput("100T1", "77", "X", "Y", Rank.PC))
    with pytest.raises(InvalidInput, match="first name is 201 characters"):
        create_member(db, "T1", MemberInput("555X", "78", "A" * 201, "Y", Rank.PC))
    with pytest.raises(InvalidInput, match="control character"):
        create_member(db, "T1", MemberInput("556X", "79", "A\x07", "Y", Rank.PC))
    with pytest.raises(InvalidInput, match="contracted hours"):
        create_member(db, "T1", MemberInput("557X", "80", "A", "Y", Rank.PC, contracted_hours=99))


def test_team_settings_are_validated(db: Database) -> None:
    small_team(db)
    assert update_team_settings(db, "T1", leave_threshold_pct=15).leave_threshold_pct == 15
    with pytest.raises(InvalidInput, match="between 0 and 100"):
        update_team_settings(db, "T1", leave_threshold_pct=150)
    with pytest.raises(NotFound, match="no team 'NOPE'"):
        update_team_settings(db, "NOPE", leave_threshold_pct=1)


def test_accepting_a_warning_is_recorded_and_shown(db: Database) -> None:
    from rosterapp.services.checks import check_team
    from rosterapp.services.overrides import accept_finding

    a, *_ = small_team(db)
    set_cells(
        db,
        "T1",
        [
            CellEdit(a.id, MON, "LL"),
            CellEdit(a.id, MON + timedelta(days=1), "E"),
            CellEdit(a.id, MON + timedelta(days=2), "E"),
        ],
    )
    add_absence(
        db, a.shoulder_number, AbsenceKind.SICK, MON + timedelta(days=2), MON + timedelta(days=2)
    )
    report = check_team(db, "T1", MON, MON + timedelta(days=6))
    rest = next(f for f in report.findings if f.rule == "rest-11h")
    clash = next(f for f in report.findings if f.rule == "leave-clash")
    accept_finding(db, "T1", rest, "Operation Bluebell, officer agreed")
    with pytest.raises(InvalidInput, match="only warnings can be accepted"):
        accept_finding(db, "T1", clash, "no")
    again = check_team(db, "T1", MON, MON + timedelta(days=6))
    accepted = next(f for f in again.findings if f.rule == "rest-11h")
    assert accepted.accepted_reason == "Operation Bluebell, officer agreed"
    with db.session() as s:
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "finding.accept")).one()
        assert event.reason == "Operation Bluebell, officer agreed"


def test_recording_sickness_clears_duties_but_keeps_rest_days(db: Database) -> None:
    from rosterapp.services.absences import record_absence

    a, *_ = small_team(db)
    set_cells(
        db,
        "T1",
        [
            CellEdit(a.id, MON, "E", "SOH"),
            CellEdit(a.id, MON + timedelta(1), "RD"),
            CellEdit(a.id, MON + timedelta(2), "L"),
        ],
    )
    publish_period(db, "T1", MON, MON + timedelta(days=27))
    info, cleared = record_absence(
        db, a.shoulder_number, AbsenceKind.SICK, MON, MON + timedelta(days=2)
    )
    assert sorted(c.day for c in cleared) == [MON, MON + timedelta(days=2)]
    grid = read_grid(db, "T1", MON, MON + timedelta(days=2))
    assert [grid.cell(a.id, MON + timedelta(days=i)).code for i in range(3)] == [  # type: ignore[union-attr]
        "S",
        "RD",
        "S",
    ]
    # HR sees E → S and L → S on the published roster
    assert {(c.old_code, c.new_code) for c in list_changes(db, "T1", MON, MON + timedelta(2))} == {
        ("E", "S"),
        ("L", "S"),
    }
    assert info.kind is AbsenceKind.SICK


def test_a_stale_edit_is_refused_and_says_who_changed_it(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rosterapp.services.roster.edits import StaleCell

    a, *_ = small_team(db)
    seen = read_grid(db, "T1", MON, MON).cell(a.id, MON)
    assert seen is None
    monkeypatch.setenv("ROSTERAPP_USER", "sgt.other")
    set_cells(db, "T1", [CellEdit(a.id, MON, "L", "SOH")])  # someone else, meanwhile
    monkeypatch.setenv("ROSTERAPP_USER", "sgt.tester")
    other = "sgt.other" if db.is_sqlite else db.url.username
    with pytest.raises(StaleCell, match=rf"changed by {other} at \d\d:\d\d on .* to L SOH"):
        set_cells(db, "T1", [CellEdit(a.id, MON, "E", expected_version=None, check_version=True)])
    now = read_grid(db, "T1", MON, MON).cell(a.id, MON)
    assert now is not None and now.code == "L"
    # With the version just read, the edit goes through.
    set_cells(
        db, "T1", [CellEdit(a.id, MON, "E", expected_version=now.version, check_version=True)]
    )
    assert read_grid(db, "T1", MON, MON).cell(a.id, MON).code == "E"  # type: ignore[union-attr]


def test_setting_a_cell_to_what_it_holds_writes_nothing(db: Database) -> None:
    a, *_ = small_team(db)
    set_cells(db, "T1", [CellEdit(a.id, MON, "E", "SOH")])
    seen = read_grid(db, "T1", MON, MON).cell(a.id, MON)
    assert seen is not None
    assert set_cells(db, "T1", [CellEdit(a.id, MON, "E", "SOH")]) == []
    again = read_grid(db, "T1", MON, MON).cell(a.id, MON)
    assert again is not None and again.version == seen.version  # others' views stay valid
