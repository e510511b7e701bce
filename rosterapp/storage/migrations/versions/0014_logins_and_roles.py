"""logins, roles and row-level security (PostgreSQL only)

Every person connects as their own login. Adds the register of logins (app_user) and
the teams each supervises (team_supervisor), the group roles that carry the table
privileges (rosterapp_sergeant, _inspector, _hr, _admin), row-level security and guard
triggers that confine writes to the teams a login may change, and triggers that write
the audit trail's "who" from session_user, whatever the client sends. The login that
runs this revision (the tables' owner) is the first administrator. The register is
not roster data (not in SQLModel's metadata): backups and restores leave it alone.
SQLite files are one user's: nothing changes there.

Revision ID: 0014
Revises: 0011
"""

import re
from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUPS = ("rosterapp_sergeant", "rosterapp_inspector", "rosterapp_hr", "rosterapp_admin")

# Tables of one team (team_id); "decide": inspectors' too (a decision writes them).
TEAM_TABLES = {
    "team_membership": "write",
    "beat": "write",
    "cover_requirement": "write",
    "roster_period": "write",
    "briefing_item": "write",
    "finding_override": "write",
    "blackout_period": "write",
    "assignment": "decide",
    "change_record": "decide",
    "roster_request": "decide",
}
# Tables whose rows belong to a member (column member_id), hence to the member's team.
MEMBER_TABLES = {"member_skill": "write", "absence": "decide"}

# Stamped with session_user: "created" kept on update, "changed" on every write,
# "decided" when set to a new value.
WHO_COLUMNS = (
    ("audit_event", "user", "created"),
    ("assignment", "updated_by", "changed"),
    ("absence", "created_by", "created"),
    ("change_record", "recorded_by", "created"),
    ("briefing_item", "created_by", "created"),
    ("finding_override", "accepted_by", "created"),
    ("roster_request", "asked_by", "created"),
    ("roster_request", "decided_by", "decided"),
    ("roster_period", "published_by", "decided"),
)

_CREATE_GROUPS = """
DO $$
DECLARE g text;
BEGIN
  FOREACH g IN ARRAY ARRAY['rosterapp_sergeant', 'rosterapp_inspector', 'rosterapp_hr',
                           'rosterapp_admin'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = g) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', g);
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;  -- made meanwhile
        WHEN insufficient_privilege THEN
          RAISE EXCEPTION 'the group role % does not exist and % may not create it: '
            'run this upgrade as a login with CREATEROLE (see docs/shared-database.md)',
            g, current_user USING ERRCODE = 'insufficient_privilege';
      END;
    END IF;
  END LOOP;
END $$
"""

_TABLES = """
CREATE TABLE app_user (
  login varchar(63) PRIMARY KEY,
  role varchar(16) NOT NULL
    CONSTRAINT ck_app_user_role CHECK (role IN ('sergeant', 'inspector', 'hr', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by varchar(63) NOT NULL DEFAULT session_user
);
-- No foreign key to team: a restore replaces the teams (same ids), supervisors stay.
CREATE TABLE team_supervisor (
  login varchar(63) NOT NULL REFERENCES app_user (login) ON DELETE CASCADE,
  team_id integer NOT NULL,
  CONSTRAINT pk_team_supervisor PRIMARY KEY (login, team_id)
);
CREATE INDEX ix_team_supervisor_team_id ON team_supervisor (team_id);
INSERT INTO app_user (login, role) VALUES (current_user, 'admin');
"""

