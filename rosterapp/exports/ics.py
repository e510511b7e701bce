"""A personal calendar: one event per tour, in Europe/London, with stable UIDs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from icalendar import Calendar, Event

from rosterapp import __version__
from rosterapp.domain.calendar import LONDON, tour_instants
from rosterapp.domain.grid import Cell
from rosterapp.domain.operations import OperationMark
from rosterapp.domain.values import MemberInfo, ShiftTypeInfo
from rosterapp.exports.files import atomic_path, ensure_writable
from rosterapp.exports.vtimezone import RULE_SINCE, london_vtimezone


def build_calendar(
    member: MemberInfo,
    entries: list[tuple[object, Cell]],
    shift_types: dict[str, ShiftTypeInfo],
    beat_names: dict[str, str],
    operations: dict[str, OperationMark] | None = None,
) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//rosterapp//{__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Duties {member.full_name} ({member.shoulder_number})")
    cal.add("x-wr-timezone", "Europe/London")
    stamp = datetime.now(UTC)
    years = [d.year for d, _c in entries if isinstance(d, date)]
    # Ours, not icalendar's: its transitions stop at 2037 (see vtimezone.py).
    cal.add_component(london_vtimezone(min(years, default=RULE_SINCE)))
    for day, cell in entries:
        st = shift_types.get(cell.code)
        if st is None or not st.is_duty or st.start is None or st.end is None or cell.from_absence:
            continue
        begin, end = tour_instants(day, st.start, st.end)  # type: ignore[arg-type]
        ev = Event()
        # Stable per officer and day: a re-export updates the event, never duplicates it.
        ev.add("uid", f"{member.shoulder_number}-{day:%Y%m%d}@rosterapp")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", begin.astimezone(LONDON))
        ev.add("dtend", end.astimezone(LONDON))
        beat = beat_names.get(cell.beat or "", cell.beat or "")
        summary = f"{st.name} ({st.code})" + (f" – {beat}" if beat else "")
        lines = [f"{st.name} {st.times_label}"]
        mark = (operations or {}).get(st.code)
        if mark is not None:  # an operation's duty: what, which category and where
            summary = f"Operation {mark.name} ({st.code})"
            lines = [mark.description]
            if mark.place:
                ev.add("location", mark.place)
        ev.add("summary", summary)
        if beat:
            lines.append(f"Beat: {beat}")
        call_sign = cell.call_sign or member.call_sign
        if call_sign:
            lines.append(f"Call sign: {call_sign}")
        if cell.note:
            lines.append(f"Note: {cell.note}")
        ev.add("description", "\n".join(lines))
        cal.add_component(ev)
    return cal


def write_ics(calendar: Calendar, target: Path) -> Path:
    ensure_writable(target)
    with atomic_path(target) as tmp:
        tmp.write_bytes(calendar.to_ical())
    return target
