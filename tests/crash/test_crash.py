"""`veille batch` killed with SIGKILL at random points leaves a store that is whole, and the
same command then finishes it into the store an uninterrupted run writes; on SQLite and on
PostgreSQL.

Each test reads 400 short generated French articles (and three records that cannot be read,
which become rejects) with one Ray worker, a transaction every 16 articles, then:

1. runs the batch once without interruption, on SQLite: the reference store (both backends
   store the same rows, so one reference serves both tests);
2. on a new store, starts the same batch and kills it (SIGKILL to its whole process session:
   the driver, Ray and its worker) three times, each time a seeded random delay after that
   run's first commit (so Ray is up and writing); the third kill waits, after its delay, for
   a moment a write transaction is open, so that at least one kill aims inside a commit;
3. after each kill checks the store is whole (`_check_whole`): SQLite's integrity and foreign
   key checks pass; the stored articles are exactly the first k transactions of the reference
   (no transaction half there); each stored article has every row the reference holds for it
   (its event sources, evidence, casualty reports, repairs, revisions), and no row belongs to
   an article that is not stored; every stored event has all its sources (`events.sources`, the
   sources of its record, and its rows of event_sources agree), each source its evidence, each
   merge its revision, each casualty report its evidence;
4. resumes the batch (the same command) to the end: it skips what is stored, and the store is
   then the reference, row for row (without ids and times), the same count in every table.

`make crash` runs these tests (`make test` does not: they take about three minutes on two
cores, most of it Ray and the model starting for each run) and prints where each kill fell.
The seed is fixed (VEILLE_CRASH_SEED changes it, to explore other kill points).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import DateTime, Integer, create_engine, select, text

from builders import write_conflict_news
from databases import empty_postgres, postgres_url
from test_batch import _stored_articles
from veille.store import schema
from veille.store.db import engine_url

VEILLE = str(Path(sys.executable).with_name("veille"))
ARTICLES = 400
UNREADABLE = 3  # records that become rejects (stage ingest)
COMMIT_EVERY = 16
JOB_SIZE = 8  # [nlp] batch_size: two jobs a transaction
KILLS = 3
SEED = int(os.environ.get("VEILLE_CRASH_SEED", "20250309"))
MAX_DELAY = 1.0  # seconds after a run's first commit; a run reads about 50 articles a second
# The tables whose rows belong to one article (its `article_id`).
PER_ARTICLE = ["event_sources", "evidence", "casualty_reports", "repairs", "revisions"]


# --- the corpus, the runs and the kills -------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, runtime) -> Path:
    _ = runtime.gazetteer  # built once here, not by every run's worker
    folder = tmp_path_factory.mktemp("crash") / "articles"
    write_conflict_news(folder, ARTICLES, seed=7)
    # Records that cannot be read, among the articles (files are read in name order).
    (folder / "depeche-00037-vide.txt").write_text("---\npublished: 2024-05-01\nlang: fr\n---\n\n",
                                                   "utf-8")
    (folder / "depeche-00150-octets.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    (folder / "depeche-00301-vide.txt").write_text("---\ntitle: Rien\n---\n   \n", "utf-8")
    config = folder.parent / "crash.toml"
    config.write_text(f"[nlp]\nbatch_size = {JOB_SIZE}\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def ray_env():
    """Ray on loopback without a token, its files under a short directory of our own (Unix
    socket paths must be short), removed at the end with what killed runs left there."""
    ray_dir = tempfile.mkdtemp(prefix="vray", dir="/tmp")
    yield {**os.environ, "RAY_TMPDIR": ray_dir, "RAY_AUTH_MODE": "disabled",
           "RAY_USAGE_STATS_ENABLED": "0"}
    shutil.rmtree(ray_dir, ignore_errors=True)


def _args(corpus: Path, url: str) -> list[str]:
    return [VEILLE, "batch", str(corpus), "--db", url, "--workers", "1",
            "--commit-every", str(COMMIT_EVERY), "--config", str(corpus.parent / "crash.toml"),
            "--quiet"]


def _session(sid: int) -> list[int]:
    """The live processes of session `sid` (the batch and every process Ray started)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _kill(process: subprocess.Popen) -> None:
    """SIGKILL to the batch's process group (the driver and Ray's own processes), then to any
    process of its session that left the group (Ray's worker), until none is left."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while left := _session(process.pid):
        for pid in left:
            with contextlib.suppress(ProcessLookupError):  # gone meanwhile
                os.kill(pid, signal.SIGKILL)
        assert time.monotonic() < deadline, f"processes of the killed batch survive: {left}"
        time.sleep(0.1)


# --- the backends -------------------------------------------------------------------------------


class Backend:
    """A new store the test can watch while a batch writes it."""

    def __init__(self, url: str) -> None:
        self.url = url

    def articles(self) -> int:
        """Articles committed so far (0 before the store exists)."""
        raise NotImplementedError

    def writing(self) -> bool:
        """Whether another connection has a write transaction open right now."""
        raise NotImplementedError

    def check_integrity(self) -> None:
        pass

    def close(self) -> None:
        pass


class SqliteBackend(Backend):
    def __init__(self, path: Path) -> None:
        super().__init__(f"sqlite:///{path}")
        self.path = path
        self._probe: sqlite3.Connection | None = None

    def articles(self) -> int:
        return _stored_articles(self.path)

    def writing(self) -> bool:
        # The write lock is taken: BEGIN IMMEDIATE, with no wait, fails.
        if self._probe is None:
            self._probe = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        try:
            self._probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            assert "locked" in str(exc) or "busy" in str(exc), exc
            return True
        self._probe.execute("ROLLBACK")
        return False

    def check_integrity(self) -> None:
        conn = sqlite3.connect(self.path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()

    def close(self) -> None:
        if self._probe is not None:
            self._probe.close()
            self._probe = None


class PostgresBackend(Backend):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        empty_postgres(url)
        self.engine = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")

    def articles(self) -> int:
        with self.engine.connect() as conn:
            if conn.execute(text("SELECT to_regclass('articles')")).scalar() is None:
                return 0
            return conn.execute(text("SELECT count(*) FROM articles")).scalar_one()

    def writing(self) -> bool:
        # A backend of the batch has a transaction id: its transaction has written. (Each
        # query is its own transaction here, so the statistics view is read afresh.)
        with self.engine.connect() as conn:
            return conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_type = 'client backend' AND pid <> pg_backend_pid() "
                "AND backend_xid IS NOT NULL")).scalar_one() > 0

    def close(self) -> None:
        self.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    if request.param == "sqlite":
        store = SqliteBackend(tmp_path / "store.db")
    else:
        store = PostgresBackend(postgres_url())
    yield store
    store.close()


# --- what a store holds ----------------------------------------------------------------------


def _plain(value):
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _row(table: str, row: dict) -> dict:
    """A row without what differs between two runs that store the same thing: times, and
    autoincrement ids. A record's JSON is compared without its `updated_at`."""
    out = {}
    for name, value in row.items():
        if name == "record":
            data = json.loads(value)
            data.pop("updated_at", None)
            value = data
        out[name] = _plain(value)
    return out


