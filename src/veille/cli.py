"""The `veille` command: a thin shell over plain functions. Errors become one line on stderr
and exit code 1; no traceback reaches the user (set VEILLE_DEBUG=1 to see one)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import __version__
from .config import load_config
from .errors import (
    BadJsonLine,
    InputNotFound,
    NotAFile,
    OutputRequired,
    UnknownEvent,
    VeilleError,
)
from .evaluate.acceptance import check_document
from .evaluate.run import evaluate
from .export import is_binary, write_export
from .export.acled import write_acled_csv
from .ingest import ingest_reject, parse_date, parse_published, read_file, read_records
from .ingest.acled import read_acled
from .model import Article, Event, Fatalities, Rejected, Report
from .pipeline import process_document, process_many, read_articles
from .resolve.gazetteer import Gazetteer, add_geonames_dump, build_embedded, default_path
from .resolve.gazetteer.download import GEONAMES, downloaded
from .resolve.gazetteer.download import download as download_countries
from .runtime import Runtime
from .store import open_store
from .store.db import ACLED_FILTERS

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Read conflict news; get sourced, geocoded event records.")
err = Console(stderr=True)

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML file overriding "
                                                "default_config.toml.")]
DbOpt = Annotated[str | None, typer.Option("--db", help="The store: a SQLite file path "
                                           "(veille.db) or a database URL (sqlite:///..., "
                                           "postgresql://...) [default: [store] url of the "
                                           "config, sqlite:///veille.db].")]


class ReportFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


# The choices of --acled, as the store defines them (`not` is a keyword: no class body).
AcledWhich = StrEnum("AcledWhich", {name: name for name in ACLED_FILTERS})


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    jsonl = "jsonl"
    parquet = "parquet"
    plover = "plover"


def _version(show: bool) -> None:
    if show:
        print(f"veille {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print veille's version and exit.")] = False,
) -> None:
    """Read conflict news; get sourced, geocoded event records."""


def _fail(message: str) -> None:
    err.print(message, markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def edge(fn: Callable) -> Callable:
    """Turn veille's errors (and any unexpected one) into one line and exit code 1."""
    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except VeilleError as exc:
            _fail(exc.one_line())
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if os.environ.get("VEILLE_DEBUG"):
                raise
            detail = " ".join(str(exc).split())[:300]
            _fail(f"error V999: internal error ({type(exc).__name__}: {detail}); "
                  "rerun with VEILLE_DEBUG=1 and report it")
    return wrapper


@app.command()
@edge
def extract(
    article: Annotated[Path, typer.Argument(help="An article file: text (optional front "
                                            "matter), JSON Lines, HTML, RSS/Atom or WARC.")],
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    lang: Annotated[str | None, typer.Option(help="Language code; skips detection.")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="Output format.")] = ReportFormat.json,
    config: ConfigOpt = None,
) -> None:
    """Print the report of one article: events, casualty reports, evidence spans."""
    cfg = load_config(config)
    if article.is_dir():
        raise NotAFile(path=str(article))
    articles = read_file(article, max_bytes=cfg.max_bytes, published=parse_published(published),
                         legacy_encoding=cfg.legacy_encoding,
                         lang=lang)
    reports = process_many(articles, Runtime(cfg))
    _print_reports(reports, fmt)