_FUNCTIONS = r"""
-- PL/pgSQL, not SQL: its plans are kept for the session, where an SQL function that
-- cannot be inlined (these cannot: their search path is pinned) is planned per call,
-- per row checked. Superusers are known by is_superuser, which no client can set.
CREATE FUNCTION rosterapp_role() RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT role::text FROM app_user WHERE login = current_user);
END $$;

CREATE FUNCTION rosterapp_supervises(team integer) RETURNS boolean LANGUAGE plpgsql
STABLE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM team_supervisor s
                 WHERE s.login = current_user AND s.team_id = team);
END $$;

CREATE FUNCTION rosterapp_unrestricted() RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN current_setting('is_superuser')::boolean
      OR EXISTS (SELECT 1 FROM app_user WHERE login = current_user AND role = 'admin');
END $$;

CREATE FUNCTION rosterapp_writes_team(team integer) RETURNS boolean LANGUAGE plpgsql
STABLE AS $$
BEGIN
  RETURN current_setting('is_superuser')::boolean OR EXISTS (
    SELECT 1 FROM app_user u WHERE u.login = current_user AND (u.role = 'admin'
      OR (u.role = 'sergeant' AND EXISTS (
        SELECT 1 FROM team_supervisor s WHERE s.login = u.login AND s.team_id = team))));
END $$;

-- An inspector decides for the teams listed for them, or for every team if none is.
CREATE FUNCTION rosterapp_decides_team(team integer) RETURNS boolean LANGUAGE plpgsql
STABLE AS $$
BEGIN
  RETURN current_setting('is_superuser')::boolean OR EXISTS (
    SELECT 1 FROM app_user u WHERE u.login = current_user AND (u.role = 'admin'
      OR (u.role IN ('sergeant', 'inspector') AND EXISTS (
        SELECT 1 FROM team_supervisor s WHERE s.login = u.login AND s.team_id = team))
      OR (u.role = 'inspector' AND NOT EXISTS (
        SELECT 1 FROM team_supervisor s WHERE s.login = u.login))));
END $$;

-- A member belongs to the team of their latest membership (transfers and leavers).
CREATE FUNCTION rosterapp_member_team(member integer) RETURNS integer LANGUAGE plpgsql
STABLE AS $$
BEGIN
  RETURN (SELECT m.team_id FROM team_membership m WHERE m.member_id = member
          ORDER BY m.start_date DESC, m.id DESC LIMIT 1);
END $$;

CREATE FUNCTION rosterapp_writes_member(member integer) RETURNS boolean LANGUAGE plpgsql
STABLE AS $$
DECLARE
  team integer := rosterapp_member_team(member);
BEGIN
  IF team IS NULL THEN  -- just created, not in a team yet
    RETURN rosterapp_unrestricted() OR coalesce(rosterapp_role() = 'sergeant', false);
  END IF;
  RETURN rosterapp_writes_team(team);
END $$;

CREATE FUNCTION rosterapp_decides_member(member integer) RETURNS boolean LANGUAGE plpgsql
STABLE AS $$
DECLARE
  team integer := rosterapp_member_team(member);
BEGIN
  IF team IS NULL THEN
    RETURN rosterapp_writes_member(member);
  END IF;
  RETURN rosterapp_decides_team(team);
END $$;

CREATE FUNCTION rosterapp_whoami() RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  r text := rosterapp_role();
  teams text;
BEGIN
  SELECT string_agg(t.code, ', ' ORDER BY t.code) INTO teams
  FROM team_supervisor s JOIN team t ON t.id = s.team_id WHERE s.login = current_user;
  RETURN format('you are connected as %s, ', current_user) || CASE r
    WHEN 'sergeant' THEN 'a sergeant of ' || coalesce(teams, 'no team')
    WHEN 'inspector' THEN 'an inspector of ' || coalesce(teams, 'every team')
    WHEN 'hr' THEN 'HR (read only)'
    WHEN 'admin' THEN 'an administrator'
    ELSE 'who is not a rosterapp user' END;
END $$;

-- Refuses, by name, a write to a row of a team the login may not change. Row-level
-- security alone would let UPDATE and DELETE skip such rows silently (0 rows), which
-- the app would misreport as someone else's change.
CREATE FUNCTION rosterapp_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  scope text := TG_ARGV[0];
  col text := TG_ARGV[1];
  rec jsonb;
  target integer;
  team_code text;
BEGIN
  FOREACH rec IN ARRAY ARRAY[
    CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END,
    CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END] LOOP
    CONTINUE WHEN rec IS NULL;
    target := (rec ->> col)::integer;
    IF scope IN ('member', 'decide_member') THEN
      CONTINUE WHEN (scope = 'member' AND rosterapp_writes_member(target))
                 OR (scope = 'decide_member' AND rosterapp_decides_member(target));
      SELECT t.code INTO team_code FROM team t WHERE t.id = rosterapp_member_team(target);
      RAISE EXCEPTION '%; you may not change an officer of team %', rosterapp_whoami(),
        coalesce(team_code, '(none)') USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF target IS NULL THEN
      CONTINUE WHEN rosterapp_unrestricted()
                 OR coalesce(rosterapp_role() IN ('sergeant', 'inspector'), false);
    ELSE
      CONTINUE WHEN (scope = 'team' AND rosterapp_writes_team(target))
                 OR (scope = 'decide_team' AND rosterapp_decides_team(target));
    END IF;
    SELECT t.code INTO team_code FROM team t WHERE t.id = target;
    RAISE EXCEPTION '%; you may not change team %', rosterapp_whoami(),
      coalesce(team_code, '(none)') USING ERRCODE = 'insufficient_privilege';
  END LOOP;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

-- A team's roster holds its own officers, on the days they are in the team: else a
-- sergeant could put another team's officer on their roster and block that day.
CREATE FUNCTION rosterapp_guard_roster() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  team_code text;
BEGIN
  IF EXISTS (
      SELECT 1 FROM team_membership m
      WHERE m.member_id = NEW.member_id AND m.team_id = NEW.team_id
        AND m.start_date <= NEW.day AND (m.end_date IS NULL OR m.end_date >= NEW.day))
     OR rosterapp_unrestricted() THEN
    RETURN NEW;
  END IF;
  SELECT t.code INTO team_code FROM team t WHERE t.id = NEW.team_id;
  RAISE EXCEPTION '%; the officer is not in team % on %, so is not on its roster',
    rosterapp_whoami(), team_code, to_char(NEW.day, 'DD Mon YYYY')
    USING ERRCODE = 'insufficient_privilege';
END $$;

-- The audit trail's "who" is the server's login, whatever name the client sends.
CREATE FUNCTION rosterapp_stamp_who() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[0];
  mode text := TG_ARGV[1];
  sent jsonb := to_jsonb(NEW) -> col;
  kept jsonb;
BEGIN
  -- A restore copies the history as it was, names and all: only the tables' owner
  -- (who could as well turn this trigger off) may ask for that.
  IF current_setting('rosterapp.restoring', true) = 'on'
     AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                     'MEMBER') THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    kept := to_jsonb(OLD) -> col;
    IF mode = 'created' OR (mode = 'decided' AND sent IS NOT DISTINCT FROM kept) THEN
      RETURN jsonb_populate_record(NEW, jsonb_build_object(col, kept));
    END IF;
  END IF;
  IF sent IS NULL OR jsonb_typeof(sent) = 'null' THEN
    RETURN NEW;
  END IF;
  RETURN jsonb_populate_record(NEW, jsonb_build_object(col, session_user::text));
END $$;
"""


