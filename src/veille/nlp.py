"""spaCy: load a language's pipeline, or a blank tokenizer where no model is installed."""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .document import Document
from .errors import ModelNotInstalled

_TERMINAL = frozenset(".!?…")


@Language.component("veille_sentences", assigns=["token.is_sent_start"])
def veille_sentences(doc: Doc) -> Doc:
    """Sentences end at terminal punctuation and at line breaks, nowhere else.

    Scraped and machine-translated text has paragraphs with no final full stop and stray
    dashes mid-sentence, where statistical segmenters cut wrongly; these boundaries are fixed
    before the parser runs, and the parser keeps them.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        token.is_sent_start = (previous.text in _TERMINAL or "\n" in previous.text
                               or "\n" in previous.whitespace_) and not token.is_space
    return doc


def load_nlp(lang: str, model: str | None) -> Language:
    """The configured spaCy package for `lang`, else a blank tokenizer with a sentencizer.

    A model named in the configuration but not installed is an error, not a silent fallback:
    results would change without anyone noticing.
    """
    if model:
        if importlib.util.find_spec(model) is None:
            raise ModelNotInstalled(model=model, lang=lang)
        nlp = spacy.load(model)
        first = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
        nlp.add_pipe("veille_sentences", before=first) if first else nlp.add_pipe("veille_sentences")
        return nlp
    try:
        nlp = spacy.blank(lang)
    except ImportError:  # spaCy has no tokenizer rules for this language: use its generic one
        nlp = spacy.blank("xx")
    nlp.add_pipe("veille_sentences")
    return nlp


def has_lemmas(nlp: Language) -> bool:
    """Whether the pipeline assigns lemmas (blank pipelines do not)."""
    return "lemmatizer" in nlp.pipe_names


def parse(doc: Document, nlp: Language) -> Document:
    """Run spaCy over the repaired text."""
    doc.doc = nlp(doc.text)
    return doc


def parse_many(docs: list[Document], nlp: Language, batch_size: int) -> list[Document]:
    """Run spaCy over many documents of one language with `nlp.pipe`."""
    for document, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size),
                                strict=True):
        document.doc = parsed
    return docs