def _print_reports(reports: list[Report], fmt: ReportFormat) -> None:
    out = sys.stdout
    if fmt is ReportFormat.json:
        data = [json.loads(r.model_dump_json()) for r in reports]
        json.dump(data[0] if len(data) == 1 else data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt is ReportFormat.jsonl:
        for report in reports:
            for event in report.events:
                out.write(json.dumps({"type": "event", **event.model_dump(mode="json")},
                                     ensure_ascii=False) + "\n")
            for cas in report.casualty_reports:
                out.write(json.dumps({"type": "casualty_report", **cas.model_dump(mode="json")},
                                     ensure_ascii=False) + "\n")
    else:
        write_acled_csv((e for r in reports for e in r.events), out)


@app.command()
@edge
def run(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders of articles.")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    published: Annotated[str | None, typer.Option(help="Publication date for text files "
                                                  "without one, YYYY-MM-DD.")] = None,
) -> None:
    """Read every article under INPUTS, store the reports, print the events found."""
    cfg = load_config(config)
    date = parse_published(published)
    store = open_store(db or cfg.store_url)
    articles: list[Article] = []
    rejected: list[Rejected] = []
    skipped = 0
    for path in inputs:
        for item in read_records(path, max_bytes=cfg.max_bytes, published=date,
                                 legacy_encoding=cfg.legacy_encoding):
            if isinstance(item, VeilleError):  # one bad file or record does not stop the run
                skipped += 1
                rejected.append(ingest_reject(item, path))
                err.print(f"skipped {item.one_line()}", markup=False, highlight=False,
                          soft_wrap=True)
            else:
                articles.append(item)
    # In order of publication, so that each event's revisions tell its story in order.
    articles.sort(key=lambda a: (a.published or dt.date.max, a.path or "", a.id))
    reports: list[Report] = []
    for outcome in read_articles(articles, Runtime(cfg)):  # one failed article stops nothing
        if isinstance(outcome, Rejected):
            rejected.append(outcome)
            skipped += 1
            err.print(f"rejected article {outcome.article_id} ({outcome.source}): error "
                      f"{outcome.code}: {outcome.message}", markup=False, highlight=False,
                      soft_wrap=True)
        else:
            reports.append(outcome)
    store.save_rejects(rejected)  # listed by `veille rejects`
    results = store.save_all(reports)
    touched = list(dict.fromkeys(i for r in results for i in r.created + r.merged + r.copied))
    _print_events([e for e in (store.event(i) for i in touched[:_MAX_ROWS]) if e is not None])
    if len(touched) > _MAX_ROWS:
        err.print(f"... and {len(touched) - _MAX_ROWS} more events: `veille export` lists them",
                  markup=False, highlight=False)
    stored = _stored(results)
    err.print(
        f"{len(reports)} articles read ({len(reports) - len(stored)} already stored or refused), "
        f"{sum(len(r.created) for r in stored)} new events, "
        f"{sum(len(r.merged) for r in stored)} reports merged into stored events, "
        f"{_copied(sum(len(r.copied) for r in results))}"
        f"{skipped} files or records skipped; store: {store.url}", highlight=False, soft_wrap=True)
    if (skipped and not reports) or any(r.error is not None for r in results):
        raise typer.Exit(1)


def _copied(events: int) -> str:
    """The clause of a run's summary on copies of stored articles, when there were any."""
    return f"{events} stored events given another outlet (a copy of their article), " if events else ""


def _stored(results: list) -> list:
    """The reports a save stored (not already there, not refused); says which were refused."""
    for result in results:
        if result.error is not None:
            err.print(f"not stored: article {result.article_id}: {result.error.one_line()}",
                      markup=False, highlight=False)
    return [r for r in results if r.stored and r.error is None]


_MAX_ROWS = 50  # events `run` prints; a big run is read with `veille export`
REJECTED_EXIT = 3  # `veille batch` finished, but some articles were rejected


