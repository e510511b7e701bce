"""Who may do what on a shared PostgreSQL database: each person's own login, with a
role (sergeant of some teams, inspector, HR, administrator) that the server enforces
(GRANTs to group roles, row-level security; see migration 0014).

A SQLite file has one user, its owner: none of this applies there."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from rosterapp.services.errors import InvalidInput, NotFound
from rosterapp.storage import Database, PermissionDenied

ROLES = ("sergeant", "inspector", "hr", "admin")
ROLE_WORDS = {
    "sergeant": "a sergeant",
    "inspector": "an inspector",
    "hr": "HR (read only)",
    "admin": "an administrator",
}
# Lower case only: PostgreSQL folds unquoted names, and a login typed in psql or a
# connection URL must be the same name.
_LOGIN = re.compile(r"[a-z_][a-z0-9_.-]{0,62}")
_SCRAM_ITERATIONS = 4096


def group_role(role: str) -> str:
    return f"rosterapp_{role}"


@dataclass(frozen=True, slots=True)
class Identity:
    """The connected login and what it may change. On SQLite: the file's owner, who may
    change everything (`login` is the OS user, `role` None)."""

    login: str
    role: str | None
    teams: tuple[str, ...] = ()
    shared: bool = False  # a PostgreSQL database, where the server enforces the role

    @property
    def read_only(self) -> bool:
        return self.shared and self.role not in ("sergeant", "inspector", "admin")

    def may_change_team(self, team_code: str) -> bool:
        """Edits a team's roster, members, beats and settings."""
        if not self.shared or self.role == "admin":
            return True
        return self.role == "sergeant" and team_code in self.teams

    def may_decide(self, team_code: str) -> bool:
        """Decides a team's requests."""
        if self.may_change_team(team_code):
            return True
        return self.role == "inspector" and (not self.teams or team_code in self.teams)

    def describe(self) -> str:
        """ "alice, a sergeant of WE" — what the status bar and refusals say."""
        if not self.shared:
            return self.login
        if self.role is None:
            return f"{self.login}, who is not a rosterapp user"
        words = ROLE_WORDS[self.role]
        if self.role == "sergeant":
            words += " of " + (", ".join(self.teams) or "no team")
        elif self.role == "inspector":
            words += " of " + (", ".join(self.teams) or "every team")
        return f"{self.login}, {words}"


@dataclass(frozen=True, slots=True)
class UserInfo:
    login: str
    role: str
    teams: tuple[str, ...]
    can_log_in: bool
    created_at: datetime | None = None
    created_by: str = ""


def identity(db: Database) -> Identity:
    """Who this connection is, read from the server (one query)."""
    if db.is_sqlite:
        from rosterapp import paths

        return Identity(paths.current_user(), None)
    with db.session() as s:
        login = str(s.connection().exec_driver_sql("SELECT current_user").scalar())
        row = s.connection().execute(
            sa.text("SELECT role FROM app_user WHERE login = :login"), {"login": login}
        )
        found = row.first()
        return Identity(login, found[0] if found else None, _teams_of(s, login), shared=True)


def _teams_of(s: Session, login: str) -> tuple[str, ...]:
    rows = s.connection().execute(
        sa.text(
            "SELECT t.code FROM team_supervisor ts JOIN team t ON t.id = ts.team_id "
            "WHERE ts.login = :login ORDER BY t.code"
        ),
        {"login": login},
    )
    return tuple(str(code) for (code,) in rows)


def _require_admin(db: Database) -> Identity:
    if db.is_sqlite:
        raise InvalidInput(
            f"{db.display_name} is a SQLite file, which has one user (its owner): users "
            "are managed on a shared PostgreSQL database (--db postgresql://...)"
        )
    me = identity(db)
    if me.role != "admin":
        raise PermissionDenied(
            f"you are connected as {me.describe()}; only an administrator may manage users"
        )
    return me


def list_users(db: Database) -> list[UserInfo]:
    """Every login in the register, with its teams and whether it can log in."""
    _require_admin(db)
    with db.session() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT u.login, u.role, u.created_at, u.created_by, coalesce(r.rolcanlogin, false) "
            "FROM app_user u LEFT JOIN pg_roles r ON r.rolname = u.login ORDER BY u.login"
        )
        return [
            UserInfo(login, role, _teams_of(s, login), bool(can), at, by or "")
            for login, role, at, by, can in rows.all()
        ]


def read_password_file(path: Path) -> str:
    """The password is the file's first line (a file, not an argument: arguments show
    in the process list and the shell's history)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"password file {path} does not exist", field="password_file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"cannot read password file {path}: {exc}", field="password_file"
        ) from exc
    lines = text.splitlines()
    password = lines[0] if lines else ""
    if len(password) < 8:
        raise InvalidInput(
            f"the password in {path} is shorter than 8 characters", field="password_file"
        )
    return password


def scram_verifier(password: str, *, salt: bytes | None = None) -> str:
    """PostgreSQL's SCRAM-SHA-256 verifier: the server stores it as given, so the
    password itself never reaches the server (nor its statement log)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, _SCRAM_ITERATIONS)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode("ascii")

    return f"SCRAM-SHA-256${_SCRAM_ITERATIONS}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def _check_login(login: str) -> str:
    if not _LOGIN.fullmatch(login):
        raise InvalidInput(
            f"'{login}' is not a login name: use up to 63 lower-case letters, digits, "
            "'_', '.' or '-', starting with a letter or '_'",
            field="login",
        )
    if login.startswith(("pg_", "rosterapp_")):
        raise InvalidInput(f"login names may not start with {login.split('_')[0]}_", field="login")
    return login


