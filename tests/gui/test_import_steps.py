"""Every import in the window, step by step as a sergeant goes through it: the columns
expected before a file is chosen, the file's own columns matched (and remembered), the
skills nobody has asked about, and every bad row listed in a table, nothing written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel
from sqlmodel import col, select

from rosterapp.domain.tables import Assignment, ShiftType
from rosterapp.services.members import get_member
from rosterapp.services.requests import list_requests
from rosterapp.ui.dialogs.column_mapping import ColumnMappingDialog
from rosterapp.ui.dialogs.import_start import ImportStartDialog
from rosterapp.ui.dialogs.unknown_skills import ADD, IGNORE, UnknownSkillsDialog
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pcs(window: MainWindow) -> list[str]:
    return [r.member.shoulder_number for r in window.model.rows if r.member.rank.value == "pc"]


def choose(dialog: ColumnMappingDialog, column: str, target: str) -> None:
    box = dialog.boxes[dialog.header.index(column)]
    box.setCurrentIndex(box.findData(target))


def drive_import(window: MainWindow, kind: str, path: Path, steps: list[object]) -> list[QDialog]:
    """Choose `kind` from the File menu and go through its steps: each function of
    `steps` is given the next dialog shown and answers it (True: OK)."""
    seen: list[QDialog] = []
    queue = list(steps)

    def answer(dialog: QDialog) -> bool:
        seen.append(dialog)
        step = queue.pop(0)
        said = step(dialog)  # type: ignore[operator]
        if said is None:  # it pressed the dialog's own buttons
            said = dialog.result() == QDialog.DialogCode.Accepted
        dialog.close()
        return bool(said)

    window.open_step = answer  # type: ignore[method-assign]
    window.pick_import_file = lambda _spec: path  # type: ignore[method-assign]
    window.actions_by_name[f"import_{kind}"].trigger()
    for _ in range(4):  # peek, the import, and an import asked again
        settle(window)
    assert not queue, f"steps not reached: {len(queue)}"
    return seen


def press_enter(dialog: QDialog) -> None:
    """Enter, as a user would: the default button (Choose file…, OK)."""
    dialog.show()
    QTest.keyClick(dialog, Qt.Key.Key_Return)


def roster_entries(window: MainWindow, shoulder: str) -> list[str]:
    """The codes of the member's entries that came from the test's files."""
    member = get_member(window.db, shoulder)
    with window.db.session() as s:
        found = s.exec(
            select(ShiftType.code)
            .join(Assignment, col(Assignment.shift_type_id) == ShiftType.id)
            .where(Assignment.member_id == member.id, Assignment.note == "from their sheet")
        ).all()
        return list(found)


def test_the_columns_are_said_before_a_file_is_chosen(window: MainWindow) -> None:
    for kind, needed in (
        (
            "members",
            {"shoulder_number", "staff_number", "rank", "contracted_hours"}
            | {"first_name", "last_name"},
        ),
        ("roster", {"shoulder_number", "date", "shift"}),
        ("requests", {"shoulder_number", "kind", "from"}),
    ):
        seen = drive_import(window, kind, Path("unused.csv"), [lambda _d: False])
        [start] = seen
        assert isinstance(start, ImportStartDialog)
        rows = {r[0]: r for r in start.rows()}
        assert {c for c, r in rows.items() if r[1] == "needed"} == needed, kind
        assert all(r[2] for r in rows.values()), kind  # what each holds
        assert start.choose.isDefault()
    members = {r[0]: r for r in ImportStartDialog(window.import_spec("members")).rows()}
    assert "surname" in members["last_name"][3]


def test_a_roster_in_their_columns_is_matched_remembered_and_imported(
    window: MainWindow, tmp_path: Path
) -> None:
    first, second = pcs(window)[:2]
    header = "Officer,When,Code,Beat Code,Remarks"
    path = write(tmp_path / "week.csv", header, f"{first},2026-12-07,E,,from their sheet")

    def match(dialog: ColumnMappingDialog) -> None:
        assert isinstance(dialog, ColumnMappingDialog)
        assert dialog.boxes[2].currentData() == "shift"  # "Code" guessed
        assert dialog.boxes[3].currentData() == "beat"
        assert "Still needed: date, shoulder_number" in dialog.error.text()
        assert dialog.table.item(0, 2).text() == first  # its first values
        choose(dialog, "Officer", "shoulder_number")
        choose(dialog, "When", "date")
        assert dialog.error.text() == ""
        press_enter(dialog)  # OK, now that every needed column is matched

    seen = drive_import(window, "roster", path, [press_enter, match])
    assert isinstance(seen[0], ImportStartDialog)
    assert roster_entries(window, first) == ["E"]

    def remembered(dialog: ColumnMappingDialog) -> bool:
        assert dialog.boxes[1].currentData() == "shoulder_number"
        assert dialog.error.text() == ""
        return True

    # The same columns in another order: the same sheet, remembered.
    again = write(
        tmp_path / "next.csv",
        "Code,Officer,When,Beat Code,Remarks",
        f"L,{second},2026-12-08,,from their sheet",
    )
    drive_import(window, "roster", again, [press_enter, remembered])
    assert roster_entries(window, second) == ["L"]


def test_requests_in_their_columns_are_imported(window: MainWindow, tmp_path: Path) -> None:
    officer = pcs(window)[0]
    before = len(list_requests(window.db, "WE"))
    path = write(
        tmp_path / "asks.csv",
        "Collar,Request,Start,Until,Why",
        f"{officer},rest-day,2027-02-03,,dentist",
    )

    def match(dialog: ColumnMappingDialog) -> bool:
        assert [b.currentData() for b in dialog.boxes[:4]] == [
            "shoulder_number",
            "kind",
            "from",
            "to",
        ]
        assert dialog.boxes[4].currentData() == ""  # "Why": left out unless matched
        choose(dialog, "Why", "note")
        return True

    drive_import(window, "requests", path, [press_enter, match])
    after = list_requests(window.db, "WE")
    assert len(after) == before + 1 and after[-1].note == "dentist"
    settle(window)
    assert any(r.note == "dentist" for r in window.inbox.model.rows)  # shown in the dock


def test_bad_rows_of_every_import_are_listed_in_a_table(window: MainWindow, tmp_path: Path) -> None:
    officer = pcs(window)[0]
    files = {
        "roster": write(
            tmp_path / "r.csv",
            "shoulder_number,date,shift",
            f"{officer},2026-12-07,ZZ",
            "NOBODY,2026-12-08,E",
        ),
        "requests": write(
            tmp_path / "q.csv",
            "shoulder_number,kind,from",
            f"{officer},holiday,2027-02-01",
            f"{officer},leave,31/02/2027",
        ),
        "members": write(
            tmp_path / "m.csv",
            "shoulder_number,staff_number,first_name,last_name,rank,contracted_hours",
            "7101CW,871101,A,B,Chief,40",
            "7102CW,871102,C,D,PC,99",
        ),
    }
    columns = {
        "roster": ["shift", "shoulder_number"],
        "requests": ["kind", "from"],
        "members": ["rank", "contracted_hours"],
    }
    for kind, path in files.items():
        drive_import(window, kind, path, [press_enter])
        dialog = window.import_problems
        assert dialog.isVisible(), kind
        assert [(r[0], r[1]) for r in dialog.rows()] == list(
            zip(["2", "3"], columns[kind], strict=True)
        )
        assert all(r[2] for r in dialog.rows())
        dialog.close()
    assert roster_entries(window, officer) == []


def test_skills_nobody_has_are_asked_about(window: MainWindow, tmp_path: Path) -> None:
    path = write(
        tmp_path / "staff.csv",
        "Surname,Forename,Shoulder No,Staff No,Rank,Hours,Qualifications",
        "Okafor,Sandra,2101CW,881101,PC,40,Driver / Drone pilot + Standard",
        "Khan,Ali,2102CW,881102,PC,40,TASER; standard",
    )

    def cancel(dialog: UnknownSkillsDialog) -> bool:
        assert isinstance(dialog, UnknownSkillsDialog)
        assert dialog.skills == ["drone-pilot", "standard"]
        assert dialog.table.item(1, 1).text() == "2, 3"  # the rows naming it
        return False  # Cancel: the rows to correct are listed

    drive_import(window, "members", path, [press_enter, cancel])
    assert window.import_problems.isVisible()
    assert {r[1] for r in window.import_problems.rows()} == {"skills"}
    window.import_problems.close()

    def decide(dialog: UnknownSkillsDialog) -> None:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled() and "drone-pilot, standard" in dialog.error.text()
        dialog.choose("drone-pilot", ADD)
        assert not ok.isEnabled()
        dialog.choose("standard", IGNORE)
        assert ok.isEnabled() and dialog.error.text() == ""
        dialog.show()
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    drive_import(window, "members", path, [press_enter, decide])
    assert sorted(s.name for s in get_member(window.db, "2101CW").skills) == [
        "driver",
        "drone-pilot",
    ]
    assert [s.name for s in get_member(window.db, "2102CW").skills] == ["taser"]


def test_a_row_with_two_bad_cells_counts_once(window: MainWindow, tmp_path: Path) -> None:
    path = write(
        tmp_path / "<b>m.csv",
        "shoulder_number,staff_number,first_name,last_name,rank,contracted_hours,start_date",
        "7101CW,871101,A,B,Chief,40,31/02/2026",
    )
    drive_import(window, "members", path, [press_enter])
    dialog = window.import_problems
    assert len(dialog.rows()) == 2
    heading = dialog.findChildren(QLabel)[0].text()
    assert "1 row has a problem" in heading and "&lt;b&gt;m.csv" in heading
    dialog.close()