@app.command()
@edge
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders of articles.")],
    workers: Annotated[int | None, typer.Option(
        help="Ray workers, each with its own model (default: one per CPU).", min=1)] = None,
    ray_address: Annotated[str | None, typer.Option(
        "--ray-address", help="Join a running Ray cluster (auto, ray://HOST:10001); "
        "default: start Ray on this machine.")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    published: Annotated[str | None, typer.Option(help="Publication date for text files "
                                                  "without one, YYYY-MM-DD.")] = None,
    commit_every: Annotated[int, typer.Option(
        help="Articles per store transaction (what an interruption can lose).", min=1)] = 512,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read every article under INPUTS on Ray workers and store the reports; run it again to
    go on after an interruption. Exit code 3 when some articles were rejected (`veille rejects`
    lists them)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .batch import BatchOptions, run_batch

    cfg = load_config(config)
    date = parse_published(published)
    store = open_store(db or cfg.store_url)
    options = BatchOptions(workers=workers, ray_address=ray_address,
                           job_size=cfg.batch_size, commit_every=commit_every)
    bar = Progress(TextColumn("reading"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]:.1f} articles/s, {task.fields[events]} events, "
                              "{task.fields[rejected]} rejected"), TimeElapsedColumn(),
                   console=err, disable=quiet, transient=False)
    with bar:
        task = bar.add_task("batch", total=None, rate=0.0, events=0, rejected=0)

        def show(p) -> None:
            read = p.done - p.skipped
            bar.update(task, total=p.total, completed=p.done, events=p.events,
                       rejected=p.rejected, rate=read / p.seconds if p.seconds else 0.0)

        summary = run_batch(inputs, cfg, store, options, published=date, on_progress=show)
    p = summary.progress
    read = p.done - p.skipped
    peak = f", peak memory per worker {max(summary.peak_rss_mb):.0f} MB" if summary.peak_rss_mb else ""
    err.print(f"{read} articles read in {p.seconds:.1f} s ({read / max(p.seconds, 1e-9):.1f}/s) "
              f"on {summary.workers} workers (started in {summary.startup_seconds:.1f} s){peak}; "
              f"{p.skipped} already stored, skipped; "
              f"{p.new_events} new events, {p.merged} reports merged into stored events, "
              f"{_copied(p.copied)}{p.rejected} rejected; store: {store.url}", highlight=False,
              soft_wrap=True)
    if summary.interrupted:
        err.print("interrupted: what was committed is stored; run the same command to go on",
                  highlight=False)
        raise typer.Exit(130)
    if p.rejected:
        err.print("some articles were rejected: `veille rejects` lists them", highlight=False)
        raise typer.Exit(REJECTED_EXIT)


@app.command()
@edge
def rejects(
    db: DbOpt = None,
    config: ConfigOpt = None,
    limit: Annotated[int | None, typer.Option(help="Show only the first N.", min=1)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, for scripts.")] = False,
) -> None:
    """List the articles and records runs could not read: stage, error code and message."""
    cfg = load_config(config)
    found = open_store(db or cfg.store_url).rejects(limit=limit)
    if as_json:
        for r in found:
            sys.stdout.write(r.model_dump_json() + "\n")
        return
    table = Table("article", "source", "stage", "code", "message")
    for r in found:
        table.add_row(escape(r.article_id or "-"), escape(r.source or "-"), r.stage, r.code,
                      escape(r.message))
    Console(width=max(Console().width, 140)).print(table)
    err.print(f"{len(found)} rejects", highlight=False)


@app.command("watch")
@edge
def watch_sources(
    sources_file: Annotated[Path, typer.Argument(metavar="SOURCES", help="A TOML file of "
                                                 "[[source]] tables (name, url, lang, country, "
                                                 "every).")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every source once and exit (for "
                                       "cron); without it, poll each when due until stopped."
                                       )] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Fetch sources and "
                                                "redirects on private, loopback or link-local "
                                                "addresses.")] = False,
) -> None:
    """Poll the feeds SOURCES lists, read their new articles and store their events. SIGTERM
    or Ctrl-C finishes the article in flight, stores it and exits."""
    import signal
    import threading

    from .alerts import notify
    from .watch import read_sources, watch

    cfg = load_config(config)
    specs = read_sources(sources_file)
    store = open_store(db or cfg.store_url)
    runtime = Runtime(cfg)
    w = cfg.watch
    fetcher = _fetcher(cfg, allow_private)
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():  # not so inside a test runner
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    if not w.contact:
        err.print("note: set [watch] contact in your config so that sites know who polls them",
                  highlight=False)
    failed = 0

    smtp = _smtp(cfg)

    def said(result) -> None:
        nonlocal failed
        for name, event_id, sent in notify(store, result.events, fetcher=fetcher, smtp=smtp,
                                           retries=cfg.alerts.retries,
                                           delay=cfg.alerts.retry_delay):
            err.print(f"alert {name}: event {event_id} "
                      f"{'sent' if sent.ok else 'NOT sent'} ({sent.detail})", markup=False,
                      highlight=False)
        if result.status == "error":
            failed += 1
            line = f"error: {result.error}"
        else:
            line = (f"{result.status}: {result.stored} articles stored "
                    f"({len(set(result.events))} events), {result.duplicates} already stored, "
                    f"{result.rejected} unreadable, of {result.entries} entries")
        err.print(f"{result.source}: {line}", markup=False, highlight=False, soft_wrap=True)

    results = watch(specs, store, fetcher, lambda a: read_articles([a], runtime)[0],
                    once=once, stop=stop, on_poll=said, max_entries=w.max_entries,
                    workers=w.workers)
    err.print(f"{len(results)} polls, {sum(r.stored for r in results)} articles stored, "
              f"{failed} failed; store: {_without_password(store.url)}", highlight=False)
    if failed:
        raise typer.Exit(REJECTED_EXIT)


