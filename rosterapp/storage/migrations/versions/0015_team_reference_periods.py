"""a team's reference periods for night work and the abstraction rate; leave carry-over

The night-work average (WTR reg. 6) is measured over 17 weeks unless the team agrees
another period; the ward officers' abstraction rate over the last 12 weeks. Both are
team settings now, with the days of annual leave a member may carry into the next
leave year (Annex O: up to 5 at the chief officer's discretion).

Revision ID: 0015
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("night_reference_weeks", sa.Integer(), nullable=False, server_default="17")
        )
        batch_op.add_column(
            sa.Column("abstraction_weeks", sa.Integer(), nullable=False, server_default="12")
        )
        batch_op.add_column(
            sa.Column("leave_carry_over_days", sa.Float(), nullable=False, server_default="5")
        )


def downgrade() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("leave_carry_over_days")
        batch_op.drop_column("abstraction_weeks")
        batch_op.drop_column("night_reference_weeks")
