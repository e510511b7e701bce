"""What the shared database's security costs a save: row-level security, the guard
trigger and the who-stamping trigger (migration 0014), on PostgreSQL.

    python -m benchmarks.access postgresql+psycopg://OWNER:PW@HOST/EMPTY_DB

The database is emptied and loaded with the demo. A West End week (every member,
seven days) is saved with set_cells as the tables' owner with the security switched
off (the baseline: the schema as it was before 0014), as the owner with it on (an
administrator), and as a sergeant of West End; each save changes every cell.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING

from benchmarks.run import START, machine, summary, timed

if TYPE_CHECKING:
    from rosterapp.storage import Database

LABELS = (
    "owner, security off (as before 0014)",
    "owner (an administrator), security on",
    "sergeant of WE, security on",
    "one cell: owner, security off",
    "one cell: sergeant of WE, security on",
    "the week's rows in one UPDATE: owner, security off",
    "the week's rows in one UPDATE: sergeant of WE, security on",
)
TABLES = ("assignment", "change_record", "audit_event", "absence", "team", "member")


def _security(db: object, on: bool) -> None:
    with db.engine.begin() as conn:  # type: ignore[attr-defined]
        for table in TABLES:
            conn.exec_driver_sql(
                f"ALTER TABLE {table} {'ENABLE' if on else 'DISABLE'} TRIGGER USER"
            )
            conn.exec_driver_sql(
                f"ALTER TABLE {table} {'' if on else 'NO '}FORCE ROW LEVEL SECURITY"
            )


def main(url: str) -> int:
    from rosterapp.services.roster.grid import read_grid
    from rosterapp.services.users import remove_user

    owner = _fresh_demo(url)
    week = START + timedelta(days=14)  # unpublished: no change records
    days = [week + timedelta(days=i) for i in range(7)]
    members = [r.member.id for r in read_grid(owner, "WE", days[0], days[-1]).rows]
    login = f"{owner.url.database}_bench_sgt"
    sergeant = _sergeant(owner, login)
    try:
        samples = _measure(owner, sergeant, members, days)
    finally:
        _security(owner, True)
        sergeant.close()
        remove_user(owner, login)
        owner.close()
    print(f"Machine: {machine()}")
    print(f"A West End week saved in one set_cells: {len(members)} members × 7 days")
    for label in LABELS:  # the week three times, then one cell twice
        print(f"- {label}: {summary(samples[label])}")
    return 0


def _fresh_demo(url: str) -> Database:
    """The demo in an emptied database, opened as its owner."""
    import sqlalchemy as sa

    from rosterapp.services.demo import build_demo
    from rosterapp.storage import Database

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()
    owner = Database.open(url)
    build_demo(owner, seed=1, start=START)
    return owner


def _sergeant(owner: Database, login: str) -> Database:
    """A sergeant's own login for West End, connected."""
    from rosterapp.services.users import add_user
    from rosterapp.storage import Database

    with owner.engine.begin() as conn:
        conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
    add_user(owner, login, "sergeant", ["WE"], "bench-password")
    return Database.open(
        owner.url.set(username=login, password="bench-password").render_as_string(
            hide_password=False
        )
    )


def _measure(
    owner: Database, sergeant: Database, members: list[int], days: list[date]
) -> dict[str, list[float]]:
    from rosterapp.domain.grid import CellEdit
    from rosterapp.services.roster.edits import set_cells

    codes = iter(["E", "L"] * 100)

    def save(db: Database) -> None:
        code = next(codes)
        set_cells(db, "WE", [CellEdit(m, d, code) for m in members for d in days])

    first, last = days[0].isoformat(), days[-1].isoformat()

    def one_update(db: Database) -> None:
        # The server's share alone: one statement over the week's rows, no app code.
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE assignment SET note = md5(random()::text), updated_by = '' "
                "WHERE team_id = (SELECT id FROM team WHERE code = 'WE') "
                f"AND day BETWEEN '{first}' AND '{last}'"
            )

    def one_cell(db: Database) -> None:
        set_cells(db, "WE", [CellEdit(members[0], days[0], next(codes))])

    samples: dict[str, list[float]] = {label: [] for label in LABELS}
    save(owner)  # the first save inserts the week; the measured ones update it
    for _ in range(4):  # interleaved: the machine is shared, its load drifts
        _security(owner, False)
        samples[LABELS[0]] += timed(lambda: save(owner), 1)
        _security(owner, True)
        samples[LABELS[1]] += timed(lambda: save(owner), 1)
        samples[LABELS[2]] += timed(lambda: save(sergeant), 1)
        _security(owner, False)
        samples[LABELS[3]] += timed(lambda: one_cell(owner), 10)
        samples[LABELS[5]] += timed(lambda: one_update(owner), 3)
        _security(owner, True)
        samples[LABELS[4]] += timed(lambda: one_cell(sergeant), 10)
        samples[LABELS[6]] += timed(lambda: one_update(sergeant), 3)
    return samples


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
