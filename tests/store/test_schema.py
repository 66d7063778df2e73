"""The migrated schema is the models' schema, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, select

from store.db import migrate, transaction
from store.models import Base, Program


def test_migration_matches_models(engine: Engine) -> None:
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_migrate_twice_keeps_one_program(engine: Engine) -> None:
    migrate(engine)
    with transaction(engine) as session:
        programs = session.scalars(select(Program)).all()
    assert [p.id for p in programs] == [1]
    assert len(programs[0].ip_salt) == 32
