"""Ingest parsers on any bytes: a file gives articles or errors from the catalogue, never an
exception, and every article has text."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from veille.errors import VeilleError
from veille.ingest import read_records
from veille.model import Article

# How each format starts, so that detection sends the random rest to every parser.
HEADS = st.sampled_from([
    b"", b"---\ntitle: x\n---\n", b"<html><body><article><p>",
    b"<?xml version='1.0'?><rss><channel><item><description>",
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content>', b"WARC/1.0\r\n",
    b'{"text": "', b"\xef\xbb\xbf", b"\xff\xfe",
])
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                           lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
FIELDS = st.fixed_dictionaries({}, optional={
    "id": JSON_VALUES, "text": JSON_VALUES | st.text(), "published": JSON_VALUES | st.dates().map(str),
    "lang": JSON_VALUES, "title": JSON_VALUES, "url": JSON_VALUES})


def _read(data: bytes, name: str) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        items = list(read_records(path, max_bytes=1_000_000))
    for item in items:
        assert isinstance(item, Article | VeilleError)
        if isinstance(item, Article):
            assert item.text.strip()
        else:
            assert item.code.startswith("V1") and item.message
    return items


@given(head=HEADS, rest=st.binary(max_size=2_000), gz=st.booleans(),
       name=st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.rss", "a.warc", "a.data"]))
def test_any_bytes_give_articles_or_errors(head, rest, gz, name):
    data = head + rest
    if gz:
        data = gzip.compress(data)[: max(10, len(data) // 2)] if rest[:1] == b"\x00" else gzip.compress(data)
        name += ".gz"
    _read(data, name)


@given(st.lists(FIELDS | JSON_VALUES, min_size=1, max_size=6))
def test_any_json_lines_give_one_item_per_line(records):
    lines = [json.dumps(r) for r in records]
    items = _read(("\n".join(lines) + "\n").encode(), "wire.jsonl")
    assert len(items) == len(lines)