def _fetcher(cfg, allow_private: bool = False):
    """The fetcher of `veille watch` and of webhooks, as the config bounds it."""
    from .watch import Fetcher, FetchLimits

    w = cfg.watch
    agent = f"veille/{__version__} (+{w.contact})" if w.contact else f"veille/{__version__}"
    return Fetcher(user_agent=agent, allow_private=allow_private or w.allow_private,
                   limits=FetchLimits(connect=w.connect_timeout, read=w.read_timeout,
                                      total=w.total_timeout, max_bytes=w.max_bytes,
                                      max_redirects=w.max_redirects, host_delay=w.host_delay))


def _smtp(cfg):
    from .alerts import Smtp

    a = cfg.alerts
    return Smtp(host=a.smtp_host, port=a.smtp_port, user=a.smtp_user, password=a.smtp_password,
                starttls=a.smtp_starttls, sender=a.sender)


@app.command("sources")
@edge
def list_sources(
    db: DbOpt = None,
    config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, for scripts.")] = False,
) -> None:
    """List the sources `veille watch` polls, with their health: last poll, last new article,
    articles stored, errors in a row, next poll, and the last error (why one backs off)."""
    from dataclasses import asdict

    from .store.sources import sources as stored_sources

    cfg = load_config(config)
    found = stored_sources(open_store(db or cfg.store_url))
    if as_json:
        for s in found:
            sys.stdout.write(json.dumps(asdict(s), default=str) + "\n")
        return
    table = Table("name", "url", "last poll", "last new", "articles", "errors", "next poll",
                  "last error")

    def when(value: dt.datetime | None) -> str:
        return value.strftime("%Y-%m-%d %H:%M") if value else "-"

    for s in found:
        table.add_row(escape(s.name), escape(s.url), when(s.last_poll), when(s.last_new),
                      str(s.articles), str(s.errors), when(s.next_poll),
                      escape(s.last_error or "-"))
    Console(width=max(Console().width, 160)).print(table)
    err.print(f"{len(found)} sources", highlight=False)


def _deaths(f: Fatalities | None) -> str:
    if f is None or f.best is None:
        return "-"
    if f.low is not None and f.high is not None and f.low != f.high:
        return f"{f.best} ({f.low}-{f.high})"
    return str(f.best)


def _print_events(events: list[Event]) -> None:
    table = Table(title="Events", show_lines=False)
    for column in ("event_id", "date", "type", "actor1", "actor2", "location", "admin1",
                   "deaths", "sources", "attributed to"):
        table.add_column(column)
    for e in events:
        attributed = "; ".join(dict.fromkeys(s.attributed_to for s in e.sources
                                             if s.attributed_to)) or "-"
        table.add_row(e.event_id, str(e.event_date or "-"), e.sub_event_type, e.actor1 or "-",
                      e.actor2 or "-", e.location or e.country or "-", e.admin1 or "-",
                      _deaths(e.fatalities), str(len(e.sources)), attributed)
    Console(width=max(Console().width, 160)).print(table)


