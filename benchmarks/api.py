"""HTTP API under load: `veille serve` (uvicorn) answering concurrent reads (SQLite, PostgreSQL).

    python benchmarks/api.py [--events 100000] [--requests 2000] [--concurrency 8]
                             [--max-seconds 120] [--db URL] [--postgres URL] [--no-sqlite]
                             [--page] [--json]

The store holds the synthetic events of benchmarks/store.py (the same seeded generator), saved
into a fresh SQLite file in a temporary folder, unless `--db URL` names a store to reuse as it
is. `veille serve` then runs as a subprocess on 127.0.0.1 and a free port, and `--concurrency`
client threads (httpx, one keep-alive client each) send `--requests` requests in all (or stop
after `--max-seconds`), in this mix, taken in turn:

  country    GET /events?country=XX&limit=100            (a country among those stored)
  window     GET /events?since=...&until=...&limit=100   (a random 30-day window)
  bbox       GET /events?bbox=...&min_fatalities=1       (a 5 x 5 degree box around an event)
  page1      GET /events?sort=...                        (first page of a walk, random sort)
  cursor     GET /events?sort=...&cursor=...             (the 5 next pages of that walk)
  event      GET /events/{id}                            (a random stored id)
  stats      GET /stats

For each: requests/s (its requests over the load's wall time, so the columns add up to the
whole), p50/p95/p99 latency in ms, and errors (non-2xx answers and failed requests).

`--postgres URL` (else $VEILLE_TEST_POSTGRES_URL) runs the same against PostgreSQL: that
database is EMPTIED first (DROP SCHEMA public CASCADE); `bash .ci/postgres.sh start` prints a
throwaway one. `--page` measures the web page at `/` in headless Chromium (needs
/usr/bin/chromium and the Python `playwright` package; skipped with a message otherwise): time
to the `load` event and to the first map marker.

Only 127.0.0.1 is contacted. The server is stopped at the end, on Ctrl-C and on errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
KINDS = ["country", "window", "bbox", "page1", "cursor", "event", "stats"]
TASKS = ["country", "window", "bbox", "walk", "event", "stats"]  # a walk is page1 + 5 cursor
CURSOR_PAGES = 5
SORTS = ["-date", "date", "fatalities", "-fatalities", "-updated"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# Whatever the page draws its markers with: veille's dots and clusters (Leaflet.markercluster),
# else any Leaflet, MapLibre/Mapbox or plain SVG/HTML marker.
MARKERS = (".veille-dot, .marker-cluster, .leaflet-marker-icon, path.leaflet-interactive, "
           ".leaflet-interactive, .maplibregl-marker, .mapboxgl-marker, .marker, [data-marker], "
           "[data-event-id], svg circle")


def load_store_bench():
    """benchmarks/store.py as a module: its event generator and `empty_postgres`."""
    spec = importlib.util.spec_from_file_location("veille_bench_store", HERE / "store.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def veille_command() -> list[str]:
    script = Path(sys.executable).parent / "veille"
    if script.exists():
        return [str(script)]
    found = shutil.which("veille")
    if found:
        return [found]
    return [sys.executable, "-c", "from veille.cli import app; app()"]


def hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


class Server:
    """`veille serve --db URL` on 127.0.0.1 and a free port, as a subprocess."""

    def __init__(self, db: str, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self.log = open(log, "wb")  # noqa: SIM115 (closed in stop())
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        # Every request comes from 127.0.0.1: the per-address rate limit would measure itself.
        config = log.with_suffix(".toml")
        config.write_text("[api]\nrate_limit = 0\n", "utf-8")
        self.proc = subprocess.Popen(
            [*veille_command(), "serve", "--db", db, "--host", "127.0.0.1",
             "--port", str(self.port), "--config", str(config)],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)

    def wait_ready(self, timeout: float) -> float:
        """Seconds until GET /stats answers 200; raises if the server dies or is too slow."""
        start = time.perf_counter()
        with httpx.Client(base_url=self.base, timeout=30.0) as client:
            while True:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"veille serve exited with {self.proc.returncode}:\n"
                                       + self.tail())
                try:
                    if client.get("/stats").status_code == 200:
                        return time.perf_counter() - start
                except httpx.TransportError:
                    pass
                if time.perf_counter() - start > timeout:
                    raise RuntimeError(f"veille serve did not answer /stats in {timeout:.0f} s:\n"
                                       + self.tail())
                time.sleep(0.2)

    def tail(self, lines: int = 20) -> str:
        self.log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()


class Sample:
    """What the random requests draw from: stored ids, countries, dates, coordinates."""

    def __init__(self, client: httpx.Client) -> None:
        events: dict[str, dict] = {}
        for sort in ("-date", "date", "fatalities", "-updated"):
            answer = client.get("/events", params={"limit": 1000, "sort": sort})
            answer.raise_for_status()
            for e in answer.json()["events"]:
                events[e["event_id"]] = e
        if not events:
            raise RuntimeError("the store holds no events")
        self.ids = sorted(events)
        self.countries = sorted({e["iso"] or e["country"] for e in events.values()
                                 if e.get("iso") or e.get("country")})
        days = sorted(e["event_date"] for e in events.values() if e.get("event_date"))
        self.first = dt.date.fromisoformat(days[0])
        self.last = dt.date.fromisoformat(days[-1])
        self.points = [(e["longitude"], e["latitude"]) for e in events.values()
                       if e.get("latitude") is not None and e.get("longitude") is not None]


class Load:
    """The load loop: `requests` requests in all over `concurrency` threads, in the mix."""

    def __init__(self, base: str, sample: Sample, requests: int, concurrency: int,
                 max_seconds: float, seed: int) -> None:
        self.base, self.sample = base, sample
        self.budget, self.concurrency, self.max_seconds = requests, concurrency, max_seconds
        self.seed = seed
        self.lock = threading.Lock()
        self.issued = 0
        self.turn = 0
        self.latencies: dict[str, list[float]] = {k: [] for k in KINDS}
        self.errors: dict[str, int] = dict.fromkeys(KINDS, 0)
        self.first_error: dict[str, str] = {}
        self.stopped_by_time = False

    def reserve(self) -> tuple[str, int] | None:
        """The next task and how many requests it may send, or None when done."""
        with self.lock:
            if self.issued >= self.budget:
                return None
            if time.perf_counter() > self.deadline:
                self.stopped_by_time = True
                return None
            task = TASKS[self.turn % len(TASKS)]
            self.turn += 1
            cost = min(1 + CURSOR_PAGES if task == "walk" else 1, self.budget - self.issued)
            self.issued += cost
            return task, cost

    def record(self, kind: str, seconds: float, answer: httpx.Response | None,
               problem: str | None = None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if answer is None or not 200 <= answer.status_code < 300:
                self.errors[kind] += 1
                self.first_error.setdefault(
                    kind, problem or f"{answer.status_code}: {answer.text[:200]}")

    def get(self, client: httpx.Client, kind: str, url: str, params: dict | None = None
            ) -> httpx.Response | None:
        start = time.perf_counter()
        try:
            answer = client.get(url, params=params)
        except httpx.HTTPError as exc:
            self.record(kind, time.perf_counter() - start, None, f"{type(exc).__name__}: {exc}")
            return None
        self.record(kind, time.perf_counter() - start, answer)
        return answer

    def worker(self, n: int) -> None:
        rng = random.Random(self.seed * 1000 + n)
        s = self.sample
        span = max(0, (s.last - s.first).days - 29)
        with httpx.Client(base_url=self.base, timeout=60.0) as client:
            while (job := self.reserve()) is not None:
                task, cost = job
                if task == "country":
                    self.get(client, "country", "/events",
                             {"country": rng.choice(s.countries), "limit": 100})
                elif task == "window":
                    since = s.first + dt.timedelta(days=rng.randint(0, span))
                    self.get(client, "window", "/events",
                             {"since": since.isoformat(),
                              "until": (since + dt.timedelta(days=29)).isoformat(),
                              "limit": 100})
                elif task == "bbox":
                    lon, lat = rng.choice(s.points)
                    box = (max(-180.0, lon - 2.5), max(-90.0, lat - 2.5),
                           min(180.0, lon + 2.5), min(90.0, lat + 2.5))
                    self.get(client, "bbox", "/events",
                             {"bbox": ",".join(f"{v:.4f}" for v in box), "min_fatalities": 1})
                elif task == "walk":
                    sort = rng.choice(SORTS)
                    answer = self.get(client, "page1", "/events", {"sort": sort})
                    for _ in range(cost - 1):
                        after = answer.json().get("next_cursor") if answer is not None \
                            and answer.status_code == 200 else None
                        if not after:
                            break
                        answer = self.get(client, "cursor", "/events",
                                          {"sort": sort, "cursor": after})
                elif task == "event":
                    self.get(client, "event", f"/events/{rng.choice(s.ids)}")
                else:
                    self.get(client, "stats", "/stats")

    def run(self) -> float:
        self.deadline = time.perf_counter() + self.max_seconds
        threads = [threading.Thread(target=self.worker, args=(n,), daemon=True)
                   for n in range(self.concurrency)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - start


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def ms(value: float | None) -> float | None:
    return None if value is None else round(value * 1000, 1)


def figures_of(load: Load, wall: float) -> dict:
    kinds = {}
    for kind in KINDS:
        lat = load.latencies[kind]
        kinds[kind] = {"requests": len(lat), "per_s": round(len(lat) / wall, 1) if wall else None,
                       "p50_ms": ms(percentile(lat, 50)), "p95_ms": ms(percentile(lat, 95)),
                       "p99_ms": ms(percentile(lat, 99)),
                       "mean_ms": ms(sum(lat) / len(lat)) if lat else None,
                       "errors": load.errors[kind]}
    everything = [x for lat in load.latencies.values() for x in lat]
    total = {"requests": len(everything),
             "per_s": round(len(everything) / wall, 1) if wall else None,
             "p50_ms": ms(percentile(everything, 50)), "p95_ms": ms(percentile(everything, 95)),
             "p99_ms": ms(percentile(everything, 99)),
             "mean_ms": ms(sum(everything) / len(everything)) if everything else None,
             "errors": sum(load.errors.values())}
    return {"wall_s": round(wall, 2), "stopped_by_time": load.stopped_by_time,
            "kinds": kinds, "total": total, "first_errors": load.first_error}


def fmt(value: float | None, spec: str = ".1f") -> str:
    return "-" if value is None else format(value, spec)


def show(name: str, f: dict) -> None:
    print(f"\n== {name}: {f['stored_events']} events stored; server ready in "
          f"{f['ready_s']:.1f} s; load {f['wall_s']:.1f} s"
          + (" (stopped by --max-seconds)" if f["stopped_by_time"] else ""))
    print(f"{'request':<9} {'n':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'mean ms':>8} {'errors':>6}")
    for kind, k in [*f["kinds"].items(), ("all", f["total"])]:
        print(f"{kind:<9} {k['requests']:>6} {fmt(k['per_s']):>8} {fmt(k['p50_ms']):>8} "
              f"{fmt(k['p95_ms']):>8} {fmt(k['p99_ms']):>8} {fmt(k['mean_ms']):>8} "
              f"{k['errors']:>6}")
    for kind, message in f["first_errors"].items():
        print(f"first error of {kind}: {message}")


def measure_page(base: str, selector: str, timeout_s: float) -> dict | None:
    """Time to `load` and to the first map marker of the page at `/`; None when skipped."""
    if not Path(CHROMIUM).exists():
        print(f"\n(page skipped: {CHROMIUM} is missing)")
        return None
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("\n(page skipped: the Python package `playwright` is not installed)")
        return None
    try:
        answer = httpx.get(base + "/", timeout=30.0)
    except httpx.HTTPError as exc:
        print(f"\n(page skipped: GET / failed: {exc})")
        return None
    if answer.status_code != 200 or "html" not in answer.headers.get("content-type", ""):
        print(f"\n(page skipped: GET / answers {answer.status_code} "
              f"{answer.headers.get('content-type', '')}, not a web page)")
        return None
    result: dict = {"selector": selector}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                         headless=True)
            try:
                page = browser.new_page()
                fetched: list[float] = []  # when each GET /events the page sends is answered
                page.on("response", lambda r: fetched.append(time.perf_counter())
                        if "/events" in r.url else None)
                start = time.perf_counter()
                page.goto(base + "/", wait_until="load", timeout=timeout_s * 1000)
                result["load_ms"] = ms(time.perf_counter() - start)
                try:
                    page.wait_for_selector(selector, state="attached", timeout=timeout_s * 1000)
                    result["first_marker_ms"] = ms(time.perf_counter() - start)
                    result["markers"] = page.locator(selector).count()
                except PlaywrightError:
                    result["first_marker_ms"] = None
                    result["note"] = f"no marker matched within {timeout_s:.0f} s"
                try:  # the page marks its body when every page of events is drawn
                    page.wait_for_selector("body[data-loaded]", state="attached",
                                           timeout=timeout_s * 1000)
                    result["loaded_ms"] = ms(time.perf_counter() - start)
                    result["status"] = page.locator("#status").first.text_content(timeout=1000)
                except PlaywrightError:
                    result["loaded_ms"] = None
                result["events_requests"] = len(fetched)
                result["last_events_answer_ms"] = ms(fetched[-1] - start) if fetched else None
            finally:
                browser.close()
    except PlaywrightError as exc:
        print(f"\n(page skipped: Chromium failed: {str(exc).splitlines()[0]})")
        return None
    print(f"\npage /: load event after {fmt(result['load_ms'])} ms, first marker after "
          f"{fmt(result.get('first_marker_ms'))} ms"
          + (f" ({result['markers']} markers)" if "markers" in result else "")
          + f", data drawn (body[data-loaded]) after {fmt(result.get('loaded_ms'))} ms"
          + (f" ({result['status'].strip()})" if result.get("status") else "")
          + f"; {result['events_requests']} GET /events answered, the last after "
            f"{fmt(result['last_events_answer_ms'])} ms"
          + (f" ({result['note']})" if "note" in result else ""))
    return result


def bench_backend(db: str, args, tmp: Path, name: str,
                  page: Callable[[str], dict | None] | None) -> dict:
    server = Server(db, tmp / f"serve-{name}.log")
    try:
        ready = server.wait_ready(args.ready_seconds)
        with httpx.Client(base_url=server.base, timeout=60.0) as client:
            stored = client.get("/stats").json()
            sample = Sample(client)
        load = Load(server.base, sample, args.requests, args.concurrency, args.max_seconds,
                    args.seed)
        wall = load.run()
        figures = {"stored_events": stored.get("events", stored.get("total_events")),
                   "ready_s": round(ready, 2), **figures_of(load, wall)}
        if page is not None:
            figures["page"] = page(server.base)
        return figures
    finally:
        server.stop()


def build(url: str, reports: list, batch: int) -> tuple[int, float]:
    from veille.store import open_store
    start = time.perf_counter()
    store = open_store(url)
    results = store.save_all(reports, batch_size=batch)
    store.engine.dispose()
    return sum(len(r.created) for r in results), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000,
                        help="synthetic events to store (as benchmarks/store.py)")
    parser.add_argument("--duplicates", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=2000, help="reports to a transaction")
    parser.add_argument("--db", help="reuse this store as it is (SQLite run) instead of "
                                     "building one")
    parser.add_argument("--requests", type=int, default=2000, help="requests in all")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument("--max-seconds", type=float, default=120.0,
                        help="stop the load after this long")
    parser.add_argument("--ready-seconds", type=float, default=120.0,
                        help="wait this long at most for the server's /stats")
    parser.add_argument("--postgres", default=os.environ.get("VEILLE_TEST_POSTGRES_URL"),
                        help="a throwaway PostgreSQL database, emptied first "
                             "(default: $VEILLE_TEST_POSTGRES_URL)")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--page", action="store_true",
                        help="also time the web page at / in headless Chromium")
    parser.add_argument("--page-selector", default=MARKERS,
                        help="CSS selector of a map marker")
    parser.add_argument("--page-seconds", type=float, default=90.0,
                        help="wait this long at most for each page milestone")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args()
    # A plain `kill` stops the run as Ctrl-C does: through the `finally` that stops the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.requests < 1 or args.concurrency < 1 or args.max_seconds <= 0:
        parser.error("--requests, --concurrency and --max-seconds must be positive")

    reports: list = []
    need_reports = (not args.no_sqlite and not args.db) or bool(args.postgres)
    if need_reports:
        start = time.perf_counter()
        bench_store = load_store_bench()
        reports = bench_store.generate(args.events, args.duplicates, args.seed)
        n_events = sum(len(r.events) for r in reports)
        print(f"generated {n_events} events in {len(reports)} reports (benchmarks/store.py, "
              f"seed {args.seed}, duplicates {args.duplicates:.0%}) in "
              f"{time.perf_counter() - start:.1f} s")
    print(f"load: {args.requests} requests, {args.concurrency} threads, at most "
          f"{args.max_seconds:.0f} s; mix: {', '.join(TASKS)} in turn "
          f"(walk = page1 + {CURSOR_PAGES} cursor pages)")

    page = None
    if args.page:
        page = lambda base: measure_page(base, args.page_selector, args.page_seconds)  # noqa: E731
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="veille-bench-api-") as tmp_name:
        tmp = Path(tmp_name)
        if not args.no_sqlite:
            if args.db:
                db = args.db
                label = f"SQLite/reused store ({hide_password(db)})"
            else:
                db = f"sqlite:///{tmp / 'store.db'}"
                created, seconds = build(db, reports, args.batch)
                print(f"stored into a fresh SQLite file: {created} new events in {seconds:.1f} s")
                label = "SQLite (a fresh file)"
            figures["sqlite"] = bench_backend(db, args, tmp, "sqlite", page)
            show(label, figures["sqlite"])
        if args.postgres:
            bench_store = load_store_bench()
            bench_store.empty_postgres(args.postgres)
            created, seconds = build(args.postgres, reports, args.batch)
            print(f"\nstored into PostgreSQL: {created} new events in {seconds:.1f} s")
            figures["postgresql"] = bench_backend(args.postgres, args, tmp, "postgresql",
                                                  None if "sqlite" in figures else page)
            show(f"PostgreSQL ({hide_password(args.postgres).rsplit('@', 1)[-1]})",
                 figures["postgresql"])
        else:
            print("\n(PostgreSQL skipped: give --postgres URL or set VEILLE_TEST_POSTGRES_URL)")

    if args.json:
        print(json.dumps({"benchmark": "api", "events": args.events if need_reports else None,
                          "db": hide_password(args.db) if args.db else None,
                          "requests": args.requests, "concurrency": args.concurrency,
                          "max_seconds": args.max_seconds, "seed": args.seed, **figures}))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # the server was stopped on the way out (the `finally`)
        print("interrupted", file=sys.stderr)
        sys.exit(130)
