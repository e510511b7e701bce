"""Who may change what on a shared PostgreSQL database, enforced by the server: three
logins (a sergeant of WE, HR, an inspector) are created by the test and dropped after.
Raw SQL gets the same refusals as the app. On SQLite: the file's owner is its user."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from rosterapp.domain.grid import CellEdit
from rosterapp.domain.requests import RequestKind
from rosterapp.domain.tables import Assignment, AuditEvent
from rosterapp.services.beats import update_beat
from rosterapp.services.errors import InvalidInput
from rosterapp.services.request_decisions import decide
from rosterapp.services.requests import NewRequest, add_request
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.users import identity, list_users
from rosterapp.storage import Database, DatabaseError, PermissionDenied
from tests.logins import MON, PASSWORD, Shared, server

__all__ = ["server"]  # the fixture


def _raw_refused(db: Database, sql: str, **params: object) -> str:
    with pytest.raises(sa.exc.DBAPIError) as err, db.engine.begin() as conn:
        conn.execute(sa.text(sql), params)
    assert getattr(err.value.orig, "sqlstate", None) == "42501", err.value
    return str(err.value.orig)


@pytest.mark.postgres
def test_a_sergeant_changes_their_team_and_is_refused_another_even_with_raw_sql(
    server: Shared,
) -> None:
    owner, we, ns = server.owner, server.members["WE"], server.members["NS"]
    set_cells(owner, "NS", [CellEdit(ns[1], MON, "E")])
    sgt = server.as_("sergeant")
    login = server.logins["sergeant"]
    assert identity(sgt).describe() == f"{login}, a sergeant of WE"

    set_cells(sgt, "WE", [CellEdit(we[1], MON, "L")])
    assert read_grid(sgt, "WE", MON, MON).cell(we[1], MON).code == "L"  # type: ignore[union-attr]
    with pytest.raises(PermissionDenied) as err:
        set_cells(sgt, "NS", [CellEdit(ns[1], MON, "N")])
    assert str(err.value) == (
        f"you are connected as {login}, a sergeant of WE; you may not change team NS"
    )
    assert read_grid(owner, "NS", MON, MON).cell(ns[1], MON).code == "E"  # type: ignore[union-attr]

    # Past the app: every way of writing NS's rows is refused by the server.
    ns_id, we_id = server.team_id("NS"), server.team_id("WE")
    message = _raw_refused(sgt, "UPDATE assignment SET note = 'x' WHERE team_id = :t", t=ns_id)
    assert "you may not change team NS" in message
    _raw_refused(sgt, "DELETE FROM assignment WHERE team_id = :t", t=ns_id)
    _raw_refused(sgt, "UPDATE assignment SET team_id = :we WHERE team_id = :ns", we=we_id, ns=ns_id)
    _raw_refused(sgt, "UPDATE assignment SET team_id = :ns WHERE team_id = :we", we=we_id, ns=ns_id)
    _raw_refused(
        sgt,
        "INSERT INTO assignment (member_id, team_id, day, shift_type_id, pinned, updated_at, "
        "updated_by, version) SELECT :m, :t, '2026-12-08', id, false, now(), '', 1 "
        "FROM shift_type WHERE code = 'E'",
        m=ns[2],
        t=ns_id,
    )
    _raw_refused(sgt, "UPDATE member SET phone = '1' WHERE id = :m", m=ns[2])
    # Nor onto WE's roster, nor into WE: NS's officers stay NS's.
    message = _raw_refused(
        sgt,
        "INSERT INTO assignment (member_id, team_id, day, shift_type_id, pinned, updated_at, "
        "updated_by, version) SELECT :m, :t, '2026-12-08', id, false, now(), '', 1 "
        "FROM shift_type WHERE code = 'E'",
        m=ns[2],
        t=we_id,
    )
    assert "the officer is not in team WE on 08 Dec 2026" in message
    message = _raw_refused(
        sgt,
        "INSERT INTO team_membership (member_id, team_id, start_date) "
        "VALUES (:m, :t, '2026-12-01')",
        m=ns[2],
        t=we_id,
    )
    assert "you may not change an officer of team NS" in message
    _raw_refused(sgt, "UPDATE team SET name = 'Mine now' WHERE id = :t", t=ns_id)
    _raw_refused(sgt, "INSERT INTO app_user (login, role) VALUES ('me2', 'admin')")
    _raw_refused(sgt, "DELETE FROM audit_event")
    # Turning the checks off is the owner's right only.
    _raw_refused(sgt, "ALTER TABLE assignment DISABLE ROW LEVEL SECURITY")
    with sgt.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM assignment").scalar() == 2


@pytest.mark.postgres
def test_hr_reads_everything_and_writes_nothing(server: Shared) -> None:
    we = server.members["WE"]
    set_cells(server.owner, "WE", [CellEdit(we[1], MON, "E")])
    hr = server.as_("hr")
    assert identity(hr).read_only
    assert read_grid(hr, "WE", MON, MON).cell(we[1], MON).code == "E"  # type: ignore[union-attr]
    with pytest.raises(PermissionDenied) as err:
        set_cells(hr, "WE", [CellEdit(we[1], MON, "L")])
    assert str(err.value) == (
        f"you are connected as {server.logins['hr']}, HR (read only); "
        "you may not change roster entries"
    )
    _raw_refused(hr, "UPDATE assignment SET note = 'x'")
    _raw_refused(hr, "DELETE FROM member")
    _raw_refused(
        hr, "INSERT INTO audit_event (\"user\", action, entity, at) VALUES ('x', 'y', 'z', now())"
    )


@pytest.mark.postgres
def test_the_audit_who_is_the_login_whatever_the_client_sends(
    server: Shared, monkeypatch: pytest.MonkeyPatch
) -> None:
    we = server.members["WE"]
    sgt = server.as_("sergeant")
    login = server.logins["sergeant"]
    monkeypatch.setenv("ROSTERAPP_USER", "supt.forged")
    set_cells(sgt, "WE", [CellEdit(we[1], MON, "E")])
    with sgt.engine.begin() as conn:
        conn.exec_driver_sql(
            'INSERT INTO audit_event ("user", action, entity, at, team_id) '
            f"VALUES ('supt.forged', 'raw', 'x', now(), {server.team_id('WE')})"
        )
        conn.exec_driver_sql("UPDATE assignment SET updated_by = 'supt.forged', note = 'n'")
    with sgt.engine.begin() as conn:  # a restore's way of keeping names: the owner's only
        conn.exec_driver_sql("SET LOCAL rosterapp.restoring = 'on'")
        conn.exec_driver_sql(
            'INSERT INTO audit_event ("user", action, entity, at, team_id) '
            f"VALUES ('supt.forged', 'raw', 'x', now(), {server.team_id('WE')})"
        )
    with server.owner.session() as s:
        theirs = [e for e in s.exec(select(AuditEvent)) if e.action in ("roster.set", "raw")]
        assert len(theirs) == 3 and {e.user for e in theirs} == {login}
        assert {a.updated_by for a in s.exec(select(Assignment))} == {login}


@pytest.mark.postgres
def test_a_restore_keeps_who_made_each_change(server: Shared, tmp_path: Path) -> None:
    from rosterapp.services.backups import backup, restore

    we = server.members["WE"]
    set_cells(server.as_("sergeant"), "WE", [CellEdit(we[1], MON, "E")])
    copy = backup(server.owner, tmp_path / "copy.sqlite3")
    restore(server.owner.url.render_as_string(hide_password=False), copy)
    with server.owner.session() as s:
        events = [e for e in s.exec(select(AuditEvent)) if e.action == "roster.set"]
        assert [e.user for e in events] == [server.logins["sergeant"]]
        assert [a.updated_by for a in s.exec(select(Assignment))] == [server.logins["sergeant"]]


@pytest.mark.postgres
def test_an_inspector_decides_any_teams_request_but_edits_no_beats(server: Shared) -> None:
    owner = server.owner
    ns = server.members["NS"]
    with owner.engine.connect() as conn:
        shoulder = str(
            conn.execute(
                sa.text("SELECT shoulder_number FROM member WHERE id = :m"), {"m": ns[2]}
            ).scalar_one()
        )
    asked = add_request(owner, NewRequest(shoulder, RequestKind.LEAVE, MON, MON))
    insp = server.as_("inspector")
    set_cells(owner, "NS", [CellEdit(ns[2], MON, "E")])  # approving the leave clears it
    decided = decide(insp, asked.id, approve=True, override_reason="cover is fine")
    assert decided.request.decided_by == server.logins["inspector"]
    assert decided.absence is not None
    cell = read_grid(insp, "NS", MON, MON).cell(ns[2], MON)
    assert cell is not None and cell.code == "AL" and cell.from_absence
    with insp.engine.connect() as conn:
        beat_id = conn.exec_driver_sql(
            "SELECT min(b.id) FROM beat b JOIN team t ON t.id = b.team_id WHERE t.code = 'NS'"
        ).scalar()
    from rosterapp.services.beats import BeatInput

    with pytest.raises(PermissionDenied, match="an inspector of every team; you may not change"):
        update_beat(insp, "NS", int(beat_id or 0), BeatInput("SOH", "Soho again"))


@pytest.mark.postgres
def test_only_an_administrator_manages_users(
    server: Shared, capsys: pytest.CaptureFixture[str]
) -> None:
    from rosterapp.cli.main import run

    logins = server.logins
    sgt = server.as_("sergeant")
    with pytest.raises(PermissionDenied, match="only an administrator may manage users"):
        list_users(sgt)
    rows = {u.login: u for u in list_users(server.owner)}
    assert rows[logins["sergeant"]].teams == ("WE",) and rows[logins["hr"]].role == "hr"

    sgt_url = sgt.url.render_as_string(hide_password=False)
    assert run(["--db", sgt_url, "users", "remove", logins["hr"]]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "only an administrator may manage users" in err


def test_users_are_for_a_shared_database_not_a_sqlite_file(sqlite_db: Database) -> None:
    with pytest.raises(InvalidInput, match="is a SQLite file, which has one user"):
        list_users(sqlite_db)


@pytest.mark.skipif(os.name != "posix", reason="file owners are POSIX uids")
def test_a_sqlite_file_of_another_user_is_refused_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "theirs.sqlite3"
    Database.open(str(path)).close()
    real = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real + 1)
    with pytest.raises(DatabaseError, match=r"belongs to .*one person's: ask .* for a backup"):
        Database.open(str(path))


@pytest.mark.postgres
def test_a_sergeant_does_a_weeks_work_for_their_own_team(server: Shared) -> None:
    """Everything a sergeant does for their team goes through, as their own login."""
    from datetime import timedelta

    from rosterapp.domain.enums import AbsenceKind, Rank
    from rosterapp.services.absences import record_absence
    from rosterapp.services.beats import BeatInput, create_beat
    from rosterapp.services.briefing_items import add_item
    from rosterapp.services.members import MemberInput, create_member, transfer_member
    from rosterapp.services.periods import list_changes, publish_period
    from rosterapp.services.teams import update_team_settings

    sgt = server.as_("sergeant")
    we = server.members["WE"]
    new = create_member(
        sgt,
        "WE",
        MemberInput(
            shoulder_number="777WE",
            staff_number="9777",
            first_name="Priya",
            last_name="Shah",
            rank=Rank.PC,
            start_date=date(2026, 1, 1),
        ),
    )
    record_absence(sgt, new.shoulder_number, AbsenceKind.ANNUAL_LEAVE, MON, MON)
    create_beat(sgt, "WE", BeatInput("COV", "Covent Garden"))
    add_item(sgt, "WE", MON, MON, "Market day")
    update_team_settings(sgt, "WE", leave_threshold_pct=25)
    set_cells(sgt, "WE", [CellEdit(we[1], MON + timedelta(days=1), "E")])
    publish_period(sgt, "WE", MON, MON + timedelta(days=6))
    set_cells(sgt, "WE", [CellEdit(we[1], MON + timedelta(days=1), "L")])
    assert len(list_changes(sgt, "WE", MON, MON + timedelta(days=6))) == 1
    asked = add_request(sgt, NewRequest("102WE", RequestKind.LEAVE, MON + timedelta(days=3)))
    decide(sgt, asked.id, approve=True)
    # Handing an officer to another team needs a login that writes that team too.
    with pytest.raises(PermissionDenied, match="a sergeant of WE; you may not change team NS"):
        transfer_member(sgt, new.shoulder_number, "NS", MON + timedelta(days=7))
    with pytest.raises(PermissionDenied, match="you may not change an officer of team NS"):
        record_absence(sgt, "101NS", AbsenceKind.ANNUAL_LEAVE, MON, MON)


@pytest.mark.postgres
def test_a_restore_by_anyone_but_the_owner_is_one_plain_line(
    server: Shared, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rosterapp.cli.main import run
    from rosterapp.services.backups import backup

    copy = backup(server.owner, tmp_path / "copy.sqlite3")
    url = server.as_("hr").url.render_as_string(hide_password=False)
    assert run(["--db", url, "restore", str(copy)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("rosterapp: ") and "\n" not in err, err
    assert "permission denied" in err or "you may not change" in err, err
    assert "SELECT" not in err and "DELETE" not in err and "unexpected" not in err, err


@pytest.mark.postgres
def test_a_login_without_a_rosterapp_role_is_told_to_ask_an_administrator(
    server: Shared,
) -> None:
    login = f"{server.owner.url.database}_nobody"
    with server.owner.engine.begin() as conn:
        conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
        conn.exec_driver_sql(f"CREATE ROLE \"{login}\" LOGIN PASSWORD '{PASSWORD}'")
    try:
        url = server.owner.url.set(username=login, password=PASSWORD)
        with pytest.raises(PermissionDenied, match=f"as {login}, who is not a rosterapp user"):
            Database.open(url.render_as_string(hide_password=False))
        # As on a server left as installed, where everyone may look into the schema.
        with server.owner.engine.begin() as conn:
            conn.exec_driver_sql("GRANT USAGE ON SCHEMA public TO PUBLIC")
        with pytest.raises(PermissionDenied, match=f"as {login}, who is not a rosterapp user"):
            Database.open(url.render_as_string(hide_password=False))
    finally:
        with server.owner.engine.begin() as conn:
            conn.exec_driver_sql(f'DROP ROLE "{login}"')


@pytest.mark.postgres
def test_a_temporary_table_does_not_make_a_sergeant_an_administrator(server: Shared) -> None:
    """Temporary tables come first in PostgreSQL's default search path: the checks
    must read rosterapp's own register, not one a login made for itself."""
    sgt = server.as_("sergeant")
    login, ns_id = server.logins["sergeant"], server.team_id("NS")
    with pytest.raises(sa.exc.DBAPIError) as err, sgt.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TEMP TABLE app_user (login text, role text)")
        conn.exec_driver_sql(f"INSERT INTO app_user VALUES ('{login}', 'admin')")
        conn.exec_driver_sql("CREATE TEMP TABLE team_supervisor (login text, team_id int)")
        conn.exec_driver_sql(f"INSERT INTO team_supervisor VALUES ('{login}', {ns_id})")
        conn.exec_driver_sql(f"UPDATE team SET name = 'Taken' WHERE id = {ns_id}")
    assert getattr(err.value.orig, "sqlstate", None) == "42501"


