"""`solve --apply` never overwrites a cell someone changed during the solve (issue 21,
item 2), on both databases: changed before the apply looks, and changed between the look
and the write."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from rosterapp.cli.main import run
from rosterapp.domain.grid import CellEdit
from rosterapp.services import solving
from rosterapp.services.beats import set_requirement
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2027, 1, 4)
SUN = MON + timedelta(days=6)


def _team(db: Database) -> None:
    small_team(db, n=4)
    for weekday in range(7):
        set_requirement(db, "T1", weekday=weekday, shift="E", min_count=1, beat="SOH")


def _code(url: str, member_id: int, day: date) -> str | None:
    db = Database.open(url)
    try:
        cell = read_grid(db, "T1", day, day).cell(member_id, day)
        return cell.code if cell else None
    finally:
        db.close()


def _type_sick(url: str, member_id: int, day: date) -> None:
    """Another user (own connection) types into the cell."""
    other = Database.open(url)
    try:
        set_cells(other, "T1", [CellEdit(member_id, day, "S")])
    finally:
        other.close()


def test_solve_apply_keeps_a_cell_typed_during_the_solve(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database.open(db_url)
    _team(db)
    db.close()
    real = solving.propose
    changed: list[CellEdit] = []

    def propose_then_someone_types(*args: Any, **kwargs: Any) -> solving.Proposal:
        proposal = real(*args, **kwargs)
        target = next(e for e in proposal.edits if e.code != "RD")
        _type_sick(db_url, target.member_id, target.day)
        changed.append(target)
        return proposal

    monkeypatch.setattr(solving, "propose", propose_then_someone_types)
    args = ["--db", db_url, "solve", "--team", "T1", "--from", f"{MON}", "--to", f"{SUN}"]
    assert run([*args, "--time-limit", "10", "--apply"]) == 0
    out = capsys.readouterr().out
    (target,) = changed
    assert _code(db_url, target.member_id, target.day) == "S"
    assert "KEPT" in out and "S (changed by someone else while solving)" in out


def test_a_cell_changed_between_the_look_and_the_write_is_kept(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database.open(db_url)
    _team(db)
    proposal = solving.propose(db, "T1", MON, SUN, time_limit=10)
    target = next(e for e in proposal.edits if e.code != "RD")
    real = solving._still_as_seen
    calls: list[int] = []

    def look_then_someone_types(*args: Any) -> Any:
        seen = real(*args)
        if not calls:  # the first look is stale by the time it writes
            _type_sick(db_url, target.member_id, target.day)
        calls.append(1)
        return seen

    monkeypatch.setattr(solving, "_still_as_seen", look_then_someone_types)
    applied = solving.apply_proposal(db, proposal)
    db.close()
    assert len(calls) == 2  # the write was refused whole and looked again
    assert _code(db_url, target.member_id, target.day) == "S"
    assert len(applied.kept) == 1 and "S" in applied.kept[0]
