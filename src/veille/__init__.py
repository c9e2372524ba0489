"""veille: read news reports about armed conflict; get sourced, geocoded event records.

    >>> import veille
    >>> report = veille.extract(text, published="2024-11-30")
    >>> report.events[0].sub_event_type, report.events[0].evidence["location"].spans
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .config import PipelineConfig, load_config
from .errors import VeilleError
from .ingest import article_from_text, parse_date, parse_published
from .model import (
    Article,
    BreakdownItem,
    CasualtyReport,
    Event,
    Evidence,
    Fatalities,
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
    "PipelineConfig", "Repair", "Report", "Revision", "Runtime", "Source", "Span", "VeilleError",
    "default_runtime", "extract", "load_config", "parse_date", "process", "process_many",
]
__version__ = "0.2.0"


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
