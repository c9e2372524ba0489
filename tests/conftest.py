"""The one conftest of the test suite: shared fixtures only.

The spaCy model (~4 s) and the gazetteer (built in ~25 s) are loaded once per session, by the
`runtime` fixture; every test that needs the pipeline shares it.
"""

from __future__ import annotations

import datetime as dt

import pytest

import veille
from builders import FR_ARTICLE
from databases import empty_postgres, postgres_url
from veille.ingest import article_from_text


@pytest.fixture(scope="session", autouse=True)
def _own_gazetteer(tmp_path_factory):
    """The tests build their own gazetteer file (once a session, a few seconds) instead of
    reading the user's, whose added GeoNames dumps would change results."""
    import os

    os.environ["VEILLE_DATA_DIR"] = str(tmp_path_factory.mktemp("veille-data"))


@pytest.fixture(scope="session")
def runtime(_own_gazetteer) -> veille.Runtime:
    """The runtime of the default configuration, shared by the whole session."""
    return veille.Runtime(veille.load_config())


@pytest.fixture(scope="session")
def fr_words(runtime):
    """French word knowledge (wordfreq, gazetteer, glue words) for the word-level repairs."""
    return runtime.words("fr")


@pytest.fixture(scope="session")
def fr_article() -> veille.Article:
    return article_from_text(FR_ARTICLE, name="<fr-article>", published=dt.date(2024, 3, 14),
                             lang="fr")


@pytest.fixture(scope="session")
def fr_report(fr_article, runtime) -> veille.Report:
    """The report of `FR_ARTICLE`, processed once per session (treat it as read-only)."""
    return veille.process(fr_article, runtime)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    """An empty store of each kind: a SQLite file, and a PostgreSQL database when
    VEILLE_TEST_POSTGRES_URL names one (`.ci/run` starts a server; locally,
    `bash .ci/postgres.sh start` prints the URL). CI without it fails rather than skips."""
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path / "store.db")
    url = postgres_url()
    empty_postgres(url)
    return url