def snapshot(url: str) -> dict:
    """Every table's rows (see `_row`), sorted, and the articles of each transaction in the
    order they were committed (one transaction's articles share their `stored_at`)."""
    engine = create_engine(engine_url(url))
    try:
        with engine.connect() as conn:
            tables = {}
            for table in schema.metadata.sorted_tables:
                columns = [c for c in table.columns if not isinstance(c.type, DateTime)
                           and not (c.primary_key and isinstance(c.type, Integer))]
                rows = [_row(table.name, dict(r._mapping))
                        for r in conn.execute(select(*columns))]
                tables[table.name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
            a = schema.articles.c
            groups: dict = defaultdict(set)
            for article_id, stored_at in conn.execute(select(a.id, a.stored_at)):
                groups[stored_at].add(article_id)
    finally:
        engine.dispose()
    return {"tables": tables, "transactions": [groups[t] for t in sorted(groups)]}


def _by_article(rows: list[dict]) -> dict[str, list[dict]]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row["article_id"]].append(row)
    return grouped


def _check_structure(tables: dict) -> None:
    """What holds in any whole store: every event has all its sources, each source its
    evidence, each merge its revision, each casualty report its evidence."""
    sources = defaultdict(list)
    for row in tables["event_sources"]:
        sources[row["event_id"]].append(row["article_id"])
    evidence = {(row["owner_id"], row["article_id"]) for row in tables["evidence"]}
    merges = defaultdict(int)
    for row in tables["revisions"]:
        if row["article_id"] is not None and row["reason"] is None:  # not a copy's (copies.py)
            merges[row["event_id"]] += 1
    for event in tables["events"]:
        event_id = event["event_id"]
        record = json.loads(event["record"])
        readers = sources[event_id]
        assert readers, f"event {event_id} without its source"
        # One reading per article; a copy of an article (another outlet) is one more source.
        assert event["sources"] == len(record["sources"]) >= len(readers), event_id
        assert sorted({s["article_id"] for s in record["sources"]}) == sorted(readers), event_id
        for article_id in readers:
            assert (event_id, article_id) in evidence, f"{event_id} without {article_id}'s evidence"
        assert merges[event_id] == len(readers) - 1, f"{event_id}: a merge without its revision"
    for report in tables["casualty_reports"]:
        assert (report["report_id"], report["article_id"]) in evidence, report["report_id"]


