"""Files in and out of the database: backups and restore (imports: imports.py); and the
audit trail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog

from rosterapp import paths
from rosterapp.storage import Database
from rosterapp.ui.mainwindow.imports import Imports
from rosterapp.ui.operations import Changes, Op, sentence
from rosterapp.ui.settings import Key


class Files(Imports):
    """Backups, restore and the audit trail; imports are their own part (imports.py)."""

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
