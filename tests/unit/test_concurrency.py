"""Concurrent writers on one store (real SQLite files, a real PostgreSQL server):

- two `veille run` processes reading different folders into the same new SQLite file at the
  same time (both creating its tables at once) both succeed, with no "database is locked", and
  the store holds every article of both exactly once, each with its rows;
- eight clients correcting events at once through a real `veille serve` (PATCH /events/{id}),
  several of them the same event at the same moment, all get 200, and no correction is lost:
  the revisions table holds one row per correction sent, and an event's revisions 1..N are the
  N corrections sent to it, in one unbroken chain (each revision's old value is the new value
  of the one before, and the last is the event's), on SQLite and on PostgreSQL;
- corrections and merges of new sources into the same event at once, from threads of one
  process: every source stays in the record, the revisions form one chain, and the last
  correction stands.

Before the fixes in `store/db.py` and `store/batch.py` (write transactions begin IMMEDIATE on
SQLite; the event row is read FOR UPDATE) each of these failed: SQLite answered "database is
locked", PostgreSQL lost updates.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from test_api_writes import free_port, stop, wait_for

from builders import report, strike, toll, write_conflict_news
from databases import empty_postgres, postgres_url
from veille.ingest import article_from_text
from veille.store import open_store

VEILLE = str(Path(sys.executable).with_name("veille"))
LOCKED = "database is locked"


# --- two `veille run` at once ---------------------------------------------------------------


def _ids(paths: list[Path]) -> set[str]:
    return {article_from_text(p.read_text("utf-8"), name=str(p)).id for p in paths}


def _has_open(pid: int, path: Path) -> bool:
    """Whether process `pid` has the file at `path` open."""
    found = False
    for fd in Path(f"/proc/{pid}/fd").glob("*"):
        try:
            found = found or os.readlink(fd) == str(path)
        except OSError:  # closed meanwhile
            continue
    return found


@pytest.mark.postgres
def test_writers_opening_a_new_postgresql_store_at_once_all_succeed():
    """PostgreSQL has no database-wide lock: four writers opening one new, empty database at
    the same moment would all create its tables, and all but one fail (the advisory lock of
    `open_store` makes them wait). Five rounds, so that a race shows."""
    url = postgres_url()
    for _ in range(5):
        empty_postgres(url)
        assert _open_at_once(url, 4) == []
        assert open_store(url).count("articles") == 0


def _open_at_once(url: str, writers: int) -> list[BaseException]:
    """Open the store at `url` from `writers` threads released together; what they raised."""
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def open_one() -> None:
        start.wait()
        try:
            open_store(url).engine.dispose()
        except BaseException as exc:  # collected, for the test to show
            failures.append(exc)

    threads = [threading.Thread(target=open_one, daemon=True) for _ in range(writers)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    stuck = sum(thread.is_alive() for thread in threads)
    return failures + [TimeoutError(f"{stuck} still opening after 60 s")] * bool(stuck)


def test_two_runs_into_one_sqlite_file_at_once(tmp_path, runtime):
    _ = runtime.gazetteer  # built once here, not by both processes at the same time
    first = write_conflict_news(tmp_path / "first", 30, seed=11)
    second = write_conflict_news(tmp_path / "second", 30, seed=12, first=10_000)
    expected = _ids(first) | _ids(second)
    assert len(expected) == 60
    # A new, empty store, whose write lock another writer holds while both processes open
    # it: both then create the tables at the same moment (without the lock, that happens too,
    # but only when their starts happen to line up).
    db = tmp_path / "shared.db"
    gate = sqlite3.connect(db, isolation_level=None)
    gate.execute("PRAGMA journal_mode=WAL")
    gate.execute("BEGIN IMMEDIATE")
    runs = [subprocess.Popen([VEILLE, "run", str(folder), "--db", f"sqlite:///{db}"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for folder in (tmp_path / "first", tmp_path / "second")]
    try:
        deadline = time.monotonic() + 120
        while not all(_has_open(run.pid, db) for run in runs):
            if time.monotonic() > deadline or any(run.poll() is not None for run in runs):
                break  # the assertions below say what happened
            time.sleep(0.05)
        time.sleep(0.5)  # both are now waiting for the lock
    finally:
        gate.execute("ROLLBACK")
        gate.close()
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert LOCKED not in out + err and "Traceback" not in err, err
        assert "30 articles read (0 already stored or refused)" in err, err

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = [r[0] for r in conn.execute("SELECT id FROM articles")]
        assert len(stored) == len(set(stored)) and set(stored) == expected
        # Every event's source count is its rows of event_sources (no article here is a copy
        # of another: see copies.py), and every article that reported an event has its
        # evidence (what a write lost halfway would break).
        assert conn.execute(
            "SELECT count(*) FROM events e WHERE e.sources != "
            "(SELECT count(*) FROM event_sources s WHERE s.event_id = e.event_id)").fetchone() == (0,)
        assert conn.execute(
            "SELECT count(*) FROM event_sources s WHERE NOT EXISTS (SELECT 1 FROM evidence v "
            "WHERE v.owner_id = s.event_id AND v.article_id = s.article_id)").fetchone() == (0,)
        assert conn.execute("SELECT count(DISTINCT article_id) FROM event_sources").fetchone()[0] > 30
    finally:
        conn.close()


# --- eight API clients correcting at once ---------------------------------------------------

CLIENTS = 8
CORRECTIONS = 12  # per client: every other one to the event all clients correct
HOT = "hot-e"
TOKENS = {f"concurrency-token-{c:02d}-abcdef": f"editor {c}" for c in range(CLIENTS)}


def _fill(url: str) -> None:
    """One event all clients correct and one of each client's own, months apart so that
    none is fused with another."""
    store = open_store(url)
    reports = [report("hot", 3, strike("hot", toll=toll(1, 1, 1)))]
    reports += [report(f"own{c}", 3, strike(f"own{c}", event_date=dt.date(2024, 1 + c, 10),
                                            toll=toll(1, 1, 1)))
                for c in range(CLIENTS)]
    results = store.save_all(reports)
    assert all(r.error is None and r.created for r in results)
    assert store.count("events") == CLIENTS + 1 and store.count("revisions") == 0
    store.engine.dispose()


def _correction(c: int, k: int) -> tuple[str, dict]:
    """Client `c`'s `k`th correction: a value no other correction sets (so each one changes
    the event and is written as a revision), signed with a reason that names it."""
    target = HOT if k % 2 == 0 else f"own{c}-e"
    n = 100 * (c + 1) + k
    values: dict = ({"actor2": f"Militia {c}-{k}"} if k % 4 == 2 else
                    {"fatalities": {"low": n, "best": n, "high": n}})
    return target, {"values": values, "reason": f"client {c} correction {k}"}


@pytest.fixture
def served(store_url, tmp_path):
    """A real `veille serve` over a filled store, with one token per client."""
    _fill(store_url)
    config = tmp_path / "veille.toml"
    config.write_text("[api]\ntokens = { " + ", ".join(
        f'"{t}" = "{a}"' for t, a in TOKENS.items()) + " }\n", "utf-8")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen([VEILLE, "serve", "--db", store_url, "--port", str(port),
                                   "--config", str(config)],
                                  stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/stats", server, log, seconds=30)
        yield base, log, store_url
    finally:
        stop(server)


def test_concurrent_corrections_are_all_written_in_one_chain(served):
    base, log, url = served
    start = threading.Barrier(CLIENTS)
    answers: dict[tuple[int, int], httpx.Response] = {}

    def client(c: int) -> None:
        token = list(TOKENS)[c]
        with httpx.Client(base_url=base, timeout=60,
                          headers={"Authorization": f"Bearer {token}"}) as http:
            start.wait()
            for k in range(CORRECTIONS):
                target, body = _correction(c, k)
                answers[c, k] = http.patch(f"/events/{target}", json=body)

    threads = [threading.Thread(target=client, args=(c,)) for c in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(answers) == CLIENTS * CORRECTIONS
    failed = {key: (r.status_code, r.text[:200]) for key, r in answers.items()
              if r.status_code != 200}
    assert not failed, failed
    served_log = log.read_text("utf-8")
    assert LOCKED not in served_log and "Traceback" not in served_log

    sent: dict[str, list[str]] = {}
    for c in range(CLIENTS):
        for k in range(CORRECTIONS):
            target, body = _correction(c, k)
            sent.setdefault(target, []).append(body["reason"])
    total = 0
    for event_id, reasons in sent.items():
        detail = httpx.get(f"{base}/events/{event_id}", timeout=10).json()
        revisions = detail["revisions"]
        total += len(revisions)
        # Revisions 1..N are the N corrections sent to this event, each once.
        assert len(revisions) == len(reasons)
        assert sorted(r["reason"] for r in revisions) == sorted(reasons)
        assert all(r["author"] in TOKENS.values() for r in revisions)
        # One chain: each revision changed what the one before left (a lost update would
        # show as an old value that is not the previous new one), ending at the event.
        last = {"fatalities": {"low": 1, "best": 1, "high": 1}, "actor2": None}
        for number, revision in enumerate(revisions, 1):
            for name, change in revision["changes"].items():
                assert change["old"] == last[name], (event_id, number, name)
                last[name] = change["new"]
        assert detail["event"]["fatalities"] == last["fatalities"]
        assert detail["event"]["actor2"] == last["actor2"]
    assert total == CLIENTS * CORRECTIONS
    store = open_store(url)
    try:
        assert store.count("revisions") == CLIENTS * CORRECTIONS  # nothing lost, nothing twice
    finally:
        store.engine.dispose()
    stats = httpx.get(f"{base}/stats", timeout=10).json()
    assert stats["events"] == CLIENTS + 1


# --- corrections while articles are merged into the same event ---------------------------------

MERGERS = 2  # threads storing articles that report the corrected event again
CORRECTORS = 2
ROUNDS = 10  # articles or corrections per thread


def test_corrections_and_merges_of_one_event_at_once_lose_nothing(store_url):
    """The store's two writers of an event, a person's correction and a new source's merge,
    at once from several threads: each is written on what the others committed."""
    store = open_store(store_url)
    try:
        assert store.save(report("first", 3, strike("first", toll=toll(1, 1, 1)))).created
        start = threading.Barrier(MERGERS + CORRECTORS)
        errors: list[BaseException] = []

        def merge(m: int) -> None:
            start.wait()
            for i in range(ROUNDS):
                article = f"m{m}-{i}"
                result = store.save(report(article, 4, strike(
                    article, published=4, toll=toll(2, 2 + i, 2 + i))))
                assert result.merged == ["first-e"], result

        def correct(c: int) -> None:
            start.wait()
            for k in range(ROUNDS):
                n = 1000 * (c + 1) + k
                store.correct("first-e", {"fatalities": {"low": n, "best": n, "high": n}},
                              author=f"editor {c}", reason=f"{c}-{k}")

        def guarded(fn, n: int) -> None:
            try:
                fn(n)
            except BaseException as exc:  # reported below, with the thread's error
                errors.append(exc)

        threads = [threading.Thread(target=guarded, args=(merge, m)) for m in range(MERGERS)]
        threads += [threading.Thread(target=guarded, args=(correct, c))
                    for c in range(CORRECTORS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert not errors, errors

        event = store.event("first-e")
        history = store.history("first-e")
        articles = 1 + MERGERS * ROUNDS
        # Every merge is in the record: no merge was overwritten by a correction.
        assert len(event.sources) == articles == len(store.sources("first-e"))
        assert store.count("events") == 1
        assert len(history) == MERGERS * ROUNDS + CORRECTORS * ROUNDS
        assert sorted(r.reason for r in history if r.author) == sorted(
            f"{c}-{k}" for c in range(CORRECTORS) for k in range(ROUNDS))
        # One chain of revisions, each on what the one before left; the last correction's
        # toll stands (a merge does not change a corrected field).
        last = store.sources("first-e")[0].model_dump(mode="json")
        for number, revision in enumerate(history, 1):
            for name, change in revision.changes.items():
                assert change["old"] == last[name], (number, name, revision)
                last[name] = change["new"]
        assert event.model_dump(mode="json")["fatalities"] == last["fatalities"]
        final = [r for r in history if r.author][-1].changes["fatalities"]["new"]
        assert last["fatalities"] == final
    finally:
        store.engine.dispose()
