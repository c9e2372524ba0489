"""Ingest: files and folders to `Article`s. The format of each file is read from its content
(`detect.py`): plain text (optional front matter), JSON Lines, HTML, RSS/Atom feeds and WARC
archives, any of them gzip-compressed. A folder is walked recursively."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputNotFound, NoArticles, NoArticleText, VeilleError
from ..model import Article
from .detect import detect_format
from .records import count_records, file_records, ingest_reject
from .text import article_from_text, parse_date, parse_published

__all__ = ["article_from_text", "count_records", "detect_format", "ingest_reject", "iter_articles",
           "list_files", "parse_date", "parse_published", "read_file", "read_records"]

# Names that say "article": always listed in a folder walk, and reported when unreadable.
SUFFIXES = {".txt", ".text", ".jsonl", ".ndjson", ".html", ".htm", ".xhtml", ".rss", ".atom",
            ".warc"}
# What a file of another name must turn out to be, from its first bytes, to be listed.
LISTED_BY_CONTENT = {"warc", "feed", "html", "jsonl"}


def list_files(path: Path) -> list[Path]:
    """The article files under `path` (a file, or a folder walked recursively), sorted.

    A file given by name is always listed. In a folder, hidden files and folders are skipped;
    a file with an article suffix (`SUFFIXES`, optionally followed by `.gz`) is listed, so a
    binary or empty `.txt` is reported when read; a file of any other name is listed only when
    its first bytes are a WARC archive, a feed, an HTML page or JSON Lines (RSS saved as `.xml`,
    JSON Lines as `.data`). Other files (notes, CSV tables, images, PDFs, sitemaps) are skipped
    silently: they are not articles, and reporting each one would bury the real problems.
    """
    if not path.exists():
        raise InputNotFound(path=str(path))
    if path.is_file():
        return [path]
    files = sorted(p for p in path.rglob("*") if p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(path).parts)
                   and _is_article_file(p))
    if not files:
        raise NoArticles(path=str(path))
    return files


def _is_article_file(file: Path) -> bool:
    name = file.name.lower().removesuffix(".gz")
    if Path(name).suffix in SUFFIXES:
        return True
    try:
        return detect_format(file) in LISTED_BY_CONTENT
    except (OSError, VeilleError):  # unreadable, or gone since the walk: not an article
        return False


def read_records(path: Path, *, max_bytes: int, published: dt.date | None = None,
                 lang: str | None = None,
                 legacy_encoding: str = "cp1252") -> Iterator[Article | VeilleError]:
    """Every article under `path` (a file or a folder), in file order, with an error object
    in place of each file or record that cannot be read, so one bad JSON line, feed entry or
    damaged archive does not lose the good records around it.

    A missing path or a folder without article files raises (there is nothing to read).
    `published` and `lang` override a text file's front matter; for HTML, feeds and WARC they
    only fill in what the document does not say (a page's own date wins); JSON Lines records
    keep their own fields.
    """
    for file in list_files(path):
        yield from file_records(file, max_bytes=max_bytes, published=published, lang=lang,
                                legacy_encoding=legacy_encoding)


def read_file(file: Path, *, max_bytes: int, published: dt.date | None = None,
              lang: str | None = None, legacy_encoding: str = "cp1252") -> list[Article]:
    """The articles of one file, whatever its format (one for text and HTML, one per line,
    entry or page for JSON Lines, feeds and WARC). Bad records are left out when the file gives
    at least one article; a file that gives none raises its first error."""
    articles: list[Article] = []
    errors: list[VeilleError] = []
    for item in file_records(file, max_bytes=max_bytes, published=published, lang=lang,
                             legacy_encoding=legacy_encoding):
        (errors if isinstance(item, VeilleError) else articles).append(item)
    if articles:
        return articles
    raise errors[0] if errors else NoArticleText(path=str(file), detail="nothing in it to read")


def iter_articles(path: Path, *, max_bytes: int, published: dt.date | None = None,
                  lang: str | None = None) -> Iterator[Article]:
    """Every article under `path`; the first unreadable file or record raises its error."""
    for item in read_records(path, max_bytes=max_bytes, published=published, lang=lang):
        if isinstance(item, VeilleError):
            raise item
        yield item
