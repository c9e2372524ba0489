"""Ingest: files and folders to `Article`s. Plain text (with optional front matter) and JSON
Lines; a folder is walked recursively."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputNotFound, NoArticles
from ..model import Article
from .jsonl import read_jsonl
from .text import article_from_text, parse_date, read_text_article

__all__ = ["article_from_text", "iter_articles", "list_files", "parse_date", "read_file"]

SUFFIXES = {".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def list_files(path: Path) -> list[Path]:
    """The article files under `path` (a file, or a folder walked recursively), sorted."""
    if not path.exists():
        raise InputNotFound(path=str(path))
    if path.is_file():
        return [path]
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
    if not files:
        raise NoArticles(path=str(path))
    return files


def read_file(file: Path, *, max_bytes: int, published: dt.date | None = None,
              lang: str | None = None) -> list[Article]:
    """The articles of one file (one for text, one per line for JSON Lines)."""
    if SUFFIXES.get(file.suffix.lower()) == "jsonl":
        return list(read_jsonl(file, max_bytes=max_bytes))
    return [read_text_article(file, max_bytes=max_bytes, published=published, lang=lang)]


def iter_articles(path: Path, *, max_bytes: int, published: dt.date | None = None,
                  lang: str | None = None) -> Iterator[Article]:
    """Every article under `path`; the first unreadable file raises its error."""
    for file in list_files(path):
        yield from read_file(file, max_bytes=max_bytes, published=published, lang=lang)
