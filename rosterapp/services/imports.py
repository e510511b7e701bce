"""Importing members and roster entries: the importers read the file, this checks every
row against the database and writes them all in one transaction, or none."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlmodel import Session, col, select

from rosterapp.domain.briefing import BRIEFING_SKILLS
from rosterapp.domain.enums import EntryKind
from rosterapp.domain.grid import CellEdit
from rosterapp.domain.tables import Beat, Member, MemberSkill, ShiftType, Team, TeamMembership
from rosterapp.domain.values import SkillInfo
from rosterapp.importers.members import MemberRow, parse_members
from rosterapp.importers.roster import RosterRow, parse_roster
from rosterapp.importers.tabular import ImportFailed, RowError
from rosterapp.services import audit
from rosterapp.services.errors import InvalidInput, ServiceError
from rosterapp.services.lookup import membership_on
from rosterapp.services.members import MemberInput, add_member_rows
from rosterapp.services.roster.edits import apply_edits_in
from rosterapp.services.validation import clean_text
from rosterapp.storage import Database

_UNIQUE = ("shoulder_number", "staff_number")


@dataclass(frozen=True)
class ImportResult:
    rows: int
    written: bool


def _fail_if(
    errors: list[RowError],
    path: Path,
    skills: tuple[dict[str, list[int]], list[str]] = ({}, []),
) -> None:
    """ImportFailed when there are errors; with the skills nobody has (and their rows)
    and the known ones, for the window to ask about."""
    if errors:
        errors.sort(key=lambda e: e.row)
        failed = ImportFailed(f"{path.name}: nothing imported, {len(errors)} problem(s)", errors)
        failed.skill_rows, failed.known_skills = skills
        failed.unknown_skills = list(failed.skill_rows)
        raise failed


def import_members(
    db: Database,
    path: Path,
    *,
    team: str | None = None,
    dry_run: bool = False,
    new_skills: Iterable[str] = (),
    ignore_skills: Iterable[str] = (),
    mapping: dict[str, str] | None = None,
) -> ImportResult:
    """Every row checked first (the file, then the rules of the member form, then the
    database); then all written, or none. `team` for rows without a team column.
    Skills must be ones the database knows (held by someone, or printed on briefings)
    or named in `new_skills`: a typo or a free-text note never becomes a skill; those in
    `ignore_skills` are left out.
    `mapping`: the file's headers (normalised) → the columns chosen for them."""
    rows, errors = parse_members(path, team_column=team is None, mapping=mapping)
    ready = _clean_members(rows, team, errors)
    unknown, known = _check_skills(db, ready, errors, set(new_skills), set(ignore_skills))
    usual_beats = {number: row.usual_beat.strip() for number, row in rows if row.usual_beat.strip()}
    with db.session(write=True) as s:
        teams = {t.code: t for t in s.exec(select(Team)).all()}
        teams.update({t.name: t for t in teams.values()})
        taken = {key: set(s.exec(select(getattr(Member, key))).all()) for key in _UNIQUE}
        beats = {
            (b.team_id, b.code): b.id for b in s.exec(select(Beat).where(col(Beat.active))).all()
        }
        for k, (number, data, team_code) in enumerate(ready):
            if team_code not in teams and team_code.upper() not in teams:
                errors.append(RowError(number, "team", f"no team '{team_code}'"))
            elif beat := usual_beats.get(number):
                t = teams.get(team_code) or teams[team_code.upper()]
                found = beats.get((t.id or 0, beat.upper()))
                if found is None:
                    errors.append(
                        RowError(number, "usual_beat", f"team {t.code} has no beat '{beat}'")
                    )
                else:
                    ready[k] = (number, replace(data, usual_beat_id=found), team_code)
            for key in _UNIQUE:
                if getattr(data, key) in taken[key]:
                    value = getattr(data, key)
                    errors.append(
                        RowError(
                            number, key, f"{value} already belongs to a member in the database"
                        )
                    )
        _fail_if(errors, path, (unknown, known))
        if dry_run:
            return ImportResult(len(ready), False)
        for _, data, team_code in ready:
            t = teams.get(team_code) or teams[team_code.upper()]
            assert t.id is not None
            add_member_rows(s, data, t.id, data.start_date or date.today())
        audit.record(s, "import.members", "file", after={"file": path.name, "rows": len(ready)})
        return ImportResult(len(ready), True)


