"""Requests an officer makes (leave, a rest day, a tour, a day to avoid, a swap, TOIL)
and the leave balances figures (Police Regulations Annex O)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class RequestKind(StrEnum):
    LEAVE = "leave"
    REST_DAY = "rest-day"
    SHIFT = "shift"  # a tour on a date, e.g. an Early for childcare
    AVOID = "avoid"  # a day to avoid working
    SWAP = "swap"  # two officers' cells exchanged on one or more dates
    TOIL = "toil"  # time off against hours owed
    LIEU = "lieu"  # a day in lieu owed for a bank holiday worked, given back

    @property
    def label(self) -> str:
        return {
            "leave": "Annual leave",
            "rest-day": "Rest day",
            "shift": "Tour",
            "avoid": "Day to avoid",
            "swap": "Swap",
            "toil": "TOIL",
            "lieu": "Day in lieu",
        }[self.value]

    @classmethod
    def parse(cls, text: str) -> RequestKind:
        key = text.strip().lower().replace("_", "-").replace(" ", "-")
        aliases = {
            "al": "leave",
            "annual-leave": "leave",
            "rd": "rest-day",
            "tour": "shift",
            "dil": "lieu",
            "day-in-lieu": "lieu",
        }
        return cls(aliases.get(key, key))


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    CANCELLED = "cancelled"


# A leave day and a TOIL day are counted as 8 hours (Annex O's 8-hour days).
DAY_HOURS = 8.0
CARRY_OVER_MAX_DAYS = 5.0
# Annex O: annual leave by years of relevant service, federated ranks (8-hour days).
ANNEX_O_BANDS: tuple[tuple[int, float], ...] = ((20, 30), (15, 28), (10, 27), (2, 25), (0, 22))
FULL_TIME_HOURS = 40.0


@dataclass(frozen=True, slots=True)
class RequestInfo:
    id: int
    team_code: str
    member_id: int
    shoulder_number: str
    member_name: str
    kind: RequestKind
    start: date
    end: date
    shift: str | None
    with_member_id: int | None
    with_shoulder: str | None
    note: str | None
    status: RequestStatus
    asked_at: datetime
    decided_by: str | None = None
    decision_reason: str | None = None
    override_reason: str | None = None
    version: int = 1

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class BlackoutInfo:
    id: int
    start: date
    end: date
    reason: str


def service_years(service_start: date | None, on: date) -> int:
    """Whole years of relevant service on a day (0 when the start is unknown)."""
    if service_start is None or service_start > on:
        return 0
    years = on.year - service_start.year
    if (on.month, on.day) < (service_start.month, service_start.day):
        years -= 1
    return years


def annex_o_days(years: int) -> float:
    for least, days in ANNEX_O_BANDS:
        if years >= least:
            return float(days)
    return ANNEX_O_BANDS[-1][1]


def leave_year(day: date, start_month: int) -> tuple[date, date]:
    """The leave year holding `day` when leave years start on the 1st of `start_month`."""
    year = day.year if day.month >= start_month else day.year - 1
    start = date(year, start_month, 1)
    end = date(year + 1, start_month, 1) if start_month > 1 else date(year + 1, 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def pro_rata(
    full_days: float,
    contracted_hours: float,
    year: tuple[date, date],
    joined: date | None,
    left: date | None,
) -> float:
    """Entitlement scaled by the contract's hours and the part of the year in service,
    rounded up to the half day (as forces round leave)."""
    lo, hi = year
    first = max(lo, joined) if joined else lo
    last = min(hi, left) if left else hi
    if last < first:
        return 0.0
    share = ((last - first).days + 1) / ((hi - lo).days + 1)
    hours_share = min(contracted_hours, FULL_TIME_HOURS) / FULL_TIME_HOURS
    raw = full_days * share * hours_share
    return float(-(-raw * 2 // 1)) / 2


@dataclass(frozen=True, slots=True)
class Balance:
    """One member's balances in one leave year (days unless named hours)."""

    member_id: int
    shoulder_number: str
    name: str
    year_start: date
    year_end: date
    entitlement: float
    taken: float
    booked: float
    pending: float
    days_in_lieu: int  # owed: bank holidays worked and carried in, less those given back
    rest_days_owed: int
    toil_hours: float
    overtime_hours: float
    carried_over: float = 0.0  # unused leave from the year before, up to the team's limit
    toil_earned: float = 0.0  # hours of time off in lieu earned in the year
    bank_holidays_worked: int = 0  # each earns a day in lieu
    lieu_carried: int = 0  # owed at the end of the year before
    lieu_taken: int = 0  # days in lieu given back in the year (DIL)

    @property
    def toil_left(self) -> float:
        """TOIL hours earned and not yet taken (toil_hours is what was taken)."""
        return self.toil_earned - self.toil_hours

    @property
    def remaining(self) -> float:
        return self.entitlement + self.carried_over - self.taken - self.booked

    def as_json(self) -> dict[str, object]:
        return {
            "shoulder_number": self.shoulder_number,
            "name": self.name,
            "year_start": self.year_start.isoformat(),
            "year_end": self.year_end.isoformat(),
            "entitlement": self.entitlement,
            "carried_over": self.carried_over,
            "taken": self.taken,
            "booked": self.booked,
            "pending": self.pending,
            "remaining": self.remaining,
            "days_in_lieu": self.days_in_lieu,
            "bank_holidays_worked": self.bank_holidays_worked,
            "lieu_carried": self.lieu_carried,
            "lieu_taken": self.lieu_taken,
            "rest_days_owed": self.rest_days_owed,
            "toil_hours": self.toil_hours,
            "toil_earned": self.toil_earned,
            "toil_left": self.toil_left,
            "overtime_hours": self.overtime_hours,
        }
