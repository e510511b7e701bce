"""who may write the tables added beside the logins and roles (PostgreSQL only)

Revision 0014 limits writes by team on the tables it knew; the operations, TOIL and
establishment tables were added beside it and were, by its default privileges,
readable by every login and writable by administrators only. Here:
- TOIL earned belongs to a member: their team's sergeants (and inspectors) record it;
- an allocation to an operation belongs to the supplying team: its sergeants allocate
  their own officers (the roster entry it writes is already limited by team);
- operations themselves (and the duty code each carries) are planned by inspectors
  and administrators; funded posts (establishment) stay with administrators;
- who recorded, allocated, planned or set a row is the server's session_user.

Revision ID: 0017
Revises: 0014
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEAM_TABLES = {"operation_allocation": "decide"}
MEMBER_TABLES = {"toil_entry": "write"}
WHO_COLUMNS = (
    ("toil_entry", "recorded_by", "created"),
    ("operation_allocation", "allocated_by", "created"),
    ("operation", "created_by", "created"),
    ("establishment", "set_by", "changed"),
)
_GRANTS = """
GRANT INSERT, UPDATE, DELETE ON toil_entry, operation_allocation
  TO rosterapp_sergeant, rosterapp_inspector;
-- An allocation bumps its occurrence's version (two sergeants filling the last place).
GRANT UPDATE ON operation_occurrence TO rosterapp_sergeant;
GRANT INSERT, UPDATE, DELETE ON operation, operation_team, operation_occurrence
  TO rosterapp_inspector;
-- Each operation carries a duty code of its own.
GRANT INSERT, UPDATE ON shift_type TO rosterapp_inspector;
"""


def _policies(table: str, check: str) -> str:
    return f"""
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
CREATE POLICY rosterapp_read ON {table} FOR SELECT USING (true);
CREATE POLICY rosterapp_insert ON {table} FOR INSERT WITH CHECK ({check});
CREATE POLICY rosterapp_update ON {table} FOR UPDATE USING (true) WITH CHECK ({check});
CREATE POLICY rosterapp_delete ON {table} FOR DELETE USING (true);
"""


def _guard(table: str, scope: str, column: str) -> str:
    return (
        f"CREATE TRIGGER rosterapp_guard BEFORE INSERT OR UPDATE OR DELETE ON {table} "
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
    for table, column, mode in WHO_COLUMNS:
        parts.append(
            f"CREATE TRIGGER rosterapp_who_{column} BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION rosterapp_stamp_who('{column}', '{mode}');\n"
        )
    return "".join(parts)


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    # The driver's own cursor, as in 0014: no placeholders to mistake.
    cursor = op.get_bind().connection.cursor()
    cursor.execute(_security() + _GRANTS)


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for table in (*TEAM_TABLES, *MEMBER_TABLES):
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for policy in ("read", "insert", "update", "delete"):
            op.execute(f"DROP POLICY IF EXISTS rosterapp_{policy} ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS rosterapp_guard ON {table}")
    for table, column, _mode in WHO_COLUMNS:
        op.execute(f"DROP TRIGGER IF EXISTS rosterapp_who_{column} ON {table}")
    op.execute(
        "REVOKE INSERT, UPDATE, DELETE ON toil_entry, operation_allocation "
        "FROM rosterapp_sergeant, rosterapp_inspector"
    )
    op.execute("REVOKE UPDATE ON operation_occurrence FROM rosterapp_sergeant")
    op.execute(
        "REVOKE INSERT, UPDATE, DELETE ON operation, operation_team, operation_occurrence "
        "FROM rosterapp_inspector"
    )
    op.execute("REVOKE INSERT, UPDATE ON shift_type FROM rosterapp_inspector")
