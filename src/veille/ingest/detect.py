"""Which format a file holds, read from its first bytes rather than from its name.

Formats: `warc` (plain or gzip), `feed` (RSS, Atom, RSS 1.0), `html`, `jsonl`, `text`, and
`binary` (NUL bytes outside UTF-16 text: not an article). Any other gzip content is judged by
what it decompresses to, so `page.html.gz` is `html`.
"""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path
from typing import Literal

from ..errors import InputNotFound
from .decode import GZIP_MAGIC, utf16_encoding

Format = Literal["warc", "feed", "html", "jsonl", "text", "binary"]

HEAD_BYTES = 32 * 1024
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_DOCTYPE = re.compile(r"\s*<!doctype\b[^>]*>", re.IGNORECASE)
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html\b|<html[\s>])", re.IGNORECASE)
_FEED_START = re.compile(r"\s*<(?:rss|(?:\w+:)?feed|rdf:rdf)[\s>/]", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|a|article|section|main|nav|header|footer|aside|meta|title|"
    r"script|style|link|h[1-6]|ul|ol|li|table|tr|td|br|img|figure|form|strong|em|b|i)\b[^<>]*>",
    re.IGNORECASE)
_JSON_LINES_TRIED = 20


def detect_format(path: Path) -> Format:
    """The format of the file at `path`, from its first `HEAD_BYTES` bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except FileNotFoundError as exc:
        raise InputNotFound(path=str(path)) from exc
    return sniff(head, name=path.name)


def sniff(head: bytes, *, name: str = "") -> Format:
    """The format of a file that starts with `head`; never raises. Gzip data is judged by its
    decompressed start; gzip too damaged to decompress is `text`, whose reader reports it.

    A `.jsonl`/`.ndjson` `name` (optionally `.gz`) turns a text verdict into `jsonl`, so a
    broken first line is reported as a bad JSON line; no other format is taken from the name.
    """
    if head.startswith(GZIP_MAGIC):
        head = _gunzip_head(head)
        if head.startswith(GZIP_MAGIC):  # gzip in gzip: an archive of some kind, not an article
            return "binary"
    if head.startswith(b"WARC/1."):
        return "warc"
    utf16 = utf16_encoding(head)
    if utf16:  # judged by its text, which the reader decodes the same way
        head = head[:len(head) // 2 * 2].decode(utf16, errors="replace").encode()
    if b"\x00" in head:
        return "binary"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    markup = _skip_prolog(text)
    if _HTML_START.match(markup):
        return "html"
    doctype = _DOCTYPE.match(markup)
    if doctype:  # RSS 0.91 declares a DOCTYPE
        markup = _skip_prolog(markup[doctype.end():])
    if _FEED_START.match(markup):
        return "feed"
    if _HTML_TAG.match(markup.lstrip()) or _dominated_by_tags(text):
        return "html"
    if Path(name.lower().removesuffix(".gz")).suffix in JSONL_SUFFIXES or _json_lines(text):
        return "jsonl"
    return "text"


def _gunzip_head(head: bytes) -> bytes:
    """The first bytes of the decompressed data (a partial stream is fine); nothing when the
    data is damaged, so it is read as text, whose reader reports `BadGzip`."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)
    except zlib.error:
        return b""


def _skip_prolog(text: str) -> str:
    """`text` after an XML declaration, processing instructions and comments."""
    position = 0
    while match := _PROLOG.match(text, position):
        position = match.end()
    return text[position:]


def _dominated_by_tags(text: str) -> bool:
    """Markup that does not open with a tag but is mostly HTML tags (a saved fragment)."""
    tags = _HTML_TAG.findall(text)
    visible = len("".join(text.split()))
    return len(tags) >= 5 and sum(len("".join(t.split())) for t in tags) >= 0.3 * visible


def _json_lines(text: str) -> bool:
    """The first non-blank line opens a JSON object, and a complete line parses as one."""
    lines = text.split("\n")
    first = next((line.strip() for line in lines if line.strip()), "")
    if not first.startswith("{"):
        return False
    complete = [line for line in lines[:-1] if line.strip()][:_JSON_LINES_TRIED]
    if not complete:  # one long line cut by the head: trust an object with a string key
        return first.startswith('{"')
    for line in complete:
        try:
            if isinstance(json.loads(line), dict):
                return True
        except (ValueError, RecursionError):
            continue
    return False
