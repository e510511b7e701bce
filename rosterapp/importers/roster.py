"""Roster entries from a file: shoulder_number, date, shift[, beat, note]."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sqlmodel import select

from rosterapp.domain.enums import EntryKind
from rosterapp.domain.grid import CellEdit
from rosterapp.domain.tables import Beat, Member, ShiftType, Team, TeamMembership
from rosterapp.importers.members import ImportResult
from rosterapp.importers.tabular import ImportFailed, RowError, parse_date, read_table
from rosterapp.services import audit
from rosterapp.services.errors import ServiceError
from rosterapp.services.roster.edits import apply_edits_in
from rosterapp.services.validation import clean_text
from rosterapp.storage import Database

REQUIRED = {"shoulder_number", "date", "shift"}
OPTIONAL = {"beat", "note", "call_sign"}


def import_roster(db: Database, path: Path, *, dry_run: bool = False) -> ImportResult:
    table = read_table(path, REQUIRED, OPTIONAL)
    errors: list[RowError] = []
    with db.session(write=True) as s:
        members = {m.shoulder_number: m for m in s.exec(select(Member)).all()}
        shifts = {st.code: st for st in s.exec(select(ShiftType)).all()}
        teams = {t.id: t for t in s.exec(select(Team)).all()}
        beats = {(b.team_id, b.code): b for b in s.exec(select(Beat)).all()}
        memberships: dict[int, list[TeamMembership]] = defaultdict(list)
        for tm in s.exec(select(TeamMembership)).all():
            memberships[tm.member_id].append(tm)
        by_team: dict[int, list[CellEdit]] = defaultdict(list)
        seen: dict[tuple[str, str], int] = {}
        for number, row in table.rows:
            shoulder = row["shoulder_number"].strip().upper()
            member = members.get(shoulder)
            if member is None:
                errors.append(
                    RowError(
                        number,
                        "shoulder_number",
                        f"no member with shoulder number '{row['shoulder_number']}'",
                    )
                )
                continue
            try:
                day = parse_date(row["date"])
            except ValueError as exc:
                errors.append(RowError(number, "date", str(exc)))
                continue
            key = (shoulder, day.isoformat())
            if key in seen:
                errors.append(
                    RowError(number, "date", f"{shoulder} on {day} is also on row {seen[key]}")
                )
                continue
            seen[key] = number
            code = row["shift"].strip().upper()
            shift = shifts.get(code)
            if shift is None:
                errors.append(
                    RowError(
                        number,
                        "shift",
                        f"unknown code '{row['shift']}' (codes: {', '.join(sorted(shifts))})",
                    )
                )
                continue
            assert member.id is not None
            team_id = next(
                (
                    tm.team_id
                    for tm in memberships[member.id]
                    if tm.start_date <= day and (tm.end_date is None or tm.end_date >= day)
                ),
                None,
            )
            if team_id is None:
                errors.append(RowError(number, "date", f"{shoulder} is not in any team on {day}"))
                continue
            beat_code = row.get("beat", "").strip().upper() or None
            if beat_code:
                if shift.kind is not EntryKind.DUTY:
                    errors.append(RowError(number, "beat", f"{code} is not a duty: no beat"))
                    continue
                if (team_id, beat_code) not in beats:
                    errors.append(
                        RowError(
                            number,
                            "beat",
                            f"team {teams[team_id].code} has no beat '{row['beat']}'",
                        )
                    )
                    continue
            try:
                note = clean_text(row.get("note"), "note", max_len=500) or None
            except ServiceError as exc:
                errors.append(RowError(number, "note", str(exc)))
                continue
            by_team[team_id].append(
                CellEdit(member.id, day, code, beat_code, row.get("call_sign") or None, note)
            )
        if errors:
            raise ImportFailed(f"{path.name}: nothing imported, {len(errors)} problem(s)", errors)
        count = sum(len(v) for v in by_team.values())
        if dry_run:
            return ImportResult(count, False)
        for team_id, edits in by_team.items():
            apply_edits_in(s, teams[team_id], edits, reason=f"imported from {path.name}")
        audit.record(s, "import.roster", "file", after={"file": path.name, "rows": count})
        return ImportResult(count, True)
