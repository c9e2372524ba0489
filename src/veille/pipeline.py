"""The ordered stages of veille, each a plain function over one `Document`.

ingest -> repair -> language -> words repair -> first pass -> parse -> mentions -> counts -> events ->
casualty reports -> resolve -> fuse -> (store / export)

Each `Stage` declares what it `requires` and `assigns` (as spaCy components do); a test walks
`STAGES` and checks that every requirement is assigned by an earlier stage. The first pass
chooses the sentences to parse; an article in which it finds none skips the stages that read
the parse (`reads_parse`), since they would find nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from .document import Document
from .errors import ArticleTooLong, StageFailed, VeilleError
from .extract.casualties import build_casualty_reports
from .extract.coreference import resolve_references
from .extract.counts import find_counts
from .extract.events import build_events
from .extract.first_pass import Selection
from .extract.mentions import find_mentions
from .fuse import fuse_events
from .language import detect_language
from .model import Article, Rejected, Report
from .nlp import parse, parse_many, tokenize
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
    reads_parse: bool = False  # skipped when the first pass found nothing to read


def _language(doc: Document, rt: Runtime) -> Document:
    cfg = rt.config
    return detect_language(doc, rt.detector, fallback=cfg.language_fallback,
                           min_confidence=cfg.language_min_confidence)


def _first_pass(doc: Document, rt: Runtime) -> Document:
    first_pass = rt.first_pass(doc.lang) if rt.config.first_pass else None
    if first_pass is None:
        return doc  # every sentence is parsed
    if not first_pass.could_hold(doc.text):
        doc.selection = Selection((), 0, 0)
        return doc
    doc.doc = tokenize(doc.text, rt.nlp(doc.lang))
    doc.selection = first_pass.select(doc.doc, rt.config.first_pass_context,
                                      rt.config.first_pass_lead)
    return doc


def _mentions(doc: Document, rt: Runtime) -> Document:
    return find_mentions(doc, rt.compiled(doc.lang), rt.gazetteer, rt.is_common_word(doc.lang))


def _coreference(doc: Document, rt: Runtime) -> Document:
    return resolve_references(doc, rt.lexicon(doc.lang), rt.actors, rt.gazetteer.country_name,
                              rt.taxonomy.file.symmetric)


def _resolve(doc: Document, rt: Runtime) -> Document:
    return resolve_events(doc, lexicon=rt.lexicon(doc.lang), taxonomy=rt.taxonomy,
                          actors=rt.actors, gazetteer=rt.gazetteer)


STAGES: tuple[Stage, ...] = (
    Stage("repair_characters", lambda d, rt: repair_characters(d), ("article",),
          ("text", "repairs")),
    Stage("language", _language, ("text",), ("lang",)),
    Stage("repair_words", lambda d, rt: repair_words(d, rt.words(d.lang)), ("text", "lang"),
          ("text", "repairs")),
    Stage("first_pass", _first_pass, ("text", "lang"), ("selection",)),
    Stage("parse", lambda d, rt: parse(d, rt.nlp(d.lang)), ("text", "lang", "selection"),
          ("doc",), reads_parse=True),
    Stage("mentions", _mentions, ("doc",), ("mentions",), needs_lexicon=True, reads_parse=True),
    Stage("coreference", _coreference, ("mentions",), ("mentions", "allies"), needs_lexicon=True,
          reads_parse=True),
    Stage("counts", lambda d, rt: find_counts(d, rt.lexicon(d.lang), rt.config.casualty_window,
                                              rt.config.max_casualties),
          ("mentions",), ("mentions",), needs_lexicon=True, reads_parse=True),
    Stage("events", lambda d, rt: build_events(d, rt.lexicon(d.lang), rt.taxonomy, rt.actors),
          ("mentions", "allies"), ("candidates",), needs_lexicon=True, reads_parse=True),
    Stage("casualty_reports", lambda d, rt: build_casualty_reports(d, rt.lexicon(d.lang)),
          ("mentions", "candidates"), ("casualty_reports",), needs_lexicon=True,
          reads_parse=True),
    Stage("resolve", _resolve, ("candidates",), ("events",), needs_lexicon=True,
          reads_parse=True),
    Stage("fuse", lambda d, rt: fuse_events(d, rt.taxonomy), ("events",), ("events",),
          reads_parse=True),
)

_PARSE = next(i for i, s in enumerate(STAGES) if s.name == "parse")


def _run(doc: Document, rt: Runtime, stages: Iterable[Stage]) -> Document:
    for stage in stages:
        if stage.needs_lexicon and rt.lexicon(doc.lang) is None:
            if not any("no resources" in w for w in doc.warnings):
                doc.warnings.append(f"no resources for language {doc.lang!r}: no events read")
            continue
        if stage.reads_parse and doc.nothing_to_read:
            continue
        with _stage(stage.name, doc.article):
            doc = stage.fn(doc, rt)
    return doc


@contextmanager
def _stage(name: str, article: Article):
    """An unexpected exception in a stage as `StageFailed`, naming the stage and the article
    (a `VeilleError`, a problem veille explains itself, such as a missing model, passes)."""
    try:
        yield
    except VeilleError:
        raise
    except Exception as exc:
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:500]
        raise StageFailed(article_id=article.id, stage=name, detail=detail) from exc


def to_report(doc: Document) -> Report:
    """The public record of a processed document."""
    return Report(article=doc.article, lang=doc.lang, events=doc.events,
                  casualty_reports=doc.casualty_reports, repairs=doc.repairs,
                  warnings=doc.warnings)


def _start(article: Article, rt: Runtime) -> Document:
    """The working document of `article`; `ArticleTooLong` over `[ingest] max_article_chars`."""
    if len(article.text) > rt.config.max_article_chars:
        raise ArticleTooLong(article_id=article.id, chars=len(article.text),
                             limit=rt.config.max_article_chars)
    return Document.from_article(article)


def process_document(article: Article, rt: Runtime) -> Document:
    """Run every stage over one article and keep the working `Document` (mentions included)."""
    return _run(_start(article, rt), rt, STAGES)


def process(article: Article, rt: Runtime) -> Report:
    """Run every stage over one article."""
    return to_report(process_document(article, rt))


def process_documents(articles: Iterable[Article], rt: Runtime) -> list[Document]:
    """Run every stage over many articles, parsing each language's batch with `nlp.pipe`;
    keep the working documents. The first stage that fails raises."""
    return _process(list(articles), rt, guard=False)  # type: ignore[return-value]


def process_many(articles: Iterable[Article], rt: Runtime) -> list[Report]:
    """Run every stage over many articles, parsing each language's batch with `nlp.pipe`."""
    return [to_report(doc) for doc in process_documents(articles, rt)]


