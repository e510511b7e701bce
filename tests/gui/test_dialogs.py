from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QLabel

from rosterapp.services.members import get_member
from rosterapp.services.teams import get_team, update_team_settings
from rosterapp.ui.dialogs import FormDialog
from rosterapp.ui.mainwindow import MainWindow
from tests.factories import member_input
from tests.gui.conftest import settle

WEEK = date(2026, 12, 7)


def drive(window: MainWindow, *steps: Callable[[FormDialog], None]) -> list[FormDialog]:
    """Replace the modal exec: fill the form, press OK; each step is one attempt (the
    save runs on the database worker: wait for it, as the modal dialog would)."""
    seen: list[FormDialog] = []

    def fake_open(dialog: FormDialog) -> bool:
        seen.append(dialog)
        for step in steps:
            step(dialog)
            dialog.ui.buttons.accepted.emit()
            settle(window)
            if dialog.result() == QDialog.DialogCode.Accepted:
                return True
        return False

    window.open_dialog = fake_open  # type: ignore[method-assign]
    return seen


def pc_row(window: MainWindow) -> int:
    return next(i for i, r in enumerate(window.model.rows) if r.member.rank.value == "pc")


def test_member_editor_refuses_bad_input_then_saves(window: MainWindow) -> None:
    row = pc_row(window)
    member = window.model.rows[row].member
    window.view.setCurrentIndex(window.model.index(row, 0))
    errors: list[str] = []
    focused: list[bool] = []

    def bad(d: FormDialog) -> None:
        d.ui.shoulder.setText("ab cd")

    def note_error(d: FormDialog) -> None:
        errors.append(d.ui.error.text())
        focused.append(d.focusWidget() is d.ui.shoulder)  # the field the error names
        d.ui.shoulder.setText(member.shoulder_number)
        d.ui.firstName.setText("Łucja")
        d.ui.skills.setPlainText("driver\ntaser 2027-03-31")

    drive(window, bad, note_error)
    window.edit_member()
    settle(window)
    assert errors and errors[0].startswith("Shoulder number 'ab cd' must be")
    assert focused == [True]
    saved = get_member(window.db, member.shoulder_number)
    assert saved.first_name == "Łucja"
    assert {(s.name, s.expires) for s in saved.skills} == {
        ("driver", None),
        ("taser", date(2027, 3, 31)),
    }
    assert any(r.member.first_name == "Łucja" for r in window.model.rows)


def test_bad_skill_line_is_explained(window: MainWindow) -> None:
    window.view.setCurrentIndex(window.model.index(pc_row(window), 0))
    messages: list[str] = []

    def bad(d: FormDialog) -> None:
        d.ui.skills.setPlainText("taser 2027-02-30")

    seen = drive(window, bad)
    window.edit_member()
    settle(window)
    messages.append(seen[0].ui.error.text())
    assert messages == ["Skills line 1: 2027-02-30 is not a date"]
    assert seen[0].focusWidget() is seen[0].ui.skills


def test_new_member_appears_in_the_grid(window: MainWindow) -> None:
    def fill(d: FormDialog) -> None:
        u = d.ui
        u.shoulder.setText("9999CW")
        u.staff.setText("999999")
        u.firstName.setText("Дмитрий")
        u.lastName.setText("Иванов")

    drive(window, fill)
    window.edit_member(new=True)
    settle(window)
    assert any(r.member.shoulder_number == "9999CW" for r in window.model.rows)


def test_absence_shows_in_the_grid_and_undoes(window: MainWindow) -> None:
    row = pc_row(window)
    mid = window.model.rows[row].member.id
    window.view.setCurrentIndex(window.model.index(row, 2))

    def fill(d: FormDialog) -> None:
        d.ui.kind.setCurrentIndex(d.ui.kind.findData("sick"))
        d.ui.toDate.setDate(QDate(2026, 12, 10))

    before = {d: window.model.data(window.model.index_of(mid, date(2026, 12, d))) for d in (9, 10)}
    drive(window, fill)
    window.record_absence()
    settle(window)
    for d in (9, 10):  # duties become the sickness; a rest day stays a rest day
        got = window.model.data(window.model.index_of(mid, date(2026, 12, d)))
        assert got == ("RD" if before[d] == "RD" else "S")
    assert not [f for f in window.all_findings() if f.rule == "leave-clash" and f.member_id == mid]
    window.undo_stack.undo()
    settle(window)
    assert {
        d: window.model.data(window.model.index_of(mid, date(2026, 12, d))) for d in (9, 10)
    } == before


