"""Alembic environment: runs against the engine handed over by ``store.db.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from store.db import make_engine
from store.models import Base

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):
    engine = make_engine(str(config.get_main_option("sqlalchemy.url")))

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
