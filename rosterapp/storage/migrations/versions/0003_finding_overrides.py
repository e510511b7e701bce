"""finding overrides

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import rosterapp.domain.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "finding_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("rule", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("beat", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("shift", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("accepted_by", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("accepted_at", rosterapp.domain.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_finding_override_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_finding_override_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_override")),
    )
    with op.batch_alter_table("finding_override", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_override_day"), ["day"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_finding_override_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_finding_override_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("finding_override", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_override_team_id"))
        batch_op.drop_index(batch_op.f("ix_finding_override_member_id"))
        batch_op.drop_index(batch_op.f("ix_finding_override_day"))

    op.drop_table("finding_override")
