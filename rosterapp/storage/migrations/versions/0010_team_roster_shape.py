"""a team's roster shape weights for the auto-roster

How much the auto-roster weighs each mark of a rota (one tour through a week, the
same tour through a run, rest days in pairs, late-lates and nights only where cover
asks, weekends off shared): NULL keeps the defaults.

Revision ID: 0010
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shape_weights", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("shape_weights")
