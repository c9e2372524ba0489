"""The ordered stages of veille, each a plain function over one `Document`.

ingest -> repair -> language -> words repair -> parse -> mentions -> counts -> events ->
casualty reports -> resolve -> fuse -> (store / export)

Each `Stage` declares what it `requires` and `assigns` (as spaCy components do); a test walks
`STAGES` and checks that every requirement is assigned by an earlier stage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .document import Document
from .extract.casualties import build_casualty_reports
from .extract.coreference import resolve_references
from .extract.counts import find_counts
from .extract.events import build_events
from .extract.mentions import find_mentions
from .fuse import fuse_events
from .language import detect_language
from .model import Article, Report
from .nlp import parse, parse_many
from .repair.stage import repair_characters, repair_words
from .resolve.events import resolve_events
from .runtime import Runtime


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline: `fn(doc, runtime) -> doc`."""

    name: str
    fn: Callable[[Document, Runtime], Document]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    needs_lexicon: bool = False  # skipped for languages with no resources/<lang>/


def _language(doc: Document, rt: Runtime) -> Document:
    cfg = rt.config
    return detect_language(doc, rt.detector, fallback=cfg.language_fallback,
                           min_confidence=cfg.language_min_confidence)


def _mentions(doc: Document, rt: Runtime) -> Document:
    return find_mentions(doc, rt.compiled(doc.lang), rt.gazetteer, rt.is_common_word(doc.lang))


def _coreference(doc: Document, rt: Runtime) -> Document:
    return resolve_references(doc, rt.lexicon(doc.lang), rt.actors, rt.gazetteer.country_name)


def _resolve(doc: Document, rt: Runtime) -> Document:
    return resolve_events(doc, lexicon=rt.lexicon(doc.lang), taxonomy=rt.taxonomy,
                          actors=rt.actors, gazetteer=rt.gazetteer)


STAGES: tuple[Stage, ...] = (
    Stage("repair_characters", lambda d, rt: repair_characters(d), ("article",),
          ("text", "repairs")),
    Stage("language", _language, ("text",), ("lang",)),
    Stage("repair_words", lambda d, rt: repair_words(d, rt.words(d.lang)), ("text", "lang"),
          ("text", "repairs")),
    Stage("parse", lambda d, rt: parse(d, rt.nlp(d.lang)), ("text", "lang"), ("doc",)),
    Stage("mentions", _mentions, ("doc",), ("mentions",), needs_lexicon=True),
    Stage("coreference", _coreference, ("mentions",), ("mentions", "allies"), needs_lexicon=True),
    Stage("counts", lambda d, rt: find_counts(d, rt.lexicon(d.lang), rt.config.casualty_window),
          ("mentions",), ("mentions",), needs_lexicon=True),
    Stage("events", lambda d, rt: build_events(d, rt.lexicon(d.lang), rt.taxonomy, rt.actors),
          ("mentions", "allies"), ("candidates",),
          needs_lexicon=True),
    Stage("casualty_reports", lambda d, rt: build_casualty_reports(d, rt.lexicon(d.lang)),
          ("mentions", "candidates"), ("casualty_reports",), needs_lexicon=True),
    Stage("resolve", _resolve, ("candidates",), ("events",), needs_lexicon=True),
    Stage("fuse", lambda d, rt: fuse_events(d, rt.taxonomy), ("events",), ("events",)),
)

_PARSE = next(i for i, s in enumerate(STAGES) if s.name == "parse")


def _run(doc: Document, rt: Runtime, stages: Iterable[Stage]) -> Document:
    for stage in stages:
        if stage.needs_lexicon and rt.lexicon(doc.lang) is None:
            if not any("no resources" in w for w in doc.warnings):
                doc.warnings.append(f"no resources for language {doc.lang!r}: no events read")
            continue
        doc = stage.fn(doc, rt)
    return doc


def to_report(doc: Document) -> Report:
    """The public record of a processed document."""
    return Report(article=doc.article, lang=doc.lang, events=doc.events,
                  casualty_reports=doc.casualty_reports, repairs=doc.repairs,
                  warnings=doc.warnings)


def process_document(article: Article, rt: Runtime) -> Document:
    """Run every stage over one article and keep the working `Document` (mentions included)."""
    return _run(Document.from_article(article), rt, STAGES)


def process(article: Article, rt: Runtime) -> Report:
    """Run every stage over one article."""
    return to_report(process_document(article, rt))


def process_documents(articles: Iterable[Article], rt: Runtime) -> list[Document]:
    """Run every stage over many articles, parsing each language's batch with `nlp.pipe`;
    keep the working documents."""
    docs = [_run(Document.from_article(a), rt, STAGES[:_PARSE]) for a in articles]
    by_lang: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        by_lang[doc.lang].append(doc)
    for lang, group in by_lang.items():
        parse_many(group, rt.nlp(lang), rt.config.batch_size)
    return [_run(doc, rt, STAGES[_PARSE + 1:]) for doc in docs]


def process_many(articles: Iterable[Article], rt: Runtime) -> list[Report]:
    """Run every stage over many articles, parsing each language's batch with `nlp.pipe`."""
    return [to_report(doc) for doc in process_documents(articles, rt)]
