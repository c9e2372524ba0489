"""Reading many articles from Python: `veille.extract_many`, veille's `nlp.pipe`.

Articles go through the pipeline in batches (each language's batch parsed by spaCy's
`nlp.pipe`), and with `n_process` > 1 the batches are read on that many worker processes, each
with its own models: the whole pipeline runs in parallel, not only the parser, which is why
this does not hand `n_process` to `nlp.pipe`. Reports come back in input order, lazily: at most
two batches per process are in flight, so an iterator of a million texts is never all read in.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Literal

from .config import PipelineConfig
from .errors import VeilleError
from .ingest import article_from_text, ingest_reject, parse_published
from .model import Article, Rejected, Report
from .pipeline import process_many, read_articles
from .runtime import Runtime

OnError = Literal["raise", "reject"]


def extract_many(items: Iterable[str | Article], *, runtime: Runtime,
                 published: str | dt.date | None = None, lang: str | None = None,
                 batch_size: int | None = None, n_process: int = 1,
                 on_error: OnError = "raise") -> Iterator[Report | Rejected]:
    """The `Report` of each text or `Article` of `items`, in input order, as `veille.extract`
    gives it one by one. `published` and `lang` apply to texts, and to articles that lack
    them. `batch_size` articles are read together (default: `[pipeline] batch_size`);
    `n_process` worker processes read batches side by side (each loads its own models, a few
    seconds). With `on_error="raise"` an unusable input (an empty text) or a failing stage
    raises `VeilleError` where it comes; with `"reject"` it gives a `Rejected` in its place
    and the other reports go on. Wrong arguments raise `ValueError` at once."""
    if n_process < 1:
        raise ValueError("n_process must be 1 or more")
    if on_error not in ("raise", "reject"):
        raise ValueError('on_error must be "raise" or "reject"')
    size = runtime.config.batch_size if batch_size is None else batch_size
    if size < 1:
        raise ValueError("batch_size must be 1 or more")
    batches = _batches(items, size, parse_published(published), lang, on_error)
    if n_process == 1:
        return (report for batch in batches for report in _read(batch, runtime, on_error))
    return _on_processes(batches, runtime.config, n_process, on_error)


def _batches(items: Iterable[str | Article], size: int, published: dt.date | None,
             lang: str | None, on_error: OnError) -> Iterator[list[Article | Rejected]]:
    numbered = enumerate(items)
    while batch := list(islice(numbered, size)):
        yield [_article(item, i, published, lang, on_error) for i, item in batch]


def _article(item: str | Article, i: int, published: dt.date | None, lang: str | None,
             on_error: OnError) -> Article | Rejected:
    name = f"<text {i}>"
    try:
        if isinstance(item, Article):
            fill = {k: v for k, v in (("published", published), ("lang", lang))
                    if v is not None and getattr(item, k) is None}
            return item.model_copy(update=fill) if fill else item
        if not isinstance(item, str):
            raise TypeError(f"item {i} is a {type(item).__name__}: give texts or Articles")
        article = article_from_text(item, name=name, published=published, lang=lang)
        return article.model_copy(update={"path": None})  # as `extract` gives it
    except VeilleError as exc:
        if on_error == "raise":
            raise
        return ingest_reject(exc, Path(name))


def _read(batch: list[Article | Rejected], runtime: Runtime,
          on_error: OnError) -> list[Report | Rejected]:
    articles = [a for a in batch if isinstance(a, Article)]
    if on_error == "raise":
        reports: list = process_many(articles, runtime)
    else:
        reports = read_articles(articles, runtime)
    done = iter(reports)
    return [item if isinstance(item, Rejected) else next(done) for item in batch]


# Where fork exists (Linux), workers are forked: they start at once, with the libraries already
# imported, and a script needs no `if __name__ == "__main__"` guard; each still builds its own
# runtime (models, and its own connection to the gazetteer's SQLite file, which must not cross a
# fork). Elsewhere (macOS, Windows) they are spawned, and scripts need that guard.
_START = "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux" \
    else "spawn"

# The worker processes' runtime: a process pool calls functions, not objects, so each worker
# keeps the runtime its initializer built here (one per process, never shared).
_WORKER: Runtime | None = None


def _start_worker(config: PipelineConfig) -> None:
    global _WORKER
    _WORKER = Runtime(config)


def _read_on_worker(batch: list[Article | Rejected], on_error: OnError) -> list[Report | Rejected]:
    assert _WORKER is not None, "started without _start_worker"
    return _read(batch, _WORKER, on_error)


def _on_processes(batches: Iterator[list[Article | Rejected]], config: PipelineConfig,
                  n_process: int, on_error: OnError) -> Iterator[Report | Rejected]:
    context = multiprocessing.get_context(_START)
    pool = ProcessPoolExecutor(n_process, mp_context=context, initializer=_start_worker,
                               initargs=(config,))
    try:
        pending: deque[Future] = deque()
        for batch in batches:
            pending.append(pool.submit(_read_on_worker, batch, on_error))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:  # also when the caller stops early or a batch raised: drop what is queued
        pool.shutdown(wait=True, cancel_futures=True)
