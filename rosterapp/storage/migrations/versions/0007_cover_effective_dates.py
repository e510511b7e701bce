"""cover requirements in force from a date (and until one); shift codes retired

A retired code is no longer offered or typed; past rosters keep it and its hours.
Beats get an order of their own (the cover panel, the forms and the briefing follow it).

A requirement added or changed today must not flag last month's roster as short,
and a requirement retired keeps its history: rows are ended, never deleted.
Existing requirements have no start date: they have always been in force.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cover_requirement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("effective_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("effective_to", sa.Date(), nullable=True))
    with op.batch_alter_table("shift_type", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
        )

    with op.batch_alter_table("beat", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sort_order", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )


def downgrade() -> None:
    with op.batch_alter_table("beat", schema=None) as batch_op:
        batch_op.drop_column("sort_order")
    with op.batch_alter_table("shift_type", schema=None) as batch_op:
        batch_op.drop_column("active")
    with op.batch_alter_table("cover_requirement", schema=None) as batch_op:
        batch_op.drop_column("effective_to")
        batch_op.drop_column("effective_from")
