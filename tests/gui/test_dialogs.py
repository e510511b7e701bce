"""The window's forms: members, absences, team settings, patterns, transfers, beats,
codes, cover, teams, imports and the audit trail."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QLabel

from rosterapp.services.members import get_member
from rosterapp.services.teams import get_team
from rosterapp.ui.dialogs import FormDialog
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle
from tests.gui.dialog_steps import WEEK, drive, pc_row


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
