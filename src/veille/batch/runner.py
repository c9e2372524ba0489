"""`veille batch`: read many articles on Ray workers and store them from one writer.

The driver (this process) reads the inputs, skips articles the store already holds (or has
rejected), and sends the rest in jobs of `job_size` articles to `ArticleReader` actors: each
loads spaCy and the gazetteer once and parses its jobs with `nlp.pipe`. Each actor has up to
`queue` jobs waiting, so that none waits for the driver; the driver takes the results in the
order it sent the jobs and every `commit_every` articles writes them in one transaction
(`Store.save_all`) with the rejects. The store has one writer, so SQLite is never written
concurrently; transactions fall at the same articles on every run, and what a run committed
is whole: killed or interrupted, the same command goes on from the first uncommitted article.

Ray starts in this process when no address is given (`num_cpus` = workers), or joins a
running cluster (`auto`, `ray://host:10001`); see docs/scale.md.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import PipelineConfig
from ..errors import RayUnavailable, VeilleError
from ..ingest import count_records, ingest_reject, list_files, read_records
from ..model import Article, Rejected, Report
from ..store import Store
from .worker import ArticleReader


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs. `workers` None: one per CPU of this machine (or of the cluster)."""

    workers: int | None = None
    ray_address: str | None = None
    job_size: int = 32  # articles per task: one nlp.pipe batch
    commit_every: int = 512  # articles per store transaction
    queue: int = 2  # jobs waiting at each worker, so that none waits for the driver


@dataclass
class BatchProgress:
    """Counts so far; `total` is an estimate made before reading (see `count_records`)."""

    total: int = 0
    done: int = 0  # articles read or rejected in this run, or skipped as already stored
    skipped: int = 0  # already stored or rejected by an earlier run
    events: int = 0  # events found in this run's reports
    rejected: int = 0
    new_events: int = 0
    merged: int = 0
    copied: int = 0  # stored events that gained a copy's outlet as a source
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


@dataclass
class BatchSummary:
    progress: BatchProgress
    workers: int
    peak_rss_mb: list[float]
    startup_seconds: float  # Ray started or joined, and every worker's model loaded
    interrupted: bool = False


def run_batch(inputs: Iterable[Path], config: PipelineConfig, store: Store,
              options: BatchOptions = BatchOptions(), *, published: dt.date | None = None,
              on_progress: Callable[[BatchProgress], None] | None = None) -> BatchSummary:
    """Read every article under `inputs` on Ray workers and store the results.

    Raises what the inputs raise before anything is read (a missing path). A Ctrl-C stops the
    run after the last committed transaction and returns with `interrupted` set.
    """
    files = [f for path in inputs for f in list_files(Path(path))]
    progress = BatchProgress(total=sum(count_records(f, max_bytes=config.max_bytes) for f in files))
    ray, started_here = _start_ray(options)
    try:
        workers = options.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1)(ArticleReader)
        readers = [actor.remote(config) for _ in range(workers)]
        ray.get([r.peak_rss_mb.remote() for r in readers])  # every worker has loaded its model
        startup = time.perf_counter() - progress.started
        progress.started = time.perf_counter()  # articles/s counts reading, not loading
        interrupted = False
        try:
            _drive(ray, readers, _jobs(files, config, store, options, published), store,
                   options, progress, on_progress)
        except KeyboardInterrupt:
            interrupted = True
        peak = [] if interrupted else ray.get([r.peak_rss_mb.remote() for r in readers])
        return BatchSummary(progress, workers, peak, startup, interrupted)
    finally:
        if started_here:
            ray.shutdown()


@dataclass
class _Job:
    """Up to `job_size` records in input order: the articles to read (none already stored),
    the records that could not be read, and how many were skipped as already stored; of
    those, the copies of stored articles from another outlet (saved unread: see copies.py)."""

    articles: list[Article]
    rejects: list[Rejected]
    skipped: int
    copies: list[Article]


def _jobs(files: list[Path], config: PipelineConfig, store: Store, options: BatchOptions,
          published: dt.date | None) -> Iterator[_Job]:
    articles: list[Article] = []
    rejects: list[Rejected] = []
    taken: set[str] = set()  # articles of this run, for one given twice in the inputs

    def job() -> _Job:
        seen = store.seen([a.id for a in articles] + [r.key for r in rejects]) | taken
        fresh = []
        for a in articles:
            if a.id not in seen:
                fresh.append(a)
                seen.add(a.id)
                taken.add(a.id)
        new_rejects = [r for r in rejects if r.key not in seen]
        # Only copies of articles committed already: one of this run's may not be stored yet.
        again = [a for a in articles if a.id in seen and a.id not in taken]
        copies = store.copies(again) if again else []
        return _Job(fresh, new_rejects, len(articles) + len(rejects) - len(fresh) - len(new_rejects),
                    copies)

    for file in files:
        for item in read_records(file, max_bytes=config.max_bytes, published=published,
                                 legacy_encoding=config.legacy_encoding):
            if isinstance(item, VeilleError):
                rejects.append(ingest_reject(item, file))
            else:
                articles.append(item)
            if len(articles) + len(rejects) >= options.job_size:
                yield job()
                articles, rejects = [], []
    if articles or rejects:
        yield job()


