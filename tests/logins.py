"""A shared PostgreSQL database with two teams (WE, NS) and three logins of the
server, created for a test and dropped after it: a sergeant of WE, HR and an inspector."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import pytest
import sqlalchemy as sa

from rosterapp.services.errors import NotFound
from rosterapp.services.users import add_user, remove_user
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 12, 7)
PASSWORD = "correct horse battery"


@dataclass
class Shared:
    owner: Database
    logins: dict[str, str]
    members: dict[str, list[int]]
    opened: list[Database] = field(default_factory=list)

    def as_(self, role: str) -> Database:
        url = self.owner.url.set(username=self.logins[role], password=PASSWORD)
        db = Database.open(url.render_as_string(hide_password=False))
        self.opened.append(db)
        return db

    def team_id(self, code: str) -> int:
        with self.owner.engine.connect() as conn:
            return int(
                conn.execute(
                    sa.text("SELECT id FROM team WHERE code = :c"), {"c": code}
                ).scalar_one()
            )


def _drop_logins(owner: Database, logins: list[str]) -> None:
    with owner.engine.begin() as conn:
        for login in logins:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')


@pytest.fixture
def server(pg_url: str) -> Iterator[Shared]:
    owner = Database.open(pg_url)
    members = {code: [m.id for m in small_team(owner, code)] for code in ("WE", "NS")}
    # Logins are the server's, shared by its databases: named after this one,
    # role first, since names starting "rosterapp_" are reserved for the app's
    # own group roles (and CI's database is called rosterapp_test).
    base = str(owner.url.database)
    logins = {role: f"{role}_{base}" for role in ("sergeant", "hr", "inspector")}
    state = Shared(owner, logins, {k: [int(i or 0) for i in v] for k, v in members.items()})
    try:
        _drop_logins(owner, list(logins.values()))  # left by a run that was killed
        add_user(owner, logins["sergeant"], "sergeant", ["WE"], PASSWORD)
        add_user(owner, logins["hr"], "hr", [], PASSWORD)
        add_user(owner, logins["inspector"], "inspector", [], PASSWORD)
        yield state
    finally:
        for db in state.opened:
            db.close()
        for login in logins.values():
            with contextlib.suppress(NotFound):  # the set-up stopped before adding it
                remove_user(owner, login)
        owner.close()
