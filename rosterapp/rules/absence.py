"""Leave and abstraction: no duty on a day off, team leave share, DWO abstraction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.findings import Finding, RuleId, Severity
from rosterapp.domain.policy import ABSTRACTION_MIN_DAYS, ABSTRACTION_WEEKS
from rosterapp.domain.values import MemberInfo
from rosterapp.rules.context import CheckInput, Entry
from rosterapp.rules.findings import dstr, make

ABSTRACTIONS = (AbsenceKind.TRAINING, AbsenceKind.COURT, AbsenceKind.AID)


def leave_clash(ci: CheckInput, m: MemberInfo, entries: list[Entry]) -> Iterator[Finding]:
    grid = ci.grid
    for e in entries:
        if not e.is_typed_duty or not ci.in_range(e.day):
            continue
        leave_code = grid.leave_days.get((m.id, e.day))
        if leave_code is None:
            continue
        assert e.shift is not None
        leave = grid.shift_types.get(leave_code)
        what = leave.name.lower() if leave else leave_code
        if leave is not None and leave.absence_kind is AbsenceKind.SICK:
            what = "sick leave"  # "is on sick that day" reads wrong
        yield make(
            RuleId.LEAVE_CLASH,
            m.id,
            m.shoulder_number,
            e.day,
            f"{m.display_name} is rostered {e.shift.name} on {dstr(e.day)} but is on "
            f"{what} that day",
            shift=e.shift.code,
            days=(e.day,),
        )


# The days off a team grants and could refuse, that its leave limit caps: sickness,
# training and court are not asked for, rest days are the roster's own.
_TIME_OFF = frozenset({AbsenceKind.ANNUAL_LEAVE, AbsenceKind.TOIL, AbsenceKind.DAY_IN_LIEU})


def leave_threshold(ci: CheckInput) -> Iterator[Finding]:
    grid = ci.grid
    size = len(grid.rows)
    if size == 0:
        return
    limit = grid.team.leave_threshold_pct
    for day in grid.days:
        if not ci.in_range(day):
            continue
        on_leave = sum(1 for r in grid.rows if ci.absence_kind(r.member.id, day) in _TIME_OFF)
        share = 100 * on_leave / size
        if share > limit:
            yield make(
                RuleId.LEAVE_THRESHOLD,
                None,
                None,
                day,
                f"{on_leave} of {size} people ({share:.0f} %) are off (leave, TOIL, "
                f"days in lieu) on {dstr(day)} — the team limit is {limit:g} %",
                days=(day,),
            )


@dataclass(frozen=True, slots=True)
class DwoRate:
    """A ward officer's working and abstracted days over the measured weeks."""

    member: MemberInfo
    worked: int
    abstracted: int
    home: str | None  # the beat most of their duties were on

    @property
    def total(self) -> int:
        return self.worked + self.abstracted

    @property
    def rate(self) -> float:
        return 100 * self.abstracted / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class AbstractionRates:
    since: date
    until: date
    officers: tuple[DwoRate, ...]  # every DWO with enough days to have a rate
    wards: dict[str, tuple[int, int]]  # beat → (abstracted, working days) of its DWOs
    weeks: int = ABSTRACTION_WEEKS  # the team's measuring period

    def ward_rate(self, beat: str) -> float:
        away, total = self.wards[beat]
        return 100 * away / total if total else 0.0

    @property
    def rate(self) -> float | None:
        """All the team's DWOs together (None: nobody with enough days yet)."""
        total = sum(r.total for r in self.officers)
        return 100 * sum(r.abstracted for r in self.officers) / total if total else None


def is_dwo(m: MemberInfo) -> bool:
    """A dedicated ward officer: whose abstraction the Guarantee measures."""
    return m.role.upper() == "DWO"


def abstraction_rates(ci: CheckInput) -> AbstractionRates:
    """The DWOs' abstraction over the weeks ending on the last day checked (stored
    history before the grid): what the rule warns on and the inspector's view shows."""
    weeks = ci.grid.team.abstraction_weeks
    since = ci.end - timedelta(weeks=weeks) + timedelta(days=1)
    officers = []
    wards: dict[str, tuple[int, int]] = {}
    for row in ci.grid.rows:
        m = row.member
        if not is_dwo(m):
            continue
        worked, abstracted, beats = _dwo_days(ci, m.id, since)
        if worked + abstracted < ABSTRACTION_MIN_DAYS:
            continue
        home = beats.most_common(1)[0][0] if beats else None
        officers.append(DwoRate(m, worked, abstracted, home))
        if home:
            a, n = wards.get(home, (0, 0))
            wards[home] = (a + abstracted, n + worked + abstracted)
    return AbstractionRates(since, ci.end, tuple(officers), dict(sorted(wards.items())), weeks)


def abstraction_rate(ci: CheckInput) -> Iterator[Finding]:
    """DWOs abstracted on more than the threshold share of their working days."""
    grid = ci.grid
    limit = grid.team.abstraction_threshold_pct
    rates = abstraction_rates(ci)
    since = rates.since
    for r in rates.officers:
        m = r.member
        if r.rate > limit:
            yield make(
                RuleId.ABSTRACTION_RATE,
                m.id,
                m.shoulder_number,
                ci.end,
                f"{m.display_name} (DWO) is abstracted on {r.abstracted} of {r.total} "
                f"working days ({r.rate:.1f} %) in the {rates.weeks} weeks from "
                f"{dstr(since)} to {dstr(ci.end)} — the team threshold is {limit:g} %",
                beat=r.home,
            )
    for beat, (away, total) in rates.wards.items():
        rate = rates.ward_rate(beat)
        if rate > limit:
            name = grid.beats[beat].name if beat in grid.beats else beat
            yield make(
                RuleId.ABSTRACTION_RATE,
                None,
                None,
                ci.end,
                f"Ward {name}: DWOs abstracted on {away} of {total} "
                f"working days ({rate:.1f} %) in the {rates.weeks} weeks to "
                f"{dstr(ci.end)} — the threshold is {limit:g} %",
                beat=beat,
                severity=Severity.INFO,
            )


def _dwo_days(ci: CheckInput, member_id: int, since: date) -> tuple[int, int, Counter[str]]:
    """Working days and abstracted days from `since` to the end checked, and the beats."""
    grid = ci.grid
    past_hours = ci.history_days.get(member_id, {})
    past_away = ci.history_abstracted.get(member_id, frozenset())
    worked = sum(1 for d, h in past_hours.items() if since <= d < grid.start and h > 0)
    abstracted = sum(1 for d in past_away if since <= d < grid.start)
    beats: Counter[str] = Counter()
    for day in grid.days:
        if day < since or day > ci.end:
            continue
        cell = grid.cells.get((member_id, day))
        st = grid.shift_types.get(cell.code) if cell is not None else None
        if cell is None or st is None:
            continue
        if st.is_duty and st.abstraction is not None and not cell.from_absence:
            abstracted += 1  # an operation's duty: worked, but away from the ward
        elif st.is_duty:
            worked += 1
            if cell.beat:
                beats[cell.beat] += 1
        elif st.absence_kind in ABSTRACTIONS:
            abstracted += 1
    return worked, abstracted, beats
