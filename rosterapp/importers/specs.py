"""What each import reads: its columns (needed and optional), what each holds, and the
headers teams write for them. One place, so that the window says before a file is
chosen what the parser will ask for, and the column-matching step offers the same."""

from __future__ import annotations

from dataclasses import dataclass

from rosterapp.importers import members, requests, roster


@dataclass(frozen=True)
class ImportSpec:
    kind: str  # "members", "roster", "requests": the CLI's word and the settings key
    what: str  # "members", "roster entries", "requests": as said to the user
    required: frozenset[str]
    optional: frozenset[str]
    aliases: dict[str, str]  # normalised header → column
    meaning: dict[str, str]  # column → what it holds, in a few words

    def columns(self) -> list[str]:
        """The needed columns first, then the optional ones, each alphabetically."""
        return [*sorted(self.required), *sorted(self.optional - self.required)]

    def also_read_from(self, column: str) -> list[str]:
        """The other headers taken for `column` ('surname' for last_name)."""
        return sorted(h for h, c in self.aliases.items() if c == column)


_MEMBER_MEANING = {
    "shoulder_number": "shoulder number, e.g. 1234CW",
    "staff_number": "HR staff (payroll) number",
    "first_name": "first name",
    "last_name": "surname",
    "rank": "PC, PS, PCSO, Insp, staff…",
    "contracted_hours": "hours a week, e.g. 40",
    "team": "team code or name (needed when no team is chosen)",
    "role": "role in the team, e.g. DWO",
    "skills": "e.g. Driver / Taser; an expiry as taser:2027-03-31",
    "email": "e-mail address",
    "phone": "telephone number",
    "call_sign": "usual call sign",
    "start_date": "first day in the team (YYYY-MM-DD or DD/MM/YYYY)",
    "wtr_opt_out": "48-hour opt-out signed: yes or no",
    "wtr_opt_out_since": "the date the opt-out was signed",
    "usual_beat": "a beat code of the team",
    "no_nights": "no late-lates or nights: yes or no",
    "max_late_lates": "most late-lates in a row",
    "days_not_worked": "a part-timer's weekdays, e.g. Sat Sun",
}
_ROSTER_MEANING = {
    "shoulder_number": "shoulder number, e.g. 1234CW",
    "date": "the day (YYYY-MM-DD or DD/MM/YYYY)",
    "shift": "a shift or absence code: E, L, RD, AL…",
    "beat": "a beat code of the team, for a duty",
    "note": "a note on the day",
    "call_sign": "call sign for the day",
}
_REQUEST_MEANING = {
    "shoulder_number": "shoulder number of the officer asking",
    "kind": "leave, rest-day, shift, avoid, swap, toil or lieu",
    "from": "first day (YYYY-MM-DD or DD/MM/YYYY)",
    "to": "last day, for leave, TOIL or days in lieu",
    "shift": "the tour asked for, e.g. E",
    "with_shoulder_number": "the other officer of a swap",
    "note": "the officer's reason",
}

SPECS = {
    "members": ImportSpec(
        "members",
        "members",
        frozenset(members.REQUIRED),
        frozenset(members.OPTIONAL | {"team"}),
        members.ALIASES,
        _MEMBER_MEANING,
    ),
    "roster": ImportSpec(
        "roster",
        "roster entries",
        frozenset(roster.REQUIRED),
        frozenset(roster.OPTIONAL),
        roster.ALIASES,
        _ROSTER_MEANING,
    ),
    "requests": ImportSpec(
        "requests",
        "requests",
        frozenset(requests.REQUIRED),
        frozenset(requests.OPTIONAL),
        requests.ALIASES,
        _REQUEST_MEANING,
    ),
}


def spec_for(kind: str, *, team_chosen: bool = True) -> ImportSpec:
    """The spec of an import; members need a team column when no team is chosen."""
    spec = SPECS[kind]
    if kind == "members" and not team_chosen:
        return ImportSpec(
            spec.kind,
            spec.what,
            spec.required | {"team"},
            spec.optional,
            spec.aliases,
            spec.meaning,
        )
    return spec