def _drive(ray, readers: list, jobs: Iterator[_Job], store: Store, options: BatchOptions,
           progress: BatchProgress, on_progress: Callable[[BatchProgress], None] | None) -> None:
    """Send jobs to the least busy actor, `options.queue` deep each; take the results in the
    order sent; write every `commit_every` articles."""
    busy = [0] * len(readers)
    sent: deque[tuple[_Job, object, int]] = deque()  # job, its result's ref (or None), actor
    reports: list[Report] = []
    rejects: list[Rejected] = []

    def send() -> None:
        while len(sent) < options.queue * len(readers):
            job = next(jobs, None)
            if job is None:
                return
            ref, actor = None, -1
            if job.articles:
                actor = min(range(len(readers)), key=busy.__getitem__)
                ref = readers[actor].read.remote(job.articles)
                busy[actor] += 1
            sent.append((job, ref, actor))

    def write() -> None:
        results = store.save_all(reports, batch_size=max(len(reports), 1))
        for report, result in zip(reports, results, strict=True):
            if result.error is not None:  # refused by the database: a reject, not lost
                rejects.append(Rejected(article_id=result.article_id, source=report.article.path,
                                        stage="store", code=result.error.code,
                                        message=result.error.message))
                progress.rejected += 1
        store.save_rejects(rejects)
        progress.new_events += sum(len(r.created) for r in results)
        progress.merged += sum(len(r.merged) for r in results)
        progress.copied += sum(len(r.copied) for r in results)
        reports.clear()
        rejects.clear()

    send()
    while sent:
        job, ref, actor = sent.popleft()
        if ref is not None:
            busy[actor] -= 1
        for result in [*(ray.get(ref) if ref is not None else []), *job.rejects]:
            if isinstance(result, Rejected):
                rejects.append(result)
                progress.rejected += 1
            else:
                reports.append(result)
                progress.events += len(result.events)
        reports.extend(Report(article=a) for a in job.copies)
        progress.skipped += job.skipped
        progress.done += job.skipped + len(job.rejects) + len(job.articles)
        send()
        if len(reports) + len(rejects) >= options.commit_every:
            write()
        if on_progress:
            on_progress(progress)
    write()
    if on_progress:
        on_progress(progress)


def _check_reachable(address: str) -> None:
    """Fail at once when nothing listens at a cluster's `host:port` (Ray itself retries for
    minutes). `auto` is left to Ray, which reads the address of the cluster on this machine."""
    if address == "auto":
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    try:
        with socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=5):
            pass
    except (OSError, ValueError) as exc:
        raise ConnectionError(f"nothing answers at {address} ({exc})") from exc


class _RayStartupTimeout(Exception):
    """Ray's own processes did not register in time (a loaded machine)."""


STARTUP_ATTEMPTS = 3


def _start_local_ray(ray, cpus: int, common: dict) -> None:
    """A new Ray of our own on this machine, even where a cluster started with `ray start`
    runs. Ray gives its raylet a fixed 30 s to register and raises a bare `Exception` past it,
    which a busy machine can exceed: tried again, then said plainly."""
    for attempt in range(1, STARTUP_ATTEMPTS + 1):
        try:
            ray.init(address="local", num_cpus=cpus, include_dashboard=False, **common)
            return
        except Exception as exc:  # Ray raises Exception itself for this one
            if "timed out during startup" not in str(exc):
                raise
            ray.shutdown()
            if attempt == STARTUP_ATTEMPTS:
                raise _RayStartupTimeout(str(exc)) from exc


def _start_ray(options: BatchOptions):
    """Ray, started here (this machine, `workers` CPUs) unless it runs or an address is given.
    Returns the module and whether this call started it (and so must stop it)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline: no usage reports
    import ray

    if ray.is_initialized():
        return ray, False
    common = {"logging_level": "ERROR", "log_to_driver": False, "configure_logging": True}
    try:
        if options.ray_address:
            _check_reachable(options.ray_address)
            ray.init(address=options.ray_address, **common)
        else:
            _start_local_ray(ray, options.workers or os.cpu_count() or 1, common)
    except (ConnectionError, RuntimeError, ValueError, _RayStartupTimeout) as exc:
        where = f"cluster at {options.ray_address}" if options.ray_address else "on this machine"
        raise RayUnavailable(where=where, detail=" ".join(str(exc).split())[:300]) from exc
    return ray, True
