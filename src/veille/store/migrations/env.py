"""Alembic environment: veille runs migrations itself on the connection it opened
(`store/migrate.py`), so there is no alembic.ini and no URL here."""

from alembic import context

from veille.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=True)  # SQLite alters tables by copying them
with context.begin_transaction():
    context.run_migrations()
