"""The store: articles and living event records in a SQL database through SQLAlchemy (a SQLite
file by default, PostgreSQL when shared), its schema managed by Alembic migrations."""

from .db import SaveResult, Store, open_store

__all__ = ["SaveResult", "Store", "open_store"]
