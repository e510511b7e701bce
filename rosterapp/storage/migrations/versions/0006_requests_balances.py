"""requests, blackout periods and the balances fields

Officers' requests (leave, a rest day, a tour, a day to avoid, a swap, TOIL) with
their decisions; a team's blackout periods and leave-year start; a member's start of
relevant service (Annex O leave) and, for PCSOs and staff, their leave entitlement.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from rosterapp.domain.types import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KINDS = ("leave", "rest-day", "shift", "avoid", "swap", "toil")
_STATUSES = ("pending", "approved", "declined", "withdrawn", "cancelled")


def _str(n: int) -> sa.types.TypeEngine[str]:
    return sqlmodel.sql.sqltypes.AutoString(length=n)


def upgrade() -> None:
    _leave_year_columns()
    _roster_request()
    _blackout_period()


def _leave_year_columns() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("leave_year_start_month", sa.Integer(), nullable=False, server_default="4")
        )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("service_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("leave_entitlement", sa.Float(), nullable=True))


def _roster_request() -> None:
    op.create_table(
        "roster_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(*_KINDS, name="requestkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("shift_code", _str(8), nullable=True),
        sa.Column("with_member_id", sa.Integer(), nullable=True),
        sa.Column("note", _str(500), nullable=True),
        sa.Column(
            "status",
            sa.Enum(*_STATUSES, name="requeststatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("asked_at", UTCDateTime(), nullable=False),
        sa.Column("asked_by", _str(80), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("decided_by", _str(80), nullable=True),
        sa.Column("decision_reason", _str(500), nullable=True),
        sa.Column("override_reason", _str(500), nullable=True),
        sa.Column("absence_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_roster_request_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_roster_request_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["with_member_id"],
            ["member.id"],
            name=op.f("fk_roster_request_with_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["absence_id"],
            ["absence.id"],
            name=op.f("fk_roster_request_absence_id_absence"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_request")),
    )
    for column in ("team_id", "member_id", "with_member_id", "absence_id", "start_date", "status"):
        op.create_index(op.f(f"ix_roster_request_{column}"), "roster_request", [column])


def _blackout_period() -> None:
    op.create_table(
        "blackout_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("reason", _str(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_blackout_period_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blackout_period")),
    )
    op.create_index(op.f("ix_blackout_period_team_id"), "blackout_period", ["team_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_blackout_period_team_id"), table_name="blackout_period")
    op.drop_table("blackout_period")
    for column in ("team_id", "member_id", "with_member_id", "absence_id", "start_date", "status"):
        op.drop_index(op.f(f"ix_roster_request_{column}"), table_name="roster_request")
    op.drop_table("roster_request")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("leave_entitlement")
        batch_op.drop_column("service_start")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("leave_year_start_month")
