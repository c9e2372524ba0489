"""spaCy: load a language's pipeline, or a blank tokenizer where no model is installed."""

from __future__ import annotations

import importlib.util
import itertools

import numpy
import spacy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_KB_ID,
    ENT_TYPE,
    HEAD,
    IS_SPACE,
    LEMMA,
    MORPH,
    NORM,
    ORTH,
    POS,
    SENT_START,
    TAG,
)
from spacy.language import Language
from spacy.tokens import Doc

from .document import Document
from .errors import ModelNotInstalled

_TERMINAL = frozenset(".!?…")
# A "sentence" longer than this (a page with no full stop, a list run together) is cut: the
# parser and the per-sentence stages cost more than linear time in a sentence's length, so an
# unbounded one would hang the article. News sentences stay far below it.
MAX_SENTENCE_TOKENS = 200
_CLAUSE_ENDS = frozenset(",;:")


@Language.component("veille_sentences", assigns=["token.is_sent_start"])
def veille_sentences(doc: Doc) -> Doc:
    """Sentences end at terminal punctuation and at line breaks, nowhere else (save that one
    longer than `MAX_SENTENCE_TOKENS` is cut, after its last clause mark within the limit).

    Scraped and machine-translated text has paragraphs with no final full stop and stray
    dashes mid-sentence, where statistical segmenters cut wrongly; these boundaries are fixed
    before the parser runs, and the parser keeps them. Computed over arrays and set at once:
    setting `token.is_sent_start` one token at a time costs time in the length of the text
    for every token.
    """
    if len(doc) < 2:
        return doc
    attrs = doc.to_array([ORTH, IS_SPACE])
    space = attrs[:, 1].astype(bool)
    ends = numpy.isin(attrs[:, 0], [doc.vocab.strings.add(t) for t in _TERMINAL])
    for i in numpy.flatnonzero(space):  # spaCy keeps line breaks as space tokens
        ends[i] = "\n" in doc[int(i)].text
    starts = numpy.ones(len(doc), dtype="int64")
    starts[1:] = numpy.where(ends[:-1] & ~space[1:], 1, -1)
    clauses = numpy.isin(attrs[:, 0], [doc.vocab.strings.add(t) for t in _CLAUSE_ENDS])
    _cap_sentences(starts, clauses, MAX_SENTENCE_TOKENS)
    doc.from_array([SENT_START], starts.view("uint64").reshape(-1, 1))
    return doc


def _cap_sentences(starts: numpy.ndarray, clauses: numpy.ndarray, limit: int) -> None:
    """Cut each run of `starts` longer than `limit` tokens, after its last clause mark in the
    second half of the limit, else at the limit."""
    bounds = [*numpy.flatnonzero(starts == 1).tolist(), len(starts)]
    for begin, end in itertools.pairwise(bounds):
        while end - begin > limit:
            marks = numpy.flatnonzero(clauses[begin + limit // 2:begin + limit - 1])
            cut = begin + limit // 2 + int(marks[-1]) + 1 if len(marks) else begin + limit
            starts[cut] = 1
            begin = cut


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

    A document the first pass read (`selection` set) has only its chosen sentences parsed:
    they are put together into one short `Doc` per article, parsed, and their annotations
    written back onto the tokens of the whole text, so that offsets and sentence numbers are
    those of a full parse. Sentences left out keep their tokens and sentence starts only.
    """
    work = [d for d in docs if not d.nothing_to_read]
    inputs = [d.text if d.selection is None else _compact(d.doc, d.selection.spans)
              for d in work]
    for d, parsed in zip(work, nlp.pipe(inputs, batch_size=batch_size), strict=True):
        if d.selection is None:
            d.doc = parsed
        else:
            _write_back(parsed, d.doc, d.selection.spans, "parser" in nlp.pipe_names)
    return docs


# What a parse adds to tokens, copied from the short parsed `Doc` onto the whole text's.
_PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, NORM, ENT_IOB, ENT_TYPE, ENT_KB_ID]
_IOB_I, _IOB_O, _IOB_B = 1, 2, 3


def _compact(tokens: Doc, spans) -> Doc:
    """The chosen sentences of `tokens`, one after the other, in one `Doc`. Each ends with
    a terminal mark or a line break, so veille's sentence starts are the same in it."""
    words, spaces = [], []
    for start, end in spans:
        for token in tokens[start:end]:
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
    return Doc(tokens.vocab, words=words, spaces=spaces)


def _write_back(parsed: Doc, tokens: Doc, spans, trees: bool) -> None:
    """Copy the annotations of `parsed` (the chosen sentences) onto their tokens in `tokens`.

    Dependency heads are relative offsets that never leave a sentence, so they stay right in
    place. Beside parsed sentences, the others get flat trees (every word hangs from the
    sentence's first word): spaCy reads sentence starts from the trees when there are any.
    """
    where = numpy.concatenate([numpy.arange(s, e) for s, e in spans])
    attrs = list(_PARSE_ATTRS)
    rows = numpy.zeros((len(tokens), len(attrs)), dtype="uint64")
    rows[:, attrs.index(ENT_IOB)] = _IOB_O
    rows[where] = parsed.to_array(attrs)
    iob = rows[:, attrs.index(ENT_IOB)]
    # An entity the NER ran across two sentences that are not neighbours in the text starts
    # again at the second.
    inside = numpy.flatnonzero(iob[where[1:]] == _IOB_I) + 1
    broken = where[inside][where[inside] - 1 != where[inside - 1]]
    iob[broken] = _IOB_B
    if trees:
        attrs += [HEAD, DEP]
        starts = tokens.to_array([SENT_START]).astype("int64").ravel()
        starts[0] = 1
        root = numpy.maximum.accumulate(numpy.where(starts == 1, numpy.arange(len(tokens)), 0))
        heads = (root - numpy.arange(len(tokens))).astype("int64")
        deps = numpy.where(heads == 0, tokens.vocab.strings.add("ROOT"),
                           tokens.vocab.strings.add("dep")).astype("uint64")
        parsed_rows = parsed.to_array([HEAD, DEP])
        heads[where] = parsed_rows[:, 0].astype("int64")
        deps[where] = parsed_rows[:, 1]
        rows = numpy.hstack([rows, heads.view("uint64").reshape(-1, 1), deps.reshape(-1, 1)])
    tokens.from_array(attrs, rows)
