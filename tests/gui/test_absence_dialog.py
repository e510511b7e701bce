"""Recording an absence by keyboard: find the officer by any part of the name, type the
dates as digits, To follows From."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from rosterapp.domain.enums import Rank
from rosterapp.domain.values import MemberInfo
from rosterapp.ui.dialogs import AbsenceDialog
from rosterapp.ui.dialogs.fields import chosen_shoulder
from rosterapp.ui.dialogs.form import FormError


def person(mid: int, shoulder: str, first: str, last: str) -> MemberInfo:
    return MemberInfo(
        id=mid,
        shoulder_number=shoulder,
        staff_number=f"S{mid}",
        first_name=first,
        last_name=last,
        rank=Rank.PC,
        role="DWO",
        contracted_hours=40,
        wtr_opt_out=False,
        active=True,
    )


PEOPLE = [
    person(1, "1001CW", "Sandra", "Okafor"),
    person(2, "1002CW", "Ali", "Khan"),
    person(3, "1003CW", "Sandy", "Khan"),
]


def dialog(qtbot: QtBot, current: int | None = 2) -> AbsenceDialog:
    d = AbsenceDialog(None, PEOPLE, date(2026, 12, 7), current)
    qtbot.add_widget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_the_officer_box_finds_a_first_name(qtbot: QtBot) -> None:
    d = dialog(qtbot)
    box = d.ui.member
    box.setFocus()
    box.lineEdit().clear()
    qtbot.keyClicks(box.lineEdit(), "Sandra")
    completer = box.completer()
    completer.setCompletionPrefix("Sandra")
    assert completer.completionCount() == 1
    assert "Sandra Okafor" in completer.currentCompletion()
    assert chosen_shoulder(box) == "1001CW"  # not Ali Khan, who was selected before


def test_the_officer_box_says_when_the_text_names_nobody_or_several(qtbot: QtBot) -> None:
    d = dialog(qtbot)
    box = d.ui.member
    box.setEditText("khan")
    try:
        chosen_shoulder(box)
    except FormError as exc:
        assert "2 people match" in str(exc) and exc.field == "member"
    else:
        raise AssertionError("two Khans must not pick one")
    box.setEditText("Zebedee")
    d.submit()
    assert "nobody in the team matches" in d.ui.error.text().casefold()
    assert d.result() == 0  # not accepted
    box.setEditText("1003cw")
    assert chosen_shoulder(box) == "1003CW"


def test_to_follows_from_keeping_the_length(qtbot: QtBot) -> None:
    d = dialog(qtbot)
    d.ui.fromDate.setDate(QDate(2026, 12, 14))
    assert d.ui.toDate.date() == QDate(2026, 12, 14)
    d.ui.toDate.setDate(QDate(2026, 12, 18))  # a week of leave, Monday to Friday
    d.ui.fromDate.setDate(QDate(2026, 12, 21))
    assert d.ui.toDate.date() == QDate(2026, 12, 25)


def test_digits_typed_into_a_date_are_taken_at_once(qtbot: QtBot) -> None:
    d = dialog(qtbot)
    edit = d.ui.fromDate
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    QApplication.processEvents()
    edit.setCurrentSectionIndex(0)  # the weekday, as a click on it leaves it
    qtbot.keyClicks(edit, "09122026")
    assert edit.date() == QDate(2026, 12, 9)
    assert d.ui.toDate.date() == QDate(2026, 12, 9)  # To followed


def test_the_form_reads_the_weekday_and_a_typeable_date(qtbot: QtBot) -> None:
    d = dialog(qtbot)
    assert d.ui.fromDate.displayFormat() == "ddd dd/MM/yyyy"
    assert d.ui.fromDate.text().startswith("Mon 07/12/2026")
