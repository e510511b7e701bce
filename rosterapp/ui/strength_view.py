"""The Strength window: a team's establishment against its strength on a day, the
joiners booked and leavers due, vacancies by rank and month, and the funded posts
themselves (set one from a date, or take one back)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.enums import RANK_ORDER, Rank
from rosterapp.domain.strength import (
    Arrival,
    EstablishmentLine,
    RankStrength,
    TeamStrength,
    VacancyTable,
)
from rosterapp.domain.values import TeamInfo
from rosterapp.services.establishment import MAX_POSTS, remove_posts, set_posts
from rosterapp.services.strength import StrengthView, strength_view
from rosterapp.storage import Database
from rosterapp.ui.operations import Changes, Operations, sentence
from rosterapp.ui.palette import error_style
from rosterapp.ui.qdates import from_qdate, to_qdate
from rosterapp.ui.text_table import GOOD, SHORT, TextCell, TextTableModel, num, table_view

MONTHS = 12


def vacancy_cell(r: RankStrength) -> TextCell:
    """Unfilled posts (red), over establishment (green) or none set."""
    tip = f"{num(r.establishment, 'no')} post(s), {r.strength} in the team"
    v = r.vacancies
    if v is None:
        return TextCell("–", tip, number=True)
    if v > 0:
        return TextCell(f"{v} vacant", tip, SHORT, number=True)
    if v < 0:
        return TextCell(f"{-v} over", tip, GOOD, number=True)
    return TextCell("0", tip, number=True)


def strength_rows(t: TeamStrength) -> list[list[TextCell]]:
    rows = [
        [
            TextCell(r.rank.label),
            TextCell(num(r.establishment), number=True),
            TextCell(str(r.strength), number=True),
            vacancy_cell(r),
        ]
        for r in t.ranks
    ]
    rows.append(
        [
            TextCell("Total", bold=True),
            TextCell(num(t.establishment), bold=True, number=True),
            TextCell(str(t.strength), bold=True, number=True),
            _total_vacancies(t),
        ]
    )
    return rows


def _total_vacancies(t: TeamStrength) -> TextCell:
    """The column's sum as shown (posts less strength): a rank over establishment counts
    against another's vacancy here, so the tip then names each rank short or over."""
    cell = vacancy_cell(RankStrength(RANK_ORDER[0], t.establishment, t.strength))
    short = [f"{r.vacancies} {r.rank.label} vacant" for r in t.ranks if (r.vacancies or 0) > 0]
    over = [f"{-(r.vacancies or 0)} {r.rank.label} over" for r in t.ranks if (r.vacancies or 0) < 0]
    tip = cell.tip or ""
    if short and over:
        tip += (
            f"; by rank {', '.join(short + over)} "
            "(an officer over in one rank does not fill another's post)"
        )
    return replace(cell, tip=tip, bold=True)


def vacancy_rows(table: VacancyTable) -> tuple[list[str], list[list[TextCell]]]:
    headers = ["Rank", *(f"{m:%b %Y}" for m in table.months)]
    rows = [
        [TextCell(rank.label), *(vacancy_cell(r) for r in months)]
        for rank, months in table.by_rank.items()
    ]
    return headers, rows


def people_text(title: str, people: Sequence[Arrival]) -> str:
    if not people:
        return ""
    shown = ", ".join(
        f"{a.rank.short} {a.name} ({a.shoulder_number}) {a.day:%d %b}" for a in people[:8]
    )
    more = f" and {len(people) - 8} more" if len(people) > 8 else ""
    return f"{title}: {shown}{more}."


class StrengthDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        teams: Sequence[TeamInfo],
        team: str | None,
        on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Strength and establishment")
        self.resize(1100, 720)
        self.ops = ops
        self.view: StrengthView | None = None
        self.team_box = QComboBox(self)
        self.team_box.setAccessibleName("Team")
        for t in teams:
            self.team_box.addItem(f"{t.name} ({t.code})", t.code)
        self.team_box.setCurrentIndex(max(0, self.team_box.findData(team)))
        self.on = _date_edit(on, self, "Strength on")
        bar = QHBoxLayout()
        for text, field in (("&Team", self.team_box), ("&On", self.on)):
            label = QLabel(text, self)
            label.setBuddy(field)
            bar.addWidget(label)
            bar.addWidget(field)
        bar.addStretch(1)
        self.strength = TextTableModel(("Rank", "Posts", "Strength", "Vacancies"), self)
        self.months = TextTableModel(("Rank",), self)
        self.lines = TextTableModel(("Rank", "Posts", "From", "Note"), self)
        self.people = QLabel(self)
        self.people.setWordWrap(True)
        self.people.setTextFormat(Qt.TextFormat.PlainText)
        self.error = QLabel(self)
        self.error.setStyleSheet(error_style(bold=True))
        self.error.setWordWrap(True)
        top = QHBoxLayout()
        self.strength_table = table_view(self.strength, "Strength by rank", self)
        top.addWidget(self.strength_table, 2)
        top.addWidget(self._posts_box(), 3)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(top)
        layout.addWidget(self.people)
        layout.addWidget(QLabel("Vacancies by rank and month (as on the 1st)", self))
        self.months_table = table_view(self.months, "Vacancies by rank and month", self)
        layout.addWidget(self.months_table, 1)
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.team_box.currentIndexChanged.connect(lambda *_: self.refresh())
        self.on.dateChanged.connect(lambda *_: self.refresh())
        self.refresh()

    def _posts_box(self) -> QGroupBox:
        box = QGroupBox("Funded posts (each in force until the next of its rank)", self)
        self.lines_table = table_view(self.lines, "Funded posts", self)
        self.rank = QComboBox(box)
        self.rank.setAccessibleName("Rank")
        for rank in RANK_ORDER:
            self.rank.addItem(rank.label, rank)
        self.posts = QSpinBox(box)
        self.posts.setRange(0, MAX_POSTS)
        self.posts.setAccessibleName("Posts")
        self.start = _date_edit(date.today(), box, "In force from")
        self.note = QLineEdit(box)
        self.note.setPlaceholderText("note (e.g. expansion)")
        self.note.setMaxLength(200)
        self.note.setAccessibleName("Note on the funded posts")
        self.set_button = QPushButton("&Set", box)
        self.set_button.clicked.connect(self.set_line)
        self.remove_button = QPushButton("Take &back", box)
        self.remove_button.setToolTip("Remove the chosen line: the one before it applies again")
        self.remove_button.clicked.connect(self.remove_line)
        form = QHBoxLayout()
        for w in (self.rank, self.posts, QLabel("from", box), self.start, self.note):
            form.addWidget(w)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        inner = QVBoxLayout(box)
        inner.addWidget(self.lines_table)
        inner.addLayout(form)
        inner.addLayout(buttons)
        return box

    @property
    def team(self) -> str:
        return str(self.team_box.currentData() or "")

    def refresh(self) -> None:
        team, on = self.team, from_qdate(self.on.date())
        if not team:
            return
        self.ops.query(lambda db: strength_view(db, team, on, MONTHS), key="strength").success(
            self.show_view
        ).failure(lambda exc: self.error.setText(sentence(exc))).run()

    def show_view(self, view: StrengthView) -> None:
        self.view = view
        self.error.setText("")
        self.strength.set_rows(strength_rows(view.strength))
        self.strength_table.resizeColumnsToContents()
        headers, rows = vacancy_rows(view.vacancies)
        self.months.set_rows(rows, headers=headers)
        self.months_table.resizeColumnsToContents()
        self.lines.set_rows(
            [
                [
                    TextCell(ln.rank.label),
                    TextCell(str(ln.posts), number=True),
                    TextCell(f"{ln.effective_from:%d %b %Y}"),
                    TextCell(ln.note or ""),
                ]
                for ln in view.lines
            ],
            keys=view.lines,
        )
        t = view.strength
        text = [people_text("Joining", t.joining), people_text("Leaving", t.leaving)]
        if t.without_posts:
            text.append(f"{t.without_posts} more without posts set (special constables…).")
        self.people.setText("  ".join(s for s in text if s))

    def set_line(self) -> None:
        team, rank, posts = self.team, Rank(self.rank.currentData()), self.posts.value()
        start, note = from_qdate(self.start.date()), self.note.text()
        self._write(lambda db: set_posts(db, team, rank, posts, start, note))

    def remove_line(self) -> None:
        idx = self.lines_table.currentIndex()
        if not idx.isValid():
            self.error.setText("Choose a line of funded posts first")
            return
        line = self.lines.keys[idx.row()]
        assert isinstance(line, EstablishmentLine)
        team = self.team
        self._write(lambda db: remove_posts(db, team, line.rank, line.effective_from))

    def _write(self, fn: Callable[[Database], object]) -> None:
        self.ops.write(fn, Changes()).success(lambda _r: self.refresh()).failure(
            lambda exc: self.error.setText(f"Not saved: {sentence(exc)}")
        ).run()


def _date_edit(day: date, parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(to_qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setAccessibleName(name)
    return edit
