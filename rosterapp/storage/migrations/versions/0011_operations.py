"""operations and events: the operation, its occurrences, supplying teams, allocations

An operation (central aid, a demonstration, an LFR deployment, a local operation) with
its place, tour times and needs by rank or skill; one row per occurrence (repeats); the
teams that supply it and how many each; who is allocated to each occurrence, with the
roster entry their duty replaced. A shift type gains the abstraction category its
duties count under (an operation's own duty code).

Revision ID: 0011
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from rosterapp.domain.types import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KINDS = ("central-aid", "demonstration", "lfr", "local")
_CATEGORIES = ("mandatory", "local_aid", "central_aid", "other")


def _str(n: int) -> sa.types.TypeEngine[str]:
    return sqlmodel.sql.sqltypes.AutoString(length=n)


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32, create_constraint=False)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    with op.batch_alter_table("shift_type", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("abstraction", _enum(_CATEGORIES, "abstractioncategory"), nullable=True)
        )
    op.create_table(
        "operation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", _str(200), nullable=False),
        sa.Column("kind", _enum(_KINDS, "operationkind"), nullable=False),
        sa.Column("category", _enum(_CATEGORIES, "abstractioncategory"), nullable=False),
        sa.Column("place", _str(200), nullable=False),
        sa.Column("starts", sa.Time(), nullable=False),
        sa.Column("ends", sa.Time(), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("shift_type_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", _str(80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("operation", "shift_type_id", "shift_type", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operation")),
    )
    op.create_index(op.f("ix_operation_shift_type_id"), "operation", ["shift_type_id"])
    op.create_table(
        "operation_team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=True),
        _fk("operation_team", "operation_id", "operation", "CASCADE"),
        _fk("operation_team", "team_id", "team", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operation_team")),
        sa.UniqueConstraint("operation_id", "team_id", name="uq_operation_team"),
    )
    for column in ("operation_id", "team_id"):
        op.create_index(op.f(f"ix_operation_team_{column}"), "operation_team", [column])
    op.create_table(
        "operation_occurrence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("allocated", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("operation_occurrence", "operation_id", "operation", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operation_occurrence")),
        sa.UniqueConstraint("operation_id", "day", name="uq_operation_occurrence_day"),
    )
    for column in ("operation_id", "day"):
        op.create_index(op.f(f"ix_operation_occurrence_{column}"), "operation_occurrence", [column])
    _allocation_table()


def _allocation_table() -> None:
    op.create_table(
        "operation_allocation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("previous", sa.JSON(), nullable=True),
        sa.Column("allocated_at", UTCDateTime(), nullable=False),
        sa.Column("allocated_by", _str(80), nullable=False),
        _fk("operation_allocation", "occurrence_id", "operation_occurrence", "CASCADE"),
        _fk("operation_allocation", "member_id", "member", "CASCADE"),
        _fk("operation_allocation", "team_id", "team", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operation_allocation")),
        sa.UniqueConstraint("occurrence_id", "member_id", name="uq_operation_allocation"),
    )
    for column in ("occurrence_id", "member_id", "team_id"):
        op.create_index(op.f(f"ix_operation_allocation_{column}"), "operation_allocation", [column])


def downgrade() -> None:
    for column in ("occurrence_id", "member_id", "team_id"):
        op.drop_index(op.f(f"ix_operation_allocation_{column}"), table_name="operation_allocation")
    op.drop_table("operation_allocation")
    for column in ("operation_id", "day"):
        op.drop_index(op.f(f"ix_operation_occurrence_{column}"), table_name="operation_occurrence")
    op.drop_table("operation_occurrence")
    for column in ("operation_id", "team_id"):
        op.drop_index(op.f(f"ix_operation_team_{column}"), table_name="operation_team")
    op.drop_table("operation_team")
    op.drop_index(op.f("ix_operation_shift_type_id"), table_name="operation")
    op.drop_table("operation")
    with op.batch_alter_table("shift_type", schema=None) as batch_op:
        batch_op.drop_column("abstraction")