@pytest.mark.postgres
def test_revision_0014_goes_down_and_up_again(pg_url: str) -> None:
    from alembic import command

    from rosterapp.storage.migrate import alembic_config, current_revision

    def counts(db: Database) -> tuple[int, int]:
        with db.engine.connect() as conn:
            policies = conn.exec_driver_sql("SELECT count(*) FROM pg_policies").scalar()
            forced = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_class WHERE relforcerowsecurity"
            ).scalar()
        return int(policies or 0), int(forced or 0)

    db = Database.open(pg_url)
    assert counts(db) == (4 * 17, 17)
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
    assert current_revision(db) == "0010" and counts(db) == (0, 0)
    db.close()
    db = Database.open(pg_url)
    assert counts(db) == (4 * 17, 17)
    db.close()


@pytest.mark.postgres
def test_toil_and_operations_follow_the_same_boundaries(server: Shared) -> None:
    """TOIL belongs to the member's team; an operation is planned by an inspector and
    a sergeant allocates only their own officers (revision 0017)."""
    from datetime import datetime

    from rosterapp.services.operation_allocation import allocate
    from rosterapp.services.operations import NewOperation, add_operation
    from rosterapp.services.toil import add_toil

    we, ns = server.members["WE"], server.members["NS"]
    sergeant, inspector, hr = server.as_("sergeant"), server.as_("inspector"), server.as_("hr")
    sn = {mid: sn for mid, sn in _shoulders(server.owner).items()}
    assert add_toil(sergeant, sn[we[1]], MON, 2.0, "kept on at an arrest").hours == 2.0
    with pytest.raises(PermissionDenied):
        add_toil(sergeant, sn[ns[1]], MON, 2.0, "another team's officer")
    with pytest.raises(PermissionDenied):
        add_toil(hr, sn[we[1]], MON, 1.0, "HR writes nothing")
    with server.owner.engine.connect() as conn:
        who = conn.exec_driver_sql("SELECT recorded_by FROM toil_entry").scalars().all()
    assert who == [server.logins["sergeant"]]
    plan = NewOperation(
        "Carnival",
        "central-aid",
        datetime(2026, 12, 9, 8),
        datetime(2026, 12, 9, 18),
        "PC:2",
        teams="WE,NS",
    )
    with pytest.raises(PermissionDenied):
        add_operation(sergeant, plan)
    added = add_operation(inspector, plan).operation
    occ = added.occurrences[0].id
    change = allocate(sergeant, added.id, occ, [sn[we[1]]])
    assert change.allocated and change.shoulder_numbers == (sn[we[1]],)
    with pytest.raises(PermissionDenied):
        allocate(sergeant, added.id, occ, [sn[ns[1]]])


def _shoulders(db: Database) -> dict[int, str]:
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, shoulder_number FROM member").all()
    return {int(i): str(s) for i, s in rows}