def skill_key(name: str) -> str:
    """'First Aid', 'first-aid' and 'FIRST_AID' are one skill; 'PSU 2' is 'psu-2'."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _check_skills(
    db: Database,
    ready: list[tuple[int, MemberInput, str]],
    errors: list[RowError],
    allowed: set[str],
    ignored: set[str],
) -> tuple[dict[str, list[int]], list[str]]:
    """Each row's skills matched, case and punctuation aside, to the skills the team
    knows (and spelt as it spells them); `ignored` ones left out. A row error for each
    skill nobody has; returns those skills with the rows naming them, and the known."""
    with db.session() as s:
        held = set(s.exec(select(MemberSkill.skill)).all())
    known = {skill_key(a): a.strip().lower() for a in allowed}
    known.update({skill_key(k): k for k in sorted(held)})
    known.update({skill_key(k): k for k in BRIEFING_SKILLS})  # the briefing's spelling wins
    skip = {skill_key(i) for i in ignored}
    unknown: dict[str, list[int]] = {}
    for k, (number, data, team) in enumerate(ready):
        matched: dict[str, SkillInfo] = {}
        for skill in data.skills:
            key = skill_key(skill.name)
            if key in skip or key in matched:
                continue
            if key in known:
                matched[key] = SkillInfo(known[key], skill.expires)
                continue
            unknown.setdefault(skill.name, []).append(number)
            errors.append(
                RowError(
                    number,
                    "skills",
                    f"'{skill.name}' is not a skill anyone has yet (a typo, or a note "
                    "rather than a skill?); add it as a new skill if it is one, or leave "
                    "it out",
                )
            )
        ready[k] = (number, replace(data, skills=list(matched.values())), team)
    return dict(sorted(unknown.items())), sorted(set(known.values()))


def _clean_members(
    rows: list[tuple[int, MemberRow]], team: str | None, errors: list[RowError]
) -> list[tuple[int, MemberInput, str]]:
    """Rows checked by the member form's rules and against each other; errors appended."""
    ready: list[tuple[int, MemberInput, str]] = []
    seen: dict[str, dict[str, int]] = {key: {} for key in _UNIQUE}
    for number, row in rows:
        try:
            data = _member_input(row).cleaned()
        except ServiceError as exc:
            errors.append(RowError(number, exc.field, str(exc)))
            continue
        team_code = (row.team or team or "").strip()
        if not team_code:
            errors.append(RowError(number, "team", "no team given (add a team column or --team)"))
            continue
        dup = False
        for key in _UNIQUE:
            value = getattr(data, key)
            if value in seen[key]:
                errors.append(RowError(number, key, f"{value} is also on row {seen[key][value]}"))
                dup = True
            seen[key][value] = number
        if not dup:
            ready.append((number, data, team_code))
    return ready


def _member_input(row: MemberRow) -> MemberInput:
    return MemberInput(
        shoulder_number=row.shoulder_number,
        staff_number=row.staff_number,
        first_name=row.first_name,
        last_name=row.last_name,
        rank=row.rank,
        role=row.role,
        contracted_hours=row.contracted_hours,  # type: ignore[arg-type]  # checked by cleaned()
        wtr_opt_out=row.wtr_opt_out,
        wtr_opt_out_since=row.wtr_opt_out_since,
        start_date=row.start_date,
        email=row.email,
        phone=row.phone,
        call_sign=row.call_sign,
        skills=list(row.skills),
        no_nights=row.no_nights,
        max_late_lates=row.max_late_lates,
        free_days=row.days_not_worked,
    )


def import_roster(
    db: Database, path: Path, *, dry_run: bool = False, mapping: dict[str, str] | None = None
) -> ImportResult:
    """Every row checked (member, code, the member's team that day, beat, note); then all
    written as edits of each team's roster, or none. `mapping` as for import_members."""
    rows, errors = parse_roster(path, mapping)
    with db.session(write=True) as s:
        check = _RosterRows(s)
        by_team: dict[int, list[CellEdit]] = defaultdict(list)
        for number, row in rows:
            try:
                team_id, edit = check.edit(row)
            except ServiceError as exc:
                errors.append(RowError(number, exc.field, str(exc)))
                continue
            by_team[team_id].append(edit)
        _fail_if(errors, path)
        count = sum(len(v) for v in by_team.values())
        if dry_run:
            return ImportResult(count, False)
        for team_id, edits in by_team.items():
            apply_edits_in(s, check.teams[team_id], edits, reason=f"imported from {path.name}")
        audit.record(s, "import.roster", "file", after={"file": path.name, "rows": count})
        return ImportResult(count, True)


class _RosterRows:
    """What checking roster rows needs, loaded once for the whole file."""

    def __init__(self, s: Session) -> None:
        self.members = {m.shoulder_number: m for m in s.exec(select(Member)).all()}
        self.shifts = {st.code: st for st in s.exec(select(ShiftType)).all()}
        self.teams = {t.id: t for t in s.exec(select(Team)).all()}
        self.beats = {(b.team_id, b.code) for b in s.exec(select(Beat)).all()}
        self.memberships: dict[int, list[TeamMembership]] = defaultdict(list)
        for tm in s.exec(select(TeamMembership)).all():
            self.memberships[tm.member_id].append(tm)

    def edit(self, row: RosterRow) -> tuple[int, CellEdit]:
        """The row as an edit of its team's roster; a ServiceError naming the column."""
        member = self.members.get(row.shoulder)
        if member is None or member.id is None:
            raise _bad("shoulder_number", f"no member with shoulder number '{row.shoulder_number}'")
        shift = self.shifts.get(row.code)
        if shift is None:
            known = ", ".join(sorted(self.shifts))
            raise _bad("shift", f"unknown code '{row.shift}' (codes: {known})")
        tm = membership_on(self.memberships[member.id], row.day)
        if tm is None:
            raise _bad("date", f"{row.shoulder} is not in any team on {row.day}")
        if row.beat_code:
            if shift.kind is not EntryKind.DUTY:
                raise _bad("beat", f"{row.code} is not a duty: no beat")
            if (tm.team_id, row.beat_code) not in self.beats:
                team = self.teams[tm.team_id]
                raise _bad("beat", f"team {team.code} has no beat '{row.beat}'")
        note = clean_text(row.note, "note", max_len=500) or None
        clean_text(row.call_sign, "call sign", max_len=16)  # the edit would refuse it later
        return tm.team_id, CellEdit(
            member.id, row.day, row.code, row.beat_code, row.call_sign, note
        )


def _bad(column: str, message: str) -> InvalidInput:
    return InvalidInput(message, field=column)
