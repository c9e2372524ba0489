"""Test databases: a PostgreSQL database emptied for a test (the store tests' server is
started by `.ci/run`, or locally by `bash .ci/postgres.sh start`)."""

from __future__ import annotations


def empty_postgres(url: str) -> None:
    """Drop every table (and everything else) of the database at `url`."""
    from sqlalchemy import create_engine, text

    from veille.store.db import engine_url

    engine = create_engine(engine_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
