"""Alembic environment for the store's schema.

The app runs migrations itself (``readiness.store.Store``), passing its own connection in
``config.attributes["connection"]`` inside a transaction that holds the migration lock. For a
developer at the command line (``alembic -c readiness/migrations/alembic.ini revision -m ...``)
it connects to ``DATABASE_URL`` (or the default SQLite file) instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import context

config = context.config
ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from readiness.store import metadata, resolve_url  # noqa: E402

# Each SQLite migration that alters a table must use op.batch_alter_table (SQLite cannot ALTER much).
OPTIONS = {"target_metadata": metadata, "compare_type": True, "render_as_batch": True}


def run_offline() -> None:
    context.configure(url=resolve_url(config.get_main_option("sqlalchemy.url")), literal_binds=True, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, **OPTIONS)
        with context.begin_transaction():
            context.run_migrations()
        return
    from sqlalchemy import create_engine

    engine = create_engine(resolve_url(config.get_main_option("sqlalchemy.url")))
    with engine.connect() as connection:
        context.configure(connection=connection, **OPTIONS)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
