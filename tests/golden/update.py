"""Rewrite tests/golden/*.expected.json from veille's current output on examples/.

    .venv/bin/python tests/golden/update.py

Review the diff (`git diff tests/golden`) before committing: a golden file records what veille
reads today, and every change to it must be one you meant.
"""

from __future__ import annotations

import json
from pathlib import Path

from veille import Runtime, load_config, process_many
from veille.ingest import iter_articles
from veille.summary import summarize

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    cfg = load_config()
    articles = list(iter_articles(ROOT / "examples", max_bytes=cfg.max_bytes))
    for report in process_many(articles, Runtime(cfg)):
        name = Path(report.article.path).stem
        out = ROOT / "tests" / "golden" / f"{name}.expected.json"
        out.write_text(json.dumps(summarize(report), ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
