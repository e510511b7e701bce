"""An operation's needs and repeats parsed from what the user typed."""

from __future__ import annotations

import re
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


def test_weekly_on_named_days_gives_each_day_of_each_week() -> None:
    start = datetime(2026, 3, 3, 10, 0)  # a Tuesday
    end = datetime(2026, 3, 3, 16, 0)
    got = occurrences(start, end, "weekly:8:tue,fri")  # LFR twice a week for 8 weeks
    assert len(got) == 16
    assert got[:3] == (
        (start, end),
        (datetime(2026, 3, 6, 10, 0), datetime(2026, 3, 6, 16, 0)),
        (start + timedelta(weeks=1), end + timedelta(weeks=1)),
    )
    assert got[-1] == (datetime(2026, 4, 24, 10, 0), datetime(2026, 4, 24, 16, 0))
    assert {b.strftime("%a") for b, _ in got} == {"Tue", "Fri"}
    # Written in any order, with full names or a capital: the same days.
    assert occurrences(start, end, "Weekly:8:Friday, tues") == got


def test_weekly_on_named_days_starts_on_the_first_of_them_from_the_date() -> None:
    start = datetime(2026, 3, 4, 22, 0)  # a Wednesday; the tour ends the next morning
    end = datetime(2026, 3, 5, 6, 0)
    got = occurrences(start, end, "weekly:2:tue,fri")
    assert [b.date().isoformat() for b, _ in got] == [
        "2026-03-06",
        "2026-03-10",
        "2026-03-13",
        "2026-03-17",
    ]
    assert all(e - b == timedelta(hours=8) for b, e in got)


@pytest.mark.parametrize(
    ("repeat", "words"),
    [
        ("weekly:8:tue,fry", "repeat 'weekly:8:tue,fry': 'fry' is not a day of the week"),
        ("weekly:8:tue,Tuesday", "'Tuesday' is the same day as 'tue'"),
        ("weekly:8:", "name the days after the second colon, e.g. weekly:8:tue,fri"),
        ("weekly:8:tue,,fri", "day 2 is empty"),
        ("daily:8:tue", "days of the week go with weekly only"),
        ("weekly:x:tue", "'x' is not a whole number"),
        ("weekly:8:tue:fri", "write weekly:N, weekly:N:DAYS"),
        ("weekly:0:tue", "between 1 and 104 weeks"),
        ("weekly:60:mon,tue,wed,thu,fri,sat,sun", "420 occurrences: at most 366"),
        ("weekly:8:t", "'t' is not a day of the week"),
    ],
)
def test_bad_weekday_repeats_say_which_part(repeat: str, words: str) -> None:
    start = datetime(2026, 3, 3, 10, 0)
    with pytest.raises(ValueError, match=re.escape(words)):
        occurrences(start, start + timedelta(hours=6), repeat)


def test_named_days_closer_than_the_tour_is_long_overlap() -> None:
    start = datetime(2026, 3, 3, 8, 0)
    with pytest.raises(ValueError, match="each occurrence would overlap the next"):
        occurrences(start, start + timedelta(hours=25), "weekly:2:tue,wed")
