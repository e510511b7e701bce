"""An operation's needs and repeats parsed from what the user typed."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from rosterapp.domain.enums import Rank
from rosterapp.domain.operation_plan import Need, occurrences, parse_needs


def test_needs_by_rank_and_skill() -> None:
    needs = parse_needs("PC:12, PS:2,public-order-2:4")
    assert needs == (
        Need(count=12, rank=Rank.PC),
        Need(count=2, rank=Rank.SERGEANT),
        Need(count=4, skill="public-order-2"),
    )
    assert [n.label for n in needs] == ["12 PC", "2 PS", "4 public-order-2"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("PC12", "need 1 'PC12'"),
        ("PC:12,PS:two", "'two' is not a whole number"),
        ("PC:0", "at least 1"),
        ("PC:2,pc:3", "named twice"),
        (":3", "need 1"),
    ],
)
def test_bad_needs_name_the_item(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_needs(text)


def test_weekly_repeat_gives_each_occurrence() -> None:
    start = datetime(2026, 3, 3, 10, 0)
    end = datetime(2026, 3, 3, 16, 0)
    got = occurrences(start, end, "weekly:8")
    assert len(got) == 8
    assert got[-1] == (start + timedelta(weeks=7), end + timedelta(weeks=7))
    assert occurrences(start, end, None) == ((start, end),)


@pytest.mark.parametrize(
    ("repeat", "words"),
    [("monthly:3", "weekly:N"), ("weekly:0", "between 1"), ("weekly:x", "whole number")],
)
def test_bad_repeats(repeat: str, words: str) -> None:
    start = datetime(2026, 3, 3, 10, 0)
    with pytest.raises(ValueError, match=words):
        occurrences(start, start + timedelta(hours=6), repeat)


def test_an_occurrence_longer_than_its_step_is_refused() -> None:
    start = datetime(2026, 3, 3, 10, 0)
    with pytest.raises(ValueError, match="overlap"):
        occurrences(start, start + timedelta(days=2), "daily:3")
    with pytest.raises(ValueError, match="end after"):
        occurrences(start, start, None)
