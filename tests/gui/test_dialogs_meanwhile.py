"""A form whose record someone else saved meanwhile: reload theirs or apply mine, never
overwrite what was not seen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from rosterapp.services.members import get_member
from rosterapp.services.teams import get_team, update_team_settings
from rosterapp.ui.dialogs import FormDialog
from rosterapp.ui.mainwindow import MainWindow
from tests.factories import member_input
from tests.gui.conftest import settle
from tests.gui.dialog_steps import WEEK, drive, pc_row


def _other_user_saves(window: MainWindow, monkeypatch, save: Callable[[], object]) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ROSTERAPP_USER", "sgt.other")
    save()
    monkeypatch.setenv("ROSTERAPP_USER", "sgt.tester")


def test_member_edited_meanwhile_reload_then_apply(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rosterapp.services.members import update_member

    row = pc_row(window)
    member = window.model.rows[row].member
    window.view.setCurrentIndex(window.model.index(row, 0))
    asked: list[str] = []
    answers = iter(["reload", "apply"])

    def type_role(d: FormDialog) -> None:
        d.ask_stale = lambda message: asked.append(message) or next(answers)  # type: ignore[method-assign]
        # While the form is open, another sergeant changes the phone number.
        data = member_input(member, phone="020 7946 0999")
        _other_user_saves(
            window, monkeypatch, lambda: update_member(window.db, member.id, data, member.version)
        )
        d.ui.role.setCurrentText("Schools officer")

    def after_reload(d: FormDialog) -> None:
        # Reloaded: the form shows their phone; the user types the role again and saves
        # — but the other sergeant saves once more first, so the user applies anyway.
        assert d.ui.phone.text() == "020 7946 0999"
        assert "Reloaded" in d.ui.error.text()
        d.ui.role.setCurrentText("Schools officer")
        current = get_member(window.db, member.shoulder_number)
        again = member_input(current, contracted_hours=36.0)
        _other_user_saves(
            window,
            monkeypatch,
            lambda: update_member(window.db, member.id, again, current.version),
        )

    drive(window, type_role, after_reload)
    window.edit_member()
    settle(window)
    assert len(asked) == 2
    assert "was changed by sgt.other at" in asked[0] and "020 7946 0999" in asked[0]
    assert "contracted hours: 40.0 → 36.0" in asked[1]
    saved = get_member(window.db, member.shoulder_number)
    assert saved.role == "Schools officer"  # applied knowingly over the newer version
    assert saved.phone == "020 7946 0999"  # reloaded, so theirs was kept


def test_beat_renamed_meanwhile_is_reloaded_not_overwritten(
    window: MainWindow, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from rosterapp.services.beats import BeatInput, update_beat

    beat = next(iter(window.model.grid.beats.values()))  # type: ignore[union-attr]
    asked: list[str] = []

    def edit(d: FormDialog) -> None:
        d.ask_stale = lambda message: asked.append(message) or "reload"  # type: ignore[method-assign]
        d.ui.existing.setCurrentIndex(d.ui.existing.findData(beat.code))
        data = BeatInput("ZZ1", "Renamed by the other sergeant", beat.ward, beat.priorities)
        _other_user_saves(
            window,
            monkeypatch,
            lambda: update_beat(window.db, "WE", beat.id, data, beat.version),
        )
        d.ui.ward.setText("Mine")

    def check(d: FormDialog) -> None:
        assert d.ui.code.text() == "ZZ1"  # their values in the form now
        assert d.ui.existing.currentData() == "ZZ1"
        d.ui.ward.setText("Mine after reload")

    drive(window, edit, check)
    window.edit_beats()
    settle(window)
    assert "Beat ZZ1 was changed by sgt.other" in asked[0]
    assert window.model.grid.beats["ZZ1"].ward == "Mine after reload"  # type: ignore[union-attr]


def test_team_settings_changed_meanwhile_cancel_keeps_the_form(
    window: MainWindow,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    def edit(d: FormDialog) -> None:
        d.ask_stale = lambda message: "cancel"  # type: ignore[method-assign]
        _other_user_saves(
            window,
            monkeypatch,
            lambda: update_team_settings(window.db, "WE", leave_threshold_pct=30.0),
        )
        d.ui.marking.setCurrentText("OFFICIAL")

    seen = drive(window, edit)
    window.team_settings()
    settle(window)
    assert "was changed by sgt.other" in seen[0].ui.error.text()
    assert seen[0].ui.marking.currentText() == "OFFICIAL"  # the user's typing is kept
    team = get_team(window.db, "WE")
    assert (team.protective_marking, team.leave_threshold_pct) == ("OFFICIAL-SENSITIVE", 30.0)


def test_undo_of_an_absence_someone_removed_is_refused(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rosterapp.services.absences import delete_absence, list_absences

    row = pc_row(window)
    mid = window.model.rows[row].member.id
    window.view.setCurrentIndex(window.model.index(row, 2))
    drive(window, lambda d: d.ui.kind.setCurrentIndex(d.ui.kind.findData("court")))
    window.record_absence()
    settle(window)
    recorded = [
        a for a in list_absences(window.db, "WE", WEEK, WEEK + timedelta(6)) if a.member_id == mid
    ]
    assert len(recorded) == 1
    _other_user_saves(window, monkeypatch, lambda: delete_absence(window.db, recorded[0].id))
    window.undo_stack.undo()
    settle(window)
    message = window.statusBar().currentMessage()
    assert "cannot undo" in message and "removed by sgt.other" in message
    assert window.undo_stack.count() == 0  # the refused command is dropped
