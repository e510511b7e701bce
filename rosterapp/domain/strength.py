"""Establishment (funded posts) against strength (people in the team on a day)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rosterapp.domain.enums import RANK_ORDER, Rank


@dataclass(frozen=True, slots=True)
class EstablishmentLine:
    """Funded posts of a rank in a team from a date (until the next line of that rank)."""

    team_code: str
    rank: Rank
    posts: int
    effective_from: date
    note: str | None = None


def posts_on(lines: list[EstablishmentLine], rank: Rank, day: date) -> int | None:
    """The posts of `rank` in force on `day` (None: no establishment set for it yet)."""
    held = [ln for ln in lines if ln.rank is rank and ln.effective_from <= day]
    return max(held, key=lambda ln: ln.effective_from).posts if held else None


@dataclass(frozen=True, slots=True)
class RankStrength:
    rank: Rank
    establishment: int | None  # None: no funded posts set for this rank
    strength: int

    @property
    def vacancies(self) -> int | None:
        """Posts unfilled (negative: over establishment); None without an establishment."""
        return None if self.establishment is None else self.establishment - self.strength


@dataclass(frozen=True, slots=True)
class Arrival:
    """A joiner (or transfer in) booked from a date, or a leaver's last day."""

    shoulder_number: str
    name: str
    rank: Rank
    day: date


@dataclass(frozen=True, slots=True)
class TeamStrength:
    team_code: str
    team_name: str
    on: date
    ranks: tuple[RankStrength, ...]
    joining: tuple[Arrival, ...] = ()  # booked after `on`
    leaving: tuple[Arrival, ...] = ()  # last day on or after `on`

    @property
    def establishment(self) -> int | None:
        funded = [r.establishment for r in self.ranks if r.establishment is not None]
        return sum(funded) if funded else None

    @property
    def strength(self) -> int:
        """People of the ranks that have posts (what the establishment is measured by)."""
        funded = [r for r in self.ranks if r.establishment is not None]
        return sum(r.strength for r in (funded or self.ranks))

    @property
    def without_posts(self) -> int:
        """People of ranks with no posts set (specials, volunteers) beside the figures."""
        if all(r.establishment is None for r in self.ranks):
            return 0
        return sum(r.strength for r in self.ranks if r.establishment is None)

    @property
    def vacancies(self) -> int | None:
        """Unfilled posts over the ranks that have an establishment (over-strength ranks
        do not fill another rank's vacancy)."""
        gaps = [r.vacancies for r in self.ranks if r.vacancies is not None]
        return sum(max(0, v) for v in gaps) if gaps else None

    @property
    def net_vacancies(self) -> int | None:
        """Each rank's vacancies added up, over-strength ones negative: the posts less
        the people in the ranks that have posts (a table's Total row sums its column)."""
        gaps = [r.vacancies for r in self.ranks if r.vacancies is not None]
        return sum(gaps) if gaps else None

    def rank(self, rank: Rank) -> RankStrength | None:
        return next((r for r in self.ranks if r.rank is rank), None)

    def as_json(self) -> dict[str, object]:
        return {
            "team": self.team_code,
            "name": self.team_name,
            "on": self.on.isoformat(),
            "establishment": self.establishment,
            "strength": self.strength,
            "vacancies": self.vacancies,
            "without_posts": self.without_posts,
            "ranks": [
                {
                    "rank": r.rank.value,
                    "establishment": r.establishment,
                    "strength": r.strength,
                    "vacancies": r.vacancies,
                }
                for r in self.ranks
            ],
            "joining": [_arrival_json(a) for a in self.joining],
            "leaving": [_arrival_json(a) for a in self.leaving],
        }


def _arrival_json(a: Arrival) -> dict[str, object]:
    return {
        "shoulder_number": a.shoulder_number,
        "name": a.name,
        "rank": a.rank.value,
        "day": a.day.isoformat(),
    }


def rank_rows(
    lines: list[EstablishmentLine], counts: dict[Rank, int], day: date
) -> tuple[RankStrength, ...]:
    """One row per rank that has people or posts on `day`, in roster order."""
    out = []
    for rank in RANK_ORDER:
        posts = posts_on(lines, rank, day)
        got = counts.get(rank, 0)
        if posts is None and got == 0:
            continue
        out.append(RankStrength(rank, posts, got))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class VacancyTable:
    """Vacancies by rank and month, each month as on its first day."""

    team_code: str
    team_name: str
    months: tuple[date, ...]  # the first day of each month
    # rank → one RankStrength per month
    by_rank: dict[Rank, tuple[RankStrength, ...]] = field(default_factory=dict)
