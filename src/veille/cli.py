"""The `veille` command: a thin shell over plain functions. Errors become one line on stderr
and exit code 1; no traceback reaches the user (set VEILLE_DEBUG=1 to see one)."""

from __future__ import annotations

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
from rich.table import Table

from .config import load_config
from .errors import BadJsonLine, InputNotFound, NotAFile, VeilleError
from .evaluate.acceptance import check_document
from .evaluate.run import evaluate
from .export import write_export
from .export.acled import write_acled_csv
from .ingest import list_files, parse_date, read_file
from .model import Article, Report
from .pipeline import process_document, process_many
from .resolve.gazetteer import Gazetteer, add_geonames_dump, build_embedded, default_path
from .runtime import Runtime
from .store import open_store

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Read conflict news; get sourced, geocoded event records.")
err = Console(stderr=True)

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML file overriding "
                                                "default_config.toml.")]
DbOpt = Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL of the store "
                                           "[default: sqlite:///veille.db].")]


class ReportFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    jsonl = "jsonl"


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
    article: Annotated[Path, typer.Argument(help="A .txt (optional front matter) or .jsonl file.")],
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    lang: Annotated[str | None, typer.Option(help="Language code; skips detection.")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="Output format.")] = ReportFormat.json,
    config: ConfigOpt = None,
) -> None:
    """Print the report of one article: events, casualty reports, evidence spans."""
    cfg = load_config(config)
    if article.is_dir():
        raise NotAFile(path=str(article))
    articles = read_file(article, max_bytes=cfg.max_bytes, published=parse_date(published),
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
    date = parse_date(published)
    store = open_store(db or cfg.store_url)
    articles: list[Article] = []
    skipped = 0
    for path in inputs:
        for file in list_files(path):
            try:
                articles += read_file(file, max_bytes=cfg.max_bytes, published=date)
            except VeilleError as exc:  # one bad file does not stop the run
                skipped += 1
                err.print(f"skipped {exc.one_line()}", markup=False, highlight=False)
    reports = process_many(articles, Runtime(cfg))
    store.save_all(reports)
    _print_table(reports)
    err.print(f"{len(reports)} articles, {sum(len(r.events) for r in reports)} events, "
              f"{sum(len(r.casualty_reports) for r in reports)} casualty reports stored in "
              f"{store.url}; {skipped} files skipped", highlight=False)
    if skipped and not reports:
        raise typer.Exit(1)


def _print_table(reports: list[Report]) -> None:
    table = Table(title="Events", show_lines=False)
    for column in ("date", "type", "actor1", "actor2", "location", "admin1", "deaths", "source"):
        table.add_column(column)
    for report in reports:
        for e in report.events:
            deaths = e.fatalities.best if e.fatalities and e.fatalities.best is not None else "-"
            table.add_row(str(e.event_date or "-"), e.sub_event_type, e.actor1 or "-",
                          e.actor2 or "-", e.location or e.country or "-", e.admin1 or "-",
                          str(deaths), e.sources[0].attributed_to or "-")
    Console(width=max(Console().width, 140)).print(table)


@app.command()
@edge
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.acled_csv,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write every stored event to standard output."""
    cfg = load_config(config)
    store = open_store(db or cfg.store_url)
    write_export(fmt.value, store.events(), sys.stdout)


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
                        published=parse_date(want.get("published")), lang=want.get("lang"))[0]
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
    config: ConfigOpt = None,
) -> None:
    """Add the populated places of a GeoNames country dump to the local gazetteer."""
    cfg = load_config(config)
    gazetteer = Gazetteer(min_population=cfg.gazetteer_min_population, path=cfg.gazetteer_path)
    result = add_geonames_dump(gazetteer.path, dump, admin1_codes)
    print(f"added {result.added} places from {dump} to {gazetteer.path} "
          f"({result.skipped} not populated places, {result.malformed} malformed lines)")


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


def main() -> None:
    """Entry point of the `veille` script."""
    app()


if __name__ == "__main__":
    main()
