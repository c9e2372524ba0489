"""veille: read news reports about armed conflict; get sourced, geocoded event records.

    >>> import veille
    >>> report = veille.extract(text, published="2024-11-30")
    >>> report.events[0].sub_event_type, report.events[0].evidence["location"].spans
    >>> for report in veille.extract_many(texts, published="2024-11-30", n_process=2): ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from .config import PipelineConfig, load_config
from .errors import VeilleError
from .ingest import article_from_text, parse_date, parse_published
from .many import OnError
from .many import extract_many as _extract_many
from .model import (
    Article,
    BreakdownItem,
    CasualtyReport,
    Event,
    Evidence,
    Fatalities,
    Rejected,
    Repair,
    Report,
    Revision,
    Source,
    Span,
)
from .pipeline import process, process_many
from .runtime import Runtime

__all__ = [
    "Article", "BreakdownItem", "CasualtyReport", "Event", "Evidence", "Fatalities",
    "PipelineConfig", "Rejected", "Repair", "Report", "Revision", "Runtime", "Source", "Span",
    "VeilleError", "default_runtime", "extract", "extract_many", "load_config", "parse_date",
    "process", "process_many",
]
try:
    __version__ = version("veille")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"


@lru_cache(maxsize=1)
def default_runtime() -> Runtime:
    """The process-wide runtime of the default configuration (models load once, on use)."""
    return Runtime(load_config())


def extract(text: str, *, published: str | dt.date | None = None, lang: str | None = None,
            url: str | None = None, title: str | None = None,
            runtime: Runtime | None = None) -> Report:
    """Read one article's text and return its `Report` (events, casualty reports, repairs).

    `published` anchors relative dates (`hier`, `mardi`); without it they stay unresolved.
    `lang` skips language detection. Raises `VeilleError` on unusable input (e.g. empty text).
    """
    article = article_from_text(text, name="<text>", published=parse_published(published), lang=lang)
    article = article.model_copy(update={"url": url or article.url,
                                         "title": title or article.title, "path": None})
    return process(article, runtime or default_runtime())


def extract_many(items: Iterable[str | Article], *, published: str | dt.date | None = None,
                 lang: str | None = None, batch_size: int | None = None, n_process: int = 1,
                 on_error: OnError = "raise",
                 runtime: Runtime | None = None) -> Iterator[Report | Rejected]:
    """Read many texts (or `Article`s): an iterator of their `Report`s in input order, the same
    reports `extract` gives one by one, read `batch_size` at a time (spaCy's `nlp.pipe` parses
    each batch) on `n_process` processes. `on_error="reject"` gives a `Rejected` in place of an
    unusable input instead of raising `VeilleError`. See `veille.many`."""
    return _extract_many(items, runtime=runtime or default_runtime(), published=published,
                         lang=lang, batch_size=batch_size, n_process=n_process,
                         on_error=on_error)
