"""Test databases: a PostgreSQL database emptied for a test (the store tests' server is
started by `.ci/run`, or locally by `bash .ci/postgres.sh start`)."""

from __future__ import annotations

import os

import pytest


def postgres_url() -> str:
    """The test server's URL (VEILLE_TEST_POSTGRES_URL). Without one, CI fails (`.ci/run`
    starts a server, so the PostgreSQL tests must run) and elsewhere the test is skipped."""
    url = os.environ.get("VEILLE_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("VEILLE_TEST_POSTGRES_URL is not set: CI runs the store tests on "
                        "PostgreSQL too (.ci/run starts a server)")
        pytest.skip("no PostgreSQL server: set VEILLE_TEST_POSTGRES_URL "
                    "(bash .ci/postgres.sh start prints one)")
    return url


def empty_postgres(url: str) -> None:
    """Drop every table (and everything else) of the database at `url`."""
    from sqlalchemy import create_engine, text

    from veille.store.db import engine_url

    engine = create_engine(engine_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
