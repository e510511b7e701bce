"""The Strength window, and joiners booked in advance in the grid."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from rosterapp.domain.enums import Rank
from rosterapp.domain.strength import RankStrength, TeamStrength
from rosterapp.services.establishment import list_establishment
from rosterapp.services.members import MemberInput, create_member
from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.qdates import to_qdate
from rosterapp.ui.strength_view import strength_rows
from rosterapp.ui.text_table import GOOD, SHORT, TextCell
from tests.gui.conftest import settle

WEEK = date(2026, 12, 7)


def test_strength_window_shows_growth_and_sets_posts(
    window: MainWindow, qtmodeltester: ModelTester
) -> None:
    dialog = window.show_strength()
    settle(window)
    for model in (dialog.strength, dialog.months, dialog.lines):
        qtmodeltester.check(model)
    pcs = next(i for i, r in enumerate(dialog.strength.rows) if r[0].text == "PC")
    assert dialog.strength.text(pcs, 1) == "160"
    # The West End's growth to 240 PCs from January opens vacancies there.
    assert dialog.months.headers[1:3] == ["Dec 2026", "Jan 2027"]
    row = next(i for i, r in enumerate(dialog.months.rows) if r[0].text == "PC")
    assert dialog.months.text(row, 1).endswith("over")
    assert dialog.months.text(row, 2) == f"{240 - int(dialog.strength.text(pcs, 2))} vacant"
    assert dialog.months.data(dialog.months.index(row, 2), Qt.ItemDataRole.ToolTipRole) == (
        f"240 post(s), {dialog.strength.text(pcs, 2)} in the team"
    )
    # Set 3 PCSO posts more from March; the month table follows.
    dialog.rank.setCurrentIndex(dialog.rank.findData(Rank.PCSO))
    dialog.posts.setValue(63)
    dialog.start.setDate(to_qdate(date(2027, 3, 1)))
    dialog.note.setText('=HYPERLINK("x")')
    dialog.set_button.click()
    settle(window)
    assert any(
        ln.rank is Rank.PCSO and ln.posts == 63 and ln.note == '=HYPERLINK("x")'
        for ln in list_establishment(window.db, "WE")
    )
    pcso = next(i for i, r in enumerate(dialog.months.rows) if r[0].text == "PCSO")
    assert dialog.months.text(pcso, 4) == "17 vacant"  # Mar 2027: 63 posts, 46 PCSOs
    # Take it back again.
    line = next(i for i, ln in enumerate(dialog.lines.keys) if ln.posts == 63)  # type: ignore[attr-defined]
    dialog.lines_table.setCurrentIndex(dialog.lines.index(line, 0))
    dialog.remove_button.click()
    settle(window)
    assert all(ln.posts != 63 for ln in list_establishment(window.db, "WE"))
    assert dialog.error.text() == ""


def test_strength_window_names_a_refused_line(window: MainWindow) -> None:
    dialog = window.show_strength()
    settle(window)
    dialog.remove_button.click()  # nothing chosen
    assert dialog.error.text() == "Choose a line of funded posts first"


def test_a_joiner_booked_ahead_appears_from_the_start_date(window: MainWindow) -> None:
    joiner = create_member(
        window.db,
        "WE",
        MemberInput(
            shoulder_number="9999CW",
            staff_number="S9999",
            first_name="Siobhán",
            last_name="Ní Bhriain",
            rank=Rank.PC,
            start_date=date(2026, 12, 9),  # a Wednesday
        ),
    )
    window.go_to(WEEK)
    settle(window)
    model = window.model
    row = next(i for i, r in enumerate(model.rows) if r.member.id == joiner.id)
    tue, wed = model.days.index(date(2026, 12, 8)), model.days.index(date(2026, 12, 9))
    assert not model.flags(model.index(row, tue)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(row, wed)) & Qt.ItemFlag.ItemIsEditable
    assert "not in this team" in model.describe(model.index(row, tue))
    # The week before, they are not on the roster at all.
    window.go_to(date(2026, 11, 30))
    settle(window)
    assert all(r.member.id != joiner.id for r in window.model.rows)


def _team(*ranks: tuple[Rank, int | None, int]) -> TeamStrength:
    return TeamStrength("WE", "West End", WEEK, tuple(RankStrength(*r) for r in ranks))


def _total(t: TeamStrength) -> list[TextCell]:
    *_, total = strength_rows(t)
    assert total[0].text == "Total"
    return total


def test_the_total_row_is_the_sum_of_the_ranks_as_shown() -> None:
    # 2 PCs over, 2 sergeants short, PCSOs without posts: 13 posts, 13 in the ranks.
    t = _team((Rank.PC, 10, 12), (Rank.SERGEANT, 3, 1), (Rank.PCSO, None, 4))
    rows = strength_rows(t)
    assert [r[3].text for r in rows[:3]] == ["2 over", "2 vacant", "–"]
    total = _total(t)
    assert [c.text for c in total[1:]] == ["13", "13", "0"]
    assert total[3].tip == (
        "13 post(s), 13 in the team; by rank 2 Sergeant vacant, 2 PC over "
        "(an officer over in one rank does not fill another's post)"
    )
    over = _total(_team((Rank.PC, 10, 12), (Rank.SERGEANT, 3, 3)))
    assert [c.text for c in over[1:]] == ["13", "15", "2 over"]
    assert over[3].flag == GOOD
    short = _total(_team((Rank.PC, 10, 7), (Rank.SERGEANT, 3, 4)))
    assert [c.text for c in short[1:]] == ["13", "11", "2 vacant"]
    assert short[3].flag == SHORT
    assert [c.text for c in _total(_team((Rank.PC, None, 7)))[1:]] == ["–", "7", "–"]
