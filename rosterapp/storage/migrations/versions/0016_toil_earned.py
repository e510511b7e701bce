"""time off in lieu earned

Balances knew the TOIL an officer used (TOIL days) but not what they had earned, so a
TOIL request could not be checked against what was owed. Each entry is hours earned on
a day, with the reason.

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from rosterapp.domain.types import UTCDateTime

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "toil_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_toil_entry_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toil_entry")),
    )
    op.create_index(op.f("ix_toil_entry_member_id"), "toil_entry", ["member_id"])
    op.create_index(op.f("ix_toil_entry_day"), "toil_entry", ["day"])


def downgrade() -> None:
    op.drop_index(op.f("ix_toil_entry_day"), table_name="toil_entry")
    op.drop_index(op.f("ix_toil_entry_member_id"), table_name="toil_entry")
    op.drop_table("toil_entry")