def _check_whole(crashed: dict, reference: dict) -> int:
    """The killed store holds the reference's first k transactions, whole, and nothing else.
    Returns k."""
    tables, ref = crashed["tables"], reference["tables"]
    stored = {row["id"] for row in tables["articles"]}
    k, prefix = 0, set()
    while prefix < stored and k < len(reference["transactions"]):
        prefix |= reference["transactions"][k]
        k += 1
    assert prefix == stored, (f"{len(stored)} articles stored: not the reference's first "
                              "transactions, whole")
    assert tables["articles"] == [row for row in ref["articles"] if row["id"] in stored]
    for name in PER_ARTICLE:
        mine, theirs = _by_article(tables[name]), _by_article(ref[name])
        assert set(mine) - {None} <= stored, f"{name}: rows of articles that are not stored"
        for article_id in stored:
            assert mine.get(article_id, []) == theirs.get(article_id, []), (
                f"article {article_id}: its {name} rows are not all there")
    created = {row["event_id"] for row in ref["event_sources"] if row["article_id"] in stored}
    assert {row["event_id"] for row in tables["events"]} == created
    assert all(row in ref["rejects"] for row in tables["rejects"])
    _check_structure(tables)
    return k


# --- the test -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference(corpus, ray_env, tmp_path_factory) -> dict:
    """The store of one uninterrupted run, on SQLite: the two backends store the same rows
    (a difference would fail both tests' last comparison), so one run serves both."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'reference.db'}"
    done = subprocess.run(_args(corpus, url), capture_output=True, text=True, timeout=600,
                          env=ray_env)
    assert done.returncode == 3, done.stderr  # finished, with the three rejects
    reference = snapshot(url)
    ref = reference["tables"]
    assert len(ref["articles"]) == ARTICLES and len(ref["rejects"]) == UNREADABLE
    assert len(reference["transactions"]) >= ARTICLES // COMMIT_EVERY
    assert ref["revisions"] and ref["casualty_reports"] and ref["repairs"], (
        "fusion, tolls and repairs are exercised")
    _check_structure(ref)
    return reference


def test_killed_batch_is_whole_and_resumes_to_the_reference(corpus, ray_env, reference,
                                                           backend, capsys):
    rng = random.Random(SEED)
    ref = reference["tables"]
    log = []
    for kill in range(KILLS):
        before = backend.articles()
        delay = rng.uniform(0, MAX_DELAY)
        # Its own session, so that the kill reaches Ray's processes too.
        process = subprocess.Popen(_args(corpus, backend.url), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True,
                                   env=ray_env)
        try:
            deadline = time.monotonic() + 300
            while backend.articles() == before:  # Ray is up, the run has committed
                assert process.poll() is None, f"run {kill + 1} ended before committing"
                assert time.monotonic() < deadline, f"run {kill + 1} committed nothing in 5 min"
                time.sleep(0.02)
            time.sleep(delay)
            inside = None
            if kill == KILLS - 1:  # aim inside a write transaction
                seen = backend.articles()
                while not backend.writing():
                    assert process.poll() is None and time.monotonic() < deadline
                    time.sleep(0.002)
                inside = seen
            assert process.poll() is None, f"run {kill + 1} finished before its kill"
        finally:
            _kill(process)
        after = backend.articles()
        assert after < ARTICLES
        backend.check_integrity()
        crashed = snapshot(backend.url)
        k = _check_whole(crashed, reference)
        log.append(f"kill {kill + 1}: {delay:.2f} s after its first commit, "
                   f"{after} articles stored ({k} transactions)"
                   + ("" if inside is None else
                      ", in a write transaction" + (" (rolled back)" if after == inside else
                                                    " (it committed first)")))

    stored = backend.articles()
    rejected = len(snapshot(backend.url)["tables"]["rejects"])
    resumed = subprocess.run(_args(corpus, backend.url), capture_output=True, text=True,
                             timeout=600, env=ray_env)
    assert resumed.returncode == (0 if rejected == UNREADABLE else 3), resumed.stderr
    assert f"{stored + rejected} already stored, skipped" in resumed.stderr, resumed.stderr
    backend.check_integrity()
    final = snapshot(backend.url)["tables"]
    assert {name: len(rows) for name, rows in final.items()} == {
        name: len(rows) for name, rows in ref.items()}
    for name in final:
        assert final[name] == ref[name], f"{name}: not what the uninterrupted run stored"
    with capsys.disabled():  # where the kills fell, in `make crash`'s output
        print(f"\n{backend.__class__.__name__}: " + "; ".join(log))
