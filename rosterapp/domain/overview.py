"""The inspector's overview: every team's week or month in figures (plain values the
window, the command line and the exports read)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from rosterapp.domain.calendar import tour_instants
from rosterapp.domain.policy import ABSTRACTION_MIN_DAYS
from rosterapp.domain.strength import TeamStrength

# A hotspot beat's window: the night-time economy's hours, when its visits count most
# (DOMAIN.md: late-lates staffed to the night-time economy's needs).
HOTSPOT_WINDOW = (time(18), time(2))


def window_overlap_hours(day: date, start: time, end: time, window: tuple[time, time]) -> float:
    """Hours of the tour (day, start–end) inside the window of that day or of the day
    before (a tour from 00:30 is still in the previous evening's window)."""
    a, b = tour_instants(day, start, end)
    total = 0.0
    for d in (day - timedelta(days=1), day):
        w0, w1 = tour_instants(d, window[0], window[1])
        lo, hi = max(a, w0), min(b, w1)
        if hi > lo:
            total += (hi - lo).total_seconds() / 3600
    return total


@dataclass(frozen=True, slots=True)
class Shortfall:
    """Cover short on one day and tour: people short over the lines that are short."""

    day: date
    shift: str
    people: int
    lines: int
    detail: tuple[str, ...] = ()  # "Soho 1 of 2", "sergeant 0 of 1"…


@dataclass(frozen=True, slots=True)
class Away:
    """Officers (distinct people) and person-days of one kind of absence."""

    officers: int = 0
    days: int = 0


@dataclass(frozen=True, slots=True)
class WardAbstraction:
    beat: str
    name: str
    officers: int
    abstracted: int
    working_days: int

    @property
    def rate(self) -> float:
        return 100 * self.abstracted / self.working_days if self.working_days else 0.0


@dataclass(frozen=True, slots=True)
class HotspotPatrol:
    """Visible patrol planned in a hotspot beat's windows over the period."""

    beat: str
    name: str
    hours: float
    duties: int
    days_without: int  # days of the period with no duty in the window


@dataclass(frozen=True, slots=True)
class TeamOverview:
    team_code: str
    team_name: str
    strength: TeamStrength
    shortfalls: tuple[Shortfall, ...]
    away: dict[str, Away]  # "leave", "sick", "training", "abstracted"
    dwo_rate: float | None  # all DWOs over the measured weeks (None: not enough days)
    threshold: float
    wards: tuple[WardAbstraction, ...]
    overtime_hours: float
    rest_days_worked: int
    pending_requests: int
    hotspots: tuple[HotspotPatrol, ...]
    duty_hours: float = 0.0
    marking: str = "OFFICIAL-SENSITIVE"

    @property
    def people_short(self) -> int:
        return sum(s.people for s in self.shortfalls)

    @property
    def over_threshold(self) -> bool:
        return self.dwo_rate is not None and self.dwo_rate > self.threshold

    def as_json(self) -> dict[str, object]:
        return {
            "team": self.team_code,
            "name": self.team_name,
            "strength": self.strength.as_json(),
            "shortfalls": [
                {
                    "day": s.day.isoformat(),
                    "shift": s.shift,
                    "people": s.people,
                    "lines": s.lines,
                    "detail": list(s.detail),
                }
                for s in self.shortfalls
            ],
            "away": {k: {"officers": v.officers, "days": v.days} for k, v in self.away.items()},
            "dwo_abstraction_rate": None if self.dwo_rate is None else round(self.dwo_rate, 1),
            "abstraction_threshold": self.threshold,
            "wards": [
                {
                    "beat": w.beat,
                    "name": w.name,
                    "officers": w.officers,
                    "abstracted": w.abstracted,
                    "working_days": w.working_days,
                    "rate": round(w.rate, 1),
                }
                for w in self.wards
            ],
            "duty_hours": round(self.duty_hours, 2),
            "overtime_hours": round(self.overtime_hours, 2),
            "rest_days_worked": self.rest_days_worked,
            "pending_requests": self.pending_requests,
            "hotspots": [
                {
                    "beat": h.beat,
                    "name": h.name,
                    "hours": round(h.hours, 2),
                    "duties": h.duties,
                    "days_without": h.days_without,
                }
                for h in self.hotspots
            ],
        }


AWAY_KINDS = ("leave", "sick", "training", "abstracted")


@dataclass(frozen=True)
class Overview:
    start: date
    end: date
    teams: tuple[TeamOverview, ...]
    abstraction_since: date  # the DWO rates are over the weeks from this day to `end`
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def marking(self) -> str:
        """The teams' protective marking (each named once when they differ)."""
        return " / ".join(dict.fromkeys(t.marking for t in self.teams)) or "OFFICIAL-SENSITIVE"

    def team(self, code: str) -> TeamOverview:
        return next(t for t in self.teams if t.team_code == code)

    def as_json(self) -> dict[str, object]:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "abstraction_since": self.abstraction_since.isoformat(),
            "hotspot_window": f"{HOTSPOT_WINDOW[0]:%H:%M}-{HOTSPOT_WINDOW[1]:%H:%M}",
            "teams": [t.as_json() for t in self.teams],
        }

    def text_lines(self) -> list[str]:
        """One line per team, tab-separated, for a terminal or a script."""
        head = (
            "team\tposts\tstrength\tvacant\tshort (people)\tleave\tsick\ttraining\t"
            "abstracted\tDWO abstraction %\tovertime h\trest days worked\tpending requests\t"
            "hotspot patrol h"
        )
        out = [f"Overview {self.start} to {self.end}", head]
        for t in self.teams:
            s = t.strength
            rate = "–" if t.dwo_rate is None else f"{t.dwo_rate:.1f}"
            flag = " !" if t.over_threshold else ""
            away = "\t".join(str(t.away.get(k, Away()).officers) for k in AWAY_KINDS)
            out.append(
                f"{t.team_code}\t{_n(s.establishment)}\t{s.strength}\t{_n(s.vacancies)}\t"
                f"{t.people_short}\t{away}\t{rate}{flag}\t{t.overtime_hours:g}\t"
                f"{t.rest_days_worked}\t{t.pending_requests}\t"
                f"{sum(h.hours for h in t.hotspots):g}"
            )
        if any(t.dwo_rate is None for t in self.teams):
            out.append(
                f"DWO abstraction % –: no ward officer has {ABSTRACTION_MIN_DAYS} days "
                f"rostered from {self.abstraction_since:%d %b %Y}, so there is no rate yet"
            )
        return out


def _n(v: int | None) -> str:
    return "–" if v is None else str(v)
