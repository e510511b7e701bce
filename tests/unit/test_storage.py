from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from rosterapp.domain.enums import Rank
from rosterapp.domain.tables import Assignment, AuditEvent, Member
from rosterapp.storage import Database, DatabaseError
from rosterapp.storage.migrate import current_revision, head_revision, upgrade
from tests.factories import small_team


def test_new_sqlite_file_is_private_and_configured(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = Database.open(str(path))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    assert current_revision(db) == head_revision()
    db.close()


def test_env_var_chooses_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env.sqlite3"
    monkeypatch.setenv("ROSTERAPP_DB", str(path))
    Database.open().close()
    assert path.exists()


def test_schema_at_head_on_every_database(db: Database) -> None:
    assert current_revision(db) == head_revision()
    small_team(db)
    with db.session() as s:
        assert len(s.exec(select(Member)).all()) == 3


def test_enums_are_stored_as_their_values(db: Database) -> None:
    small_team(db)
    with db.engine.connect() as conn:
        ranks = {r for (r,) in conn.exec_driver_sql("SELECT rank FROM member")}
    assert ranks == {"sergeant", "pc"}


def test_instants_come_back_in_utc_and_naive_ones_are_refused(db: Database) -> None:
    with db.session(write=True) as s:
        s.add(
            AuditEvent(user="x", action="t", entity="t", at=datetime(2026, 7, 1, 12, 0, tzinfo=UTC))
        )
    with db.session() as s:
        event = s.exec(select(AuditEvent)).one()
        assert event.at == datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
        assert event.at.tzinfo is not None
    with pytest.raises(sa.exc.StatementError), db.session(write=True) as s:
        s.add(AuditEvent(user="x", action="t", entity="t", at=datetime(2026, 7, 1, 12, 0)))
        s.flush()


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(sa.exc.IntegrityError), db.session(write=True) as s:
        s.add(Assignment(member_id=999, team_id=999, day=date(2026, 1, 1), shift_type_id=999))
        s.flush()


def test_stale_write_is_refused_by_the_version_column(db: Database) -> None:
    from sqlalchemy.orm.exc import StaleDataError
    from sqlmodel import Session

    members = small_team(db)
    with Session(db.engine, expire_on_commit=False) as session:
        mine = session.get(Member, members[0].id)
        assert mine is not None
        session.commit()  # the user has read the row; the transaction is over
        with db.engine.begin() as conn:  # someone else saves first
            conn.exec_driver_sql(
                f"UPDATE member SET version = version + 1 WHERE id = {members[0].id}"
            )
        mine.first_name = "Changed"
        with pytest.raises(StaleDataError):
            session.flush()
        session.rollback()


def test_migration_from_previous_revision_keeps_every_row(db_url: str) -> None:
    """Upgrade 0001 → head with data in every table a batch migration recreates."""
    from rosterapp.storage.engine import make_engine, resolve_url

    url = resolve_url(db_url)
    engine = make_engine(url)
    old = Database(url, engine)
    upgrade(old, "0001")
    assert current_revision(old) == "0001"
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO team (code, name, borough, protective_marking, show_absence_reason, "
            "leave_threshold_pct, abstraction_threshold_pct, contract_hours_tolerance, version) "
            "VALUES ('WE', 'West End', 'Westminster', 'OFFICIAL-SENSITIVE', true, 20, 5, 8, 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO member (shoulder_number, staff_number, first_name, last_name, rank, "
            "role, contracted_hours, wtr_opt_out, active, version) VALUES "
            "('1234CW', '700001', 'Łukasz', 'Wójcik', 'pc', 'DWO', 40, false, true, 1)"
        )
        conn.exec_driver_sql(
            'INSERT INTO shift_type (code, name, kind, start, "end", refreshment_minutes, '
            "colour, sort_order, version) VALUES ('E', 'Early', 'duty', '07:00:00', "
            "'15:00:00', 45, '#ffffff', 0, 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO member_skill (member_id, skill) SELECT id, 'taser' FROM member"
        )
        conn.exec_driver_sql(
            "INSERT INTO team_membership (member_id, team_id, start_date) "
            "SELECT m.id, t.id, '2026-01-01' FROM member m, team t"
        )
        conn.exec_driver_sql(
            "INSERT INTO assignment (member_id, team_id, day, shift_type_id, pinned, "
            "updated_at, updated_by, version) SELECT m.id, t.id, '2026-12-07', s.id, false, "
            "'2026-11-01 10:00:00', 'x', 1 FROM member m, team t, shift_type s"
        )
    engine.dispose()
    new = Database.open(db_url)
    assert current_revision(new) == head_revision()
    with new.engine.connect() as conn:
        for table in ("member", "member_skill", "team_membership", "assignment"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 1, table
        assert conn.exec_driver_sql("SELECT first_name FROM member").scalar() == "Łukasz"
        assert conn.exec_driver_sql("SELECT call_sign FROM member").scalar() is None
    new.close()


def test_sqlite_migration_takes_a_backup_first(tmp_path: Path) -> None:
    from rosterapp import paths
    from rosterapp.storage.engine import make_engine, resolve_url

    path = tmp_path / "old.sqlite3"
    url = resolve_url(str(path))
    old = Database(url, make_engine(url))
    upgrade(old, "0001")
    old.close()
    Database.open(str(path)).close()
    backups = list(paths.backup_dir().glob("before-migration-0001-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    Database.open(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version"):
        Database.open(str(path))
    assert path.read_bytes() == before


def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="cannot open"):
        Database.open("postgresql://nobody:secret@127.0.0.1:1/none")


def test_unsupported_url_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="unsupported"):
        Database.open("mysql://x@localhost/db")


def test_password_hidden_in_display_name(tmp_path: Path) -> None:
    from rosterapp.storage.engine import make_engine, resolve_url

    url = resolve_url("postgresql://sgt:secret@db.example/roster")
    assert "secret" not in Database(url, make_engine(url)).display_name


def test_ranks_parse_from_what_people_type() -> None:
    assert Rank.parse("Police Constable") is Rank.PC
    assert Rank.parse(" PCSO ") is Rank.PCSO
    assert Rank.parse("Special Constable") is Rank.SPECIAL
    with pytest.raises(ValueError, match="unknown rank 'Chief'"):
        Rank.parse("Chief")


def test_head_constant_matches_the_migration_scripts() -> None:
    from rosterapp.storage.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION
