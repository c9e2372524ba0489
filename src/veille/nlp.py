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


def tokenize(text: str, nlp: Language) -> Doc:
    """The text tokenized, with veille's sentence starts and no other annotation."""
    return veille_sentences(nlp.make_doc(text))


def parse(doc: Document, nlp: Language) -> Document:
    """Run spaCy over the repaired text (over the first pass's sentences, when it chose)."""
    return parse_many([doc], nlp, batch_size=1)[0]


def parse_many(docs: list[Document], nlp: Language, batch_size: int) -> list[Document]:
    """Run spaCy over many documents of one language with `nlp.pipe`.

    A document the first pass read (`selection` set) has only its chosen sentences parsed;
    they are joined back with the other sentences, tokenized only, into one `Doc` of the whole
    text, so that offsets and sentence numbers are those of a full parse.
    """
    work = [d for d in docs if not d.nothing_to_read]
    inputs: list[str | Doc] = []
    for d in work:
        if d.selection is None:
            inputs.append(d.text)
        else:
            inputs += [d.doc[start:end].as_doc() for start, end in d.selection.spans]
    parsed = iter(nlp.pipe(inputs, batch_size=batch_size))
    trees = "parser" in nlp.pipe_names
    for d in work:
        if d.selection is None:
            d.doc = next(parsed)
        else:
            d.doc = _join(d.doc, d.selection.spans, parsed, trees)
    return docs


def _join(tokens: Doc, spans, parsed, trees: bool) -> Doc:
    """`tokens` with the ranges `spans` replaced by their parses, in one `Doc`."""
    pieces = []
    position = 0
    for start, end in spans:
        if position < start:
            pieces.append(_unparsed(tokens[position:start], trees))
        pieces.append(next(parsed))
        position = end
    if position < len(tokens):
        pieces.append(_unparsed(tokens[position:], trees))
    # The tensor is left out: parsed and unparsed pieces have tensors of different widths,
    # and no stage reads it.
    return Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor"])


def _unparsed(span, trees: bool) -> Doc:
    """A tokenized span as a `Doc`. Beside pieces with dependency trees, its sentences are
    flat trees (each word hangs from the sentence's first word): spaCy reads sentence starts
    from the trees, so this keeps them. A pipeline with no parser keeps them as they are."""
    if not trees:
        return span.as_doc()
    heads, deps = [], []
    root = 0
    for i, token in enumerate(span):
        if i == 0 or token.is_sent_start:
            root = i
        heads.append(root)
        deps.append("ROOT" if i == root else "dep")
    return Doc(span.doc.vocab, words=[t.text for t in span],
               spaces=[bool(t.whitespace_) for t in span], heads=heads, deps=deps)
