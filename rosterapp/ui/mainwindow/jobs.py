"""Long work as ops with progress and Cancel: the solver and the exports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMessageBox

from rosterapp.storage import Database
from rosterapp.ui.export_dialog import ExportDialog, ExportRequest
from rosterapp.ui.mainwindow.base import WindowBase
from rosterapp.ui.operations import Op, Progress, sentence

if TYPE_CHECKING:  # the solver (and OR-Tools, pandas) load only when first used
    from rosterapp.domain.grid import CellChange, CellEdit
    from rosterapp.services.solving import Proposal
    from rosterapp.solver.search import Progress as SolverProgress
    from rosterapp.ui.solve_preview import PreviewDialog


class ProgressWords:
    """The solver's progress as a sergeant reads it, not as costs."""

    def __init__(self) -> None:
        self.first_short: int | None = None

    def say(self, found: SolverProgress) -> str:
        short = found.short
        people = "person" if short == 1 else "people"
        state = f"{short} {people} short of cover" if short else "all cover met"
        if self.first_short is None:
            self.first_short = short
            return f"First roster found ({state}), {found.seconds:.0f} s. Improving…"
        gained = self.first_short - short
        better = (
            f": {gained} fewer {'person' if gained == 1 else 'people'} short" if gained > 0 else ""
        )
        return f"Improving{better} — {state}, {found.seconds:.0f} s. Stop keeps the best so far."


