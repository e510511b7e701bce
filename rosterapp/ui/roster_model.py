"""The roster grid model: people × days, answering only the roles the view uses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from rosterapp.domain.findings import Finding, Severity
from rosterapp.domain.grid import Cell, CellChange, CellEdit, Grid, GridRow
from rosterapp.services.week import apply_to_grid
from rosterapp.ui.markers import LABELS
from rosterapp.ui.palette import tone

Index = QModelIndex | QPersistentModelIndex

SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1
FROM_ABSENCE_ROLE = Qt.ItemDataRole.UserRole + 2
PREVIEW_ROLE = Qt.ItemDataRole.UserRole + 3
OPERATION_ROLE = Qt.ItemDataRole.UserRole + 4  # an operation's duty: its kind, for the marker
_SEVERITY_RANK = {Severity.BLOCK: 0, Severity.WARN: 1, Severity.INFO: 2}

CellKey = tuple[int, date]
# The window saves edits as ops: a handler hands them on and returns at once.
EditHandler = Callable[[list[tuple[int, date]], str | None], None]


def cell_text(cell: Cell | None) -> str:
    if cell is None:
        return ""
    return f"{cell.code} {cell.beat}" if cell.beat else cell.code


def day_heading(day: date, bank_holidays: dict[date, str], heading: str = "wide") -> str:
    """'Mon 7 Dec' in a wide column; 'Mon' over '7 Dec' in a narrow one; 'Mon' over '7'
    in a tight (compact) one. The tooltip always has the whole date."""
    holiday = day in bank_holidays
    if heading == "tight":
        return f"{day:%a}\n{day.day}" + ("\nBH" if holiday else "")
    if heading == "narrow":
        return f"{day:%a}\n{day.day} {day:%b}" + ("\nBank hol." if holiday else "")
    return f"{day:%a} {day.day} {day:%b}" + ("\nBank holiday" if holiday else "")


def short_role(role: str, rank: str) -> str:
    """The role beside the rank, short: 'DWO', 'TCO' (town centre officer); a role that
    only repeats the rank ('Neighbourhood sergeant' for a PS) is left out."""
    words = role.split()
    if not words or words[-1].casefold() in rank.casefold():
        return ""
    if len(role) <= 8:
        return role
    return "".join(w[0].upper() for w in words if w[0].isalnum())


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


class RosterModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid: Grid | None = None
        self.days: list[date] = []
        self._all_rows: list[GridRow] = []
        self.rows: list[GridRow] = []
        self._filter = ""
        self.compact = False  # just the codes; the beat is in the tooltip
        self.heading = "wide"  # how much of the date a column has room for (day_heading)
        self.month: int | None = None  # a month view: days of other months are dimmed
        self.findings_by_cell: dict[tuple[int, date], list[Finding]] = {}
        self.preview: dict[tuple[int, date], CellEdit] = {}
        self.edit_handler: EditHandler | None = None
        # The connected login may not change this team (a shared database): no editor.
        self.read_only = False
        self.paste_handler: Callable[[int, int, list[list[str]]], None] | None = None
        self.fill_handler: Callable[[CellKey, list[CellKey]], None] | None = None
        self.fill_pairs_handler: Callable[[list[tuple[CellKey, CellKey]]], None] = lambda pairs: (
            None
        )
        self._bold = QFont()
        self._bold.setBold(True)

    # --- loading -------------------------------------------------------------
    def set_grid(self, grid: Grid, first_day: date) -> None:
        """Show `grid` from `first_day` (earlier days are context for the rules)."""
        self.beginResetModel()
        self.grid = grid
        self.days = [d for d in grid.days if d >= first_day]
        self._all_rows = list(grid.rows)
        self._apply_filter()
        self.endResetModel()

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self._emit_all()

    def set_heading(self, heading: str) -> None:
        if heading != self.heading:
            self.heading = heading
            if self.days:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.days) - 1)

    def _emit_all(self) -> None:
        if self.rows and self.days:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.days) - 1)
            )

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text.strip().casefold()
        self._apply_filter()
        self.endResetModel()

    def _apply_filter(self) -> None:
        f = self._filter
        if not f:
            self.rows = self._all_rows
            return
        self.rows = [
            r
            for r in self._all_rows
            if f in r.member.full_name.casefold()
            or f in r.member.shoulder_number.casefold()
            or f in r.member.role.casefold()
        ]

    def set_findings(self, findings: Sequence[Finding]) -> None:
        by_cell: dict[tuple[int, date], list[Finding]] = defaultdict(list)
        for f in findings:
            if f.member_id is None or f.accepted_reason:
                continue
            for day in f.days or (f.day,):
                by_cell[(f.member_id, day)].append(f)
        old = self.findings_by_cell
        self.findings_by_cell = dict(by_cell)
        changed = set(old) ^ set(by_cell) | {k for k in by_cell if old.get(k) != by_cell[k]}
        self._emit_cells(changed)

    def set_preview(self, preview: dict[tuple[int, date], CellEdit]) -> None:
        """Cells the solver proposes to change, shown outlined until accepted or discarded."""
        keys = set(self.preview) | set(preview)
        self.preview = dict(preview)
        self._emit_cells(keys)

    def apply_changes(self, changes: Sequence[CellChange]) -> None:
        if self.grid is None:
            return
        self._emit_cells(apply_to_grid(self.grid, changes))

    def _emit_cells(self, keys: set[tuple[int, date]]) -> None:
        if not keys:
            return
        row_of = {r.member.id: i for i, r in enumerate(self.rows)}
        col_of = {d: j for j, d in enumerate(self.days)}
        for mid, day in keys:
            i, j = row_of.get(mid), col_of.get(day)
            if i is not None and j is not None:
                idx = self.index(i, j)
                self.dataChanged.emit(idx, idx)

    # --- helpers ---------------------------------------------------------------
    def key(self, index: Index) -> tuple[int, date]:
        return self.rows[index.row()].member.id, self.days[index.column()]

    def index_of(self, member_id: int, day: date) -> QModelIndex:
        for i, r in enumerate(self.rows):
            if r.member.id == member_id and day in self.days:
                return self.index(i, self.days.index(day))
        return QModelIndex()

    def describe(self, index: Index) -> str:
        """Accessible text: 'PC Ali Khan, Monday 7 December, Late 15:00–23:00, Soho'."""
        assert self.grid is not None
        row = self.rows[index.row()]
        day = self.days[index.column()]
        parts = [row.member.display_name, long_date(day)]
        if not row.in_team(day):
            parts.append("not in this team")
        cell = self.grid.cells.get((row.member.id, day))
        if cell is None:
            parts.append("nothing rostered")
        else:
            st = self.grid.shift_types.get(cell.code)
            parts.append(f"{st.name} {st.times_label}".strip() if st else cell.code)
            if cell.beat:
                beat = self.grid.beats.get(cell.beat)
                parts.append(beat.name if beat else cell.beat)
            if cell.from_absence:
                parts.append("from the absence record")
        if day in self.grid.bank_holidays:
            parts.append(self.grid.bank_holidays[day])
        for f in self.findings_by_cell.get((row.member.id, day), ()):
            parts.append(f"{LABELS[f.severity]}: {f.message}")
        return ", ".join(parts)

    # --- Qt model interface ------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.days)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.grid is None or not index.isValid():
            return None
        row = self.rows[index.row()]
        day = self.days[index.column()]
        key = (row.member.id, day)
        if role == Qt.ItemDataRole.DisplayRole and self.compact:
            cell = self.grid.cells.get(key)
            return cell.code if cell is not None else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cell_text(self.grid.cells.get(key))
        if role == Qt.ItemDataRole.BackgroundRole:
            cell = self.grid.cells.get(key)
            if not row.in_team(day):
                return tone("out_of_team")
            if cell is not None:
                st = self.grid.shift_types.get(cell.code)
                if st is not None:
                    return QColor(st.colour)
            if day in self.grid.bank_holidays:
                return tone("bank_holiday")
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            # Dark on a light fill in both schemes; the scheme's own text on none.
            filled = self.data(index, Qt.ItemDataRole.BackgroundRole) is not None
            return tone("cell_text") if filled else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.describe(index)]
            cell = self.grid.cells.get(key)
            mark = self.grid.operations.get(cell.code) if cell is not None else None
            if mark is not None:
                lines.append(mark.description)
            if cell is not None and cell.note:
                lines.append(f"Note: {cell.note}")
            for f in self.findings_by_cell.get(key, ()):
                lines.append(f"• {f.message} [{f.rule}, {f.source}]")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.describe(index)
        if role == SEVERITY_ROLE:
            found = self.findings_by_cell.get(key)
            if not found:
                return None
            return min((f.severity for f in found), key=_SEVERITY_RANK.__getitem__).value
        if role == PREVIEW_ROLE:
            edit = self.preview.get(key)
            if edit is None:
                return None
            return f"{edit.code} {edit.beat}" if edit.beat else (edit.code or "–")
        if role == OPERATION_ROLE:
            cell = self.grid.cells.get(key)
            mark = self.grid.operations.get(cell.code) if cell is not None else None
            return mark.kind.value if mark is not None else None
        if role == FROM_ABSENCE_ROLE:
            cell = self.grid.cells.get(key)
            return bool(cell and cell.from_absence)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.grid is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(self.days):
                return None
            day = self.days[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return day_heading(day, self.grid.bank_holidays, self.heading)
            if role == Qt.ItemDataRole.ForegroundRole and self.month not in (None, day.month):
                return tone("muted")
            if role == Qt.ItemDataRole.ToolTipRole:
                return " — ".join(filter(None, [long_date(day), self.grid.bank_holidays.get(day)]))
            if role == Qt.ItemDataRole.FontRole and day in self.grid.bank_holidays:
                return self._bold
            return None
        if section >= len(self.rows):
            return None
        m = self.rows[section].member
        if role == Qt.ItemDataRole.DisplayRole:
            short = short_role(m.role, m.rank.label)
            role_text = f" · {short}" if short else ""
            return f"{m.shoulder_number}  {m.rank.short} {m.full_name}{role_text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            skills = ", ".join(m.skill_names_on(self.days[0] if self.days else date.today()))
            return f"{m.display_name} ({m.role or m.rank.label}), {m.contracted_hours:g} h" + (
                f"\nSkills: {skills}" if skills else ""
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        row = self.rows[index.row()]
        if not self.read_only and row.in_team(self.days[index.column()]):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.edit_handler is None:
            return False
        text = str(value).strip() if value is not None else ""
        self.edit_handler([self.key(index)], text or None)
        return True  # handed on to be saved; the cell changes once it is