def read_articles(articles: Iterable[Article], rt: Runtime) -> list[Report | Rejected]:
    """Like `process_many`, but an article on which a stage fails becomes a `Rejected` (with
    the stage and the error) and the others are read as if it were not there."""
    return [r if isinstance(r, Rejected) else to_report(r)
            for r in _process(list(articles), rt, guard=True)]


def _process(articles: list[Article], rt: Runtime, *, guard: bool) -> list[Document | Rejected]:
    done: list[Document | Rejected | None] = [None] * len(articles)

    def attempt(i: int, work: Callable[[], Document | None]) -> None:
        try:
            result = work()
            if result is not None:
                done[i] = result
        except (StageFailed, ArticleTooLong) as exc:
            if not guard:
                raise
            done[i] = Rejected(article_id=articles[i].id, source=articles[i].path,
                               stage=exc.fields.get("stage", "ingest"), code=exc.code,
                               message=exc.message)

    for i, article in enumerate(articles):
        attempt(i, lambda a=article: _run(_start(a, rt), rt, STAGES[:_PARSE]))
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(done):
        if isinstance(doc, Document):
            by_lang[doc.lang].append(i)
    for lang, group in by_lang.items():
        try:
            _parse([done[i] for i in group], rt, lang)  # type: ignore[misc]
        except StageFailed:
            if not guard:
                raise
            for i in group:  # one article broke the batch: find it, parse the others
                attempt(i, lambda i=i, lang=lang: _parse([done[i]], rt, lang) and None)
    for i, doc in enumerate(done):
        if isinstance(doc, Document):
            attempt(i, lambda doc=doc: _run(doc, rt, STAGES[_PARSE + 1:]))
    return done  # type: ignore[return-value]


def _parse(docs: list[Document], rt: Runtime, lang: str) -> list[Document]:
    with _stage("parse", docs[0].article if len(docs) == 1 else _BATCH):
        return parse_many(docs, rt.nlp(lang), rt.config.batch_size)


_BATCH = Article(id="(batch)", text="")  # names a failed batch before it is split
