"""Alembic environment: runs on the engine Udpeg hands over (no alembic.ini needed).

SQLite: batch mode (ALTER TABLE by copy), foreign keys off while migrating and checked after,
and the DDL inside one transaction (our engine emits BEGIN), so a failed upgrade leaves nothing
half-applied.
"""

from alembic import context
from sqlalchemy import text

from registry import model  # noqa: F401 - registers the tables

target_metadata = model.metadata
config = context.config


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # `alembic` run by hand: build one from the URL
        from registry.db import make_engine

        engine = make_engine(config.get_main_option("sqlalchemy.url"))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:  # outside any transaction, or SQLite ignores it
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=sqlite,
            compare_type=True,
            transactional_ddl=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                bad = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                if bad:
                    raise RuntimeError(f"foreign key check failed after migration: {bad[:5]}")
        if connection.in_transaction():
            connection.commit()
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


run_migrations_online()
