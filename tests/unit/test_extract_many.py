"""`veille.extract_many`: many texts through the real pipeline in batches (nlp.pipe) and on
worker processes, giving exactly the reports `veille.extract` gives one by one, in input
order; bad inputs raise or become rejects in place; `--version` and `python -m veille`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import veille
from veille.errors import EmptyInput

EXAMPLES = Path(__file__).parents[2] / "examples"
# English and French examples, with and without front matter (which dates some of them).
PATHS = sorted(EXAMPLES.glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in PATHS[2:5] + PATHS[-3:]]


@pytest.fixture(scope="module")
def expected(runtime) -> list[dict]:
    """The reports `extract` gives one by one."""
    return [veille.extract(t, published="2024-11-30", runtime=runtime).model_dump()
            for t in TEXTS]


def test_batches_give_what_extract_gives_one_by_one(runtime, expected):
    langs = {r["lang"] for r in expected}
    assert langs == {"en", "fr"} and any(t.startswith("---") for t in TEXTS)
    # A batch size that leaves a short last batch, and mixes French and English in a batch.
    got = [r.model_dump() for r in veille.extract_many(TEXTS, published="2024-11-30",
                                                       batch_size=4, runtime=runtime)]
    assert got == expected
    assert sum(len(r["events"]) for r in got) >= len(TEXTS)  # the examples hold events


def test_articles_keep_their_own_date_and_language(runtime):
    article = veille.Article(id="a", text="Des combats ont éclaté à Goma.", lang="fr")
    dated = article.model_copy(update={"published": veille.parse_date("2024-01-02")})
    reports = list(veille.extract_many([article, dated], published="2024-11-30",
                                       runtime=runtime))
    assert [r.article.published.isoformat() for r in reports] == ["2024-11-30", "2024-01-02"]


def test_a_bad_input_raises_where_it_comes_or_is_rejected_in_place(runtime):
    texts = [TEXTS[0], "   ", TEXTS[1]]
    reports = veille.extract_many(texts, runtime=runtime, batch_size=1)
    assert next(reports).model_dump() == veille.extract(TEXTS[0], runtime=runtime).model_dump()
    with pytest.raises(EmptyInput):
        next(reports)
    kept = list(veille.extract_many(texts, runtime=runtime, on_error="reject"))
    assert [type(r).__name__ for r in kept] == ["Report", "Rejected", "Report"]
    assert kept[1].code == "V101" and kept[1].source == "<text 1>"
    assert kept[2].model_dump() == veille.extract(TEXTS[1], runtime=runtime).model_dump()


@pytest.mark.parametrize("options", [{"n_process": 0}, {"batch_size": 0},
                                     {"on_error": "ignore"}])
def test_wrong_arguments_raise_at_once(runtime, options):
    with pytest.raises(ValueError):
        veille.extract_many(TEXTS, runtime=runtime, **options)


def test_two_processes_give_the_same_reports_in_order(runtime, expected):
    got = veille.extract_many([*TEXTS, ""], published="2024-11-30", batch_size=2, n_process=2,
                              runtime=runtime, on_error="reject")
    got = [r.model_dump() for r in got]
    assert got[:-1] == expected
    assert got[-1]["code"] == "V101"  # the empty text, rejected in its place


def test_version_and_python_dash_m():
    for command in ([sys.executable, "-m", "veille", "--version"],
                    [str(Path(sys.executable).parent / "veille"), "--version"]):
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"veille {veille.__version__}"
    assert veille.__version__[0].isdigit()
