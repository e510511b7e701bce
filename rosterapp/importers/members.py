"""Members from a file: every row checked first, then all written or none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import select

from rosterapp.domain.enums import Rank
from rosterapp.domain.tables import Member, Team
from rosterapp.domain.values import SkillInfo
from rosterapp.importers.tabular import ImportFailed, RowError, parse_date, read_table
from rosterapp.services import audit
from rosterapp.services.errors import ServiceError
from rosterapp.services.members import MemberInput, add_member_rows
from rosterapp.storage import Database

REQUIRED = {
    "shoulder_number",
    "staff_number",
    "first_name",
    "last_name",
    "rank",
    "contracted_hours",
}
OPTIONAL = {"team", "role", "skills", "email", "phone", "call_sign", "start_date", "wtr_opt_out"}


@dataclass(frozen=True)
class ImportResult:
    rows: int
    written: bool


def parse_skills(text: str) -> list[SkillInfo]:
    """`driver;taser:2027-03-31` → skills with optional expiry dates."""
    out = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        name, _, expiry = part.partition(":")
        out.append(SkillInfo(name.strip(), parse_date(expiry) if expiry.strip() else None))
    return out


def _bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("", "0", "no", "n", "false"):
        return False
    if value in ("1", "yes", "y", "true"):
        return True
    raise ValueError(f"'{text}' is not yes or no")


def import_members(
    db: Database, path: Path, *, team: str | None = None, dry_run: bool = False
) -> ImportResult:
    required = set(REQUIRED) | ({"team"} if team is None else set())
    table = read_table(path, required, OPTIONAL | {"team"})
    errors: list[RowError] = []
    parsed: list[tuple[int, MemberInput, str]] = []
    seen: dict[str, dict[str, int]] = {"shoulder_number": {}, "staff_number": {}}
    for number, row in table.rows:
        col = "rank"
        try:
            rank = Rank.parse(row["rank"])
            col = "skills"
            skills = parse_skills(row.get("skills", ""))
            col = "start_date"
            start = parse_date(row["start_date"]) if row.get("start_date") else None
            col = "wtr_opt_out"
            opt_out = _bool(row.get("wtr_opt_out", ""))
            col = ""
            data = MemberInput(
                shoulder_number=row["shoulder_number"],
                staff_number=row["staff_number"],
                first_name=row["first_name"],
                last_name=row["last_name"],
                rank=rank,
                role=row.get("role", ""),
                contracted_hours=row["contracted_hours"],  # type: ignore[arg-type]
                wtr_opt_out=opt_out,
                start_date=start,
                email=row.get("email") or None,
                phone=row.get("phone") or None,
                call_sign=row.get("call_sign") or None,
                skills=skills,
            ).cleaned()
        except (ValueError, ServiceError) as exc:
            errors.append(RowError(number, col or _guess_column(str(exc)), str(exc)))
            continue
        team_code = (row.get("team") or team or "").strip()
        if not team_code:
            errors.append(RowError(number, "team", "no team given (add a team column or --team)"))
            continue
        dup = False
        for key in ("shoulder_number", "staff_number"):
            value = getattr(data, key)
            if value in seen[key]:
                errors.append(RowError(number, key, f"{value} is also on row {seen[key][value]}"))
                dup = True
            seen[key][value] = number
        if not dup:
            parsed.append((number, data, team_code))
    with db.session(write=True) as s:
        teams = {t.code: t for t in s.exec(select(Team)).all()}
        teams.update({t.name: t for t in teams.values()})
        taken = {
            key: set(s.exec(select(getattr(Member, key))).all())
            for key in ("shoulder_number", "staff_number")
        }
        for number, data, team_code in parsed:
            if team_code not in teams and team_code.upper() not in teams:
                errors.append(RowError(number, "team", f"no team '{team_code}'"))
            for key in ("shoulder_number", "staff_number"):
                if getattr(data, key) in taken[key]:
                    errors.append(
                        RowError(
                            number,
                            key,
                            f"{getattr(data, key)} already belongs to a member in the database",
                        )
                    )
        if errors:
            errors.sort(key=lambda e: e.row)
            raise ImportFailed(f"{path.name}: nothing imported, {len(errors)} problem(s)", errors)
        if dry_run:
            return ImportResult(len(parsed), False)
        for _, data, team_code in parsed:
            t = teams.get(team_code) or teams[team_code.upper()]
            assert t.id is not None
            add_member_rows(s, data, t.id, data.start_date or date.today())
        audit.record(s, "import.members", "file", after={"file": path.name, "rows": len(parsed)})
        return ImportResult(len(parsed), True)


def _guess_column(message: str) -> str | None:
    for key in (
        "shoulder number",
        "staff number",
        "first name",
        "last name",
        "contracted hours",
        "e-mail",
        "phone",
        "call sign",
        "role",
        "skill",
    ):
        if message.startswith(key):
            return key.replace(" ", "_").replace("e-mail", "email")
    return None
