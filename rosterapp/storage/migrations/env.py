"""Alembic environment: runs on the connection the app hands over."""

from alembic import context
from sqlmodel import SQLModel

import rosterapp.domain.tables  # noqa: F401  (registers the tables)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through rosterapp.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
