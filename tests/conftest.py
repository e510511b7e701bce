"""Shared fixtures: a fresh database on SQLite always, and on PostgreSQL when
ROSTERAPP_TEST_PG_URL is set. Every PostgreSQL test carries the `postgres` marker;
in CI (CI=true) a missing server fails those tests, it does not skip them."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ENV = "ROSTERAPP_TEST_PG_URL"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Backups, logs and the default database go to a temporary folder, never $HOME."""
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "docs"))
    monkeypatch.setenv("ROSTERAPP_USER", "sgt.tester")
    monkeypatch.delenv("ROSTERAPP_DB", raising=False)
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:
        # Qt reads XDG_CONFIG_HOME once per process: without this every window in the
        # run would share the first test's QSettings (weeks shown, dock layout...).
        for fmt in (qtcore.QSettings.Format.NativeFormat, qtcore.QSettings.Format.IniFormat):
            qtcore.QSettings.setPath(fmt, qtcore.QSettings.Scope.UserScope, str(home / "config"))


def reset_postgres(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def in_ci() -> bool:
    """CI services set CI=true (some set 1); an empty value or "false" is a local run."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def postgres_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if in_ci():
            pytest.fail(f"{PG_ENV} is not set: CI must run the PostgreSQL tests", pytrace=False)
        pytest.skip(f"{PG_ENV} not set (PostgreSQL tests run in CI)")
    return url


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Checked before any fixture runs, whichever way the test reaches its database: a
    # test marked `postgres` never passes without a server, and in CI it fails.
    if item.get_closest_marker("postgres"):
        postgres_url()


@pytest.fixture
def pg_url() -> str:
    """An empty PostgreSQL database, for tests marked `postgres`."""
    url = postgres_url()
    reset_postgres(url)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "roster.sqlite3")
    url = postgres_url()
    reset_postgres(url)
    return url


@pytest.fixture
def db(db_url: str) -> Iterator[object]:
    from rosterapp.storage import Database

    database = Database.open(db_url)
    yield database
    database.close()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[object]:
    from rosterapp.storage import Database

    database = Database.open(str(tmp_path / "roster.sqlite3"))
    yield database
    database.close()


DEMO_START = date(2026, 11, 23)  # demo weeks: 16 Nov – 13 Dec 2026


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database built once, copied by tests that change it."""
    from rosterapp.services.demo import build_demo
    from rosterapp.storage import Database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = Database.open(str(path))
    build_demo(database, seed=1, start=DEMO_START)
    database.close()
    return path


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> Iterator[object]:
    import shutil

    from rosterapp.storage import Database

    target = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, target)
    database = Database.open(str(target))
    yield database
    database.close()
