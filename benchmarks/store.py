"""Store throughput: events written and read per second, on SQLite and on PostgreSQL.

    python benchmarks/store.py [--events 100000] [--duplicates 0.1] [--batch 500]
                               [--postgres URL] [--profile [--profile-events 20000]] [--json]

The events are synthetic and the same on every run (a seeded random generator): reports of 1-4
events each over 40 countries and two years, with actors, tolls, one source and 3-6 evidence
fields whose spans point into the report's generated article text. A share of the reports
(`--duplicates`) report again an event an earlier report gave (same type, place, day and
actor, published later, with a higher toll), so that fusion and revisions are exercised.

SQLite runs on a fresh file in a temporary folder. PostgreSQL runs when a URL is given
(`--postgres`, else $VEILLE_TEST_POSTGRES_URL; `bash .ci/postgres.sh start` prints one): that
database is EMPTIED first (DROP SCHEMA public CASCADE), as the store tests do, so give only a
throwaway one. `--profile` then runs cProfile over the SQLite write path once.

Written/s is the wall time of `Store.save_all` over every report. Read/s counts `Event`s read
back and kept in a list, as an export would (the garbage collector's share included); the
generated reports themselves are frozen out of the collector (`--no-freeze` to keep them in).

Goal: >= 20,000 events/s written into SQLite.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import os
import pstats
import random
import sysconfig
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import create_engine, text

import veille
from veille.model import Article, Event, Evidence, Fatalities, Report, Source, Span
from veille.resources import load_taxonomy
from veille.store.db import Store, engine_url, open_store

GOAL_SQLITE_WRITES = 20_000  # events/s

# ISO code, name, rough bounding box (lat min, lat max, lon min, lon max).
COUNTRIES = [
    ("SY", "Syria", 32.3, 37.3, 35.7, 42.4),
    ("IQ", "Iraq", 29.1, 37.4, 38.8, 48.6),
    ("YE", "Yemen", 12.1, 19.0, 42.5, 53.1),
    ("LB", "Lebanon", 33.05, 34.69, 35.1, 36.62),
    ("IL", "Israel", 29.5, 33.3, 34.3, 35.9),
    ("PS", "Palestine", 31.2, 32.55, 34.2, 35.57),
    ("UA", "Ukraine", 44.4, 52.4, 22.1, 40.2),
    ("RU", "Russia", 45.0, 60.0, 30.0, 60.0),
    ("TR", "Turkey", 36.0, 42.1, 26.0, 44.8),
    ("IR", "Iran", 25.1, 39.8, 44.0, 63.3),
    ("AF", "Afghanistan", 29.4, 38.5, 60.5, 74.9),
    ("PK", "Pakistan", 23.7, 37.1, 60.9, 77.8),
    ("IN", "India", 8.1, 35.5, 68.1, 97.4),
    ("MM", "Myanmar", 9.8, 28.5, 92.2, 101.2),
    ("BD", "Bangladesh", 20.7, 26.6, 88.0, 92.7),
    ("PH", "Philippines", 5.0, 19.5, 117.0, 126.6),
    ("ML", "Mali", 10.2, 25.0, -12.2, 4.3),
    ("BF", "Burkina Faso", 9.4, 15.1, -5.5, 2.4),
    ("NE", "Niger", 11.7, 23.5, 0.2, 16.0),
    ("NG", "Nigeria", 4.3, 13.9, 2.7, 14.7),
    ("TD", "Chad", 7.4, 23.4, 13.5, 24.0),
    ("CM", "Cameroon", 1.7, 13.1, 8.5, 16.2),
    ("CF", "Central African Republic", 2.2, 11.0, 14.4, 27.5),
    ("SD", "Sudan", 8.7, 22.2, 21.8, 38.6),
    ("SS", "South Sudan", 3.5, 12.2, 24.1, 35.9),
    ("ET", "Ethiopia", 3.4, 14.9, 33.0, 48.0),
    ("SO", "Somalia", -1.7, 12.0, 41.0, 51.4),
    ("KE", "Kenya", -4.7, 5.0, 33.9, 41.9),
    ("CD", "Democratic Republic of Congo", -13.5, 5.4, 12.2, 31.3),
    ("MZ", "Mozambique", -26.9, -10.5, 30.2, 40.8),
    ("LY", "Libya", 19.5, 33.2, 9.4, 25.2),
    ("EG", "Egypt", 22.0, 31.7, 24.7, 36.9),
    ("DZ", "Algeria", 19.0, 37.1, -8.7, 12.0),
    ("MX", "Mexico", 14.5, 32.7, -117.1, -86.7),
    ("CO", "Colombia", -4.2, 12.5, -79.0, -66.9),
    ("BR", "Brazil", -33.7, 5.3, -74.0, -34.8),
    ("VE", "Venezuela", 0.6, 12.2, -73.4, -59.8),
    ("HT", "Haiti", 18.0, 20.1, -74.5, -71.6),
    ("US", "United States", 24.5, 49.4, -124.8, -66.9),
    ("FR", "France", 42.3, 51.1, -4.8, 8.2),
]
FIRST_DAY = dt.date(2024, 1, 1)
DAYS = 731  # two years
OUTLETS = ["Reuters", "AFP", "AP", "Al Jazeera", "BBC", "Le Monde", "RFI", "Xinhua",
           "Anadolu", "The Guardian", "local radio", "Kyiv Independent"]
ATTRIBUTED = [None, None, "local officials", "the health ministry", "witnesses",
              "a monitoring group", "the army"]
GROUPS = ["Islamic State", "Wagner Group", "{name} Liberation Front", "{name} Defence Militia",
          "Unidentified Armed Group ({name})"]
# The actors of each event type: (actor1 choices, actor2 choices); None means no actor2.
STATE, POLICE, CIVILIANS = "Military Forces of {name}", "Police Forces of {name}", "Civilians ({name})"
PROTESTERS, RIOTERS = "Protesters ({name})", "Rioters ({name})"
ACTORS = {
    "battles": ([STATE, *GROUPS], [STATE, *GROUPS]),
    "explosions": ([STATE, "Military Forces of Russia", "Military Forces of Israel", *GROUPS],
                   [CIVILIANS, STATE, None, None]),
    "violence_against_civilians": ([*GROUPS, STATE, POLICE], [CIVILIANS]),
    "protests": ([PROTESTERS], [None, POLICE]),
    "riots": ([RIOTERS], [None, POLICE, CIVILIANS]),
    "strategic_developments": ([STATE, POLICE, *GROUPS], [None, CIVILIANS, *GROUPS]),
}
INTER = {"Military": 1, "Police": 1, "Civilians": 7, "Protesters": 6, "Rioters": 5,
         "Unidentified": 3}
FATAL = {"battles", "explosions", "violence_against_civilians"}


def inter(actor: str | None) -> int | None:
    if actor is None:
        return None
    return INTER.get(actor.split()[0], 2 if "Front" in actor or "State" in actor else 3)


class Text:
    """An article text built piece by piece, remembering where each field's words are."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.spans: dict[str, list[Span]] = {}

    def add(self, piece: str, field: str | None = None) -> None:
        if field is not None:
            self.spans.setdefault(field, []).append(
                Span(start=self.size, end=self.size + len(piece), text=piece))
        self.parts.append(piece)
        self.size += len(piece)

    def value(self) -> str:
        return "".join(self.parts)


@dataclass
class Planned:
    """What one event says, before it is written into an article."""

    key: str  # taxonomy key
    day: dt.date
    country: tuple
    admin1: str
    admin2: str
    location: str
    lat: float
    lon: float
    precision: int
    actor1: str
    actor2: str | None
    toll: tuple[int | None, int | None, int | None] | None


def plan_event(rng: random.Random, keys: list[str], published: dt.date) -> Planned:
    key = rng.choice(keys)
    _, name, lat0, lat1, lon0, lon1 = country = rng.choice(COUNTRIES)
    fy, fx = rng.random(), rng.random()
    lat, lon = round(lat0 + fy * (lat1 - lat0), 5), round(lon0 + fx * (lon1 - lon0), 5)
    r1, r2 = int(fy * 3), int(fx * 2)  # admin1: a 3 x 2 grid of the box; admin2: 2 x 2 inside
    admin1 = f"{name} Region {r1 * 2 + r2 + 1}"
    admin2 = f"{admin1} District {int(fy * 6) % 2 * 2 + int(fx * 4) % 2 + 1}"
    type_key = key.split(".")[0]
    firsts, seconds = ACTORS[type_key]
    actor1 = rng.choice(firsts).format(name=name)
    actor2 = rng.choice(seconds)
    actor2 = actor2.format(name=name) if actor2 else None
    if actor2 == actor1:
        actor2 = None
    toll = None
    if type_key in FATAL and rng.random() < 0.8:
        best = rng.choice([0, 1, 1, 2, 3, 4, 5, 7, 10, 12, 20, 35, 60])
        toll = ((max(0, best - rng.randint(0, 3)), best, best + rng.randint(1, 10))
                if rng.random() < 0.4 else (None, best, None))
    return Planned(key, published - dt.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 7])),
                   country, admin1, admin2, f"Town {rng.randrange(5000)}", lat, lon,
                   rng.choice([1, 1, 1, 2, 2, 3]), actor1, actor2, toll)


