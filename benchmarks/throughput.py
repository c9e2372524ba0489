"""Throughput: bare spaCy `nlp.pipe` against veille's pipeline, `veille.extract_many` on 1 and
2 processes, `veille batch` on 1 and 2 workers, and time per article as articles grow.

    python benchmarks/throughput.py [--articles 1000] [--skip-many] [--skip-batch] [--skip-sizes]

Articles are generated, the same on every run (a fixed seed):
- *conflict*: French articles of about 500 words, each made of the paragraphs of two or three
  of the bundled French examples (examples/fr-*.txt) in a shuffled order;
- *mixed feed*: 4 in 5 articles from the team's non-conflict French articles
  (benchmarks/data/feed/fr: sport, economy, culture), 1 in 5 conflict articles as above.

Every figure is for the same articles with the same model and batch size. Model and gazetteer
loading is timed apart (once per process) and left out of the per-article figures; `veille
batch` figures leave out Ray's start and the workers' model loading, printed apart.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from veille import Runtime, extract_many, load_config, process_many
from veille.batch import BatchOptions, run_batch
from veille.ingest import article_from_text, iter_articles
from veille.model import Article
from veille.store import open_store

ROOT = Path(__file__).resolve().parent.parent
FEED = Path(__file__).resolve().parent / "data" / "feed" / "fr"


def _bodies(folder: Path, pattern: str) -> list[Article]:
    cfg = load_config()
    return [a for a in iter_articles(folder, max_bytes=cfg.max_bytes) if a.path and
            Path(a.path).match(pattern)]


def conflict_articles(n: int, rng: random.Random) -> list[Article]:
    """`n` articles of about 500 words, each from the paragraphs of 2-3 French examples."""
    examples = _bodies(ROOT / "examples", "fr-*.txt")
    paragraphs = [[p for p in a.text.split("\n\n") if p.strip()] for a in examples]
    out = []
    for i in range(n):
        chosen = rng.sample(range(len(examples)), k=3 if i % 2 else 2)
        parts = [p for c in chosen for p in paragraphs[c]]
        rng.shuffle(parts)
        while len(" ".join(parts).split()) > 560:
            parts.pop()
        text = "\n\n".join(parts) + f"\n\nDépêche {i}."
        out.append(article_from_text(text, name=f"conflict-{i}",
                                     published=examples[chosen[0]].published, lang="fr"))
    return out


def mixed_feed(n: int, rng: random.Random) -> list[Article]:
    """`n` articles, 4 in 5 from the non-conflict feed, 1 in 5 conflict articles."""
    feed = _bodies(FEED, "*.txt")
    conflict = iter(conflict_articles(n // 5 + 1, rng))
    out = []
    for i in range(n):
        if i % 5 == 4:
            out.append(next(conflict))
        else:
            base = feed[rng.randrange(len(feed))]
            out.append(article_from_text(f"{base.text}\n\nDépêche {i}.", name=f"feed-{i}",
                                         published=base.published, lang="fr"))
    return out


def sized_article(size_kb: int, rng: random.Random) -> Article:
    """One article of about `size_kb` KB of conflict paragraphs (a long report, a live blog)."""
    paragraphs = [p for a in _bodies(ROOT / "examples", "fr-*.txt")
                  for p in a.text.split("\n\n") if p.strip()]
    parts: list[str] = []
    while len("\n\n".join(parts).encode()) < size_kb * 1024:
        parts.append(paragraphs[rng.randrange(len(paragraphs))])
    text = "\n\n".join(parts)[: size_kb * 1024]
    return article_from_text(text, name=f"sized-{size_kb}", lang="fr")


def bare_and_full(name: str, articles: list[Article], rt: Runtime) -> None:
    nlp = rt.nlp("fr")
    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=rt.config.batch_size):
        pass
    bare = len(articles) / (time.perf_counter() - start)
    start = time.perf_counter()
    reports = process_many(articles, rt)
    full = len(articles) / (time.perf_counter() - start)
    events = sum(len(r.events) for r in reports)
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    print(f"{name}: {len(articles)} articles, {words:.0f} words on average")
    print(f"  bare nlp.pipe:  {bare:8.1f} articles/s")
    print(f"  full pipeline:  {full:8.1f} articles/s ({events} events)")
    print(f"  ratio full/bare: {full / bare:.2f}")


def many(articles: list[Article], rt: Runtime) -> None:
    """`veille.extract_many` beside bare `nlp.pipe` on the same articles; with 2 processes the
    time includes starting them and loading their models (a few seconds), as a user waits."""
    nlp = rt.nlp("fr")
    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=rt.config.batch_size):
        pass
    bare = len(articles) / (time.perf_counter() - start)
    print(f"veille.extract_many, conflict articles (bare nlp.pipe {bare:.1f} articles/s):")
    for n_process in (1, 2):
        start = time.perf_counter()
        events = sum(len(r.events) for r in extract_many(articles, runtime=rt,
                                                          n_process=n_process))
        rate = len(articles) / (time.perf_counter() - start)
        print(f"  n_process={n_process}: {rate:8.1f} articles/s ({events} events), "
              f"{rate / bare:.2f} of bare nlp.pipe")


def batch(articles: list[Article], cfg, workers: int) -> tuple[float, float, float]:
    """articles/s, start-up seconds and peak RSS per worker (MB) of `veille batch`."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, a in enumerate(articles):
            published = a.published.isoformat() if a.published else ""
            (folder / f"{i:05d}.txt").write_text(
                f"---\npublished: {published}\nlang: fr\n---\n{a.text}\n", "utf-8")
        store = open_store(f"sqlite:///{tmp}/batch.db")
        summary = run_batch([folder], cfg, store, BatchOptions(workers=workers,
                                                               job_size=cfg.batch_size))
    p = summary.progress
    return (p.done - p.skipped) / p.seconds, summary.startup_seconds, max(summary.peak_rss_mb)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--skip-many", action="store_true")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--skip-sizes", action="store_true")
    args = parser.parse_args()
    rng = random.Random(7)
    cfg = load_config()
    conflict = conflict_articles(args.articles, rng)
    mixed = mixed_feed(args.articles, rng)

    rt = Runtime(cfg)
    start = time.perf_counter()
    rt.nlp("fr")
    spacy_load = time.perf_counter() - start
    start = time.perf_counter()
    process_many(conflict[:8] + mixed[:8], rt)  # loads gazetteer, lexicons, detector, dateparser
    other_load = time.perf_counter() - start
    print(f"load once: spaCy {spacy_load:.1f} s, gazetteer+lexicons+detector {other_load:.1f} s; "
          f"batch size {cfg.batch_size}, first pass {'on' if cfg.first_pass else 'off'}")
    bare_and_full("conflict articles", conflict, rt)
    bare_and_full("mixed feed (4 in 5 not about conflict)", mixed, rt)

    if not args.skip_many:
        many(conflict, rt)

    if not args.skip_batch:
        one, start1, rss1 = batch(conflict, cfg, 1)
        two, start2, rss2 = batch(conflict, cfg, 2)
        print(f"veille batch, conflict articles: 1 worker {one:.1f} articles/s, "
              f"2 workers {two:.1f} articles/s, speed-up {two / one:.2f}x")
        print(f"  start-up (Ray, models): {start1:.1f} s and {start2:.1f} s; "
              f"peak RSS per worker {max(rss1, rss2):.0f} MB")

    if not args.skip_sizes:
        print("time per article by size (full pipeline):")
        for size in (1, 10, 100):
            article = sized_article(size, rng)
            copies = max(1, 50 // size)
            start = time.perf_counter()
            for _ in range(copies):
                process_many([article], rt)
            ms = (time.perf_counter() - start) / copies * 1000
            print(f"  {size:4d} KB: {ms:9.1f} ms per article, {ms / size:6.1f} ms per KB")


if __name__ == "__main__":
    main()
