"""Importing someone's own spreadsheet: match its columns with a preview of the first
rows, guessed from the header names and remembered for the next file."""

from __future__ import annotations

from pathlib import Path

from rosterapp.importers import members
from rosterapp.importers.tabular import peek
from rosterapp.services.members import get_member
from rosterapp.ui.dialogs.column_mapping import ColumnMappingDialog, needs_mapping
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle

HEADER = "Family Name,Given Name,Collar,Payroll,Grade,Hours,Notes"


def their_file(tmp_path: Path, name: str = "staff.csv", shoulder: str = "2201CW") -> Path:
    path = tmp_path / name
    path.write_text(
        f"{HEADER}\nOkafor,Sandra,{shoulder},88{shoulder[:4]},PC,40,prefers earlies\n",
        encoding="utf-8",
    )
    return path


def choose(dialog: ColumnMappingDialog, column: str, target: str) -> None:
    box = dialog.boxes[dialog.header.index(column)]
    box.setCurrentIndex(box.findData(target))


def test_their_columns_are_matched_with_a_preview_and_remembered(
    window: MainWindow, tmp_path: Path
) -> None:
    seen: list[ColumnMappingDialog] = []

    def first_time(dialog: ColumnMappingDialog) -> bool:
        seen.append(dialog)
        assert dialog.boxes[0].currentData() == "last_name"  # guessed from "Family Name"
        assert dialog.table.item(2, 2).text() == "2201CW"  # the first values shown
        assert "Still needed" in dialog.error.text()  # Collar, Payroll, Grade unguessed
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        choose(dialog, "Collar", "shoulder_number")
        choose(dialog, "Payroll", "staff_number")
        choose(dialog, "Grade", "rank")
        choose(dialog, "Hours", "shoulder_number")
        assert "chosen for two columns" in dialog.error.text()
        choose(dialog, "Hours", "contracted_hours")
        assert dialog.error.text() == ""
        return True

    window.open_mapping = first_time  # type: ignore[method-assign]
    path = their_file(tmp_path)
    window.map_columns(path, *peek(path))
    settle(window)
    member = get_member(window.db, "2201CW")
    assert (member.first_name, member.last_name, member.contracted_hours) == (
        "Sandra",
        "Okafor",
        40,
    )

    def second_time(dialog: ColumnMappingDialog) -> bool:
        assert dialog.boxes[2].currentData() == "shoulder_number"  # remembered
        assert dialog.error.text() == ""
        return True

    window.open_mapping = second_time  # type: ignore[method-assign]
    other = their_file(tmp_path, "more.csv", "2202CW")
    window.map_columns(other, *peek(other))
    settle(window)
    assert get_member(window.db, "2202CW").last_name == "Okafor"


def test_a_file_in_the_apps_own_columns_needs_no_matching() -> None:
    header = ["shoulder_number", "staff_number", "first_name", "last_name", "rank"]
    header.append("contracted_hours")
    assert not needs_mapping(header, members.REQUIRED, members.OPTIONAL, members.ALIASES)
    assert not needs_mapping(
        ["Surname", "Forename", "Shoulder No", "Staff No", "Rank", "Hours"],
        members.REQUIRED,
        members.OPTIONAL,
        members.ALIASES,
    )
    assert needs_mapping(HEADER.split(","), members.REQUIRED, members.OPTIONAL, members.ALIASES)


def test_look_at_the_mapping_step(window: MainWindow, tmp_path: Path) -> None:
    import os

    path = their_file(tmp_path)
    header, rows = peek(path)
    dialog = ColumnMappingDialog(
        path.name, header, rows, members.REQUIRED, members.OPTIONAL, members.ALIASES, None, window
    )
    dialog.show()
    folder = os.environ.get("ROSTERAPP_SHOTS")
    if folder:
        dialog.grab().save(str(Path(folder) / "column-mapping.png"))
    assert dialog.table.rowCount() == 7
