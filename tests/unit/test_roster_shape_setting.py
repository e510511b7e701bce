"""A team's roster shape weights: stored, checked, audited and read by the auto-roster."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rosterapp.domain.values import ShapeWeights
from rosterapp.services.errors import InvalidInput
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.solve_problem import build
from rosterapp.services.teams import get_team, update_team_settings
from rosterapp.solver.problem import Shape
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 12, 14)


def test_shape_weights_round_trip_and_defaults(db: Database) -> None:
    small_team(db, n=2)
    team = get_team(db, "T1")
    assert team.shape_weights is None and team.shape == ShapeWeights()
    chosen = ShapeWeights(tour_mix=0, run_change=20, single_rest=3, unsocial=0, weekend_off=40)
    saved = update_team_settings(db, "T1", expected_version=team.version, shape_weights=chosen)
    assert saved.shape == chosen == get_team(db, "T1").shape
    back = update_team_settings(db, "T1", expected_version=saved.version, shape_weights=None)
    assert back.shape_weights is None and back.shape == ShapeWeights()


def test_a_weight_out_of_range_names_its_field(db: Database) -> None:
    small_team(db, n=1)
    with pytest.raises(InvalidInput) as info:
        update_team_settings(db, "T1", shape_weights=ShapeWeights(single_rest=41))
    assert info.value.field == "single_rest" and "0 to 40" in str(info.value)
    assert get_team(db, "T1").shape_weights is None  # nothing written


def test_the_auto_roster_reads_the_teams_weights(sqlite_db: Database) -> None:
    small_team(sqlite_db, n=3)
    end = MON + timedelta(days=6)
    default = build(read_grid(sqlite_db, "T1", MON, end), [], MON, end, "fill")
    assert default.problem.shape == Shape(12, 6, 10, 1, 8)
    chosen = ShapeWeights(tour_mix=30, run_change=0, single_rest=0, unsocial=5, weekend_off=1)
    update_team_settings(sqlite_db, "T1", shape_weights=chosen)
    tuned = build(read_grid(sqlite_db, "T1", MON, end), [], MON, end, "fill")
    assert tuned.problem.shape == Shape(30, 0, 0, 5, 1)
