"""Demo teams: the seed's West End team at its new size and six town-centre teams.

Deterministic for a given seed and start date, so tests and benchmarks can rely
on it. People are made up (demo_names, plus names from many alphabets).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert
from sqlmodel import Session, select

from rosterapp.domain.calendar import days_between, week_start
from rosterapp.domain.enums import PeriodStatus, Rank
from rosterapp.domain.tables import (
    Absence,
    Assignment,
    Beat,
    BriefingItem,
    CoverRequirement,
    Member,
    MemberSkill,
    RosterPeriod,
    ShiftType,
    Team,
    TeamMembership,
)
from rosterapp.domain.types import utcnow
from rosterapp.services import audit, shift_types
from rosterapp.services.demo_data import (
    BCU_TEAMS,
    INTERNATIONAL_NAMES,
    PRIORITIES,
    STANDARD_TEAMS,
    TeamSpec,
)
from rosterapp.services.demo_establishment import demo_establishment
from rosterapp.services.demo_names import FIRST_NAMES, LAST_NAMES
from rosterapp.services.demo_people import ROLES, demo_absence, demo_skills
from rosterapp.services.errors import InvalidInput
from rosterapp.storage import Database

WEEKS = 4

# Five-line rota, one week per line (Monday first). Every line has 2 rest days a
# week, at least 11 h between tours, and never more than 7 days without rest.
PC_ROTA: tuple[str, ...] = (
    *("E", "E", "E", "E", "E", "RD", "RD"),
    *("RD", "RD", "L", "L", "L", "L", "L"),
    *("L", "RD", "RD", "LL", "LL", "LL", "LL"),
    *("RD", "RD", "E", "E", "E", "E", "E"),
    *("RD", "L", "L", "L", "L", "L", "RD"),
)
PCSO_ROTA: tuple[str, ...] = tuple("L" if c == "LL" else c for c in PC_ROTA)
INSPECTOR_WEEK: tuple[str, ...] = ("E", "E", "E", "E", "E", "RD", "RD")


@dataclass(frozen=True)
class DemoSummary:
    teams: int
    members: int
    assignments: int
    start: date
    end: date


def build_demo(
    db: Database, *, scale: str = "standard", seed: int = 1, start: date | None = None
) -> DemoSummary:
    if scale not in ("standard", "bcu"):
        raise InvalidInput(f"unknown scale '{scale}' (use standard or bcu)")
    start = week_start(start or date.today()) - timedelta(days=7)
    specs = STANDARD_TEAMS + (BCU_TEAMS if scale == "bcu" else ())
    rng = random.Random(seed)
    # Names come from a stream of their own, so that the lists can grow without
    # changing anybody's rota, hours or absences for the same seed.
    names = random.Random(f"names-{seed}")
    with db.session(write=True) as s:
        if s.exec(select(Team)).first() is not None:
            raise InvalidInput(
                "this database already has teams; load the demo into a new database (--db)"
            )
        shift_types.ensure_defaults(s)
        s.flush()
        shifts = {st.code: st for st in s.exec(select(ShiftType)).all()}
        builder = _Builder(s, rng, names, shifts, start)
        for spec in specs:
            builder.team(spec)
        s.add_all(demo_establishment(s, start))
        audit.record(
            s,
            "demo.load",
            "database",
            after={"scale": scale, "seed": seed, "start": start.isoformat()},
        )
        return DemoSummary(
            len(specs),
            builder.member_count,
            builder.assignment_count,
            start,
            start + timedelta(days=7 * WEEKS - 1),
        )


class _Builder:
    def __init__(
        self,
        s: Session,
        rng: random.Random,
        names: random.Random,
        shifts: dict[str, ShiftType],
        start: date,
    ) -> None:
        self.s = s
        self.rng = rng
        self.names = names
        self.named: set[tuple[str, str]] = set()
        self.shifts = shifts
        self.start = start
        self.days = days_between(start, start + timedelta(days=7 * WEEKS - 1))
        self.member_count = 0
        self.assignment_count = 0
        self.seq = 1000

    def team(self, spec: TeamSpec) -> None:
        code, name, borough, suffix, size, beat_specs = spec
        team = Team(code=code, name=name, borough=borough)
        self.s.add(team)
        self.s.flush()
        assert team.id is not None
        beats = []
        for bcode, bname, night in beat_specs:
            pri = self.rng.sample(PRIORITIES, k=self.rng.choice((2, 3)))
            if night and "Violence against women and girls" not in pri:
                pri[0] = "Violence against women and girls"
            beat = Beat(
                team_id=team.id, code=bcode, name=bname, ward=bname, priorities=pri, hotspot=night
            )
            self.s.add(beat)
            beats.append((beat, night))
        self.s.flush()
        self._cover(team, beats, size)
        members = self._members(team, suffix, size)
        self._roster(team, members, [b for b, _ in beats])
        self._publish(team)
        self._taskings(team, beats)

    def _cover(self, team: Team, beats: list[tuple[Beat, bool]], size: int) -> None:
        per_beat = size >= 100
        for weekday in range(7):
            if per_beat:
                for beat, night in beats:
                    for code in ("E", "L"):
                        self._req(team, weekday, code, 2, beat=beat)
                    if night and weekday >= 3:
                        self._req(team, weekday, "LL", 2, beat=beat)
            else:
                self._req(team, weekday, "E", 3)
                self._req(team, weekday, "L", 3)
                if weekday >= 4:
                    self._req(team, weekday, "LL", 2)
            self._req(team, weekday, "E", 1, rank=Rank.SERGEANT)
            self._req(team, weekday, "L", 1, rank=Rank.SERGEANT)
            self._req(team, weekday, "L", 1, skill="response-driver")

    def _req(
        self,
        team: Team,
        weekday: int,
        code: str,
        n: int,
        *,
        beat: Beat | None = None,
        rank: Rank | None = None,
        skill: str | None = None,
    ) -> None:
        assert team.id is not None and self.shifts[code].id is not None
        self.s.add(
            CoverRequirement(
                team_id=team.id,
                beat_id=beat.id if beat else None,
                weekday=weekday,
                shift_type_id=self.shifts[code].id or 0,
                min_count=n,
                rank=rank,
                skill=skill,
            )
        )

    def _name(self) -> tuple[str, str]:
        # Nobody gets a name already given: two people of one name in the demo would
        # only confuse whoever tries it out.
        if self.rng.random() < 0.14:
            name = self.rng.choice(INTERNATIONAL_NAMES)
            if name not in self.named:
                self.named.add(name)
                return name
        for _ in range(100):
            name = (self.names.choice(FIRST_NAMES), self.names.choice(LAST_NAMES))
            if name not in self.named:
                break
        self.named.add(name)
        return name

    def _members(self, team: Team, suffix: str, size: int) -> list[tuple[Member, int]]:
        sergeants = max(2, size // 25)
        pcsos = size // 5
        specials = max(1, size // 30)
        ranks = (
            [Rank.INSPECTOR]
            + [Rank.SERGEANT] * sergeants
            + [Rank.PCSO] * pcsos
            + [Rank.SPECIAL] * specials
        )
        ranks += [Rank.PC] * (size - len(ranks))
        out = []
        for i, rank in enumerate(ranks):
            self.seq += 1
            first, last = self._name()
            hours = 0.0 if rank is Rank.SPECIAL else 40.0
            if rank in (Rank.PC, Rank.PCSO) and self.rng.random() < 0.06:
                hours = 32.0
            role = ROLES.get(rank, "")
            if rank is Rank.PC and i % 4 == 0:
                role = "Town centre officer"
            joined = self.start - timedelta(days=self.rng.randint(60, 3000))
            m = Member(
                shoulder_number=f"{self.seq}{suffix}",
                staff_number=f"{200000 + self.seq * 7 % 800000:06d}",
                first_name=first,
                last_name=last,
                rank=rank,
                role=role,
                contracted_hours=hours,
                wtr_opt_out=self.rng.random() < 0.05,
                start_date=joined,
                active=True,
                email=f"{_ascii(first)}.{_ascii(last)}.{self.seq}@example.police.uk",
                call_sign=f"{suffix}{i + 10}",
            )
            self.s.add(m)
            out.append((m, i))
        self.s.flush()
        for m, i in out:
            assert m.id is not None and team.id is not None
            since = m.start_date or self.start
            # Some officers arrived from Royal Parks or schools units during the period.
            if m.rank is Rank.PC and i % 37 == 5:
                since = self.start + timedelta(days=14)
            self.s.add(TeamMembership(member_id=m.id, team_id=team.id, start_date=since))
            self._skills(m)
        self.member_count += len(out)
        return out

    def _skills(self, m: Member) -> None:
        assert m.id is not None
        for name, expires in demo_skills(self.rng, m.rank, self.start).items():
            self.s.add(MemberSkill(member_id=m.id, skill=name, expires=expires))

    def _roster(self, team: Team, members: list[tuple[Member, int]], beats: list[Beat]) -> None:
        assert team.id is not None
        rows = []
        absences: list[Absence] = []
        position: dict[Rank, int] = {}
        for m, i in members:
            assert m.id is not None
            # Spread each rank over the five lines, then over the beats, so that
            # every beat has people on every line.
            j = position.get(m.rank, 0)
            position[m.rank] = j + 1
            line = j % 5
            beat = beats[(j // 5 + (3 if m.rank is Rank.PCSO else 0)) % len(beats)]
            if m.rank is not Rank.INSPECTOR:
                m.usual_beat_id = beat.id
            joined = m.start_date or self.start
            if m.rank is Rank.PC and i % 37 == 5:
                joined = self.start + timedelta(days=14)
            off_days = self._absences(m, absences)
            for k, day in enumerate(self.days):
                if day < joined:
                    continue
                code = self._code(m.rank, line, k, day)
                if code is None or (day in off_days and code != "RD"):
                    continue  # leave is taken on duty days; rest days stay rest days
                duty = code in ("E", "L", "LL", "N")
                rows.append(
                    {
                        "member_id": m.id,
                        "team_id": team.id,
                        "day": day,
                        "shift_type_id": self.shifts[code].id,
                        "beat_id": beat.id if duty and m.rank is not Rank.INSPECTOR else None,
                        "call_sign": None,
                        "note": None,
                        "pinned": False,
                        "updated_at": utcnow(),
                        "updated_by": "demo",
                        "version": 1,
                    }
                )
        self.s.add_all(absences)
        if rows:
            self.s.execute(insert(Assignment), rows)
        self.assignment_count += len(rows)

    def _code(self, rank: Rank, line: int, k: int, day: date) -> str | None:
        if rank is Rank.INSPECTOR:
            return INSPECTOR_WEEK[day.weekday()]
        if rank is Rank.SPECIAL:
            return "LL" if day.weekday() == 5 else None
        rota = PCSO_ROTA if rank is Rank.PCSO else PC_ROTA
        return rota[(k + line * 7) % len(rota)]

    def _absences(self, m: Member, out: list[Absence]) -> set[date]:
        """Leave, sickness, training, court and aid for about a fifth of the team."""
        assert m.id is not None
        found = demo_absence(self.rng, m.rank, self.days, WEEKS)
        if found is None:
            return set()
        kind, a, b, cat, note = found
        out.append(
            Absence(
                member_id=m.id,
                kind=kind,
                start_date=a,
                end_date=b,
                category=cat,
                note=note,
                created_by="demo",
            )
        )
        return set(days_between(a, b))

    def _publish(self, team: Team) -> None:
        assert team.id is not None
        published = datetime.combine(self.start - timedelta(days=35), time(10), tzinfo=UTC)
        self.s.add(
            RosterPeriod(
                team_id=team.id,
                start_date=self.start,
                end_date=self.start + timedelta(days=20),
                status=PeriodStatus.PUBLISHED,
                published_at=published,
                published_by="demo",
            )
        )

    def _taskings(self, team: Team, beats: list[tuple[Beat, bool]]) -> None:
        assert team.id is not None
        night = [b for b, n in beats if n] or [beats[0][0]]
        for shifts, beat, priority, text in taskings(night[0], beats[0][0]):
            self.s.add(
                BriefingItem(
                    team_id=team.id,
                    start_date=self.start,
                    end_date=self.days[-1],
                    shift_codes=shifts,
                    beat_id=beat.id if beat else None,
                    priority=priority,
                    text=text,
                    created_by="demo",
                )
            )


def taskings(night: Beat, first: Beat) -> list[tuple[list[str], Beat | None, int, str]]:
    """The briefing taskings every demo team starts with."""
    return [
        (
            ["L", "LL"],
            night,
            1,
            f"Welfare and Vulnerability Engagement patrols around {night.name} "
            "venues at closing time; safe-space locations briefed.",
        ),
        (
            ["E", "L"],
            first,
            2,
            "Retail crime: visible patrols at the stores on the shoplifting list; "
            "collect CCTV requests from the ward panel.",
        ),
        (
            [],
            None,
            3,
            "Phone robbery: moped-enabled suspects; stop & account near stations, "
            "record descriptions on the briefing log.",
        ),
    ]


def _ascii(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text)
    out = "".join(ch for ch in norm if ch.isascii() and ch.isalnum())
    return out.lower() or "officer"
