"""Member and team settings that feed the rules and the solver: planning fields, roster
shape, opt-out, TOIL earned."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from rosterapp.services.members import get_member
from rosterapp.services.teams import get_team
from rosterapp.ui.dialogs import FormDialog
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle
from tests.gui.dialog_steps import drive, pc_row


def test_member_planning_fields_are_edited_and_kept(window: MainWindow) -> None:
    """Usual beat, no nights and late-lates in a row are on the member form; editing
    another field keeps them (the form loads them back)."""
    row = pc_row(window)
    member = window.model.rows[row].member
    window.view.setCurrentIndex(window.model.index(row, 0))

    def plan(d: FormDialog) -> None:
        u = d.ui
        u.usualBeat.setCurrentIndex(u.usualBeat.findText("SOH", Qt.MatchFlag.MatchStartsWith))
        u.noNights.setChecked(True)
        u.maxLateLates.setValue(3)
        u.freeSat.setChecked(True)

    drive(window, plan)
    window.edit_member()
    settle(window)
    saved = get_member(window.db, member.shoulder_number)
    soh = next(b for b in window.model.grid.beats.values() if b.code == "SOH")  # type: ignore[union-attr]
    assert (saved.usual_beat_id, saved.no_nights, saved.max_late_lates) == (soh.id, True, 3)
    assert saved.free_days == 1 << 5  # Saturdays not worked

    def rename(d: FormDialog) -> None:
        d.ui.firstName.setText("Renée")

    drive(window, rename)
    window.edit_member()
    settle(window)
    again = get_member(window.db, member.shoulder_number)
    assert again.first_name == "Renée"
    assert (again.usual_beat_id, again.no_nights, again.max_late_lates) == (soh.id, True, 3)
    assert again.free_days == 1 << 5


def test_roster_shape_is_a_team_setting_with_defaults_to_restore(window: MainWindow) -> None:
    from rosterapp.domain.values import ShapeWeights

    def fill(d: FormDialog) -> None:
        assert d.ui.spins["tour_mix"].value() == ShapeWeights().tour_mix
        d.ui.spins["single_rest"].setValue(25)

    drive(window, fill)
    window.roster_shape()
    settle(window)
    assert get_team(window.db, "WE").shape == ShapeWeights(single_rest=25)

    def restore(d: FormDialog) -> None:
        assert d.ui.spins["single_rest"].value() == 25
        d.ui.defaults.click()

    drive(window, restore)
    window.roster_shape()
    settle(window)
    assert get_team(window.db, "WE").shape_weights is None


def test_member_opt_out_is_recorded_with_its_date(window: MainWindow) -> None:
    """The 48-hour opt-out carries the date it was signed; the date field follows the box."""

    row = pc_row(window)
    member = window.model.rows[row].member
    window.view.setCurrentIndex(window.model.index(row, 0))

    def opt_out(d: FormDialog) -> None:
        u = d.ui
        u.optOut.setChecked(False)
        assert not u.optOutSince.isEnabled()
        u.optOut.setChecked(True)
        assert u.optOutSince.isEnabled()
        u.optOutSince.setDate(QDate(2026, 3, 2))

    drive(window, opt_out)
    window.edit_member()
    settle(window)
    saved = get_member(window.db, member.shoulder_number)
    assert (saved.wtr_opt_out, saved.wtr_opt_out_since) == (True, date(2026, 3, 2))

    def withdraw(d: FormDialog) -> None:
        assert d.ui.optOutSince.date() == QDate(2026, 3, 2)  # loaded back
        d.ui.optOut.setChecked(False)

    drive(window, withdraw)
    window.edit_member()
    settle(window)
    saved = get_member(window.db, member.shoulder_number)
    assert (saved.wtr_opt_out, saved.wtr_opt_out_since) == (False, None)


def test_toil_earned_is_recorded_from_the_window(window: MainWindow) -> None:
    from rosterapp.services.toil import list_toil

    row = pc_row(window)
    member = window.model.rows[row].member
    window.view.setCurrentIndex(window.model.index(row, 0))
    errors: list[str] = []

    def empty_reason(d: FormDialog) -> None:
        assert d.ui.member.currentData() == member.shoulder_number  # the officer selected
        d.ui.hours.setValue(2.5)

    def with_reason(d: FormDialog) -> None:
        errors.append(d.ui.error.text())
        d.ui.reason.setText("kept on at an arrest")

    drive(window, empty_reason, with_reason)
    window.record_toil()
    settle(window)
    assert errors and "reason" in errors[0].lower()
    assert [(t.hours, t.reason) for t in list_toil(window.db, member.shoulder_number)] == [
        (2.5, "kept on at an arrest")
    ]
