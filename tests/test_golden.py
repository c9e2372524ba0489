"""Golden files: veille's reading of each bundled example, pinned.

After a deliberate change, regenerate with `.venv/bin/python tests/golden/update.py` and
review `git diff tests/golden`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import veille
from veille.ingest import iter_articles
from veille.summary import summarize

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


@pytest.fixture(scope="module")
def reports(runtime):
    articles = list(iter_articles(ROOT / "examples", max_bytes=runtime.config.max_bytes))
    return {Path(r.article.path).stem: r for r in veille.process_many(articles, runtime)}


def test_golden_examples_exist():
    fr = [p for p in EXAMPLES if p.name.startswith("fr-")]
    en = [p for p in EXAMPLES if p.name.startswith("en-")]
    assert len(fr) >= 6 and len(en) >= 3


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_golden_example_matches(path, reports):
    expected = json.loads((ROOT / "tests" / "golden" / f"{path.stem}.expected.json").read_text())
    assert summarize(reports[path.stem]) == expected


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_golden_evidence_points_into_original_text(path, reports):
    report = reports[path.stem]
    text = report.article.text
    spans = [s for e in report.events for ev in e.evidence.values() for s in ev.spans]
    spans += [s for c in report.casualty_reports for ev in c.evidence.values() for s in ev.spans]
    assert all(text[s.start:s.end] == s.text for s in spans)
    assert all(e.evidence.get("event_type") for e in report.events)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_golden_example_has_an_event(path, reports):
    assert reports[path.stem].events, "every bundled example reports at least one event"
