"""A demo member's skills and absence (deterministic for a seed)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from rosterapp.domain.enums import AbsenceKind, AbstractionCategory, Rank

ROLES = {
    Rank.PC: "DWO",
    Rank.PCSO: "Ward PCSO",
    Rank.SERGEANT: "Neighbourhood sergeant",
    Rank.INSPECTOR: "Neighbourhood inspector",
    Rank.SPECIAL: "Special",
}
Found = tuple[AbsenceKind, date, date, AbstractionCategory | None, str | None]


def demo_absence(rng: random.Random, rank: Rank, days: list[date], weeks: int) -> Found | None:
    """Leave, sickness, training, court and aid for about a fifth of the team."""
    r = rng.random()
    first = days[0]
    if r < 0.10:
        week = rng.randrange(weeks)
        if rank is Rank.SPECIAL:
            return None  # volunteers have no annual leave to book (drawn all the same: the
            # rest of the demo stays as it was)
        return (
            AbsenceKind.ANNUAL_LEAVE,
            first + timedelta(days=7 * week),
            first + timedelta(days=7 * week + 4),
            None,
            None,
        )
    if r < 0.13:
        a = first + timedelta(days=rng.randrange(len(days) - 3))
        return AbsenceKind.SICK, a, a + timedelta(days=rng.randint(1, 3)), None, None
    if r < 0.17:
        a = first + timedelta(days=rng.randrange(len(days)))
        return (
            AbsenceKind.TRAINING,
            a,
            a,
            AbstractionCategory.MANDATORY,
            "Officer safety training refresher",
        )
    if r < 0.19:
        a = first + timedelta(days=rng.randrange(len(days)))
        return AbsenceKind.COURT, a, a, AbstractionCategory.MANDATORY, "Southwark Crown Court"
    if r < 0.22 and rank in (Rank.PC, Rank.SERGEANT):
        a = first + timedelta(days=7 + 5)  # a Saturday in week 2
        return (
            AbsenceKind.AID,
            a,
            a,
            AbstractionCategory.CENTRAL_AID,
            "Central aid: demonstration, Whitehall",
        )
    return None


LANGUAGES = ("lang-polish", "lang-turkish", "lang-bengali", "lang-romanian", "lang-arabic")


def demo_skills(rng: random.Random, rank: Rank, start: date) -> dict[str, date | None]:
    """Skills with their expiry dates, drawn in the same order as always."""
    r = rng.random
    wanted: dict[str, date | None] = {}
    if rank in (Rank.PC, Rank.SERGEANT, Rank.INSPECTOR):
        if r() < 0.7:
            wanted["driver"] = None
        if r() < 0.3:
            wanted["response-driver"] = None
        if r() < 0.35:
            wanted["taser"] = start + timedelta(days=rng.randint(-20, 360))
        if r() < 0.25:
            wanted[f"psu-{rng.randint(1, 3)}"] = None
        if r() < 0.1:
            wanted["tutor"] = None
        if r() < 0.2:
            wanted["cycle"] = None
    if r() < 0.8:
        wanted["first-aid"] = start + timedelta(days=rng.randint(-10, 900))
    if r() < 0.08:
        wanted[rng.choice(LANGUAGES)] = None
    return wanted
