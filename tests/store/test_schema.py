"""The migrated schema is the models' schema, on both databases."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, select

from store.db import alembic_config, migrate, transaction
from store.models import Base, Program


def test_migration_matches_models(engine: Engine) -> None:
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_a_store_of_the_first_release_upgrades_to_the_models_schema(engine: Engine) -> None:
    command.downgrade(alembic_config(engine), "0001")
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) != []
    migrate(engine)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_migrate_twice_keeps_one_program(engine: Engine) -> None:
    migrate(engine)
    with transaction(engine) as session:
        programs = session.scalars(select(Program)).all()
    assert [p.id for p in programs] == [1]
    assert len(programs[0].ip_salt) == 32
