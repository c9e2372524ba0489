"""The team's French articles, one mechanism each (tests/golden/articles/): every expected
value must come out, and every extra event must be one the expectation allows."""

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


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_golden_article_reads_as_expected(path, runtime):
    want = json.loads(path.read_text("utf-8"))
    (article,) = read_file(ARTICLES / want["article"], max_bytes=runtime.config.max_bytes,
                           published=veille.parse_date(want["published"]), lang=want["lang"])
    result = check_document(want, process_document(article, runtime))
    assert not result.misses, "\n".join(result.lines())


def test_golden_articles_cover_the_mechanisms():
    assert len(EXPECTED) >= 8
