"""Changing the roster from the grid: typing, paste, fill, copy a week, patterns,
publishing and accepting warnings. Every save is a write op; every change one undo step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from rosterapp.domain.calendar import LONDON
from rosterapp.domain.findings import Finding, Severity
from rosterapp.domain.grid import CellChange, CellEdit
from rosterapp.rules.period import publish_span
from rosterapp.services.overrides import accept_finding
from rosterapp.services.roster.bulk import copy_week
from rosterapp.services.roster.edits import StaleCell, set_cells
from rosterapp.storage import Database
from rosterapp.ui.conflict import Choice, ask_reload_or_apply
from rosterapp.ui.dialogs.publish import PublishDialog
from rosterapp.ui.mainwindow.base import WindowBase
from rosterapp.ui.mainwindow.week_state import Findings
from rosterapp.ui.operations import Changes, Op, sentence
from rosterapp.ui.undo import CellsCommand


def parse_entry(text: str | None) -> tuple[str | None, str | None]:
    """'L SOH', 'l/soh' or 'RD' → (code, beat)."""
    if text is None or not text.strip():
        return None, None
    parts = text.replace("/", " ").split()
    return parts[0].upper(), (parts[1].upper() if len(parts) > 1 else None)


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class Editing(WindowBase):
    def set_cells_from_grid(self, keys: list[tuple[int, date]], text: str | None) -> None:
        """Typed or cleared in the grid. Like every edit, it waits for the saves already
        on their way, so that it reads the grid as they left it (ops.when_idle)."""
        self.ops.when_idle(lambda: self._set_cells(keys, text))

    def _set_cells(self, keys: list[tuple[int, date]], text: str | None) -> None:
        code, beat = parse_entry(text)
        edits = []
        grid = self.model.grid
        for mid, day in keys:
            cell_beat = beat
            if code is not None and beat is None and grid is not None:
                # Keep the officer's beat when only the shift changes.
                old = grid.cells.get((mid, day))
                st = grid.shift_types.get(code)
                if old is not None and old.beat and st is not None and st.is_duty:
                    cell_beat = old.beat
            edits.append(CellEdit(mid, day, code, cell_beat))
        cells = plural(len(edits), "cell", "cells")
        label = f"Set {cells} to {text}" if code else f"Clear {cells}"
        self.apply_edits(edits, label)

    def guarded(self, edit: CellEdit) -> CellEdit:
        """The edit, refused by the service if the cell changed since this window read it."""
        grid = self.model.grid
        cell = grid.cells.get((edit.member_id, edit.day)) if grid else None
        version = cell.version if cell is not None and not cell.from_absence else None
        return replace(edit, expected_version=version, check_version=True)

    def apply_edits(self, edits: list[CellEdit], label: str) -> Op | None:
        """Save on the worker; the grid shows the change once it is saved."""
        if not edits or self.team is None:
            return None
        team, told, guarded = self.team, self.told_at, [self.guarded(e) for e in edits]
        return self.save_cells(
            lambda db: set_cells(db, team, guarded, told_at=told),
            lambda changes: self.push_cells(changes, label, label),
            lambda exc: self._edit_refused(exc, edits, label),
        ).run()

    def save_cells(
        self,
        write: Callable[[Database], Sequence[CellChange]],
        saved: Callable[[list[CellChange]], None],
        refused: Callable[[BaseException], None],
    ) -> Op:
        """A write of cells as an op that also re-checks them on the worker: the grid,
        findings and cover refresh from its one result (see on_changes)."""
        team, state = self.team or "", self.state
        return (
            self.ops.write(
                lambda db: state.save(db, team, write),
                lambda result: Changes(cells=tuple(result.changes), checked=result),
            )
            .success(lambda result: saved(result.changes))
            .failure(refused)
        )

    def push_cells(self, changes: Sequence[CellChange], label: str, message: str) -> None:
        """Saved: one undo step (already applied, so the stack does not redo it)."""
        if changes and self.team is not None:
            self.undo_stack.push(
                CellsCommand(
                    self.save_cells, self.ops, self.team, changes, label, self.undo_refused
                )
            )
        self.show_message(message)

    def _edit_refused(self, exc: BaseException, edits: list[CellEdit], label: str) -> None:
        if not isinstance(exc, StaleCell):
            self.show_error(sentence(exc))
            return
        choice = self.resolve_conflict(str(exc))
        if choice == "reload":
            self.reload()
        elif choice == "apply" and self.team is not None:
            team, told = self.team, self.told_at
            self.save_cells(
                lambda db: set_cells(db, team, edits, told_at=told),
                lambda changes: self.push_cells(changes, label, label),
                lambda again: self.show_error(sentence(again)),
            ).run()

    def resolve_conflict(self, message: str) -> Choice:
        """Someone else changed a cell: 'reload', 'apply' (overwrite) or 'cancel'."""
        return ask_reload_or_apply(self, message)

    def undo_refused(self, message: str) -> None:
        self.show_error(f"cannot undo: {message}")
        self.reload()

    def ask_told_at(self) -> None:
        current = (self.told_at or datetime.now(LONDON)).astimezone(LONDON)
        text, ok = QInputDialog.getText(
            self,
            "When were the officers told?",
            "Changes to published days record when the officer was told (it decides the "
            "notice and the compensation).\nDate and time, e.g. 2026-12-01 18:30 — leave empty "
            "for 'as each change is made':",
            text=f"{current:%Y-%m-%d %H:%M}",
        )
        if ok:
            self.set_told_at(text)

    def set_told_at(self, text: str) -> bool:
        if not text.strip():
            self.told_at = None
            self.show_message("Changes are recorded as told when they are made")
            return True
        try:
            value = datetime.fromisoformat(text.strip())
        except ValueError:
            self.show_error(f"'{text}' is not a date and time like 2026-12-01 18:30")
            return False
        self.told_at = value if value.tzinfo else value.replace(tzinfo=LONDON)
        self.show_message(
            f"Changes to published days are recorded as told at {self.told_at:%a %d %b %H:%M}"
        )
        return True

    def paste_block(self, row: int, col: int, block: list[list[str]]) -> None:
        """A tab-separated block from the clipboard, from the current cell: one undo step."""
        self.ops.when_idle(lambda: self._paste(row, col, block))

    def _paste(self, row: int, col: int, block: list[list[str]]) -> None:
        edits = []
        for i, line in enumerate(block):
            for j, text in enumerate(line):
                r, c = row + i, col + j
                if r >= len(self.model.rows) or c >= len(self.model.days):
                    continue
                idx = self.model.index(r, c)
                if not self.model.flags(idx) & Qt.ItemFlag.ItemIsEditable:
                    continue
                code, beat = parse_entry(text)
                edits.append(CellEdit(*self.model.key(idx), code, beat))
        self.apply_edits(edits, f"Paste {len(edits)} cells")

    def fill_cells(self, source: tuple[int, date], targets: list[tuple[int, date]]) -> None:
        self.fill_pairs([(source, t) for t in targets])

    def fill_pairs(self, pairs: list[tuple[tuple[int, date], tuple[int, date]]]) -> None:
        """Copy each source cell onto its target (an empty source clears): one undo step."""
        self.ops.when_idle(lambda: self._fill(pairs))

    def _fill(self, pairs: list[tuple[tuple[int, date], tuple[int, date]]]) -> None:
        grid = self.model.grid
        if grid is None or not pairs:
            return
        edits = []
        for source, target in pairs:
            cell = grid.cells.get(source)
            if cell is None or cell.from_absence:
                edits.append(CellEdit(*target, None))
            else:
                edits.append(CellEdit(*target, cell.code, cell.beat, cell.call_sign, cell.note))
        self.apply_edits(edits, f"Fill {len(edits)} cells")

    def bulk_write(
        self, fn: Callable[[Database], list[CellChange]], label: str, message: Callable[[int], str]
    ) -> Op:
        """Copy a week, apply a pattern: one write, one undo step."""
        return (
            self.save_cells(
                fn,
                lambda changes: self.push_cells(changes, label, message(len(changes))),
                lambda exc: self.show_error(sentence(exc)),
            )
            .with_progress(f"{label}…")
            .run()
        )

    def copy_previous_week(self) -> Op | None:
        if self.team is None:
            return None
        team, target = self.team, self.first_day
        source = target - timedelta(days=7)

        def said(n: int) -> str:
            if not n:
                return "Nothing to copy: every cell of this week is already filled"
            return f"Copied {n} entries from the week of {source:%d %b}"

        return self.bulk_write(
            lambda db: copy_week(db, team, source, target), "Copy previous week", said
        )

    def publish(self) -> Op | None:
        if self.team is None or self.findings is None:
            return None
        if self.findings.partial:
            self.show_message("Still checking each officer's rules: publish in a moment")
            return None
        blocking = [f for f in self.all_findings() if f.severity is Severity.BLOCK]
        start = self.first_day
        if blocking:
            listed = "\n".join(f"• {f.message}" for f in blocking[:8])
            more = f"\n…and {len(blocking) - 8} more" if len(blocking) > 8 else ""
            self.tell(
                "Roster not published",
                f"The roster cannot be published: {len(blocking)} blocking finding(s) "
                f"must be put right first.\n\n{listed}{more}",
            )
            return None
        dialog = PublishDialog(
            self.ops,
            self.team,
            self.team_box.currentText(),
            publish_span(start, self.model.grid.periods if self.model.grid else []),
            date.today(),
            self,
        )
        if not self.open_dialog(dialog):
            return None
        published = dialog.result_value
        self.show_message(
            f"Published {published.start_date:%d %b %Y} – {published.end_date:%d %b %Y}"
        )
        return None

    def accept_finding(self, finding: Finding) -> Op | None:
        if self.team is None or self.findings is None:
            return None
        reason = self.ask_reason(finding)
        if not reason:
            return None
        team, state = self.team, self.state

        def accept(db: Database) -> Findings | None:
            accept_finding(db, team, finding, reason)
            return state.accepted(db)

        return (
            self.ops.write(accept, Changes())
            .success(self._accepted)
            .failure(lambda exc: self.show_error(sentence(exc)))
            .run()
        )

    def _accepted(self, findings: Findings | None) -> None:
        self.show_findings(findings)
        self.note_own_change()
        self.show_message("Warning accepted; the reason is in the audit trail")

    def ask_reason(self, finding: Finding) -> str:
        text, ok = QInputDialog.getText(
            self, "Accept warning", f"{finding.message}\n\nWhy is this acceptable?"
        )
        return text.strip() if ok else ""
