"""The store: reports kept in a SQL database through SQLAlchemy (SQLite file by default)."""

from .db import Store, open_store

__all__ = ["Store", "open_store"]
