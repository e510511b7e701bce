"""Files in and out of the database: imports, backups, restore; and the audit trail."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog

from rosterapp import paths
from rosterapp.importers.tabular import ImportFailed, peek
from rosterapp.storage import Database
from rosterapp.ui.dialogs import ImportProblemsDialog
from rosterapp.ui.dialogs.column_mapping import (
    ColumnMappingDialog,
    needs_mapping,
    remembered,
    settings_key,
)
from rosterapp.ui.mainwindow.base import WindowBase
from rosterapp.ui.operations import Changes, Op, sentence
from rosterapp.ui.settings import Key


def expected_columns(kind: str) -> str:
    """The columns a file needs (and may have), said before one is chosen."""
    from rosterapp.importers import members, roster

    if kind == "members":
        needed, extra = members.REQUIRED, members.OPTIONAL
    else:
        needed, extra = roster.REQUIRED, roster.OPTIONAL
    return f"{', '.join(sorted(needed))}; optional {', '.join(sorted(extra))}"


class Files(WindowBase):
    # --- imports -----------------------------------------------------------------
    def choose_import(self, kind: str) -> None:
        what = "members" if kind == "members" else "roster entries"
        path, _ = QFileDialog.getOpenFileName(
            self,
            f"Import {what} — columns: {expected_columns(kind)}",
            str(Path.home()),
            "Spreadsheets (*.csv *.xlsx)",
        )
        if not path:
            return
        if kind != "members":
            self.run_import(kind, Path(path))
            return
        chosen = Path(path)
        self.ops.query(lambda _db: peek(chosen)).success(
            lambda found: self.map_columns(chosen, *found)
        ).failure(lambda exc: self.show_import_problems(chosen, exc)).run()

    def map_columns(self, path: Path, header: list[str], rows: list[list[str]]) -> None:
        """A file in the app's own columns imports at once; another is matched column by
        column first (guessed, or as chosen last time for the same header)."""
        from rosterapp.importers import members

        required = members.REQUIRED | ({"team"} if self.team is None else set())
        optional = members.OPTIONAL | {"team"}
        before = remembered(self.settings, "members", header)
        if not before and not needs_mapping(header, required, optional, members.ALIASES):
            self.run_import("members", path)
            return
        dialog = ColumnMappingDialog(
            path.name, header, rows, required, optional, members.ALIASES, before, self
        )
        if not self.open_mapping(dialog):
            return
        mapping = dialog.mapping()
        self.settings.setValue(settings_key("members", header), json.dumps(mapping))
        self.run_import("members", path, mapping=mapping)

    def open_mapping(self, dialog: ColumnMappingDialog) -> bool:
        """Shown modally; tests replace this to drive the dialog."""
        return dialog.exec() == ColumnMappingDialog.DialogCode.Accepted

    def run_import(
        self,
        kind: str,
        path: Path,
        new_skills: tuple[str, ...] = (),
        mapping: dict[str, str] | None = None,
    ) -> Op:
        """All rows are checked first; nothing is written unless every row is valid."""
        from rosterapp.services.imports import import_members, import_roster

        team = self.team

        def work(db: Database, progress: Callable[[Any, Any], bool]) -> object:
            if kind == "members":
                return import_members(db, path, team=team, new_skills=new_skills, mapping=mapping)
            return import_roster(db, path)

        def done(result: object) -> None:
            self.show_message(f"Imported {getattr(result, 'rows', 0)} rows from {path.name}")

        self.show_message(f"Checking {path.name}…")
        op = self.ops.job(work, lambda _result: Changes(week=True))
        op.success(done).failure(
            lambda exc: self._import_failed(kind, path, exc, new_skills, mapping)
        )
        return op.run()

    def _import_failed(
        self,
        kind: str,
        path: Path,
        exc: BaseException,
        asked: tuple[str, ...],
        mapping: dict[str, str] | None,
    ) -> None:
        """Skills nobody has yet are asked about (a typo, a note, or really new?);
        every other problem is listed row by row."""
        if isinstance(exc, ImportFailed) and exc.unknown_skills:
            others = [e for e in exc.errors if e.column != "skills"]
            names = ", ".join(exc.unknown_skills)
            if not others and self.confirm(
                "New skills",
                f"{path.name} names skills nobody has yet: {names}.\n\n"
                "Add them as new skills and import? (No lists the rows to correct.)",
            ):
                self.run_import(kind, path, (*asked, *exc.unknown_skills), mapping)
                return
        self.show_import_problems(path, exc)

    def show_import_problems(self, path: Path, exc: BaseException) -> None:
        """Every bad row, with its row and column; the file can be fixed and imported again."""
        self.show_error(f"{path.name} was not imported")
        errors = exc.errors if isinstance(exc, ImportFailed) else []
        self.last_import_problem = "\n".join(str(e) for e in errors) or sentence(exc)
        if errors:
            self.import_problems = ImportProblemsDialog(path, errors, self)
            self.import_problems.open()
        else:
            self.ops.show_failure(exc)

    # --- backups -------------------------------------------------------------------
    def run_quietly(
        self, fn: Callable[[Database], object], done_message: str | None = None, failure: str = ""
    ) -> Op:
        """Background work with no dialog: a message when done, a sentence if it fails."""

        def done(result: object) -> None:
            if done_message:
                self.show_message(done_message.format(result=result))

        op = self.ops.job(lambda db, _progress: fn(db)).success(done)
        return op.failure(lambda exc: self.show_error(f"{failure}{sentence(exc)}")).run()

    def start_daily_backup(self) -> Op:
        from rosterapp.services.backups import daily_backup

        keep = self.backups_to_keep()
        return self.run_quietly(lambda db: daily_backup(db, keep), None, "daily backup failed: ")

    def backups_to_keep(self) -> int:
        from rosterapp.services.backups import DEFAULT_KEEP

        try:
            return max(1, int(str(self.settings.value(Key.BACKUPS_KEEP, DEFAULT_KEEP))))
        except ValueError:
            return DEFAULT_KEEP

    def ask_backups_to_keep(self) -> None:
        value, ok = QInputDialog.getInt(
            self, "Daily backups", "How many daily backups to keep:", self.backups_to_keep(), 1, 365
        )
        if ok:
            self.settings.setValue(Key.BACKUPS_KEEP, value)
            self.show_message(f"The last {value} daily backups will be kept")

    def backup_now(self) -> None:
        from rosterapp.services.backups import backup

        suggested = paths.backup_dir() / f"rosterapp-{datetime.now():%Y%m%d-%H%M}.sqlite3"
        target, _ = QFileDialog.getSaveFileName(
            self, "Back up to", str(suggested), "Backups (*.sqlite3)"
        )
        if target:
            self.run_quietly(lambda db: backup(db, Path(target)), "Backed up to {result}")

    def restore_backup(self) -> None:
        from rosterapp.services.backups import check_backup

        source, _ = QFileDialog.getOpenFileName(
            self, "Restore from", str(paths.backup_dir()), "Backups (*.sqlite3)"
        )
        if source:
            chosen = Path(source)
            self.ops.job(lambda _db, _progress: check_backup(chosen)).success(
                lambda _: self._confirm_restore(chosen)
            ).failure(lambda exc: self.show_error(sentence(exc))).run()

    def _confirm_restore(self, source: Path) -> None:
        from rosterapp.services.backups import restore

        if not self.confirm(
            "Restore from a backup",
            f"Replace everything in {self.db.display_name} with "
            f"{source.name}? The current data is kept aside.",
        ):
            return
        ops = self.ops

        def replace(db: Database, _progress: object) -> Path:
            """On the worker, so that no other op runs on the database meanwhile; the
            ops after this one find the restored database."""
            target = (
                str(db.sqlite_path)
                if db.sqlite_path
                else db.url.render_as_string(hide_password=False)
            )
            db.close()
            try:
                return restore(target, source)
            finally:
                ops.db = Database.open(target)

        def done(aside: Path) -> None:
            self.undo_stack.clear()
            self.show_message(f"Restored; the previous data is kept in {aside.name}")

        self.ops.job(replace, lambda _aside: Changes(teams=True)).with_progress(
            f"Restoring from {source.name}…"
        ).success(done).failure(lambda exc: self.show_error(sentence(exc))).run()

    def show_audit(self) -> None:
        from rosterapp.ui.audit_view import AuditDialog

        dialog = AuditDialog(self.ops, self.team, self.first_day, self.last_day, self)
        dialog.show()
