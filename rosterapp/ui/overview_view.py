"""The inspector's overview: every team's week or month on one screen, each figure
flagged where it needs a look; the chosen team's shortfalls by day and tour, its wards'
abstraction and its hotspot patrols below; a double-click opens that team's week."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rosterapp import paths
from rosterapp.domain.calendar import days_between, week_start
from rosterapp.domain.overview import HOTSPOT_WINDOW, Overview, TeamOverview
from rosterapp.services.exporting import export_npg, export_overview
from rosterapp.services.overview import overview
from rosterapp.storage import Database
from rosterapp.ui.operations import Operations, sentence
from rosterapp.ui.qdates import from_qdate, to_qdate
from rosterapp.ui.text_table import SHORT, TextCell, TextTableModel, num, table_view

TEAM_COLUMNS = (
    "Team",
    "Posts",
    "Strength",
    "Vacant",
    "People short",
    "Leave",
    "Sick",
    "Training",
    "Abstracted",
    "DWO abstraction",
    "Overtime h",
    "Rest days worked",
    "Pending requests",
    "Hotspot patrol h",
)


def period_of(kind: str, day: date) -> tuple[date, date]:
    """The Monday-to-Sunday week, or the calendar month, holding `day`."""
    if kind == "month":
        first = day.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first, nxt - timedelta(days=1)
    start = week_start(day)
    return start, start + timedelta(days=6)


def team_row(t: TeamOverview) -> list[TextCell]:
    s = t.strength
    vacant = s.vacancies
    rate = t.dwo_rate
    away = [
        TextCell(str(t.away[k].officers), f"{t.away[k].days} person-day(s)", number=True)
        for k in ("leave", "sick", "training", "abstracted")
    ]
    short_tip = (
        "; ".join(f"{x.day:%a %d} {x.shift}: {x.people} short" for x in t.shortfalls[:12])
        or "no cover shortfall"
    )
    hotspot = sum(h.hours for h in t.hotspots)
    return [
        TextCell(f"{t.team_name} ({t.team_code})", "Double-click to open this team's week"),
        TextCell(num(s.establishment), number=True),
        TextCell(str(s.strength), f"{s.without_posts} more without posts set", number=True),
        TextCell(num(vacant), None, SHORT if vacant else None, number=True),
        TextCell(str(t.people_short), short_tip, SHORT if t.people_short else None, number=True),
        *away,
        TextCell(
            "–" if rate is None else f"{rate:.1f} %",
            f"threshold {t.threshold:g} %"
            + ("" if rate is not None else "; not enough working days yet"),
            SHORT if t.over_threshold else None,
            number=True,
        ),
        TextCell(f"{t.overtime_hours:g}", number=True),
        TextCell(str(t.rest_days_worked), number=True),
        TextCell(
            str(t.pending_requests),
            None,
            SHORT if t.pending_requests else None,
            bool(t.pending_requests),
            True,
        ),
        TextCell(
            f"{hotspot:g}",
            f"duty hours on hotspot beats inside {HOTSPOT_WINDOW[0]:%H:%M}–"
            f"{HOTSPOT_WINDOW[1]:%H:%M}",
            number=True,
        ),
    ]


def shortfall_grid(
    t: TeamOverview, start: date, end: date
) -> tuple[list[str], list[list[TextCell]]]:
    """Tours down, days across: people short, each with the lines behind it."""
    days = days_between(start, end)
    tours = sorted({s.shift for s in t.shortfalls})
    at = {(s.day, s.shift): s for s in t.shortfalls}
    headers = ["Tour", *(f"{d:%a %d}" for d in days)]
    rows = []
    for tour in tours:
        row = [TextCell(tour)]
        for d in days:
            s = at.get((d, tour))
            row.append(
                TextCell(str(s.people), "\n".join(s.detail), SHORT, number=True)
                if s
                else TextCell("", number=True)
            )
        rows.append(row)
    return headers, rows


class OverviewDialog(QDialog):
    """Non-modal: the inspector keeps it open beside the week it drills into."""

    open_week = Signal(str, object)  # team code, first day

    def __init__(
        self,
        ops: Operations,
        day: date,
        open_week: Callable[[str, date], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Inspector's overview — all teams")
        self.resize(1400, 760)
        self.ops = ops
        self.view: Overview | None = None
        self._first_day = day
        bar = self._period_bar()
        self._export_bar()
        self._team_table()
        detail = self._detail_tables()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.detail_title)
        layout.addWidget(detail, 2)
        layout.addLayout(self.export_bar)
        layout.addWidget(self.status)
        if open_week is not None:
            self.open_week.connect(open_week)
        self.kind.currentIndexChanged.connect(lambda *_: self.refresh())
        self.day.dateChanged.connect(lambda *_: self.refresh())
        self.refresh()

    def _period_bar(self) -> QHBoxLayout:
        """Week or month, the day, back and on, and Open the team's week."""
        self.kind = QComboBox(self)
        self.kind.addItem("Week", "week")
        self.kind.addItem("Month", "month")
        self.kind.setAccessibleName("Week or month")
        self.day = QDateEdit(to_qdate(self._first_day), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("d MMM yyyy")
        self.day.setAccessibleName("A day in the period")
        self.period = QLabel(self)
        bar = QHBoxLayout()
        back, on = QPushButton("◀", self), QPushButton("▶", self)
        for button in (back, on):
            button.setMaximumWidth(48)
        back.setToolTip("The period before")
        on.setToolTip("The period after")
        back.clicked.connect(lambda: self.step(-1))
        on.clicked.connect(lambda: self.step(1))
        self.open_button = QPushButton("&Open the team's week", self)
        self.open_button.clicked.connect(self.open_selected)
        for w in (self.kind, back, self.day, on, self.period):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.open_button)
        return bar

    def _export_bar(self) -> None:
        self.export_bar = QHBoxLayout()
        for text, what in (
            ("Export &workbook…", "xlsx"),
            ("Export one-page &PDF…", "pdf"),
            ("&NPG return…", "npg"),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, what=what: self.export(what))
            self.export_bar.addWidget(button)
        self.export_bar.addStretch(1)

    def _team_table(self) -> None:
        self.teams = TextTableModel(TEAM_COLUMNS, self)
        self.table = table_view(self.teams, "Teams", self)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())

    def _detail_tables(self) -> QSplitter:
        """The chosen team's shortfalls, wards and hotspot patrols, side by side."""
        self.short = TextTableModel(("Tour",), self)
        self.wards = TextTableModel(("Ward", "DWOs", "Abstracted", "Working days", "Rate"), self)
        self.hotspots = TextTableModel(("Hotspot beat", "Hours", "Duties", "Days without"), self)
        self.detail_title = QLabel(self)
        detail = QSplitter(Qt.Orientation.Horizontal, self)
        self.short_table = table_view(self.short, "Cover shortfalls by day and tour", detail)
        self.wards_table = table_view(self.wards, "Ward officers' abstraction", detail)
        self.hotspot_table = table_view(self.hotspots, "Hotspot patrols", detail)
        for view in (self.short_table, self.wards_table, self.hotspot_table):
            detail.addWidget(view)
        self.short_table.horizontalHeader().setStretchLastSection(False)
        self.short_table.setToolTip("Double-click a day to open the team's week at it")
        self.short_table.doubleClicked.connect(self._short_clicked)
        detail.setSizes([440, 540, 420])
        return detail

    def span(self) -> tuple[date, date]:
        return period_of(str(self.kind.currentData()), from_qdate(self.day.date()))

    def step(self, n: int) -> None:
        start, end = self.span()
        target = end + timedelta(days=1) if n > 0 else start - timedelta(days=1)
        self.day.setDate(to_qdate(target))

    def refresh(self) -> None:
        start, end = self.span()
        self.period.setText(f"{start:%a %d %b %Y} to {end:%a %d %b %Y}")
        self.status.setText("Reading every team…")
        self.ops.query(lambda db: overview(db, start, end), key="overview").success(
            self.show_overview
        ).failure(lambda exc: self.status.setText(f"Not read: {sentence(exc)}")).run()

    def show_overview(self, view: Overview) -> None:
        self.view = view
        current = self.selected_team()
        self.teams.set_rows([team_row(t) for t in view.teams], [t.team_code for t in view.teams])
        self.table.resizeColumnsToContents()
        codes = [t.team_code for t in view.teams]
        self.table.selectRow(codes.index(current) if current in codes else 0)
        self.show_detail()
        self.status.setText(
            f"{len(view.teams)} teams. DWO abstraction over the 12 weeks from "
            f"{view.abstraction_since:%d %b %Y}; strength as on {view.start:%d %b}; red: "
            "below establishment, short of cover, over the abstraction threshold, or "
            "requests waiting. Double-click a team to open its week."
        )

    def selected_team(self) -> str | None:
        idx = self.table.currentIndex()
        if not idx.isValid() or idx.row() >= len(self.teams.keys):
            return None
        return str(self.teams.keys[idx.row()])

    def show_detail(self) -> None:
        code = self.selected_team()
        if self.view is None or code is None:
            return
        t = self.view.team(code)
        headers, rows = shortfall_grid(t, self.view.start, self.view.end)
        self.short.set_rows(rows, headers=headers)
        self.short_table.resizeColumnsToContents()
        self.wards.set_rows(
            [
                [
                    TextCell(f"{w.name} ({w.beat})"),
                    TextCell(str(w.officers), number=True),
                    TextCell(str(w.abstracted), number=True),
                    TextCell(str(w.working_days), number=True),
                    TextCell(
                        f"{w.rate:.1f} %",
                        None,
                        SHORT if w.rate > t.threshold else None,
                        number=True,
                    ),
                ]
                for w in t.wards
            ]
        )
        self.hotspots.set_rows(
            [
                [
                    TextCell(f"{h.name} ({h.beat})"),
                    TextCell(f"{h.hours:g}", number=True),
                    TextCell(str(h.duties), number=True),
                    TextCell(
                        str(h.days_without),
                        None,
                        SHORT if h.days_without else None,
                        bool(h.days_without),
                        True,
                    ),
                ]
                for h in t.hotspots
            ]
        )
        self.wards_table.resizeColumnsToContents()
        self.hotspot_table.resizeColumnsToContents()
        short = "no cover shortfall" if not t.shortfalls else f"{t.people_short} people short"
        self.detail_title.setText(f"{t.team_name}: {short}")

    def export(self, what: str, target: Path | None = None) -> None:
        """The overview as a workbook or a one-page PDF, or the NPG return, for the period
        shown; written on the database worker (nothing half-written on failure)."""
        start, end = self.span()
        suffix = ".pdf" if what == "pdf" else ".xlsx"
        name = f"{'npg-return' if what == 'npg' else 'overview'}-{start}-{end}{suffix}"
        if target is None:
            kind = "PDF (*.pdf)" if what == "pdf" else "Excel workbook (*.xlsx)"
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export", str(paths.default_export_dir() / name), kind
            )
            if not chosen:
                return
            target = Path(chosen)
        chosen_path = target

        def write(db: Database) -> Path:
            if what == "npg":
                return export_npg(db, start, end, chosen_path)
            return export_overview(db, start, end, chosen_path)

        self.status.setText(f"Writing {chosen_path.name}…")
        self.ops.query(write).success(
            lambda out: self.status.setText(f"Exported to {out}")
        ).failure(lambda exc: self.status.setText(f"Not exported: {sentence(exc)}")).run()

    def _double_clicked(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.open_selected()

    def _short_clicked(self, index: QModelIndex) -> None:
        """A shortfall's day: that team's week, holding the day."""
        code = self.selected_team()
        if code is None or self.view is None or index.column() == 0:
            return
        day = self.view.start + timedelta(days=index.column() - 1)
        self.open_week.emit(code, day)

    def open_selected(self) -> None:
        code = self.selected_team()
        if code is None or self.view is None:
            self.status.setText("Choose a team first")
            return
        self.open_week.emit(code, self.view.start)