class Jobs(WindowBase):
    # --- solver ----------------------------------------------------------------------
    def run_solver(
        self, mode: str, *, time_limit: float = 20.0, weeks: int | None = None
    ) -> Op | None:
        """Solve on the worker with live progress; Cancel keeps the best roster found.
        With `weeks`, that many weeks from the first shown, not the weeks shown."""
        from rosterapp.services.solving import propose

        if self.team is None:
            return None
        start = self.first_day
        if mode == "repair":
            start = max(self.first_day, date.today())
            if start > self.last_day:
                self.show_message("Nothing to repair: the weeks shown are in the past")
                return None
        team, end = self.team, self.last_day
        # Several cells selected: only those are the solver's to fill.
        selected = {self.model.key(i) for i in self.view.selectedIndexes()}
        only = selected if len(selected) > 1 and weeks is None else None
        if weeks is not None:
            end = self.first_day + timedelta(days=7 * weeks - 1)

        def work(db: Database, progress: Progress) -> object:
            def report(found: SolverProgress) -> bool:
                return progress(found, None)

            return propose(
                db, team, start, end, mode=mode, time_limit=time_limit, progress=report, only=only
            )

        op = self.ops.job(work).with_progress(
            "Building the roster…",
            cancel="Stop and use the best so far",
            title="Auto-roster",
            wait_ms=300,
        )
        dialog = op.dialog
        assert dialog is not None

        words = ProgressWords()

        def progress(found: SolverProgress, _: object) -> None:
            dialog.setLabelText(words.say(found))

        op.keep_result_on_cancel = True
        op.progress.connect(progress)
        op.success(lambda proposal: self.show_proposal(proposal))
        op.failure(lambda exc: self.show_error(sentence(exc)))
        return op.run()

    def show_proposal(self, proposal: Proposal) -> None:
        if proposal.conflicts and proposal.found:
            # The solver planned around them; the sergeant should still mend them.
            QMessageBox.warning(
                self,
                "Fixed entries that break a rule",
                "The solver left these as they are; mend them by hand:\n\n"
                + "\n".join(proposal.conflicts[:15]),
            )
        if not proposal.found:
            self.show_error(f"the solver found no roster in time ({proposal.status})")
            return
        if not proposal.edits:
            self.show_message("The solver would change nothing")
            return
        from rosterapp.ui.solve_preview import PreviewDialog

        self.model.set_preview({(e.member_id, e.day): e for e in proposal.edits})
        grid, days = self.model.grid, self.model.days
        if grid is not None:  # the cover panel shows the cover with the proposal meanwhile
            shown = [c for c in proposal.cover_after if c.day in set(days)]
            self.cover_dock.model.set_counts(grid, days, shown)
        try:
            dialog = PreviewDialog(proposal, self)
            accepted = self.review_proposal(dialog)
            chosen = dialog.chosen() if accepted else []
        finally:
            self.model.set_preview({})
            if grid is not None:
                self.cover_dock.model.set_counts(grid, days, self._last_counts)
        if not chosen:
            self.show_message("Proposal discarded: nothing changed")
            return
        self.accept_proposal(proposal, chosen)

    def accept_proposal(self, proposal: Proposal, chosen: list[CellEdit]) -> Op | None:
        """Write the chosen cells on the worker, each only if it still holds what the
        solver read (a cell changed meanwhile is kept and named); one undo step."""
        from rosterapp.services.solving import apply_proposal

        kept: list[str] = []

        def write(db: Database) -> list[CellChange]:
            applied = apply_proposal(db, proposal, chosen)
            kept.extend(applied.kept)
            return applied.changes

        def saved(changes: list[CellChange]) -> None:
            label = f"Auto-roster: {len(changes)} cells"
            message = label
            if kept:
                message += (
                    f"; {len(kept)} kept as someone else changed them while it solved: "
                    + "; ".join(kept[:3])
                    + ("…" if len(kept) > 3 else "")
                )
            self.push_cells(changes, label, message)

        return self.save_cells(write, saved, lambda exc: self.show_error(sentence(exc))).run()

    def review_proposal(self, dialog: PreviewDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    # --- exports ----------------------------------------------------------------
    def export(self, kind: str = "xlsx") -> None:
        dialog = self.export_dialog(kind)
        if dialog is None or not self.run_dialog(dialog) or dialog.request is None:
            return
        self.run_export(dialog.request)

    def export_dialog(self, kind: str, *, printing: bool = False) -> ExportDialog | None:
        """What to export (or print) and for when, starting from what the grid shows: a
        briefing for the chosen cell's day, anything else for the weeks shown."""
        if self.team is None or self.model.grid is None:
            return None
        grid = self.model.grid
        current = self.view.currentIndex()
        start = (
            self.model.days[current.column()]
            if kind == "briefing" and current.isValid()
            else self.first_day
        )
        shifts = [
            c
            for c, s in sorted(grid.shift_types.items(), key=lambda kv: kv[1].sort_order)
            if s.is_duty and not s.is_operation
        ]
        members = [r.member for r in grid.rows]
        dialog = ExportDialog(
            self.team, start, self.last_day, shifts, members, self, kind=kind, printing=printing
        )
        if current.isValid():
            dialog.ui.member.setCurrentIndex(current.row() if not self.filter_edit.text() else 0)
        return dialog

    def run_dialog(self, dialog: ExportDialog) -> bool:
        return dialog.exec() == ExportDialog.DialogCode.Accepted

    def run_export(self, request: ExportRequest) -> Op:
        """Write the file on the worker; a progress dialog offers Cancel."""
        assert self.team is not None
        team = self.team

        def work(db: Database, report: Progress) -> tuple[Path, set[int]]:
            from rosterapp.exports.fonts import noting_unprintable

            with noting_unprintable() as unprintable:
                path = write_export(db, team, request, report)
            return path, unprintable

        op = self.ops.job(work)
        op.with_progress(
            f"Writing {request.path.name}…", cancel="Cancel", title="Export", wait_ms=400
        )
        follow_counts(op)

        def done(result: tuple[Path, set[int]]) -> None:
            path, unprintable = result
            self.show_message(f"Wrote {path}")
            if unprintable:  # a name or note with a character no bundled font has
                from rosterapp.exports.fonts import unprintable_warning

                QMessageBox.warning(
                    self, "Export", f"Wrote {path.name}, but {unprintable_warning(unprintable)}."
                )
            self.after_export(path, request.open_after)

        op.success(done).failure(lambda exc: self.show_error(sentence(exc)))
        op.on_cancel(lambda: self.show_message("Export cancelled: no file was written"))
        return op.run()

    def after_export(self, path: Path, open_file: bool) -> None:
        if open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            return
        box = QMessageBox(self)
        box.setWindowTitle("Export finished")
        box.setText(f"Wrote {path.name}")
        box.setInformativeText(str(path.parent))
        open_button = box.addButton("Open the file", QMessageBox.ButtonRole.AcceptRole)
        folder_button = box.addButton("Open the folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif box.clickedButton() is folder_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def write_export(db: Database, team: str, request: ExportRequest, progress: Progress) -> Path:
    from rosterapp.services import exporting

    if request.kind == "xlsx":
        return exporting.export_xlsx(db, team, request.start, request.end, request.path, progress)
    if request.kind == "briefing":
        assert request.shift is not None
        return exporting.export_briefing(db, team, request.start, request.shift, request.path)
    if request.kind == "roster-pdf":
        return exporting.export_roster_pdf(db, team, request.start, request.end, request.path)
    assert request.member is not None
    return exporting.export_ics(db, request.member, request.start, request.end, request.path)


def follow_counts(op: Op, label: Callable[[int, int], str] | None = None) -> None:
    """The op's progress dialog follows the work's (done, total) counts, its text from
    `label` when given (pages written, pages sent to a printer)."""
    dialog = op.dialog
    assert dialog is not None, "with_progress first"

    def show(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        if label is not None:
            dialog.setLabelText(label(done, total))

    op.progress.connect(show)
