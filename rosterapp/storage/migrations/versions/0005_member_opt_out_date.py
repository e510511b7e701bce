"""member: the date of the 48-hour opt-out; changes: several compensation classes

The Working Time Regulations (reg. 4 and 5) let a worker agree in writing to work more
than 48 hours a week on average; the employer keeps a record of it. The date the opt-out
was signed is kept with it, and the 48-hour rule honours the opt-out from that date.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wtr_opt_out_since", sa.Date(), nullable=True))
    # A change can carry several compensation classes, stored ';'-joined.
    with op.batch_alter_table("change_record", schema=None) as batch_op:
        batch_op.alter_column(
            "compensation_class",
            existing_type=sa.String(length=40),
            type_=sa.String(length=120),
            existing_nullable=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("change_record", schema=None) as batch_op:
        batch_op.alter_column(
            "compensation_class",
            existing_type=sa.String(length=120),
            type_=sa.String(length=40),
            existing_nullable=True,
        )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("wtr_opt_out_since")
