"""The pipeline: stages in order, each requirement assigned by an earlier stage."""

from __future__ import annotations

import pytest

import veille
from veille.pipeline import STAGES, process_many

STAGE_ORDER = [
    "repair_characters", "language", "repair_words", "first_pass", "parse", "mentions",
    "coreference", "counts", "events", "casualty_reports", "resolve", "fuse",
]


def test_pipeline_stage_order():
    assert [stage.name for stage in STAGES] == STAGE_ORDER


def test_pipeline_stage_names_unique():
    names = [stage.name for stage in STAGES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("index", range(len(STAGES)), ids=[s.name for s in STAGES])
def test_pipeline_requirements_assigned_earlier(index):
    assigned = {"article"}
    for stage in STAGES[:index]:
        assigned.update(stage.assigns)
    stage = STAGES[index]
    assert set(stage.requires) <= assigned, f"{stage.name} requires {stage.requires}"


@pytest.mark.parametrize("stage", STAGES, ids=[s.name for s in STAGES])
def test_pipeline_stage_declares_what_it_assigns(stage):
    assert stage.assigns
    assert callable(stage.fn)


@pytest.mark.parametrize("stage", STAGES, ids=[s.name for s in STAGES])
def test_pipeline_lexicon_stages_come_after_parse(stage):
    parse = STAGE_ORDER.index("parse")
    if stage.needs_lexicon:
        assert STAGE_ORDER.index(stage.name) > parse


def test_pipeline_process_many_equals_process(fr_article, fr_report, runtime):
    (batched,) = process_many([fr_article], runtime)
    assert batched == fr_report


def test_pipeline_language_without_resources_warns(runtime):
    report = veille.extract("Ein Luftangriff traf gestern die Stadt.", lang="de",
                            published="2024-03-12", runtime=runtime)
    assert report.events == []
    assert report.warnings == ["no resources for language 'de': no events read"]


def test_pipeline_output_does_not_depend_on_hash_seed(tmp_path, runtime):
    """Set and dict orders of strings change with PYTHONHASHSEED; results must not."""
    import os
    import subprocess
    import sys

    article = tmp_path / "tie.txt"
    article.write_text("Gunmen opened fire in Idlib and in Mosul on Monday, killing 3 people.\n",
                       encoding="utf-8")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run(
            [sys.executable, "-m", "veille.cli", "extract", str(article), "--lang", "en",
             "--published", "2024-03-12", "--format", "csv"],
            capture_output=True, text=True, env=env, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
