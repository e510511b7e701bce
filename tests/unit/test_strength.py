"""Establishment and strength, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rosterapp.domain.enums import Rank
from rosterapp.services.errors import InvalidInput, NotFound
from rosterapp.services.establishment import list_establishment, remove_posts, set_posts
from rosterapp.services.leavers import end_member
from rosterapp.services.members import MemberInput, create_member, transfer_member
from rosterapp.services.strength import team_strength, vacancies
from rosterapp.storage import Database
from tests.factories import small_team


def _pc(db: Database, team: str, sn: str, start: date) -> None:
    create_member(
        db,
        team,
        MemberInput(
            shoulder_number=sn,
            staff_number=f"S{sn}",
            first_name="Nnamdi",
            last_name="Okafor",
            rank=Rank.PC,
            start_date=start,
        ),
    )


def test_growth_is_planned_as_a_later_line(db: Database) -> None:
    small_team(db, "T1", 3)  # a sergeant and two PCs since 2020
    set_posts(db, "T1", Rank.PC, 2, date(2026, 1, 1))
    set_posts(db, "T1", Rank.PC, 4, date(2027, 3, 1), note="expansion")
    set_posts(db, "T1", Rank.SERGEANT, 1, date(2026, 1, 1))
    before = team_strength(db, "T1", date(2027, 2, 28))[0]
    after = team_strength(db, "T1", date(2027, 3, 1))[0]
    assert before.rank(Rank.PC).establishment == 2  # type: ignore[union-attr]
    assert before.vacancies == 0
    assert after.rank(Rank.PC).establishment == 4  # type: ignore[union-attr]
    assert after.rank(Rank.PC).vacancies == 2  # type: ignore[union-attr]
    assert (after.establishment, after.strength, after.vacancies) == (5, 3, 2)
    lines = list_establishment(db, "T1")
    assert [(ln.rank, ln.posts, ln.note) for ln in lines if ln.rank is Rank.PC] == [
        (Rank.PC, 2, None),
        (Rank.PC, 4, "expansion"),
    ]
    # Setting the same day again replaces it; taking it back restores the earlier line.
    set_posts(db, "T1", Rank.PC, 5, date(2027, 3, 1))
    assert len(list_establishment(db, "T1")) == 3
    remove_posts(db, "T1", Rank.PC, date(2027, 3, 1))
    assert team_strength(db, "T1", date(2027, 6, 1))[0].rank(Rank.PC).establishment == 2  # type: ignore[union-attr]


def test_strength_follows_joiners_transfers_and_leavers(db: Database) -> None:
    members = small_team(db, "T1", 3)
    small_team(db, "T2", 0)
    _pc(db, "T1", "500T1", date(2027, 1, 11))  # booked in advance
    transfer_member(db, members[2].shoulder_number, "T2", date(2027, 2, 1))
    end_member(db, "T1", members[1].shoulder_number, date(2027, 1, 31))
    on = date(2027, 1, 4)
    t1 = team_strength(db, "T1", on)[0]
    assert t1.strength == 3  # the joiner is not yet in
    assert [a.shoulder_number for a in t1.joining] == ["500T1"]
    assert {a.shoulder_number: a.day for a in t1.leaving} == {
        members[1].shoulder_number: date(2027, 1, 31),
        members[2].shoulder_number: date(2027, 1, 31),
    }
    assert team_strength(db, "T1", date(2027, 1, 11))[0].strength == 4
    feb = {t.team_code: t.strength for t in team_strength(db, None, date(2027, 2, 1))}
    assert feb == {"T1": 2, "T2": 1}  # a transfer moves one person: nobody counted twice


def test_vacancies_by_rank_and_month(db: Database) -> None:
    small_team(db, "T1", 3)
    set_posts(db, "T1", Rank.PC, 3, date(2026, 1, 1))
    _pc(db, "T1", "500T1", date(2027, 2, 15))
    table = vacancies(db, "T1", date(2027, 1, 1), 3)
    assert table.months == (date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1))
    pcs = table.by_rank[Rank.PC]
    assert [r.vacancies for r in pcs] == [1, 1, 0]
    assert [r.establishment for r in table.by_rank[Rank.SERGEANT]] == [None, None, None]


def test_bad_establishment_input_is_refused(db: Database) -> None:
    small_team(db, "T1", 1)
    with pytest.raises(InvalidInput, match="whole number from 0"):
        set_posts(db, "T1", Rank.PC, -1, date(2027, 1, 1))
    with pytest.raises(NotFound, match="no team 'NOPE'"):
        set_posts(db, "NOPE", Rank.PC, 1, date(2027, 1, 1))
    with pytest.raises(NotFound, match="no establishment for PC"):
        remove_posts(db, "T1", Rank.PC, date(2027, 1, 1))
    with pytest.raises(InvalidInput, match="1 to 36 months"):
        vacancies(db, "T1", date(2027, 1, 1), 0)
    assert list_establishment(db, "T1") == []


def test_demo_teams_carry_the_seed_figures(demo_db: Database) -> None:
    from rosterapp.services.demo_establishment import growth_month
    from tests.conftest import DEMO_START

    grows = growth_month(DEMO_START - timedelta(days=7))  # the demo starts a week before
    we_now = team_strength(demo_db, "WE", DEMO_START)[0]
    we_later = team_strength(demo_db, "WE", grows)[0]
    assert we_now.rank(Rank.PC).establishment == 160  # type: ignore[union-attr]
    assert we_later.rank(Rank.PC).establishment == 240  # type: ignore[union-attr]
    assert we_later.vacancies and we_later.vacancies > 70
    assert we_now.joining  # officers arriving during the demo weeks
    every = team_strength(demo_db, None, DEMO_START)
    assert all(t.establishment for t in every)
