"""Choosing what to export, for when, and where (validated before anything is written);
with `printing`, what to print and for when (the file is the window's own, to print)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

from rosterapp import paths
from rosterapp.domain.values import MemberInfo
from rosterapp.ui.forms.ui_export_dialog import Ui_ExportDialog
from rosterapp.ui.palette import error_style
from rosterapp.ui.qdates import from_qdate, to_qdate

# What can be printed straight from the window, as the print dialog names it.
PRINTABLE = {"briefing": "Briefing sheet", "roster-pdf": "Roster"}
KINDS = [
    ("xlsx", "HR workbook (.xlsx)", ".xlsx"),
    ("briefing", "Briefing sheet (.pdf)", ".pdf"),
    ("roster-pdf", "Printable roster (.pdf)", ".pdf"),
    ("ics", "Personal calendar (.ics)", ".ics"),
]


@dataclass(frozen=True)
class ExportRequest:
    kind: str
    start: date
    end: date
    shift: str | None
    member: str | None
    path: Path
    open_after: bool


class ExportDialog(QDialog):
    def __init__(
        self,
        team: str,
        start: date,
        end: date,
        shifts: list[str],
        members: list[MemberInfo],
        parent: QWidget | None = None,
        kind: str = "xlsx",
        *,
        printing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ExportDialog()
        self.ui.setupUi(self)
        self.ui.error.setStyleSheet(error_style(bold=True))  # the form's red is for light
        self.team = team
        self.printing = printing
        self.folder = paths.default_export_dir()
        self._path_edited = False
        kinds = [k for k in KINDS if k[0] in PRINTABLE] if printing else KINDS
        for key, label, _ in kinds:
            self.ui.kind.addItem(PRINTABLE[key] if printing else label, key)
        self.ui.kind.setCurrentIndex(max(0, self.ui.kind.findData(kind)))
        self.ui.fromDate.setDate(to_qdate(start))
        self.ui.toDate.setDate(to_qdate(end))
        self.ui.shift.addItems(shifts)
        for m in members:
            self.ui.member.addItem(f"{m.shoulder_number} – {m.display_name}", m.shoulder_number)
        self.ui.kind.currentIndexChanged.connect(self._kind_changed)
        self.ui.fromDate.dateChanged.connect(self._suggest_path)
        self.ui.toDate.dateChanged.connect(self._suggest_path)
        self.ui.shift.currentIndexChanged.connect(self._suggest_path)
        self.ui.member.currentIndexChanged.connect(self._suggest_path)
        self.ui.path.textEdited.connect(self._mark_edited)
        self.ui.browse.clicked.connect(self._browse)
        self.ui.buttons.accepted.connect(self._accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.request: ExportRequest | None = None
        if printing:
            self._for_printing()
        self._kind_changed()

    def _for_printing(self) -> None:
        """No file to choose: the printer is chosen next, in the system's print dialog."""
        self.setWindowTitle("Print")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 60)
        for widget in (self.ui.pathLabel, self.ui.path, self.ui.browse, self.ui.openAfter):
            widget.hide()
        self.ui.kindLabel.setText("&Print")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose &printer…")

    @property
    def kind(self) -> str:
        return str(self.ui.kind.currentData())

    def _mark_edited(self) -> None:
        self._path_edited = True

    def _kind_changed(self) -> None:
        kind = self.kind
        self.ui.shift.setEnabled(kind == "briefing")
        self.ui.shiftLabel.setEnabled(kind == "briefing")
        self.ui.member.setEnabled(kind == "ics")
        self.ui.memberLabel.setEnabled(kind == "ics")
        self.ui.toDate.setEnabled(kind != "briefing")
        self.ui.toLabel.setText("&To" if kind != "briefing" else "To (not used)")
        self.ui.fromLabel.setText("&Date" if kind == "briefing" else "&From")
        if self.printing:  # only what this print needs, not the export's other choices
            for label, field, shown in (
                (self.ui.toLabel, self.ui.toDate, kind != "briefing"),
                (self.ui.shiftLabel, self.ui.shift, kind == "briefing"),
                (self.ui.memberLabel, self.ui.member, False),
            ):
                label.setVisible(shown)
                field.setVisible(shown)
            self.adjustSize()
        self._suggest_path()

    def _suggest_path(self) -> None:
        if self._path_edited:
            return
        kind = self.kind
        ext = next(e for k, _, e in KINDS if k == kind)
        start = from_qdate(self.ui.fromDate.date())
        if kind == "briefing":
            name = f"{self.team}-briefing-{start}-{self.ui.shift.currentText()}{ext}"
        elif kind == "ics":
            name = f"duties-{self.ui.member.currentData() or 'officer'}-{start}{ext}"
        else:
            label = "hr" if kind == "xlsx" else "roster"
            name = f"{self.team}-{label}-{start}-to-{from_qdate(self.ui.toDate.date())}{ext}"
        self.ui.path.setText(str(self.folder / name))

    def _browse(self) -> None:
        ext = next(e for k, _, e in KINDS if k == self.kind)
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self.ui.path.text(), f"*{ext}")
        if chosen:
            self._path_edited = True
            self.ui.path.setText(chosen)

    def _accept(self) -> None:
        error = self.validate()
        self.ui.error.setText(error or "")
        if error is None:
            self.accept()

    def validate(self) -> str | None:
        """The first thing wrong, said next to the fields; sets `request` when all is well."""
        kind = self.kind
        start, end = from_qdate(self.ui.fromDate.date()), from_qdate(self.ui.toDate.date())
        if kind == "briefing":
            end = start
        if end < start:
            self.ui.toDate.setFocus()
            return "The last day is before the first day."
        if kind in ("xlsx",) and (end - start).days > 91:
            return "Export at most 92 days at a time."
        if kind == "roster-pdf" and (end - start).days > 34:
            return "A printed roster covers at most five weeks."
        text = self.ui.path.text().strip()
        if self.printing:  # the window writes the PDF where it prints from
            text = str(self.folder / "to-print.pdf")
        if not text:
            self.ui.path.setFocus()
            return "Choose where to save the file."
        path = Path(text).expanduser()
        ext = next(e for k, _, e in KINDS if k == kind)
        if path.suffix.lower() != ext:
            path = path.with_name(path.name + ext)
        if not self.printing and not path.parent.is_dir():
            self.ui.path.setFocus()
            return f"The folder {path.parent} does not exist."
        member = None
        if kind == "ics":
            member = self.ui.member.currentData()
            if member is None:
                typed = self.ui.member.currentText().split("–")[0].strip()
                member = typed or None
            if not member:
                return "Choose the officer whose calendar to export."
        self.request = ExportRequest(
            kind=kind,
            start=start,
            end=end,
            shift=self.ui.shift.currentText() if kind == "briefing" else None,
            member=member,
            path=path,
            open_after=self.ui.openAfter.isChecked(),
        )
        return None
