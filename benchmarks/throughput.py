"""Throughput: bare spaCy `nlp.pipe` vs veille's full pipeline, on the same articles.

    python benchmarks/throughput.py [--articles 204] [--lang fr]

The articles are the bundled examples of one language, repeated. Model and gazetteer loading
is timed apart (it happens once per process) and left out of the per-article figures.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from veille import Runtime, load_config, process_many
from veille.ingest import iter_articles

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=204)
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args()
    cfg = load_config()
    base = [a for a in iter_articles(EXAMPLES, max_bytes=cfg.max_bytes) if a.lang == args.lang]
    articles = [base[i % len(base)] for i in range(args.articles)]
    words = sum(len(a.text.split()) for a in articles) / len(articles)

    rt = Runtime(cfg)
    start = time.perf_counter()
    nlp = rt.nlp(args.lang)
    spacy_load = time.perf_counter() - start
    start = time.perf_counter()
    process_many(articles[:1], rt)  # loads the gazetteer, lexicons, detector once
    other_load = time.perf_counter() - start

    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=cfg.batch_size):
        pass
    bare = len(articles) / (time.perf_counter() - start)

    start = time.perf_counter()
    reports = process_many(articles, rt)
    full = len(articles) / (time.perf_counter() - start)
    events = sum(len(r.events) for r in reports)

    print(f"articles: {len(articles)} ({args.lang}, {len(base)} distinct examples, "
          f"{words:.0f} words on average), batch size {cfg.batch_size}")
    print(f"load once: spaCy {spacy_load:.1f} s, gazetteer+lexicons+detector {other_load:.1f} s")
    print(f"bare nlp.pipe:  {bare:8.1f} articles/s")
    print(f"full pipeline:  {full:8.1f} articles/s ({events} events)")
    print(f"ratio full/bare: {full / bare:.2f}")


if __name__ == "__main__":
    main()
