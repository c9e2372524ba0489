"""The first pass: which sentences are parsed, what an article with none gives, and that a
partial parse reads the same as a full one where it matters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import veille
from veille.errors import ArticleTooLong, StageFailed
from veille.ingest import article_from_text, iter_articles
from veille.model import Rejected
from veille.nlp import tokenize
from veille.pipeline import process_documents, read_articles
from veille.resources.schemas import TriggerEntry

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Written for these tests: a football report full of words that are triggers in other news.
SPORT = (
    "L'Olympique lyonnais a pris la tête du championnat samedi soir à Lyon. "
    "Une frappe du gauche de Tom Dubreuil a fait la différence en seconde période. "
    "L'attaque lyonnaise a multiplié les occasions, et le gardien nantais, blessé au genou, "
    "a dû sortir avant la pause. Les Lyonnais affronteront Marseille dimanche prochain."
)
NEUTRAL = [
    "Le conseil municipal a voté le budget de la ville mardi soir.",
    "La saison touristique s'annonce bonne selon les hôteliers de la côte.",
    "Les prix de l'immobilier ont reculé de 2 % sur un an.",
    "Le festival a accueilli quarante mille spectateurs en quatre jours.",
]
EVENTS = [
    "Des combats ont opposé l'armée malienne aux jihadistes près de Gao lundi.",
    "Au moins douze civils ont été tués dans une frappe aérienne sur Idleb.",
    "Des milliers de manifestants ont défilé à Niamey samedi.",
]


def _doc(runtime, text: str, lang: str = "fr"):
    article = article_from_text(text, name="t", published=dt.date(2024, 3, 12), lang=lang)
    return process_documents([article], runtime)[0]


def test_sport_with_trigger_words_reports_nothing_and_is_not_parsed(runtime):
    doc = _doc(runtime, SPORT)
    assert doc.nothing_to_read
    assert doc.events == [] and doc.casualty_reports == [] and doc.mentions == []
    # Read with every sentence parsed, veille reads a battle into it: the first pass is why not.
    full = process_documents([doc.article], runtime.every_sentence())[0]
    assert full.events


def test_armed_actor_is_the_cue_weak_triggers_need(runtime):
    doc = _doc(runtime, "Des rebelles ont pris la ville de Goma lundi. Le calme est revenu.")
    assert not doc.nothing_to_read
    assert [(e.sub_event_type, e.location) for e in doc.events] == [
        ("Non-state actor overtakes territory", "Goma")]


def test_only_event_sentences_lead_and_context_are_parsed(runtime):
    text = " ".join([NEUTRAL[0], NEUTRAL[1], EVENTS[1], NEUTRAL[2], NEUTRAL[3]])
    doc = _doc(runtime, text)
    sel = doc.selection
    assert (sel.selected, sel.sentences) == (1, 5)
    parsed = [s.text for s in doc.doc.sents if any(t.pos_ for t in s)]
    assert parsed == [NEUTRAL[0], EVENTS[1]]  # the lead sentence and the event's
    assert doc.doc.text == doc.text
    assert len(list(doc.doc.sents)) == 5
    assert [(e.sub_event_type, e.location, e.fatalities.low) for e in doc.events] == [
        ("Air/drone strike", "Idlib", 12)]


def test_examples_read_the_same_with_and_without_the_first_pass(runtime):
    articles = list(iter_articles(EXAMPLES, max_bytes=10_000_000))
    fast = process_documents(articles, runtime)
    full = process_documents(articles, runtime.every_sentence())
    for a, b in zip(fast, full, strict=True):
        assert [e.model_dump() for e in a.events] == [e.model_dump() for e in b.events], a.article.path
        assert ([c.model_dump() for c in a.casualty_reports]
                == [c.model_dump() for c in b.casualty_reports]), a.article.path


def test_first_pass_off_parses_every_sentence(runtime):
    doc = process_documents([article_from_text(SPORT, name="t", lang="fr")],
                            runtime.every_sentence())[0]
    assert doc.selection is None
    assert all(t.pos_ for t in doc.doc if not t.is_space)


def test_trigger_lemmas_need_stems():
    with pytest.raises(ValidationError, match="stems"):
        TriggerEntry(phrases=["combats"], lemmas=["combattre"])


sentences = st.lists(st.sampled_from(NEUTRAL + EVENTS + [SPORT]), min_size=1, max_size=8)
breaks = st.sampled_from([" ", "\n", "\n\n", "  "])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=sentences, sep=breaks)
def test_partial_parse_keeps_text_and_sentences(runtime, parts, sep):
    text = sep.join(parts)
    doc = _doc(runtime, text)
    first_pass = runtime.first_pass("fr")
    tokens = tokenize(doc.text, runtime.nlp("fr"))
    if not first_pass.could_hold(doc.text):  # the word check never hides a selection
        assert not first_pass.select(tokens, 0, 1).spans
    if doc.nothing_to_read:
        return
    assert doc.doc.text == doc.text
    assert [s.start for s in doc.doc.sents] == [s.start for s in tokens.sents]
    for start, end in doc.selection.spans:
        assert all(t.pos_ for t in doc.doc[start:end] if not t.is_space)
    for event in doc.events:  # evidence still points at the words it names
        for evidence in event.evidence.values():
            for span in evidence.spans:
                assert doc.article.text[span.start:span.end] == span.text


def test_a_stage_that_fails_rejects_its_article_only(runtime):
    good = article_from_text(EVENTS[1], name="good", published=dt.date(2024, 3, 12), lang="fr")
    longer = article_from_text("Des combats ont éclaté à Goma. " * 100, name="longer", lang="fr")
    nlp = runtime.nlp("fr")
    kept = nlp.max_length
    # spaCy's own length limit, set below the longer text: its tokenizer then raises, as any
    # stage may on an input nobody foresaw.
    nlp.max_length = len(good.text) + 100
    try:
        results = read_articles([good, longer], runtime)
        with pytest.raises(StageFailed):  # outside a batch, the failure is raised
            process_documents([longer], runtime)
    finally:
        nlp.max_length = kept
    assert isinstance(results[0], veille.Report) and results[0].events
    rejected = results[1]
    assert isinstance(rejected, Rejected)
    assert (rejected.article_id, rejected.stage, rejected.code) == (longer.id, "first_pass",
                                                                    "V120")
    assert rejected.message.startswith(f"article {longer.id}: stage first_pass failed: "
                                       "ValueError:")
    assert "[E088]" in rejected.message


def test_an_article_over_max_article_chars_is_rejected_before_any_stage(runtime):
    good = article_from_text(EVENTS[1], name="good", published=dt.date(2024, 3, 12), lang="fr")
    huge = article_from_text("Des combats ont éclaté à Goma. " * 7_000, name="huge", lang="fr")
    results = read_articles([huge, good], runtime)
    assert isinstance(results[1], veille.Report) and results[1].events
    assert results[0] == Rejected(
        article_id=huge.id, source="huge", stage="ingest", code="V114",
        message=f"article {huge.id}: {len(huge.text)} characters is more than the limit of "
                "200000 ([ingest] max_article_chars); split it into articles")
    with pytest.raises(ArticleTooLong):
        process_documents([huge], runtime)