# "name(arguments)", as ALTER and DROP FUNCTION name them (argument names are allowed).
FUNCTIONS = tuple(
    f"{n}({a})" for n, a in re.findall(r"CREATE FUNCTION (\w+)\(([^)]*)\)", _FUNCTIONS)
)


def _pinned_search_path(schema: str) -> str:
    """Names in the functions' bodies are looked up when they run: pinned to this
    schema, then pg_temp last, so that a login's temporary table called app_user (temp
    tables come first by default) cannot stand in for the register."""
    return "".join(
        f"ALTER FUNCTION {fn} SET search_path = {schema}, pg_catalog, pg_temp;\n"
        for fn in FUNCTIONS
    )


def _policies(table: str, check: str) -> str:
    """Everyone granted SELECT reads; new rows must pass `check`. UPDATE and DELETE
    see every row: the guard trigger refuses the ones the login may not change."""
    return f"""
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
CREATE POLICY rosterapp_read ON {table} FOR SELECT USING (true);
CREATE POLICY rosterapp_insert ON {table} FOR INSERT WITH CHECK ({check});
CREATE POLICY rosterapp_update ON {table} FOR UPDATE USING (true) WITH CHECK ({check});
CREATE POLICY rosterapp_delete ON {table} FOR DELETE USING (true);
"""


def _guard(table: str, scope: str, column: str, name: str = "rosterapp_guard") -> str:
    return (
        f"CREATE TRIGGER {name} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION rosterapp_guard('{scope}', '{column}');\n"
    )


