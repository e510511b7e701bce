"""A service error names the field that is wrong, so that a form can focus it without
reading the words of the message."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rosterapp.domain.enums import Rank
from rosterapp.services.beats import BeatInput, create_beat
from rosterapp.services.errors import InvalidInput, NotFound, ServiceError
from rosterapp.services.members import MemberInput, create_member
from rosterapp.services.teams import update_team_settings
from rosterapp.storage import Database
from tests.factories import small_team

GOOD = MemberInput("7001CW", "870001", "Ayşe", "Yılmaz", Rank.PC)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"shoulder_number": "12 34"}, "shoulder_number"),
        ({"staff_number": ""}, "staff_number"),
        ({"first_name": " "}, "first_name"),
        ({"last_name": "x" * 201}, "last_name"),
        ({"contracted_hours": 99}, "contracted_hours"),
        ({"email": "a\x07b"}, "email"),
        ({"call_sign": "x" * 17}, "call_sign"),
        ({"start_date": date(2026, 2, 1), "end_date": date(2026, 1, 1)}, "end_date"),
    ],
)
def test_member_errors_name_their_field(
    db: Database, change: dict[str, object], field: str
) -> None:
    small_team(db, n=1)
    with pytest.raises(InvalidInput) as info:
        create_member(db, "T1", replace(GOOD, **change))  # type: ignore[arg-type]
    assert info.value.field == field
    assert info.value.row is None


def test_a_taken_number_names_its_field(db: Database) -> None:
    (first,) = small_team(db, n=1)
    with pytest.raises(InvalidInput, match="already belongs to") as info:
        create_member(db, "T1", replace(GOOD, staff_number=first.staff_number))
    assert info.value.field == "staff_number"


def test_beat_and_team_errors_name_their_field(db: Database) -> None:
    small_team(db, n=1)
    with pytest.raises(InvalidInput) as info:
        create_beat(db, "T1", BeatInput("NEW", "New beat", visit_minutes=30))
    assert info.value.field == "visit_minutes"
    with pytest.raises(InvalidInput) as info:
        create_beat(db, "T1", BeatInput("SOH", "Soho again"))
    assert info.value.field == "code"
    with pytest.raises(InvalidInput) as info:
        update_team_settings(db, "T1", leave_threshold_pct=120)
    assert info.value.field == "leave_threshold_pct"
    for weeks in (0, 53, 4.5):
        with pytest.raises(InvalidInput) as info:
            update_team_settings(db, "T1", night_reference_weeks=weeks)
        assert info.value.field == "night_reference_weeks" and "1 to 52" in str(info.value)
    saved = update_team_settings(db, "T1", night_reference_weeks=26, abstraction_weeks=8)
    assert (saved.night_reference_weeks, saved.abstraction_weeks) == (26, 8)


def test_unknown_keys_name_their_field(db: Database) -> None:
    small_team(db, n=1)
    with pytest.raises(NotFound) as info:
        update_team_settings(db, "NOPE", leave_threshold_pct=10)
    assert info.value.field == "team"


def test_message_is_unchanged_by_the_field() -> None:
    exc = ServiceError("shoulder number is required", field="shoulder_number", row=4)
    assert str(exc) == "shoulder number is required"
    assert (exc.field, exc.row) == ("shoulder_number", 4)
