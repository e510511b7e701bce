"""`import requests FILE`: every row checked as the request form checks it, then all
stored (pending) or none, with every bad row named."""

from __future__ import annotations

from pathlib import Path

from rosterapp.importers.requests import parse_requests
from rosterapp.importers.tabular import ImportFailed, RowError
from rosterapp.services import audit
from rosterapp.services.errors import ServiceError
from rosterapp.services.imports import ImportResult
from rosterapp.services.requests import NewRequest, add_request_in
from rosterapp.storage import Database

# The service's field names as the file's columns.
_COLUMNS = {"member": "shoulder_number", "day": "from", "start": "from", "team": "shoulder_number"}


def import_requests(
    db: Database, path: Path, *, dry_run: bool = False, mapping: dict[str, str] | None = None
) -> ImportResult:
    """`mapping`: the file's headers (normalised) → the columns chosen for them."""
    rows, errors = parse_requests(path, mapping)
    with db.session(write=True) as s:
        count = 0
        for number, row in rows:
            req = NewRequest(
                row.shoulder_number,
                row.kind,
                row.start,
                row.end,
                row.shift,
                row.with_shoulder_number,
                row.note,
            )
            try:
                with s.begin_nested():
                    add_request_in(s, req)
                count += 1
            except ServiceError as exc:
                column = _COLUMNS.get(exc.field or "", exc.field)
                errors.append(RowError(number, column, str(exc)))
        if errors:
            errors.sort(key=lambda e: e.row)
            # Raised inside the transaction: it rolls back, so nothing is stored.
            raise ImportFailed(f"{path.name}: nothing imported, {len(errors)} problem(s)", errors)
        if dry_run:
            s.rollback()
            return ImportResult(count, False)
        audit.record(s, "import.requests", "file", after={"file": path.name, "rows": count})
        return ImportResult(count, True)
