"""What runs on each Ray worker: one `Runtime` (spaCy, gazetteer, lexicons loaded once) that
reads batches of articles and returns their reports, or a `Rejected` for an article a stage
failed on. Workers never touch the store: the driver is its only writer."""

from __future__ import annotations

import resource

from ..config import PipelineConfig
from ..model import Article, Rejected, Report
from ..pipeline import read_articles
from ..resources import available_languages
from ..runtime import Runtime


class ArticleReader:
    """A worker's pipeline. Ray makes it an actor (`ray.remote(ArticleReader)`); it is a plain
    class, so the same code reads articles in one process."""

    def __init__(self, config: PipelineConfig) -> None:
        # Models, gazetteer, lexicons and detector loaded now, once, for the languages with a
        # model and those veille has resources for (others load on their first article).
        self.runtime = Runtime(config).load(set(config.models) | set(available_languages()))

    def read(self, articles: list[Article]) -> list[Report | Rejected]:
        """The report of each article, or its `Rejected`, in order."""
        return read_articles(articles, self.runtime)

    def peak_rss_mb(self) -> float:
        """The most memory this worker's process has held (resident set, MB)."""
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