def _team_ids(s: Session, codes: list[str]) -> list[int]:
    ids = []
    for code in codes:
        found = s.connection().execute(
            sa.text("SELECT id FROM team WHERE code = :code"), {"code": code}
        )
        row = found.first()
        if row is None:
            raise NotFound(f"no team with code {code}", field="team")
        ids.append(int(row[0]))
    return ids


def add_user(
    db: Database, login: str, role: str, teams: list[str], password: str | None
) -> UserInfo:
    """Create (or, without a password, adopt an existing) login with a role, in one
    transaction: the server's role, its group, the register and the supervised teams."""
    _check_login(login)
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}", field="role")
    if teams and role not in ("sergeant", "inspector"):
        raise InvalidInput(f"--team is for sergeants and inspectors, not {role}", field="team")
    if role == "sergeant" and not teams:
        raise InvalidInput("a sergeant needs the teams they supervise (--team CODE)", field="team")
    me = _require_admin(db)
    try:
        with db.session(write=True) as s:
            conn = s.connection()
            _create_login(conn, me, login, role, password)
            conn.execute(
                sa.text("INSERT INTO app_user (login, role) VALUES (:login, :role)"),
                {"login": login, "role": role},
            )
            for team_id in _team_ids(s, teams):
                conn.execute(
                    sa.text("INSERT INTO team_supervisor (login, team_id) VALUES (:l, :t)"),
                    {"l": login, "t": team_id},
                )
    except sa.exc.IntegrityError:
        raise InvalidInput(f"{login} is already a rosterapp user", field="login") from None
    return next(u for u in list_users(db) if u.login == login)


def _create_login(
    conn: sa.Connection, me: Identity, login: str, role: str, password: str | None
) -> None:
    exists = conn.execute(
        sa.text("SELECT rolsuper FROM pg_roles WHERE rolname = :login"), {"login": login}
    ).first()
    if exists is not None and exists[0]:
        raise InvalidInput(f"{login} is a superuser of the server, not a rosterapp user")
    if exists is None and password is None:
        raise InvalidInput(
            f"{login} is not a login of the server yet: give its password (--password-file)",
            field="password_file",
        )
    may = conn.exec_driver_sql(
        "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user"
    ).scalar()
    if not may:
        raise PermissionDenied(
            f"you are connected as {me.describe()}, but the server does not let "
            f"{me.login} create logins: its owner must run ALTER ROLE {me.login} CREATEROLE"
        )
    name = _quoted(conn, login)
    # An administrator creates logins too; PostgreSQL calls that right CREATEROLE.
    extra = " CREATEROLE" if role == "admin" else ""
    if exists is None:
        assert password is not None
        verifier = _literal(conn, scram_verifier(password))
        conn.exec_driver_sql(f"CREATE ROLE {name} LOGIN{extra} PASSWORD {verifier}")
    elif password is not None:
        verifier = _literal(conn, scram_verifier(password))
        conn.exec_driver_sql(f"ALTER ROLE {name} LOGIN{extra} PASSWORD {verifier}")
    if role == "admin":
        # WITH ADMIN OPTION: PostgreSQL 16 on lets a CREATEROLE login grant only those.
        groups = ", ".join(group_role(r) for r in ROLES)
        conn.exec_driver_sql(f"GRANT {groups} TO {name} WITH ADMIN OPTION")
    else:
        conn.exec_driver_sql(f"GRANT {group_role(role)} TO {name}")


def _quoted(conn: sa.Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _literal(conn: sa.Connection, text: str) -> str:
    # DDL takes no parameters; the verifier is base64 and '$', so quoting is plain.
    assert "'" not in text and "\\" not in text
    return f"'{text}'"


def remove_user(db: Database, login: str) -> bool:
    """Take a login out of the register and drop it from the server. False when the
    server kept the login (it owns objects elsewhere): it can no longer log in."""
    me = _require_admin(db)
    if login == me.login:
        raise InvalidInput("you cannot remove the login you are connected as", field="login")
    with db.session(write=True) as s:
        conn = s.connection()
        gone = conn.execute(
            sa.text("DELETE FROM app_user WHERE login = :login RETURNING role"), {"login": login}
        ).first()
        if gone is None:
            raise NotFound(f"{login} is not a rosterapp user", field="login")
        name = _quoted(conn, login)
        groups = ROLES if gone[0] == "admin" else (str(gone[0]),)
        conn.exec_driver_sql(f"REVOKE {', '.join(group_role(r) for r in groups)} FROM {name}")
        try:
            with conn.begin_nested():
                conn.exec_driver_sql(f"DROP ROLE {name}")
            return True
        except DBAPIError:
            conn.exec_driver_sql(f"ALTER ROLE {name} NOLOGIN")
            return False