def build_event(plan: Planned, article: str, n: int, source: Source, text: Text,
                rng: random.Random, taxonomy) -> Event:
    """The event `plan` as the `n`th of an article, written into `text`."""
    event_type, sub_event_type = taxonomy.names(plan.key)
    iso, name = plan.country[:2]
    text.add("On ")
    text.add(f"{plan.day:%d %B %Y}", "event_date")
    text.add(", ")
    text.add(plan.actor1, "actor1")
    text.add(" reported a ")
    text.add(sub_event_type.lower(), "sub_event_type")
    if plan.actor2:
        text.add(" against ")
        text.add(plan.actor2, "actor2")
    text.add(" near ")
    text.add(plan.location, "location")
    text.add(", in ")
    text.add(plan.admin1, "admin1")
    text.add(", ")
    text.add(name, "country")
    text.add(". ")
    fatalities = None
    if plan.toll is not None:
        low, best, high = plan.toll
        fatalities = Fatalities(low=low, best=best, high=high)
        text.add("At least ")
        text.add(str(best), "fatalities")
        text.add(" people were killed" + (f", up to {high}. " if high is not None else ". "))
    text.add("Residents of ")
    text.add(plan.location, "location")
    text.add(" blamed ")
    text.add(plan.actor1, "actor1")
    text.add(". ")
    # 3-6 of the fields this event's sentences name, each with its first one or two mentions.
    chosen = rng.sample(list(text.spans), min(len(text.spans), rng.randint(3, 6)))
    evidence = {field: Evidence(article_id=article, spans=text.spans[field][:rng.randint(1, 2)])
                for field in chosen}
    text.spans.clear()  # the next event's evidence starts afresh
    i1, i2 = inter(plan.actor1), inter(plan.actor2)
    return Event(
        event_id=f"{article}-e{n}", event_date=plan.day, date_precision=1,
        event_type=event_type, sub_event_type=sub_event_type, actor1=plan.actor1, inter1=i1,
        actor2=plan.actor2, inter2=i2,
        interaction=int(f"{min(i1, i2)}{max(i1, i2)}") if i2 else (i1 or 0) * 10,
        civilian_targeting=bool(plan.actor2 and plan.actor2.startswith("Civilians")),
        country=name, iso=iso, admin1=plan.admin1, admin2=plan.admin2, location=plan.location,
        latitude=plan.lat, longitude=plan.lon, geo_precision=plan.precision,
        fatalities=fatalities, sources=[source], evidence=evidence,
        notes=f"On {plan.day.isoformat()}, {plan.actor1}: {sub_event_type.lower()} in "
              f"{plan.location}.", confidence=round(rng.uniform(0.4, 0.95), 2))


def generate(n_events: int, duplicates: float, seed: int) -> list[Report]:
    """Reports holding `n_events` events in all; a share `duplicates` of the reports tell
    again one or two events of the last 2,000 first told, later and with a higher toll."""
    rng = random.Random(seed)
    taxonomy = load_taxonomy()
    keys = taxonomy.keys()
    reports: list[Report] = []
    recent: list[tuple[Planned, dt.date]] = []  # earlier events a later report may re-report
    expected = n_events / 2.5
    count = 0
    while count < n_events:
        i = len(reports)
        article = f"bench-a{i:07d}"
        published = FIRST_DAY + dt.timedelta(days=min(DAYS - 1, int(i / expected * DAYS)) + 7)
        again = bool(recent) and rng.random() < duplicates
        size = min(n_events - count, rng.randint(1, 2) if again else rng.randint(1, 4))
        if again:  # the same events, told later with a higher toll
            plans = []
            for old, old_published in rng.sample(recent, min(size, len(recent))):
                low, best, high = old.toll or (None, rng.randint(0, 3), None)
                more = rng.randint(1, 15)
                plans.append(replace(old, toll=(low, best + more,
                                                None if high is None else high + more)))
                published = max(published, old_published + dt.timedelta(days=rng.randint(1, 5)))
        else:
            plans = [plan_event(rng, keys, published) for _ in range(size)]
        outlet = rng.choice(OUTLETS)
        source = Source(article_id=article, url=f"https://news.example/{article}", outlet=outlet,
                        title=f"Report {i}", published=published,
                        attributed_to=rng.choice(ATTRIBUTED))
        body = Text()
        events = [build_event(p, article, n, source, body, rng, taxonomy)
                  for n, p in enumerate(plans)]
        reports.append(Report(
            article=Article(id=article, text=body.value(), url=source.url, outlet=outlet,
                            title=source.title, published=published, lang="en"),
            lang="en", events=events))
        if not again:
            recent.extend((p, published) for p in plans)
            del recent[:-2000]
        count += len(events)
    return reports


