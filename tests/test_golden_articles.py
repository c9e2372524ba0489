"""The team's articles, one mechanism each (tests/golden/articles/): every expected value must
come out, and every extra event must be one the expectation allows. The articles of
tests/golden/pending/ are those veille does not read right yet: each must still fail, and one
that starts to pass fails the suite until it is moved to tests/golden/articles/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import veille
from veille.evaluate.acceptance import check_document
from veille.ingest import read_file
from veille.pipeline import process_document

ARTICLES = Path(__file__).resolve().parent / "golden" / "articles"
EXPECTED = sorted(ARTICLES.glob("*.expected.json"))
PENDING = sorted((ARTICLES.parent / "pending").glob("*.expected.json"))


def _check(path: Path, runtime) -> None:
    want = json.loads(path.read_text("utf-8"))
    (article,) = read_file(path.parent / want["article"], max_bytes=runtime.config.max_bytes,
                           published=veille.parse_date(want["published"]), lang=want["lang"])
    result = check_document(want, process_document(article, runtime))
    assert not result.misses, "\n".join(result.lines())


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_golden_article_reads_as_expected(path, runtime):
    _check(path, runtime)


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="pending: veille misreads it (tests/golden/pending/README.md)")
@pytest.mark.parametrize("path", PENDING, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_golden_pending_article_still_misread(path, runtime):
    _check(path, runtime)


def test_golden_articles_cover_the_mechanisms():
    assert len(EXPECTED) >= 8
    languages = {p.name[:2] for p in EXPECTED + PENDING}
    assert languages == {"fr", "en"}
