"""Fuzz suites: hypothesis property tests run lightly by `make test` and with 10,000 examples
each by `make fuzz` (VEILLE_FUZZ=1). A failure hypothesis finds is kept as an explicit
regression test beside the suite (`@example(...)` or a plain test)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from databases import empty_postgres, postgres_url
from veille.store import open_store

_QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("light", max_examples=25, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=_QUIET)
settings.load_profile("fuzz" if os.environ.get("VEILLE_FUZZ") else "light")


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fuzz_store(request, tmp_path_factory):
    """One store per backend for a whole suite (hypothesis runs its examples in one test)."""
    if request.param == "sqlite":
        return open_store("sqlite:///" + str(tmp_path_factory.mktemp("fuzz") / "fuzz.db"))
    url = postgres_url()
    empty_postgres(url)
    return open_store(url)