def empty_postgres(url: str) -> None:
    engine = create_engine(engine_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def sqlite_megabytes(url: str) -> float | None:
    if not url.startswith("sqlite:///"):
        return None
    path = Path(url.removeprefix("sqlite:///"))
    files = [path, path.with_name(path.name + "-wal")]
    return round(sum(f.stat().st_size for f in files if f.exists()) / 1e6, 1)


def measure(store: Store, reports: list[Report], batch: int, seed: int) -> dict:
    """Write `reports`, then read them back every way; the figures."""
    n_events = sum(len(r.events) for r in reports)
    start = time.perf_counter()
    results = store.save_all(reports, batch_size=batch)
    write_s = time.perf_counter() - start
    created = [e for r in results for e in r.created]
    figures = {
        "events": n_events, "reports": len(reports), "write_s": round(write_s, 2),
        "written_per_s": round(rate(n_events, write_s)),
        "new": len(created), "merged": sum(len(r.merged) for r in results),
        "errors": sum(r.error is not None for r in results),
        "revisions": store.count("revisions"), "stored": store.count("events"),
        "evidence_rows": store.count("evidence"), "megabytes": sqlite_megabytes(store.url),
    }

    start = time.perf_counter()
    everything = list(store.events())
    seconds = time.perf_counter() - start
    figures |= {"scan_events": len(everything), "scan_s": round(seconds, 2),
                "scan_per_s": round(rate(len(everything), seconds))}

    rng = random.Random(seed)
    countries = rng.sample(COUNTRIES, 5)
    start = time.perf_counter()
    n = sum(len(list(store.events(country=c[0] if i % 2 else c[1])))  # by ISO code, by name
            for i, c in enumerate(countries))
    seconds = time.perf_counter() - start
    figures |= {"country_events": n, "country_queries": len(countries),
                "country_per_s": round(rate(n, seconds))}

    since = FIRST_DAY + dt.timedelta(days=DAYS * 3 // 4)  # the last six months
    start = time.perf_counter()
    n = len(list(store.events(since=since)))
    seconds = time.perf_counter() - start
    figures |= {"since": since.isoformat(), "since_events": n,
                "since_per_s": round(rate(n, seconds))}

    ids = [rng.choice(created) for _ in range(1000)] if created else []
    start = time.perf_counter()
    found = sum(store.event(i) is not None for i in ids)
    seconds = time.perf_counter() - start
    figures |= {"lookups": len(ids), "found": found, "lookups_per_s": round(rate(len(ids), seconds))}
    return figures


def show(name: str, f: dict) -> None:
    print(f"\n== {name}")
    print(f"write: {f['events']} events in {f['reports']} reports in {f['write_s']:.1f} s = "
          f"{f['written_per_s']:,} events/s ({f['new']} new, {f['merged']} merged, "
          f"{f['revisions']} revisions, {f['errors']} reports refused; {f['stored']} events and "
          f"{f['evidence_rows']} evidence rows stored"
          + (f", {f['megabytes']:.0f} MB on disk)" if f["megabytes"] is not None else ")"))
    print(f"read, full scan:     {f['scan_per_s']:>9,} events/s ({f['scan_events']} events in "
          f"{f['scan_s']:.1f} s)")
    print(f"read, by country:    {f['country_per_s']:>9,} events/s ({f['country_events']} events, "
          f"{f['country_queries']} countries)")
    print(f"read, since {f['since']}: {f['since_per_s']:>6,} events/s ({f['since_events']} events)")
    print(f"lookups by id:       {f['lookups_per_s']:>9,} /s ({f['found']}/{f['lookups']} found)")


def profile(reports: list[Report], n_events: int, batch: int) -> None:
    """cProfile over writing the first `n_events` events into a fresh SQLite store."""
    chosen, count = [], 0
    for r in reports:
        if count >= n_events:
            break
        chosen.append(r)
        count += len(r.events)
    with tempfile.TemporaryDirectory(prefix="veille-bench-") as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'profile.db'}")
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.runcall(store.save_all, chosen, batch_size=batch)
        seconds = time.perf_counter() - start
        store.engine.dispose()
    print(f"\n== profile: SQLite, {count} events written in {seconds:.1f} s under cProfile "
          f"({rate(count, seconds):,.0f} events/s; the profiler slows it down)")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(order).print_stats(25)
        body = out.getvalue()
        body = body[body.index("   ncalls"):].rstrip()
        for prefix in (sysconfig.get_paths()["purelib"], sysconfig.get_paths()["stdlib"],
                       str(Path(veille.__file__).resolve().parent.parent)):
            body = body.replace(prefix + "/", "")  # shorter lines: paths from site-packages, src
        print(f"-- top 25 by {order}")
        print(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--duplicates", type=float, default=0.1,
                        help="share of reports that report again an earlier event")
    parser.add_argument("--batch", type=int, default=2000, help="reports to a transaction")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", default=os.environ.get("VEILLE_TEST_POSTGRES_URL"),
                        help="a throwaway PostgreSQL database, emptied first "
                             "(default: $VEILLE_TEST_POSTGRES_URL)")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--profile", action="store_true",
                        help="then profile the SQLite write path once")
    parser.add_argument("--profile-events", type=int, default=20_000)
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--no-freeze", action="store_true",
                        help="leave the generated reports to the garbage collector (by default "
                             "they are frozen: gc.freeze())")
    args = parser.parse_args()

    start = time.perf_counter()
    gc.disable()  # the generated records hold no cycles: collecting while building them is waste
    reports = generate(args.events, args.duplicates, args.seed)
    gc.enable()
    if not args.no_freeze:
        # Millions of objects of our own making would otherwise be traversed by every full
        # collection the store triggers, and the figures would measure this benchmark's heap.
        gc.freeze()
    n_events = sum(len(r.events) for r in reports)
    spans = sum(len(ev.spans) for r in reports for e in r.events for ev in e.evidence.values())
    print(f"generated {n_events} events in {len(reports)} reports ({spans} evidence spans, "
          f"{len(COUNTRIES)} countries, {DAYS} days, duplicates {args.duplicates:.0%} of reports, "
          f"seed {args.seed}) in {time.perf_counter() - start:.1f} s; batch size {args.batch}; "
          f"generated objects {'left to' if args.no_freeze else 'frozen out of'} the GC")
    print(f"goal: >= {GOAL_SQLITE_WRITES:,} events/s written into SQLite")

    figures: dict[str, dict] = {}
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="veille-bench-") as tmp:
            store = open_store(f"sqlite:///{Path(tmp) / 'store.db'}")
            figures["sqlite"] = measure(store, reports, args.batch, args.seed)
            store.engine.dispose()
        show("SQLite (a fresh file)", figures["sqlite"])
    if args.postgres:
        empty_postgres(args.postgres)
        store = open_store(args.postgres)
        figures["postgresql"] = measure(store, reports, args.batch, args.seed)
        store.engine.dispose()
        show(f"PostgreSQL ({args.postgres.rsplit('@', 1)[-1]})", figures["postgresql"])
    else:
        print("\n(PostgreSQL skipped: give --postgres URL or set VEILLE_TEST_POSTGRES_URL)")

    print(f"\n{'backend':<11} {'written/s':>10} {'new':>7} {'merged':>7} {'revisions':>9} "
          f"{'scan/s':>9} {'country/s':>9} {'since/s':>9} {'lookups/s':>9}")
    for name, f in figures.items():
        print(f"{name:<11} {f['written_per_s']:>10,} {f['new']:>7} {f['merged']:>7} "
              f"{f['revisions']:>9} {f['scan_per_s']:>9,} {f['country_per_s']:>9,} "
              f"{f['since_per_s']:>9,} {f['lookups_per_s']:>9,}")
    goal_met = None
    if "sqlite" in figures:
        written = figures["sqlite"]["written_per_s"]
        goal_met = written >= GOAL_SQLITE_WRITES
        short = f", {GOAL_SQLITE_WRITES / written:.1f}x short" if written else ""
        print(f"goal >= {GOAL_SQLITE_WRITES:,} events/s into SQLite: "
              + ("met" if goal_met else f"NOT met ({written:,}/s{short})"))

    if args.profile:
        profile(reports, args.profile_events, args.batch)
    if args.json:
        print(json.dumps({"benchmark": "store", "events": n_events, "reports": len(reports),
                          "duplicates": args.duplicates, "batch": args.batch, "seed": args.seed,
                          "goal_sqlite_written_per_s": GOAL_SQLITE_WRITES, "goal_met": goal_met,
                          **figures}))


if __name__ == "__main__":
    main()
