"""The Neighbourhood Policing Guarantee return: per ward, for a period, its dedicated
ward officers, their duties, their abstractions by category and the rate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from rosterapp.domain.enums import AbsenceKind, AbstractionCategory, Rank

CATEGORIES = (
    AbstractionCategory.MANDATORY,
    AbstractionCategory.LOCAL_AID,
    AbstractionCategory.CENTRAL_AID,
    AbstractionCategory.OTHER,
)
CATEGORY_LABELS = {
    AbstractionCategory.MANDATORY: "Mandatory (training, court)",
    AbstractionCategory.LOCAL_AID: "Local aid",
    AbstractionCategory.CENTRAL_AID: "Central aid",
    AbstractionCategory.OTHER: "Other",
}


def default_category(kind: AbsenceKind) -> AbstractionCategory:
    """The category of an abstraction typed without one (as absences are recorded)."""
    if kind in (AbsenceKind.TRAINING, AbsenceKind.COURT):
        return AbstractionCategory.MANDATORY
    return AbstractionCategory.OTHER


@dataclass(frozen=True, slots=True)
class NpgOfficer:
    shoulder_number: str
    name: str
    rank: Rank
    duties: int
    duty_hours: float
    abstractions: dict[AbstractionCategory, int]

    @property
    def abstracted(self) -> int:
        return sum(self.abstractions.values())

    @property
    def rate(self) -> float:
        """Abstracted days as a share of working days (duties plus abstractions)."""
        total = self.duties + self.abstracted
        return 100 * self.abstracted / total if total else 0.0


@dataclass(frozen=True, slots=True)
class NpgWard:
    team_code: str
    team_name: str
    beat: str | None  # None: DWOs with no ward of their own yet
    ward: str
    threshold: float
    officers: tuple[NpgOfficer, ...]

    @property
    def duties(self) -> int:
        return sum(o.duties for o in self.officers)

    def abstracted(self, category: AbstractionCategory | None = None) -> int:
        if category is None:
            return sum(o.abstracted for o in self.officers)
        return sum(o.abstractions.get(category, 0) for o in self.officers)

    @property
    def rate(self) -> float:
        total = self.duties + self.abstracted()
        return 100 * self.abstracted() / total if total else 0.0

    @property
    def over_threshold(self) -> bool:
        return self.rate > self.threshold


@dataclass(frozen=True)
class NpgReturn:
    start: date
    end: date
    wards: tuple[NpgWard, ...]
    marking: str
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
