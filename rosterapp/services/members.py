"""Team members, their skills and their team history."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from sqlalchemy import or_
from sqlmodel import Session, col, select

from rosterapp.domain.enums import Rank
from rosterapp.domain.tables import Beat, Member, MemberSkill, TeamMembership
from rosterapp.domain.values import MemberInfo, SkillInfo
from rosterapp.services import audit
from rosterapp.services.convert import member_info
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import (
    member_by_id,
    member_by_shoulder,
    membership_on,
    memberships_of,
    team_by_code,
)
from rosterapp.services.provenance import stale
from rosterapp.services.validation import clean_text, hours, identifier
from rosterapp.storage import Database


@dataclass
class MemberInput:
    shoulder_number: str
    staff_number: str
    first_name: str
    last_name: str
    rank: Rank
    role: str = ""
    contracted_hours: float = 40.0
    wtr_opt_out: bool = False
    wtr_opt_out_since: date | None = None  # the date the opt-out was signed
    start_date: date | None = None
    end_date: date | None = None
    active: bool = True
    email: str | None = None
    phone: str | None = None
    call_sign: str | None = None
    skills: list[SkillInfo] = field(default_factory=list)
    usual_beat_id: int | None = None  # where the auto-roster puts their duties
    no_nights: bool = False  # no late-lates or nights (e.g. a medical restriction)
    max_late_lates: int | None = None  # late-lates in a row, at most
    free_days: int = 0  # part-time: weekdays not worked (bit 0 Monday … bit 6 Sunday)
    service_start: date | None = None  # relevant service, for Annex O leave
    leave_entitlement: float | None = None  # days a year (PCSOs and staff)

    def cleaned(self) -> MemberInput:
        """A validated copy; raises InvalidInput naming the field that is wrong."""
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise InvalidInput("end date is before start date", field="end_date")
        if self.max_late_lates is not None and not 1 <= self.max_late_lates <= 7:
            raise InvalidInput(
                f"late-lates in a row must be 1 to 7 (or no limit), not {self.max_late_lates}",
                field="max_late_lates",
            )
        if not 0 <= self.free_days < 1 << 7 or bin(self.free_days).count("1") > 5:
            raise InvalidInput(
                "part-time days not worked: choose at most five weekdays", field="free_days"
            )
        if self.leave_entitlement is not None and not 0 <= self.leave_entitlement <= 60:
            raise InvalidInput("leave a year must be 0 to 60 days", field="leave_entitlement")
        if self.service_start is not None and self.service_start > date.today():
            raise InvalidInput("service cannot begin in the future", field="service_start")
        names = {s.name.strip().lower() for s in self.skills}
        if len(names) != len(self.skills):
            raise InvalidInput("a skill is listed twice", field="skills")
        return MemberInput(
            shoulder_number=identifier(self.shoulder_number, "shoulder number"),
            staff_number=identifier(self.staff_number, "staff number"),
            first_name=clean_text(self.first_name, "first name", max_len=200, required=True),
            last_name=clean_text(self.last_name, "last name", max_len=200, required=True),
            rank=self.rank,
            role=clean_text(self.role, "role", max_len=60),
            contracted_hours=hours(self.contracted_hours, "contracted hours"),
            wtr_opt_out=self.wtr_opt_out,
            wtr_opt_out_since=self.wtr_opt_out_since if self.wtr_opt_out else None,
            start_date=self.start_date,
            end_date=self.end_date,
            active=self.active,
            email=clean_text(self.email, "e-mail", max_len=200) or None,
            phone=clean_text(self.phone, "phone", max_len=40) or None,
            call_sign=clean_text(self.call_sign, "call sign", max_len=16).upper() or None,
            skills=[
                SkillInfo(
                    clean_text(s.name, "skill", max_len=60, required=True, key="skills").lower(),
                    s.expires,
                )
                for s in self.skills
            ],
            usual_beat_id=self.usual_beat_id,
            no_nights=self.no_nights,
            max_late_lates=self.max_late_lates,
            free_days=self.free_days,
            service_start=self.service_start,
            leave_entitlement=self.leave_entitlement,
        )


_FIELDS = (
    "shoulder_number",
    "staff_number",
    "first_name",
    "last_name",
    "rank",
    "role",
    "contracted_hours",
    "wtr_opt_out",
    "wtr_opt_out_since",
    "start_date",
    "end_date",
    "active",
    "email",
    "phone",
    "call_sign",
    "usual_beat_id",
    "no_nights",
    "max_late_lates",
    "free_days",
    "service_start",
    "leave_entitlement",
)


def check_beat(session: Session, data: MemberInput, team_ids: set[int]) -> None:
    """The usual beat must be one of the member's team's beats."""
    if data.usual_beat_id is None:
        return
    beat = session.get(Beat, data.usual_beat_id)
    if beat is None or beat.team_id not in team_ids:
        raise InvalidInput("usual beat: choose one of the team's beats")


def _skills_of(session: Session, member_ids: list[int]) -> dict[int, list[MemberSkill]]:
    found: dict[int, list[MemberSkill]] = defaultdict(list)
    if not member_ids:
        return found
    for chunk_start in range(0, len(member_ids), 900):
        chunk = member_ids[chunk_start : chunk_start + 900]
        for skill in session.exec(
            select(MemberSkill).where(col(MemberSkill.member_id).in_(chunk))
        ).all():
            found[skill.member_id].append(skill)
    return found


def check_unique(session: Session, data: MemberInput, member_id: int | None = None) -> None:
    for attr, label in (("shoulder_number", "shoulder number"), ("staff_number", "staff number")):
        value = getattr(data, attr)
        other = session.exec(select(Member).where(getattr(Member, attr) == value)).first()
        if other is not None and other.id != member_id:
            raise InvalidInput(
                f"{label} {value} already belongs to {other.first_name} {other.last_name}",
                field=attr,
            )


def add_member_rows(session: Session, data: MemberInput, team_id: int, since: date) -> Member:
    """Insert a validated member into an open transaction (used by imports too)."""
    member = Member(**{k: getattr(data, k) for k in _FIELDS})
    session.add(member)
    session.flush()
    assert member.id is not None
    for skill in data.skills:
        session.add(MemberSkill(member_id=member.id, skill=skill.name, expires=skill.expires))
    session.add(TeamMembership(member_id=member.id, team_id=team_id, start_date=since))
    return member


def create_member(db: Database, team_code: str, data: MemberInput) -> MemberInfo:
    clean = data.cleaned()
    with db.session(write=True) as s:
        team = team_by_code(s, team_code)
        assert team.id is not None
        check_unique(s, clean)
        check_beat(s, clean, {team.id})
        since = clean.start_date or date.today()
        member = add_member_rows(s, clean, team.id, since)
        s.flush()
        info = member_info(member, _skills_of(s, [member.id or 0])[member.id or 0])
        audit.record(
            s,
            "member.create",
            "member",
            member.id,
            team_id=team.id,
            member_id=member.id,
            after=_audit_view(info),
        )
        return info


def update_member(
    db: Database, member_id: int, data: MemberInput, expected_version: int | None = None
) -> MemberInfo:
    clean = data.cleaned()
    with db.session(write=True) as s:
        member = member_by_id(s, member_id)
        if expected_version is not None and member.version != expected_version:
            raise stale(
                s,
                f"{member.first_name} {member.last_name}",
                "member",
                member_id,
                current=member_info(member, _skills_of(s, [member_id])[member_id]),
                current_version=member.version,
            )
        check_unique(s, clean, member_id)
        teams = s.exec(
            select(TeamMembership.team_id).where(TeamMembership.member_id == member_id)
        ).all()
        check_beat(s, clean, set(teams))
        before = member_info(member, _skills_of(s, [member_id])[member_id])
        for key in _FIELDS:
            setattr(member, key, getattr(clean, key))
        existing = {sk.skill: sk for sk in _skills_of(s, [member_id])[member_id]}
        wanted = {sk.name: sk for sk in clean.skills}
        for name, row in existing.items():
            if name not in wanted:
                s.delete(row)
            else:
                row.expires = wanted[name].expires
        for name, sk in wanted.items():
            if name not in existing:
                s.add(MemberSkill(member_id=member_id, skill=name, expires=sk.expires))
        s.flush()
        after = member_info(member, _skills_of(s, [member_id])[member_id])
        audit.record(
            s,
            "member.update",
            "member",
            member_id,
            member_id=member_id,
            before=_audit_view(before),
            after=_audit_view(after),
        )
        return after


def get_member(db: Database, shoulder: str) -> MemberInfo:
    with db.session() as s:
        m = member_by_shoulder(s, shoulder)
        assert m.id is not None
        return member_info(m, _skills_of(s, [m.id])[m.id])


def team_members(db: Database, team_code: str, start: date, end: date) -> list[MemberInfo]:
    with db.session() as s:
        team = team_by_code(s, team_code)
        assert team.id is not None
        return [m for m, _, _ in members_in_team(s, team.id, start, end)]


def members_in_team(
    session: Session, team_id: int, start: date, end: date
) -> list[tuple[MemberInfo, date, date]]:
    """Members who belong to the team at some point in [start, end], with those bounds."""
    rows = session.exec(
        select(TeamMembership, Member)
        .join(Member, col(Member.id) == TeamMembership.member_id)
        .where(
            TeamMembership.team_id == team_id,
            TeamMembership.start_date <= end,
            or_(col(TeamMembership.end_date).is_(None), col(TeamMembership.end_date) >= start),
        )
    ).all()
    spans: dict[int, tuple[Member, date, date]] = {}
    for tm, m in rows:
        assert m.id is not None
        lo = max(tm.start_date, start)
        hi = min(tm.end_date or end, end)
        if m.id in spans:
            _, a, b = spans[m.id]
            lo, hi = min(lo, a), max(hi, b)
        spans[m.id] = (m, lo, hi)
    skills = _skills_of(session, list(spans))
    return [(member_info(m, skills[mid]), lo, hi) for mid, (m, lo, hi) in spans.items()]


def transfer_member(db: Database, shoulder: str, to_team: str, from_day: date) -> None:
    """Move a member to another team from a date; earlier rosters stay where they were."""
    with db.session(write=True) as s:
        member = member_by_shoulder(s, shoulder)
        team = team_by_code(s, to_team)
        assert member.id is not None
        current = membership_on(memberships_of(s, member.id), from_day)
        if current is not None:
            if current.team_id == team.id:
                raise InvalidInput(
                    f"{member.shoulder_number} is already in team {team.code}", field="team"
                )
            if current.start_date == from_day:
                s.delete(current)
            else:
                current.end_date = from_day - timedelta(days=1)
        later = s.exec(
            select(TeamMembership).where(
                TeamMembership.member_id == member.id, TeamMembership.start_date > from_day
            )
        ).all()
        for row in later:
            s.delete(row)
        assert team.id is not None and member.id is not None
        s.add(TeamMembership(member_id=member.id, team_id=team.id, start_date=from_day))
        audit.record(
            s,
            "member.transfer",
            "member",
            member.id,
            team_id=team.id,
            member_id=member.id,
            day=from_day,
            after={"team": team.code, "from": from_day.isoformat()},
        )


def _audit_view(info: MemberInfo) -> dict[str, object]:
    view = asdict(info)
    for key in ("start_date", "end_date", "wtr_opt_out_since", "service_start"):
        if view[key] is not None:
            view[key] = view[key].isoformat()
    view["rank"] = info.rank.value
    view["skills"] = [
        f"{s.name}:{s.expires.isoformat()}" if s.expires else s.name for s in info.skills
    ]
    return view
