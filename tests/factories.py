"""Small hand-made teams for tests that need exact control."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rosterapp.domain.enums import Rank
from rosterapp.domain.values import MemberInfo, SkillInfo
from rosterapp.services import shift_types
from rosterapp.services.beats import BeatInput, create_beat
from rosterapp.services.members import MemberInput, create_member
from rosterapp.services.teams import create_team
from rosterapp.storage import Database


def small_team(db: Database, code: str = "T1", n: int = 3) -> list[MemberInfo]:
    with db.session(write=True) as s:
        shift_types.ensure_defaults(s)
    create_team(db, code, f"Team {code}", "Westminster")
    create_beat(db, code, BeatInput("SOH", "Soho", "West End", ("Phone robbery",), True))
    create_beat(db, code, BeatInput("OXF", "Oxford Street"))
    names = [("Ali", "Khan"), ("Zoë", "O'Brien"), ("Łukasz", "Wójcik"), ("Ayşe", "Yılmaz")]
    out = []
    for i in range(n):
        first, last = names[i % len(names)]
        out.append(
            create_member(
                db,
                code,
                MemberInput(
                    shoulder_number=f"{100 + i}{code}",
                    staff_number=f"9{code}{i:03d}",
                    first_name=first,
                    last_name=last,
                    rank=Rank.PC if i else Rank.SERGEANT,
                    role="DWO",
                    start_date=date(2020, 1, 1),
                    skills=[SkillInfo("driver", None), SkillInfo("taser", date(2026, 12, 1))],
                ),
            )
        )
    return out


def member_input(m: MemberInfo, **changes: object) -> MemberInput:
    """What the member form would submit for `m`, with `changes` typed over it."""
    data = MemberInput(
        shoulder_number=m.shoulder_number,
        staff_number=m.staff_number,
        first_name=m.first_name,
        last_name=m.last_name,
        rank=m.rank,
        role=m.role,
        contracted_hours=m.contracted_hours,
        call_sign=m.call_sign or "",
        phone=m.phone or "",
        skills=list(m.skills),
        start_date=m.start_date,
    )
    return replace(data, **changes)  # type: ignore[arg-type]
