"""Importing members, roster entries and requests from a file, step by step: the columns
expected, the file, its columns matched (when its headers are not the app's own), the
skills nobody has yet, then every row checked and all written or none."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog

from rosterapp.importers.specs import ImportSpec, spec_for
from rosterapp.importers.tabular import ImportFailed, peek
from rosterapp.storage import Database
from rosterapp.ui.dialogs import ImportProblemsDialog
from rosterapp.ui.dialogs.column_mapping import (
    ColumnMappingDialog,
    needs_mapping,
    remembered,
    settings_key,
)
from rosterapp.ui.dialogs.import_start import ImportStartDialog
from rosterapp.ui.dialogs.unknown_skills import ADD, IGNORE, UnknownSkillsDialog
from rosterapp.ui.mainwindow.base import WindowBase
from rosterapp.ui.operations import Changes, Op, sentence


def expected_columns(kind: str) -> str:
    """The columns a file needs (and may have), in one line."""
    spec = spec_for(kind)
    extra = sorted(spec.optional - spec.required)
    return f"{', '.join(sorted(spec.required))}; optional {', '.join(extra)}"


class Imports(WindowBase):
    def import_spec(self, kind: str) -> ImportSpec:
        """Members need a team column when no team is chosen to put them in."""
        return spec_for(kind, team_chosen=self.team is not None)

    def choose_import(self, kind: str) -> None:
        """The columns expected first, then the file; its header is read on the worker."""
        spec = self.import_spec(kind)
        if not self.open_step(ImportStartDialog(spec, self)):
            return
        chosen = self.pick_import_file(spec)
        if chosen is None:
            return
        self.ops.query(lambda _db: peek(chosen)).success(
            lambda found: self.map_columns(chosen, found[0], found[1], kind)
        ).failure(lambda exc: self.show_import_problems(chosen, exc)).run()

    def open_step(self, dialog: QDialog) -> bool:
        """A step of an import, shown modally; tests replace this to drive the dialog."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def pick_import_file(self, spec: ImportSpec) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self, f"Import {spec.what}", str(Path.home()), "Spreadsheets (*.csv *.xlsx)"
        )
        return Path(path) if path else None

    def map_columns(
        self, path: Path, header: list[str], rows: list[list[str]], kind: str = "members"
    ) -> None:
        """A file in the app's own columns imports at once; another is matched column by
        column first (guessed, or as chosen last time for the same header)."""
        spec = self.import_spec(kind)
        required, optional = set(spec.required), set(spec.optional)
        before = remembered(self.settings, kind, header)
        if not before and not needs_mapping(header, required, optional, spec.aliases):
            self.run_import(kind, path)
            return
        dialog = ColumnMappingDialog(
            path.name, header, rows, required, optional, spec.aliases, before, self, spec.meaning
        )
        if not self.open_mapping(dialog):
            return
        mapping = dialog.mapping()
        self.settings.setValue(settings_key(kind, header), json.dumps(mapping))
        self.run_import(kind, path, mapping=mapping)

    def open_mapping(self, dialog: ColumnMappingDialog) -> bool:
        """Shown modally; tests replace this to drive the dialog."""
        return self.open_step(dialog)

    def run_import(
        self,
        kind: str,
        path: Path,
        new_skills: tuple[str, ...] = (),
        mapping: dict[str, str] | None = None,
        ignore_skills: tuple[str, ...] = (),
    ) -> Op:
        """All rows are checked first; nothing is written unless every row is valid."""
        from rosterapp.services.imports import import_members, import_roster
        from rosterapp.services.request_import import import_requests

        team = self.team

        def work(db: Database, progress: Callable[[Any, Any], bool]) -> object:
            if kind == "members":
                return import_members(
                    db,
                    path,
                    team=team,
                    new_skills=new_skills,
                    ignore_skills=ignore_skills,
                    mapping=mapping,
                )
            if kind == "requests":
                return import_requests(db, path, mapping=mapping)
            return import_roster(db, path, mapping=mapping)

        def done(result: object) -> None:
            self.show_message(f"Imported {getattr(result, 'rows', 0)} rows from {path.name}")
            if kind == "requests":
                self.inbox.refresh()  # the new requests wait there

        self.show_message(f"Checking {path.name}…")
        op = self.ops.job(work, lambda _result: Changes(week=True))
        op.success(done).failure(
            lambda exc: self._import_failed(kind, path, exc, mapping, new_skills, ignore_skills)
        )
        return op.run()

    def _import_failed(
        self,
        kind: str,
        path: Path,
        exc: BaseException,
        mapping: dict[str, str] | None,
        added: tuple[str, ...],
        ignored: tuple[str, ...],
    ) -> None:
        """Skills nobody has yet are asked about, one by one (a typo, a note, or really
        new?); every other problem is listed row by row."""
        failed = exc if isinstance(exc, ImportFailed) else None
        if failed and failed.skill_rows and all(e.column == "skills" for e in failed.errors):
            dialog = UnknownSkillsDialog(path.name, failed.skill_rows, failed.known_skills, self)
            if self.open_step(dialog):
                more_added = (*added, *dialog.chosen(ADD))
                more_ignored = (*ignored, *dialog.chosen(IGNORE))
                self.run_import(kind, path, more_added, mapping, more_ignored)
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
