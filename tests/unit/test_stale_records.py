"""Optimistic locking beyond the grid: members, beats, team settings and absences are
never silently overwritten; the refusal says who changed what and when, and carries the
stored values and version so that the user can reload them or apply theirs again."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.grid import CellEdit
from rosterapp.domain.values import BeatInfo, MemberInfo
from rosterapp.services.absences import (
    delete_absence,
    list_absences,
    record_absence,
    unrecord_absence,
)
from rosterapp.services.beats import BeatInput, list_beats, update_beat
from rosterapp.services.errors import StaleRow
from rosterapp.services.members import get_member, update_member
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.teams import get_team, update_team_settings
from rosterapp.storage import Database
from tests.factories import member_input, small_team

MON = date(2026, 12, 7)
WHEN = r"at \d\d:\d\d on \d\d \w\w\w"


def as_beat_input(b: BeatInfo, **changes: object) -> BeatInput:
    data = BeatInput(
        b.code, b.name, b.ward, b.priorities, b.hotspot, b.visit_minutes, b.visit_interval_minutes
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def other(db: Database) -> str:
    """Who the audit names for "sgt.other": on PostgreSQL the server's login, whatever
    name the client sends (it cannot be forged)."""
    return "sgt.other" if db.is_sqlite else str(db.url.username)


def as_other(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROSTERAPP_USER", "sgt.other")


def as_me(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROSTERAPP_USER", "sgt.tester")


def test_a_stale_member_edit_says_who_when_and_what_and_can_be_applied_again(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, pc, _ = small_team(db)
    as_other(monkeypatch)
    update_member(db, pc.id, member_input(pc, phone="020 7946 0000"), expected_version=pc.version)
    as_me(monkeypatch)
    with pytest.raises(StaleRow, match=rf"Zoë O'Brien was changed by {other(db)} {WHEN}") as err:
        update_member(
            db, pc.id, member_input(pc, role="Schools officer"), expected_version=pc.version
        )
    assert "phone: — → 020 7946 0000" in str(err.value)
    assert isinstance(err.value.current, MemberInfo)
    assert err.value.current.phone == "020 7946 0000"  # what is stored now, to reload
    assert get_member(db, pc.shoulder_number).role == "DWO"  # nothing overwritten
    # Applying again against the version now stored goes through, knowingly.
    update_member(
        db,
        pc.id,
        member_input(pc, role="Schools officer"),
        expected_version=err.value.current_version,
    )
    assert get_member(db, pc.shoulder_number).role == "Schools officer"


def test_a_stale_beat_edit_is_refused_even_after_a_rename(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_team(db)
    soho = next(b for b in list_beats(db, "T1") if b.code == "SOH")
    as_other(monkeypatch)
    update_beat(db, "T1", soho.id, as_beat_input(soho, code="SOW", name="Soho West"), soho.version)
    as_me(monkeypatch)
    with pytest.raises(StaleRow, match=rf"Beat SOW was changed by {other(db)} {WHEN}") as err:
        update_beat(db, "T1", soho.id, as_beat_input(soho, ward="Soho ward"), soho.version)
    assert "name: Soho → Soho West" in str(err.value)
    assert isinstance(err.value.current, BeatInfo)
    assert {b.code: b.ward for b in list_beats(db, "T1")}["SOW"] == "West End"


def test_stale_team_settings_are_refused(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    small_team(db)
    seen = get_team(db, "T1")
    as_other(monkeypatch)
    update_team_settings(db, "T1", expected_version=seen.version, leave_threshold_pct=25.0)
    as_me(monkeypatch)
    with pytest.raises(StaleRow, match=rf"Team T1 \(T1\) was changed by {other(db)} {WHEN}") as err:
        update_team_settings(db, "T1", expected_version=seen.version, borough="Camden")
    assert "leave limit %: 20.0 → 25.0" in str(err.value)
    assert get_team(db, "T1").borough == "Westminster"
    assert get_team(db, "T1").leave_threshold_pct == 25.0


def test_recording_an_absence_and_undoing_it_are_one_step_each(db: Database) -> None:
    _, pc, _ = small_team(db)
    set_cells(db, "T1", [CellEdit(pc.id, MON + timedelta(days=i), "E", "SOH") for i in range(3)])
    info, cleared = record_absence(
        db, pc.shoulder_number, AbsenceKind.SICK, MON, MON + timedelta(2)
    )
    assert len(cleared) == 3
    grid = read_grid(db, "T1", MON, MON + timedelta(days=2))
    assert all(grid.cell(pc.id, MON + timedelta(days=i)).from_absence for i in range(3))  # type: ignore[union-attr]
    # Meanwhile someone rosters the middle day: undo keeps theirs, restores the others.
    set_cells(db, "T1", [CellEdit(pc.id, MON + timedelta(days=1), "CT")])
    restored = unrecord_absence(db, "T1", info, cleared)
    assert len(restored) == 2
    grid = read_grid(db, "T1", MON, MON + timedelta(days=2))
    codes = [grid.cell(pc.id, MON + timedelta(days=i)).code for i in range(3)]  # type: ignore[union-attr]
    assert codes == ["E", "CT", "E"]
    assert list_absences(db, "T1", MON, MON + timedelta(days=2)) == []


def test_undoing_an_absence_someone_removed_says_who(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, pc, _ = small_team(db)
    info, cleared = record_absence(db, pc.shoulder_number, AbsenceKind.ANNUAL_LEAVE, MON, MON)
    as_other(monkeypatch)
    delete_absence(db, info.id)
    as_me(monkeypatch)
    with pytest.raises(
        StaleRow, match=rf"annual leave of {pc.shoulder_number} .* removed by {other(db)} {WHEN}"
    ):
        unrecord_absence(db, "T1", info, cleared)
