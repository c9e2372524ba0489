"""Schema migrations (Alembic): every store is brought to the newest schema when it is opened.

The migration scripts ship inside the package (`store/migrations/versions/`), so a store is
upgraded by the veille that opens it, with no alembic.ini and no separate command.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from ..errors import StoreError

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for veille's migrations, bound to `connection` if given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest schema revision this veille knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_current(connection: Connection) -> bool:
    """Whether the store behind `connection` has the newest schema (nothing to upgrade)."""
    return MigrationContext.configure(connection).get_current_revision() == head()


def upgrade(connection: Connection, url: str) -> None:
    """Bring the store behind `connection` to the newest schema (nothing to do when it is)."""
    current = MigrationContext.configure(connection).get_current_revision()
    if current == head():
        return
    if current is None and inspect(connection).has_table("articles"):
        # A store written before migrations existed (veille 0.1): its layout has no version
        # to upgrade from, so say what to do rather than guess.
        raise StoreError(url=url, detail="written by an older veille without schema "
                         "versions; export it with that version or start a new store")
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(url=url, detail=f"schema {current} is newer than this veille "
                         f"knows ({head()}); upgrade veille")
    command.upgrade(alembic_config(connection), "head")