def _security() -> str:
    parts = []
    for table, kind in TEAM_TABLES.items():
        fn = "rosterapp_writes_team" if kind == "write" else "rosterapp_decides_team"
        parts.append(_policies(table, f"{fn}(team_id)"))
        parts.append(_guard(table, "team" if kind == "write" else "decide_team", "team_id"))
    for table, kind in MEMBER_TABLES.items():
        fn = "rosterapp_writes_member" if kind == "write" else "rosterapp_decides_member"
        parts.append(_policies(table, f"{fn}(member_id)"))
        parts.append(_guard(table, "member" if kind == "write" else "decide_member", "member_id"))
    # A membership is the officer's too: no sergeant claims another team's officer.
    parts.append(_guard("team_membership", "member", "member_id", "rosterapp_guard_member"))
    parts.append(
        "CREATE TRIGGER rosterapp_guard_roster BEFORE INSERT OR UPDATE ON assignment "
        "FOR EACH ROW EXECUTE FUNCTION rosterapp_guard_roster();\n"
    )
    parts.append(_policies("team", "rosterapp_writes_team(id)"))
    parts.append(_guard("team", "team", "id"))
    parts.append(_policies("member", "rosterapp_writes_member(id)"))
    parts.append(_guard("member", "member", "id"))
    parts.append(
        _policies(
            "audit_event",
            "CASE WHEN team_id IS NULL THEN rosterapp_unrestricted() OR coalesce("
            "rosterapp_role() IN ('sergeant', 'inspector'), false) "
            "ELSE rosterapp_decides_team(team_id) END",
        )
    )
    parts.append(_guard("audit_event", "decide_team", "team_id"))
    for table, column, mode in WHO_COLUMNS:
        parts.append(
            f"CREATE TRIGGER rosterapp_who_{column} BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION rosterapp_stamp_who('{column}', '{mode}');\n"
        )
    return "".join(parts)


_SERGEANT_WRITES = ("member", "member_skill", *TEAM_TABLES, "absence")
_INSPECTOR_WRITES = tuple(t for t, k in {**TEAM_TABLES, **MEMBER_TABLES}.items() if k == "decide")


def _grants(schema: str) -> str:
    everyone = ", ".join(GROUPS)
    writers = "rosterapp_sergeant, rosterapp_inspector, rosterapp_admin"
    return f"""
GRANT USAGE ON SCHEMA {schema} TO {everyone};
REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {everyone};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {writers};
GRANT INSERT, UPDATE, DELETE ON {", ".join(_SERGEANT_WRITES)} TO rosterapp_sergeant;
GRANT UPDATE ON team TO rosterapp_sergeant;
GRANT INSERT, UPDATE, DELETE ON {", ".join(_INSPECTOR_WRITES)} TO rosterapp_inspector;
GRANT INSERT ON audit_event TO rosterapp_sergeant, rosterapp_inspector;
GRANT ALL ON ALL TABLES IN SCHEMA {schema} TO rosterapp_admin;
-- The audit trail is appended to, never rewritten, even by administrators.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM rosterapp_admin;
REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {schema} FROM rosterapp_admin;
-- Tables added by later revisions: readable by all, writable by administrators, until
-- a revision says otherwise.
ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES TO {everyone};
ALTER DEFAULT PRIVILEGES IN SCHEMA {schema}
  GRANT INSERT, UPDATE, DELETE ON TABLES TO rosterapp_admin;
ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {writers};
"""


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    # The driver's own cursor, without parameters: the function bodies hold % and :
    # that SQLAlchemy and psycopg would otherwise take for placeholders.
    cursor = op.get_bind().connection.cursor()
    cursor.execute("SELECT quote_ident(current_schema())")
    row = cursor.fetchone()
    assert row is not None
    schema = str(row[0])
    for sql in (_CREATE_GROUPS, _TABLES, _FUNCTIONS, _pinned_search_path(schema)):
        cursor.execute(sql)
    cursor.execute(_security() + _grants(schema))


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    # CASCADE: the triggers and policies that use the functions go with them.
    for fn in reversed(FUNCTIONS):
        op.execute(f"DROP FUNCTION IF EXISTS {fn} CASCADE")
    for table in (*TEAM_TABLES, *MEMBER_TABLES, "team", "member", "audit_event"):
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for policy in ("read", "delete"):  # the two that use no function
            op.execute(f"DROP POLICY IF EXISTS rosterapp_{policy} ON {table}")
    op.execute("DROP TABLE team_supervisor")
    op.execute("DROP TABLE app_user")
    # The group roles are the server's (shared by its databases): they stay.
