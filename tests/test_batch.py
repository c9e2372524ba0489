"""`veille batch` on Ray: the same store as `veille run`, resumable after a kill, and an
article a stage fails on recorded as rejected while the others are stored.

Each test runs the real command in a subprocess (Ray started there with 2 local workers, the
real spaCy model in each) on 50 articles the test writes from the bundled examples.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.ray  # `make test-ray`: Ray workers take minutes to start and stop

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
VEILLE = str(Path(sys.executable).with_name("veille"))
SPOKEN = ("Dépêche de l'agence, édition {n}.", "Wire copy, edition {n}.")


def _write_corpus(folder: Path, copies: int = 5) -> list[Path]:
    """50 articles: each bundled example `copies` times, each copy a different article (its
    own closing line, so its own id) published one day later than the one before: the same
    events told again by several outlets, so that fusion runs too."""
    folder.mkdir()
    written = []
    for example in sorted(EXAMPLES.glob("*.txt")):
        head, _, body = example.read_text("utf-8").partition("\n---\n")
        closing = SPOKEN[0] if example.name.startswith("fr-") else SPOKEN[1]
        for n in range(copies):
            path = folder / f"{example.stem}-{n}.txt"
            path.write_text(f"{head}\n---\n{body.rstrip()}\n\n{closing.format(n=n)}\n", "utf-8")
            written.append(path)
    return written


def _veille(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([VEILLE, *args], capture_output=True, text=True, timeout=600, **kwargs)


def _store(db: Path) -> dict:
    """What a store holds, without the times it was written at."""
    conn = sqlite3.connect(db)
    try:
        events = {}
        for event_id, record in conn.execute("SELECT event_id, record FROM events"):
            data = json.loads(record)
            data.pop("updated_at", None)
            events[event_id] = data
        return {
            "articles": sorted(r[0] for r in conn.execute("SELECT id FROM articles")),
            "events": events,
            "sources": sorted(conn.execute(
                "SELECT event_id, article_id, source_event_id FROM event_sources").fetchall()),
            "revisions": sorted(conn.execute(
                "SELECT event_id, article_id, changes FROM revisions").fetchall()),
            "evidence": conn.execute("SELECT count(*) FROM evidence").fetchone()[0],
            "casualty_reports": conn.execute("SELECT count(*) FROM casualty_reports").fetchone()[0],
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, runtime) -> Path:
    _ = runtime.gazetteer  # built once here, not by each worker
    folder = tmp_path_factory.mktemp("batch") / "articles"
    _write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def single_process(corpus, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("run") / "run.db"
    done = _veille("run", str(corpus), "--db", f"sqlite:///{db}")
    assert done.returncode == 0, done.stderr
    return _store(db)


def test_batch_with_two_workers_stores_what_run_stores(corpus, single_process, tmp_path):
    db = tmp_path / "batch.db"
    done = _veille("batch", str(corpus), "--db", f"sqlite:///{db}", "--workers", "2", "--quiet")
    assert done.returncode == 0, done.stderr
    assert "50 articles read" in done.stderr and "on 2 workers" in done.stderr
    stored = _store(db)
    assert len(stored["articles"]) == 50
    assert stored["revisions"], "the copies were fused into the first reports' events"
    assert stored == single_process


def test_batch_twice_stores_nothing_new(corpus, tmp_path):
    db = tmp_path / "again.db"
    first = _veille("batch", str(corpus), "--db", f"sqlite:///{db}", "--workers", "2", "-q")
    assert first.returncode == 0, first.stderr
    before = _store(db)
    again = _veille("batch", str(corpus), "--db", f"sqlite:///{db}", "--workers", "2", "-q")
    assert again.returncode == 0, again.stderr
    assert "0 articles read" in again.stderr and "50 already stored, skipped" in again.stderr
    assert _store(db) == before

    # One of them published again by another outlet: skipped unread, its events gain a source.
    wire = tmp_path / "wire"
    wire.mkdir()
    original = next(corpus.glob("en-airstrike-kharkiv-0.txt")).read_text("utf-8")
    (wire / "copy.txt").write_text(original.replace("outlet: Veille Example", "outlet: Wire B")
                                   .replace("https://example.org/", "https://wire-b.example/"),
                                   "utf-8")
    copied = _veille("batch", str(wire), "--db", f"sqlite:///{db}", "--workers", "2", "-q")
    assert copied.returncode == 0, copied.stderr
    assert "1 already stored, skipped" in copied.stderr
    assert "stored events given another outlet" in copied.stderr
    after = _store(db)
    assert after["articles"] == before["articles"] and after["sources"] == before["sources"]
    gained = [e for e in after["events"].values() if e["sources"][-1]["outlet"] == "Wire B"]
    assert gained and all(e["sources"][-1]["url"].startswith("https://wire-b.example/")
                          for e in gained)


def test_killed_batch_resumes_to_the_same_store(corpus, tmp_path):
    whole = tmp_path / "whole.db"
    small_jobs = tmp_path / "small-jobs.toml"  # jobs of 4 articles, a transaction every 12
    small_jobs.write_text("[nlp]\nbatch_size = 4\n", "utf-8")
    args = ["--workers", "2", "--commit-every", "10", "--config", str(small_jobs), "-q"]
    done = _veille("batch", str(corpus), "--db", f"sqlite:///{whole}", *args)
    assert done.returncode == 0, done.stderr

    cut = tmp_path / "cut.db"
    # Its own process group, so that the kill takes Ray's processes with it.
    process = subprocess.Popen([VEILLE, "batch", str(corpus), "--db", f"sqlite:///{cut}", *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while _stored_articles(cut) < 10 and process.poll() is None:
            assert time.monotonic() < deadline, "the batch stored nothing in 5 minutes"
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    killed_at = _stored_articles(cut)
    assert 10 <= killed_at < 50, "killed mid-run, after its first transaction"

    resumed = _veille("batch", str(corpus), "--db", f"sqlite:///{cut}", *args)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{killed_at} already stored, skipped" in resumed.stderr
    assert _store(cut) == _store(whole)
    assert sqlite3.connect(cut).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _stored_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_an_article_that_cannot_be_read_is_rejected_and_the_rest_stored(corpus, tmp_path):
    folder = tmp_path / "with-a-bad-one"
    folder.mkdir()
    for path in sorted(corpus.glob("fr-*-0.txt")):
        (folder / path.name).write_text(path.read_text("utf-8"), "utf-8")
    # Longer than [ingest] max_article_chars (200,000 characters): refused before any stage.
    huge = "Des combats ont éclaté près de Goma lundi. " * 5_000
    (folder / "huge.txt").write_text(f"---\npublished: 2024-03-12\nlang: fr\n---\n{huge}\n", "utf-8")
    # A JSON line whose text holds U+0000 (a binary file is refused before): read, then
    # refused by the store (PostgreSQL cannot hold one): a reject too, not a silent loss.
    nul = {"text": "Des combats ont éclaté près de Goma lundi.\u0000", "published": "2024-03-12",
           "lang": "fr"}
    (folder / "nul.jsonl").write_text(json.dumps(nul) + "\n", "utf-8")
    db = tmp_path / "rejects.db"
    done = _veille("batch", str(folder), "--db", f"sqlite:///{db}", "--workers", "2", "-q")
    assert done.returncode == 3, done.stderr
    assert "2 rejected" in done.stderr and "veille rejects" in done.stderr
    assert _stored_articles(db) == 6

    listed = _veille("rejects", "--db", f"sqlite:///{db}", "--json")
    assert listed.returncode == 0, listed.stderr
    rejects = {Path(r["source"]).name: r for r in map(json.loads, listed.stdout.splitlines())}
    assert sorted(rejects) == ["huge.txt", "nul.jsonl:1"]
    assert (rejects["nul.jsonl:1"]["stage"], rejects["nul.jsonl:1"]["code"]) == ("store", "V300")
    assert "NUL character" in rejects["nul.jsonl:1"]["message"]
    reject = rejects["huge.txt"]
    assert reject["source"].endswith("huge.txt")
    assert (reject["stage"], reject["code"]) == ("ingest", "V114")
    assert "max_article_chars" in reject["message"] and reject["article_id"]

    again = _veille("batch", str(folder), "--db", f"sqlite:///{db}", "--workers", "2", "-q")
    assert again.returncode == 0, again.stderr  # the reject is not tried again
    assert "8 already stored, skipped" in again.stderr


def test_batch_joins_a_running_ray_cluster(tmp_path):
    """`--ray-address`: the workers are a running cluster's (here a head started on this
    machine with `ray start`, as on a cluster's head node)."""
    ray_cli = str(Path(sys.executable).with_name("ray"))
    # A throwaway cluster on loopback: no token (a real cluster keeps Ray's token auth).
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"}
    port = _free_port()
    ray_dir = tempfile.mkdtemp(prefix="vray", dir="/tmp")  # Unix socket paths must be short
    started = subprocess.run(
        [ray_cli, "start", "--head", f"--port={port}", "--num-cpus=2", "--include-dashboard=false",
         "--disable-usage-stats", f"--temp-dir={ray_dir}"],
        capture_output=True, text=True, timeout=120, env=env)
    assert started.returncode == 0, started.stderr
    try:
        db = tmp_path / "cluster.db"
        done = _veille("batch", str(EXAMPLES), "--db", f"sqlite:///{db}",
                       "--ray-address", f"127.0.0.1:{port}", "-q", env=env)
        assert done.returncode == 0, done.stderr
        assert "10 articles read" in done.stderr and "on 2 workers" in done.stderr
        assert _stored_articles(db) == 10
    finally:
        subprocess.run([ray_cli, "stop", "--force"], capture_output=True, timeout=120, env=env)
        shutil.rmtree(ray_dir, ignore_errors=True)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_cluster_is_a_clear_error(corpus, tmp_path):
    port = _free_port()  # nothing listens there
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"}
    done = _veille("batch", str(corpus), "--db", f"sqlite:///{tmp_path / 'x.db'}",
                   "--ray-address", f"127.0.0.1:{port}", "-q", env=env)
    assert done.returncode == 1
    assert done.stderr.startswith(f"error V600: Ray cluster at 127.0.0.1:{port}:")
    assert "Traceback" not in done.stderr