def test_absence_that_ends_before_it_starts(window: MainWindow) -> None:
    window.view.setCurrentIndex(window.model.index(pc_row(window), 3))

    def fill(d: FormDialog) -> None:
        d.ui.toDate.setDate(QDate(2026, 12, 1))

    seen = drive(window, fill)
    window.record_absence()
    settle(window)
    assert "ends" in seen[0].ui.error.text()
    assert window.undo_stack.count() == 0


def test_team_settings_change_the_marking(window: MainWindow) -> None:
    def fill(d: FormDialog) -> None:
        d.ui.marking.setCurrentText("OFFICIAL")
        d.ui.leaveLimit.setValue(15)
        assert (d.ui.nightWeeks.value(), d.ui.abstractionWeeks.value()) == (17, 12)
        d.ui.nightWeeks.setValue(26)
        d.ui.abstractionWeeks.setValue(8)
        d.ui.leaveYearMonth.setCurrentIndex(0)  # January
        d.ui.carryOver.setValue(3.5)

    drive(window, fill)
    window.team_settings()
    settle(window)
    team = get_team(window.db, "WE")
    assert (team.protective_marking, team.leave_threshold_pct) == ("OFFICIAL", 15)
    assert (team.night_reference_weeks, team.abstraction_weeks) == (26, 8)
    assert (team.leave_year_start_month, team.leave_carry_over_days) == (1, 3.5)


def test_pattern_is_one_undo_step(window: MainWindow) -> None:
    row = pc_row(window)
    mid = window.model.rows[row].member.id
    sel = window.view.selectionModel()
    window.view.setCurrentIndex(window.model.index(row, 0))
    sel.select(window.model.index(row + 1, 0), sel.SelectionFlag.Select)
    before = [window.model.data(window.model.index(row, c)) for c in range(7)]

    def fill(d: FormDialog) -> None:
        d.ui.pattern.setText("N N RD RD E E E")
        d.ui.stagger.setValue(0)
        d.ui.overwrite.setChecked(True)

    drive(window, fill)
    window.apply_pattern()
    settle(window)
    got = [window.model.data(window.model.index_of(mid, WEEK.replace(day=7 + c))) for c in range(7)]
    assert [g.split()[0] if g else g for g in got][:4] == ["N", "N", "RD", "RD"]
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    settle(window)
    assert [window.model.data(window.model.index(row, c)) for c in range(7)] == before


def test_transfer_moves_the_officer_out_from_a_date(window: MainWindow) -> None:
    row = pc_row(window)
    member = window.model.rows[row].member
    window.view.setCurrentIndex(window.model.index(row, 3))

    def fill(d: FormDialog) -> None:
        d.ui.team.setCurrentIndex(d.ui.team.findData("BX"))

    drive(window, fill)
    window.transfer()
    settle(window)
    row_now = next(r for r in window.model.rows if r.member.id == member.id)
    assert row_now.in_team(date(2026, 12, 9)) and not row_now.in_team(date(2026, 12, 10))


def test_add_and_rename_a_beat(window: MainWindow) -> None:
    def new_beat(d: FormDialog) -> None:
        d.ui.code.setText("CHX")
        d.ui.name.setText("Charing Cross")
        d.ui.priorities.setText("Phone robbery; Antisocial behaviour")
        d.ui.hotspot.setChecked(True)

    drive(window, new_beat)
    window.edit_beats()
    settle(window)
    assert window.model.grid.beats["CHX"].priorities == (
        "Phone robbery",  # type: ignore[union-attr]
        "Antisocial behaviour",
    )

    def rename(d: FormDialog) -> None:
        d.ui.existing.setCurrentIndex(d.ui.existing.findData("CHX"))
        d.ui.name.setText("Charing Cross & Embankment")

    drive(window, rename)
    window.edit_beats()
    settle(window)
    assert window.model.grid.beats["CHX"].name == "Charing Cross & Embankment"  # type: ignore[union-attr]