@app.command()
@edge
def history(
    event_id: Annotated[str, typer.Argument(help="An event id (see `veille run` or export).")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Print how a stored event came to say what it says: its sources and every revision."""
    cfg = load_config(config)
    store = open_store(db or cfg.store_url)
    event = store.event(event_id)
    if event is None:
        raise UnknownEvent(event_id=event_id, url=store.url)
    out = Console(width=max(Console().width, 120), highlight=False)
    out.print(f"[bold]{event.event_id}[/bold]  {escape(event.notes or '')}")
    out.print(f"fatalities: {_deaths(event.fatalities)}; "
              f"{len(event.sources)} sources", markup=False)
    sources = Table(title="Sources", show_lines=False)
    for column in ("published", "outlet", "article", "attributed to", "read as"):
        sources.add_column(column)
    # One reading per article; a copy of an article (another outlet) shares its reading.
    readings = {r.sources[0].article_id: r for r in store.sources(event_id) if r.sources}
    for src in event.sources:
        reading = readings.get(src.article_id)
        read_as = (f"{reading.sub_event_type}, {_deaths(reading.fatalities)} dead"
                   if reading else "-")
        sources.add_row(str(src.published or "-"), src.outlet or src.url or "-", src.article_id,
                        src.attributed_to or "-", read_as)
    out.print(sources)
    revisions = Table(title="Revisions", show_lines=False)
    for column in ("when", "from", "field", "was", "now"):
        revisions.add_column(column)
    outlets: dict[str, str | None] = {}
    for s in event.sources:  # an article's first outlet (its copies' revisions name theirs)
        outlets.setdefault(s.article_id, s.outlet or s.url)
    for rev in store.history(event_id):
        who = rev.author or "-"
        if rev.article_id:
            who = f"{outlets.get(rev.article_id) or 'article'} ({rev.article_id})"
        if rev.reason:
            who += f" ({rev.reason})"
        fields = rev.changes or {"(source added)": {"old": "", "new": ""}}
        for name, change in fields.items():
            revisions.add_row(rev.at.strftime("%Y-%m-%d %H:%M:%S"), who, name,
                              _value(change["old"]), _value(change["new"]))
    out.print(revisions if revisions.row_count else "no revisions: one source so far")


def _value(value: object) -> str:
    if isinstance(value, dict) and set(value) <= {"low", "best", "high"}:
        return _deaths(Fatalities(**value))
    return "-" if value in (None, "", []) else str(value)


@app.command()
@edge
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.acled_csv,
    since: Annotated[str | None, typer.Option(help="Only events on or after this date, "
                                              "YYYY-MM-DD.")] = None,
    country: Annotated[str | None, typer.Option(help="Only events in this country (name or "
                                                "ISO code).")] = None,
    acled: Annotated[AcledWhich | None, typer.Option(help="Only events ACLED's data (`veille "
                                                     "import acled`) also holds, does not "
                                                     "hold, or alone holds.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file "
                                                "[default: standard output; parquet needs "
                                                "a file].")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write the stored events (all, or those --since, --country and --acled select)."""
    if output is None and is_binary(fmt.value):  # before the store is opened or read
        raise OutputRequired(fmt=fmt.value)
    start = parse_date(since)
    cfg = load_config(config)
    store = open_store(db or cfg.store_url)
    events = store.events(since=start, country=country, acled=acled.value if acled else None)
    count = write_export(fmt.value, events, sys.stdout if output is None else output)
    where = "standard output" if output is None else str(output)
    err.print(f"{count} events written to {where}", markup=False, highlight=False,
              soft_wrap=True)


@app.command()
@edge
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    config: ConfigOpt = None,
) -> None:
    """Serve the store over HTTP: events, articles, exports, extraction, corrections."""
    # Imported here: the web server's packages would slow every other command's start.
    import uvicorn

    from .api import ApiSettings, create_app

    cfg = load_config(config)
    settings = ApiSettings.from_config(cfg, os.environ)
    store = open_store(db or cfg.store_url)
    application = create_app(store, settings)
    shown = f"[{host}]" if ":" in host else host
    writes = (f"{len(settings.tokens)} token(s) may write" if settings.tokens
              else "writes disabled (no token: set VEILLE_TOKEN or [api] tokens)")
    print(f"veille API on http://{shown}:{port} (docs: http://{shown}:{port}/docs); "
          f"{writes}; store: {_without_password(store.url)}", flush=True)
    uvicorn.run(application, host=host, port=port, log_level="info")


def _without_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy reads: the store opened it anyway, show it
        return url


@app.command()
@edge
def check(
    expected: Annotated[Path, typer.Argument(help="An expectation file (*.expected.json).")],
    strict: Annotated[bool, typer.Option(help="Fail on any miss, not only a missing event.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Read the article an expectation file names and check the report field by field."""
    cfg = load_config(config)
    if not expected.is_file():
        raise InputNotFound(path=str(expected))
    try:
        want = json.loads(expected.read_text("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadJsonLine(path=str(expected), line=1, detail=f"invalid JSON ({exc})") from exc
    article = read_file(expected.parent / want["article"], max_bytes=cfg.max_bytes,
                        published=parse_published(want.get("published")), lang=want.get("lang"))[0]
    result = check_document(want, process_document(article, Runtime(cfg)))
    for line in result.lines():
        print(line)
    if not result.required_found or (strict and result.misses):
        raise typer.Exit(1)


@app.command("eval")
@edge
def eval_(
    gold: Annotated[Path, typer.Argument(help="A gold file (JSON Lines, DESIGN.md's format).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object, for scripts.")] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N articles.")] = None,
    errors: Annotated[Path | None, typer.Option(
        help="Write every unmatched or wrong pair here (JSON Lines), for error analysis.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Score veille on a gold file: event gold (ACLED, UCDP, POPCORN) or place gold."""
    result = evaluate(gold, Runtime(load_config(config)), limit=limit)
    if errors is not None:
        with errors.open("w", encoding="utf-8") as handle:
            for record in result.errors:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if as_json:
        print(json.dumps(result.figures))
        return
    table = Table(title=f"{gold.name} ({result.kind})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, value in result.figures.items():
        table.add_row(name, "-" if value is None else str(value))
    Console().print(table)


alert_app = typer.Typer(help="Alerts: new or updated records that match filters, sent to a "
                        "webhook or by email as `veille watch` stores them.",
                        no_args_is_help=True)
app.add_typer(alert_app, name="alert")


@alert_app.command("add")
@edge
def alert_add(
    name: Annotated[str, typer.Argument(help="A name for the alert.")],
    country: Annotated[list[str] | None, typer.Option(help="Country name or ISO code "
                                                      "(repeat for several).")] = None,
    admin1: Annotated[list[str] | None, typer.Option(help="Admin1 region.")] = None,
    event_type: Annotated[list[str] | None, typer.Option(help="Event or sub-event type "
                                                         "(Battles, Air/drone strike).")] = None,
    actor: Annotated[list[str] | None, typer.Option(help="Actor, on either side.")] = None,
    min_fatalities: Annotated[int | None, typer.Option(help="At least this many dead (an "
                                                       "unknown toll does not match).",
                                                       min=0)] = None,
    webhook: Annotated[str | None, typer.Option(help="POST each record here as JSON.")] = None,
    secret: Annotated[str | None, typer.Option(help="Sign webhook bodies: header "
                                               "X-Veille-Signature: sha256=<HMAC>.")] = None,
    email: Annotated[str | None, typer.Option(help="Mail each record here ([alerts] SMTP "
                                              "settings).")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Add an alert: each new or updated record matching every filter given is sent to the
    webhook or the email address."""
    from urllib.parse import urlsplit

    from .alerts import Alert
    from .errors import BadParameter
    from .store.alerts import add_alert

    if bool(webhook) == bool(email):
        raise BadParameter(detail="give one of --webhook URL or --email ADDRESS")
    if webhook and urlsplit(webhook).scheme not in ("http", "https"):
        raise BadParameter(detail=f"--webhook must be an http or https URL, not {webhook!r}")
    if secret and not webhook:
        raise BadParameter(detail="--secret signs webhook bodies: give --webhook too")
    if email and "@" not in email:
        raise BadParameter(detail=f"--email {email!r} is not an email address")
    cfg = load_config(config)
    alert = Alert(name=name, country=country or [], admin1=admin1 or [],
                  event_type=event_type or [], actor=actor or [], min_fatalities=min_fatalities,
                  webhook=webhook, secret=secret, email=email)
    add_alert(open_store(db or cfg.store_url), alert)
    err.print(f"alert {name} added", highlight=False)


@alert_app.command("list")
@edge
def alert_list(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """List the alerts: their filters and where they send."""
    from .store.alerts import alerts

    cfg = load_config(config)
    table = Table("name", "filters", "sends to")
    for a in alerts(open_store(db or cfg.store_url)):
        filters = "; ".join(f"{k}={v}" for k, v in a.filters.items() if v not in (None, []))
        where = (a.webhook + (" (signed)" if a.secret else "")) if a.webhook else a.email
        table.add_row(escape(a.name), escape(filters or "everything"), escape(where or "-"))
    Console(width=max(Console().width, 120)).print(table)


@alert_app.command("remove")
@edge
def alert_remove(name: Annotated[str, typer.Argument()], db: DbOpt = None,
                 config: ConfigOpt = None) -> None:
    """Remove an alert and its delivery log."""
    from .store.alerts import remove_alert

    cfg = load_config(config)
    if not remove_alert(open_store(db or cfg.store_url), name):
        _fail(f"error V403: bad request: no alert named {name!r}")
    err.print(f"alert {name} removed", highlight=False)


@alert_app.command("log")
@edge
def alert_log(
    db: DbOpt = None,
    config: ConfigOpt = None,
    limit: Annotated[int | None, typer.Option(help="Show only the last N.", min=1)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, for scripts.")] = False,
) -> None:
    """The deliveries of alerts, newest first: sent or not, attempts, and what was answered."""
    from dataclasses import asdict

    from .store.alerts import deliveries

    cfg = load_config(config)
    found = deliveries(open_store(db or cfg.store_url), limit=limit)
    if as_json:
        for d in found:
            sys.stdout.write(json.dumps(asdict(d), default=str) + "\n")
        return
    table = Table("at", "alert", "event", "sent", "attempts", "detail")
    for d in found:
        table.add_row(d.at.strftime("%Y-%m-%d %H:%M:%S"), escape(d.alert), d.event_id,
                      "yes" if d.ok else "NO", str(d.attempts), escape(d.detail or "-"))
    Console(width=max(Console().width, 120)).print(table)
    err.print(f"{len(found)} deliveries", highlight=False)


import_app = typer.Typer(help="Load other coders' data into the store, beside veille's own.",
                         no_args_is_help=True)
app.add_typer(import_app, name="import")


@import_app.command("acled")
@edge
def import_acled(
    file: Annotated[Path, typer.Argument(help="An ACLED export (CSV, as ACLED's site, API or "
                                         "acledR write it).")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Load ACLED's events into the store as records whose source is ACLED, fused with
    veille's records by the same rules as any other source. Importing again adds nothing;
    a row that cannot be an event is a reject (`veille rejects`)."""
    cfg = load_config(config)
    store = open_store(db or cfg.store_url)
    reports: list[Report] = []
    rejected: list[Rejected] = []
    for item in read_acled(file, store.taxonomy):
        (rejected if isinstance(item, Rejected) else reports).append(item)
    for reject in rejected[:_MAX_ROWS]:
        err.print(f"rejected {reject.message}", markup=False, highlight=False, soft_wrap=True)
    store.save_rejects(rejected)
    results = store.save_all(reports)
    fresh = _stored(results)
    err.print(
        f"{len(reports) + len(rejected)} rows read from {file}: "
        f"{sum(len(r.created) for r in fresh)} new events, "
        f"{sum(len(r.merged) for r in fresh)} fused with events already stored, "
        f"{len(reports) - len(fresh)} already imported or refused, {len(rejected)} rejected; "
        f"store: {store.url}", highlight=False, soft_wrap=True)
    if any(r.error is not None for r in results) or (rejected and not reports):
        raise typer.Exit(1)


gazetteer_app = typer.Typer(help="The local gazetteer (SQLite): build it, add GeoNames dumps.",
                            no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


def _gazetteer_path(cfg) -> Path:
    return cfg.gazetteer_path or default_path(cfg.gazetteer_min_population)


@gazetteer_app.command("add")
@edge
def gazetteer_add(
    dump: Annotated[Path, typer.Argument(help="A GeoNames country dump, e.g. SY.txt.")],
    admin1_codes: Annotated[Path | None, typer.Option(
        help="GeoNames admin1CodesASCII.txt, for admin1 names.")] = None,
    admin2_codes: Annotated[Path | None, typer.Option(
        help="GeoNames admin2Codes.txt, for admin2 names.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Add the populated places of a GeoNames country dump to the local gazetteer."""
    cfg = load_config(config)
    gazetteer = Gazetteer(min_population=cfg.gazetteer_min_population, path=cfg.gazetteer_path)
    result = add_geonames_dump(gazetteer.path, dump, admin1_codes, admin2_codes)
    print(f"added {result.added} places from {dump} to {gazetteer.path} "
          f"({result.skipped} not populated places, {result.malformed} malformed lines)")


@gazetteer_app.command("download")
@edge
def gazetteer_download(
    countries: Annotated[list[str], typer.Argument(help="ISO codes of the countries: SY ML BF ...")],
    url: Annotated[str, typer.Option(help="Where GeoNames' dumps are (a mirror of "
                                     "export/dump/).")] = GEONAMES,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Download GeoNames' dumps of these countries (the one command that downloads anything)
    and add their villages and neighbourhoods to the gazetteer. Run it again to resume an
    interrupted download or to refresh: an unchanged dump is not fetched again."""
    from rich.progress import DownloadColumn, Progress, TransferSpeedColumn

    cfg = load_config(config)
    # Opening it builds the embedded places first when the file is new.
    path = Gazetteer(min_population=cfg.gazetteer_min_population, path=cfg.gazetteer_path).path
    with Progress(*Progress.get_default_columns(), DownloadColumn(), TransferSpeedColumn(),
                  console=err, disable=quiet) as bar:
        tasks: dict[str, object] = {}

        def show(name: str, done: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], completed=done, total=total)  # type: ignore[arg-type]

        results = download_countries(countries, path, base_url=url, progress=show)
    for r in results:
        said = {"unchanged": "unchanged since the last download, nothing to do",
                "added": f"{r.places} populated places added ({r.size:,} bytes)",
                "resumed": f"download resumed; {r.places} populated places added "
                           f"({r.size:,} bytes)"}[r.status]
        print(f"{r.country}: {said}")
    print(f"gazetteer: {path}")


@gazetteer_app.command("build")
@edge
def gazetteer_build(config: ConfigOpt = None) -> None:
    """Rebuild the embedded places from the installed packages (your added places stay)."""
    cfg = load_config(config)
    path = _gazetteer_path(cfg)
    build_embedded(path, cfg.gazetteer_min_population)
    print(f"built {path}")


@gazetteer_app.command("info")
@edge
def gazetteer_info(config: ConfigOpt = None) -> None:
    """Where the gazetteer file is and what it holds."""
    cfg = load_config(config)
    gazetteer = Gazetteer(min_population=cfg.gazetteer_min_population, path=cfg.gazetteer_path)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(gazetteer.counts().items()))
    print(f"{gazetteer.path}: {counts}")
    for cc, row in sorted(downloaded(gazetteer.path).items()):
        print(f"  {cc}: GeoNames dump of {row['at']}, {row['places']} populated places, "
              f"{row['size']:,} bytes, sha256 {row['sha256']}")


def main() -> None:
    """Entry point of the `veille` script."""
    app()


if __name__ == "__main__":
    main()
