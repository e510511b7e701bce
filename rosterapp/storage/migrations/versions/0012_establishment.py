"""establishment: funded posts per team and rank, in force from a date

Strength (who is in the team on a day) comes from memberships; establishment is what
the team is funded for. A later row for the same team and rank plans growth (West End
160 → 240 PCs from a month) without losing what was funded before.

Revision ID: 0012
Revises: 0016
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RANKS = ("inspector", "sergeant", "pc", "pcso", "special", "staff")


def upgrade() -> None:
    op.create_table(
        "establishment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column(
            "rank",
            sa.Enum(*_RANKS, name="rank", native_enum=False, create_constraint=False, length=32),
            nullable=False,
        ),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("set_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_establishment_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_establishment")),
        sa.UniqueConstraint(
            "team_id", "rank", "effective_from", name=op.f("uq_establishment_post")
        ),
    )
    op.create_index(op.f("ix_establishment_team_id"), "establishment", ["team_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_establishment_team_id"), table_name="establishment")
    op.drop_table("establishment")
