"""POST /extract: the pipeline on a posted article, with one `Runtime` per application."""

from __future__ import annotations

import threading

from ..ingest import article_from_text, parse_published
from ..ingest.html import article_from_html
from ..model import Article, Report
from ..pipeline import process
from ..runtime import Runtime
from .schemas import ExtractRequest

# Errors and Article.path name the posted article so.
POSTED = "<request>"


def posted_article(body: ExtractRequest) -> Article:
    """The `Article` of a request: text (front matter read) or an HTML page (main text by
    trafilatura); the request's fields win over what the text says."""
    published = parse_published(body.published)  # the bounds of every other way in
    if body.text is not None:
        article = article_from_text(body.text, name=POSTED, published=published,
                                    lang=body.lang)
        return article.model_copy(update={"url": body.url or article.url,
                                          "title": body.title or article.title, "path": None})
    assert body.html is not None
    article = article_from_html(body.html, name=POSTED, url=body.url, published=published,
                                lang=body.lang)
    return article.model_copy(update={"title": body.title or article.title, "path": None})


class Extractor:
    """Runs the pipeline for the API. The runtime loads its models on the first article (so
    the application starts at once), and one article is read at a time: spaCy pipelines and
    the runtime's caches are not made to be shared by concurrent threads."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._lock = threading.Lock()

    def read(self, article: Article) -> Report:
        with self._lock:
            return process(article, self.runtime)
