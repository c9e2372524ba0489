"""Rejects in the store (both backends), and the cheap record count of `veille batch`'s
progress bar."""

from __future__ import annotations

import json

import pytest
from test_ingest_formats import build_warc

from veille.ingest import count_records, read_records
from veille.model import Rejected
from veille.store import open_store

BAD_LINE = Rejected(source="feed.jsonl", stage="ingest", code="V105",
                    message="feed.jsonl line 3: not a JSON object")
FAILED = Rejected(article_id="a1b2c3", source="long.txt", stage="first_pass", code="V120",
                  message="article a1b2c3: stage first_pass failed: ValueError: [E088] ...")


def test_rejects_are_kept_once_and_listed(store_url):
    store = open_store(store_url)
    assert store.save_rejects([BAD_LINE, FAILED]) == 2
    assert store.save_rejects([FAILED]) == 0  # a resumed batch records it again: kept once
    assert store.rejects() == [FAILED, BAD_LINE]  # oldest first, then by key
    assert store.count("rejects") == 2
    assert store.seen(["a1b2c3", BAD_LINE.key, "never-seen"]) == {"a1b2c3", BAD_LINE.key}


def test_a_reject_without_article_is_keyed_by_where_and_what():
    assert FAILED.key == "a1b2c3"
    assert BAD_LINE.key == "feed.jsonl|feed.jsonl line 3: not a JSON object"
    assert len(Rejected(source="x" * 600, stage="ingest", code="V105", message="m").key) == 512


@pytest.mark.parametrize("gzipped", [False, True])
def test_count_records_counts_what_is_read(tmp_path, gzipped):
    data, _ = build_warc(gzipped)
    warc = tmp_path / "crawl.warc"
    warc.write_bytes(data)
    lines = tmp_path / "wire.jsonl"
    lines.write_text("\n".join(json.dumps({"id": str(i), "text": f"Dépêche {i}."})
                               for i in range(5)) + "\n\n", "utf-8")
    text = tmp_path / "one.txt"
    text.write_text("Une dépêche.", "utf-8")
    for path in (warc, lines, text):
        assert count_records(path, max_bytes=10_000_000) == len(
            list(read_records(path, max_bytes=10_000_000))), path.name


def test_count_records_of_a_cut_archive_counts_the_pages_before_the_cut(tmp_path):
    data, offsets = build_warc(False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: offsets[1] + 40])
    read = list(read_records(cut, max_bytes=10_000_000))
    assert len(read) == 2  # the first page, then the damage
    assert count_records(cut, max_bytes=10_000_000) == 1  # an estimate: the damage is not seen