def test_new_code_then_cover_requirement(window: MainWindow) -> None:
    from PySide6.QtCore import QTime

    def new_code(d: FormDialog) -> None:
        d.ui.code.setText("M")
        d.ui.name.setText("Middle")
        d.ui.start.setTime(QTime(11, 0))
        d.ui.end.setTime(QTime(19, 0))

    drive(window, new_code)
    window.add_shift_type()
    settle(window)
    assert "M" in window.model.grid.shift_types  # type: ignore[union-attr]

    def cover(d: FormDialog) -> None:
        d.ui.shift.setCurrentIndex(d.ui.shift.findData("M"))
        d.ui.days.setCurrentIndex(1)  # Monday to Friday
        d.ui.minimum.setValue(4)
        d.ui.fromDate.setDate(QDate(2026, 12, 9))  # from Wednesday: not Monday or Tuesday

    drive(window, cover)
    window.edit_cover()
    settle(window)
    shortfalls = [
        f for f in window.all_findings() if f.rule == "cover-shortfall" and f.shift == "M"
    ]
    assert len(shortfalls) == 3 and "0 of the 4 people required" in shortfalls[0].message
    assert min(f.day for f in shortfalls) == date(2026, 12, 9)


def test_bad_code_is_refused_in_the_form(window: MainWindow) -> None:
    def bad(d: FormDialog) -> None:
        d.ui.code.setText("9X")
        d.ui.name.setText("Bad")

    seen = drive(window, bad)
    window.add_shift_type()
    settle(window)
    assert "capital letters" in seen[0].ui.error.text()
    assert seen[0].focusWidget() is seen[0].ui.code  # from the error's field, not its words


def test_new_team_from_the_window(window: MainWindow) -> None:
    def fill(d: FormDialog) -> None:
        d.ui.code.setText("RP")
        d.ui.name.setText("Royal Parks")

    drive(window, fill)
    window.new_team()
    settle(window)
    assert window.team == "RP" and window.model.rowCount() == 0


def test_import_members_from_the_window(window: MainWindow, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "new.csv"
    good.write_text(
        "shoulder_number,staff_number,first_name,last_name,rank,contracted_hours\n"
        "7001CW,870001,Ayşe,Yılmaz,PC,40\n",
        encoding="utf-8",
    )
    # Wait for what the user sees: a job that ends before a signal spy connects to it
    # would leave waitSignal waiting for a signal that has already gone.
    window.run_import("members", good)
    qtbot.waitUntil(
        lambda: any(r.member.shoulder_number == "7001CW" for r in window.model.rows),
        timeout=20_000,
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "shoulder_number,staff_number,first_name,last_name,rank,contracted_hours\n"
        "7002CW,870002,A,B,Chief,40\n7003CW,870003,C,D,PC,99\n",
        encoding="utf-8",
    )
    window.run_import("members", bad)
    qtbot.waitUntil(lambda: bool(window.last_import_problem), timeout=20_000)
    assert "row 2, column rank" in window.last_import_problem
    assert "row 3, column contracted_hours" in window.last_import_problem
    assert not any(r.member.shoulder_number in ("7002CW", "7003CW") for r in window.model.rows)
    for box in window.findChildren(QDialog):
        box.close()


def test_import_problems_list_every_bad_row(window: MainWindow, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Twelve bad rows: the table lists all twelve (the message box showed five)."""
    bad = tmp_path / "many.csv"
    lines = ["shoulder_number,staff_number,first_name,last_name,rank,contracted_hours"]
    lines += [f"{7100 + i}CW,{871000 + i},A,B,Chief,40" for i in range(12)]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    job = window.run_import("members", bad)
    with qtbot.waitSignal(job.failed, timeout=20_000):
        pass
    settle(window)
    dialog = window.import_problems
    assert dialog.isVisible()
    rows = dialog.rows()
    assert [int(r[0]) for r in rows] == list(range(2, 14))
    assert {r[1] for r in rows} == {"rank"} and all(r[2] for r in rows)
    assert "12 rows have a problem" in dialog.findChildren(QLabel)[0].text()
    dialog.close()


def test_audit_trail_viewer_filters_and_exports(window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rosterapp.ui.audit_view import AuditDialog

    row = pc_row(window)
    member = window.model.rows[row].member
    window.set_cells_from_grid([window.model.key(window.model.index(row, 0))], "TR")
    settle(window)
    dialog = AuditDialog(window.ops, "WE", WEEK, WEEK, window)
    settle(window)
    assert dialog.model.rowCount() >= 1
    dialog.member.setText(member.shoulder_number)
    settle(window)
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, 1)) == "sgt.tester"
    assert "code=TR" in dialog.model.data(dialog.model.index(0, 6))
    dialog.user.setText("somebody else")
    settle(window)
    assert dialog.model.rowCount() == 0
    dialog.user.setText("sgt.")
    settle(window)
    assert dialog.model.rowCount() == 1
    out = dialog.export(tmp_path / "audit.csv")
    assert out is not None and "roster.set" in out.read_text(encoding="utf-8-sig")
    dialog.close()


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
    from PySide6.QtCore import QDate

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
