"""the day-in-lieu roster code

Balances counted the days in lieu an officer earned by working a bank holiday but had
no way to give one back. A day in lieu is now an absence kind of its own (stored as its
text, so the column needs no change) with the roster code DIL; databases made before
it get the code beside their others, unless they already use DIL for something.

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SHIFT_TYPE = sa.table(
    "shift_type",
    sa.column("id", sa.Integer),
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("refreshment_minutes", sa.Integer),
    sa.column("colour", sa.String),
    sa.column("absence_kind", sa.String),
    sa.column("sort_order", sa.Integer),
    sa.column("active", sa.Boolean),
    sa.column("version", sa.Integer),
)


def upgrade() -> None:
    bind = op.get_bind()
    codes = set(bind.execute(sa.select(_SHIFT_TYPE.c.code)).scalars())
    if not codes or "DIL" in codes:
        return  # a new database gets every default code with its first team
    last = bind.execute(sa.select(sa.func.max(_SHIFT_TYPE.c.sort_order))).scalar() or 0
    op.bulk_insert(
        _SHIFT_TYPE,
        [
            {
                "code": "DIL",
                "name": "Day in lieu",
                "kind": "absence",
                "refreshment_minutes": 0,
                "colour": "#d4ecd9",
                "absence_kind": "day_in_lieu",
                "sort_order": last + 1,
                "active": True,
                "version": 1,
            }
        ],
    )


def downgrade() -> None:
    # Only an unused code goes: a roster that gave a day in lieu keeps what it says.
    bind = op.get_bind()
    used = bind.execute(
        sa.text(
            "SELECT 1 FROM assignment a JOIN shift_type s ON s.id = a.shift_type_id "
            "WHERE s.code = 'DIL' LIMIT 1"
        )
    ).first()
    if used is None:
        op.execute(_SHIFT_TYPE.delete().where(_SHIFT_TYPE.c.code == "DIL"))
