"""member planning fields for the auto-roster

Each officer's usual beat (the auto-roster puts their duties there, even after an
empty week) and restrictions it must respect: no late-lates or nights, a
limit on late-lates in a row, and a part-timer's weekdays not worked.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("usual_beat_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("no_nights", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("max_late_lates", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("free_days", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
        batch_op.create_index(batch_op.f("ix_member_usual_beat_id"), ["usual_beat_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_member_usual_beat_id_beat"),
            "beat",
            ["usual_beat_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_member_usual_beat_id_beat"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_member_usual_beat_id"))
        batch_op.drop_column("free_days")
        batch_op.drop_column("max_late_lates")
        batch_op.drop_column("no_nights")
        batch_op.drop_column("usual_beat_id")
