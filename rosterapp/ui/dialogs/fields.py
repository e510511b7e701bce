"""Fields that take the keyboard as a sergeant types: dates that accept digits at once,
To that follows From, and an officer box that finds people by any part of the name."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QWidget

from rosterapp.domain.values import MemberInfo
from rosterapp.ui.qdates import from_qdate, to_qdate


class _DigitsToTheDay(QObject):
    """The forms show 'Mon 07/12/2026'. Qt takes a digit only into a selected section
    and the weekday takes none, so the first digit of a run selects the section the
    cursor is in (the day, if it is on the weekday): 07122026 then fills the date."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.running: set[int] = set()  # edits in the middle of a run of digits

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not isinstance(obj, QDateEdit):
            return False
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.running.discard(id(obj))
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if not event.text().isdigit():
                self.running.discard(id(obj))
            elif id(obj) not in self.running:
                self.running.add(id(obj))
                _select_section(obj)
        return False


def _select_section(edit: QDateEdit) -> None:
    index = edit.currentSectionIndex()
    if index == 0 and edit.displayFormat().startswith("ddd ") and edit.sectionCount() > 1:
        index = 1
    edit.setCurrentSectionIndex(index)
    edit.setSelectedSection(edit.sectionAt(index))


def typeable_dates(owner: QWidget) -> None:
    """Every date field of a form takes digits at once (see _DigitsToTheDay)."""
    keys = _DigitsToTheDay(owner)
    for edit in owner.findChildren(QDateEdit):
        edit.installEventFilter(keys)


def to_follows_from(start: QDateEdit, end: QDateEdit) -> None:
    """Moving From moves To with it, keeping the length of the range (a day stays a day;
    a week of leave stays a week); To before From is never shown."""
    seen = {"start": start.date()}

    def moved(new: QDate) -> None:
        span = seen["start"].daysTo(end.date())
        seen["start"] = new
        first = from_qdate(new)
        end.setDate(to_qdate(first + timedelta(days=max(span, 0))))

    start.dateChanged.connect(moved)


def member_choices(
    combo: QComboBox, people: Sequence[MemberInfo], current: int | None = None
) -> None:
    """'1234CW – PC Sandra Smith' for each person; typing any part of the name, the
    shoulder number or the rank lists who matches."""
    for m in people:
        combo.addItem(f"{m.shoulder_number} – {m.display_name}", m.shoulder_number)
        if m.id == current:
            combo.setCurrentIndex(combo.count() - 1)
    completer = QCompleter(combo.model(), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)


def chosen_shoulder(combo: QComboBox) -> str:
    """The person the text in the box names: an entry as listed, a shoulder number, or a
    part of a name that only one person's entry holds. Raises FormError otherwise (never
    the person who happened to be selected before the typing)."""
    from rosterapp.ui.dialogs.form import FormError

    text = combo.currentText().strip()
    entries = [(combo.itemText(i), str(combo.itemData(i))) for i in range(combo.count())]
    for label, shoulder in entries:
        if text.casefold() in (label.casefold(), shoulder.casefold()):
            return shoulder
    wanted = text.casefold()
    found = [shoulder for label, shoulder in entries if wanted and wanted in label.casefold()]
    if len(found) == 1:
        return found[0]
    if not text:
        raise FormError("choose the officer", field="member")
    if not found:
        raise FormError(f"nobody in the team matches “{text}”", field="member")
    raise FormError(f"{len(found)} people match “{text}”: choose one from the list", field="member")
