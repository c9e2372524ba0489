"""First pass: before the parser runs, find the sentences that can hold an event or a toll.

Parsing is most of veille's cost, and most sentences of the news (and most articles of a feed)
report nothing veille records. The first pass only tokenizes the article (spaCy's tokenizer
costs a few hundredths of a parse), cuts it into veille's sentences and runs the lexicon's
phrase matchers over the tokens. A sentence is *selected* when it holds

- a trigger (a phrase of triggers.yaml, or a word starting with one of its `stems`), or
- a killed or injured word with a number, a vague quantity or an article before a person
  (`trois morts`, `des dizaines de blessés`, `killed a farmer`): a casualty count.

A sentence after the first selected one that holds a verb of blame (roles.yaml `blame_stems`:
"police blamed Boko Haram") is parsed too, for the events stage to read whom it blames.

The parse stage parses the selected sentences with `context` sentences either side, and the
article's first `lead` sentences when anything is selected, and leaves
the rest tokenized only, so offsets, sentences and every lexicon match are those of a full
parse; the stages after it read the same document.

Some trigger phrases are everyday words (`a pris`, `frappe`, `mine`: triggers.yaml's
`needs_cue`). An article whose only triggers are those, and that holds no other sign of
conflict (another trigger, a casualty count, an armed actor), reports no event; a casualty
word with no number (`blessé au genou`) is no sign. Nothing of such an article is parsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, LIKE_NUM
from spacy.tokens import Doc

from .counts import person_after
from .lexicon_matchers import CompiledLexicon

_COUNT_WORDS = ("killed", "injured", "toll")  # casualty_words labels that make a count
_WORDS = re.compile(r"\w+")
_EXACT = "="  # marks a key to be found as written (an acronym)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")  # "en 1880": a year, not a count of people


@dataclass(frozen=True, slots=True)
class Selection:
    """What the first pass found in one article: token ranges of whole sentences to parse (in
    text order, not overlapping; empty when the article can hold no event) and why."""

    spans: tuple[tuple[int, int], ...]
    selected: int  # sentences with a hit
    sentences: int


class FirstPass:
    """The lexicon of one language, read for the first pass. Holds no article state."""

    def __init__(self, lex: CompiledLexicon, frequency: Callable[[str], float]) -> None:
        """`frequency`: a word's Zipf frequency in the language (for choosing, in each phrase,
        the rarest word to look for first)."""
        triggers = lex.lexicon.triggers
        self.lex = lex
        self.needs_cue = frozenset(p.lower() for p in triggers.needs_cue)
        self.stems = tuple(s.lower() for e in triggers.triggers.values() for s in e.stems)
        # A stem ending in "$" is a whole word ("réunis$": not "réunissent").
        self.prefixes = tuple(s for s in self.stems if not s.endswith("$"))
        self.whole = frozenset(s[:-1] for s in self.stems if s.endswith("$"))
        self.weak_prefixes = tuple(s for s in self.prefixes if s in self.needs_cue)
        self.weak_whole = frozenset(s[:-1] for s in self.stems
                                    if s.endswith("$") and s in self.needs_cue)
        forms = [re.escape(s[:-1]) + r"(?!\w)" if s.endswith("$") else re.escape(s) + r"\w*"
                 for s in self.stems]
        self.stems_at = (re.compile(r"(?<![^\W_])(?:" + "|".join(forms) + ")", re.IGNORECASE)
                         if self.stems else None)
        # For `could_hold`: the words of each phrase (a phrase can match only where its words
        # all are), indexed by the rarest. Acronyms (`ANS`, `EI`) are matched as written, other
        # words in lower case.
        actors = lex.lexicon.actors
        strong = [p for e in triggers.triggers.values() for p in e.phrases
                  if p.lower() not in self.needs_cue]
        counts = [*lex.lexicon.casualties.killed, *lex.lexicon.casualties.injured]
        named = [p for names in actors.aliases.values() for p in names]
        # "a group of people" is a cue, "people" alone too common a word to be one
        named += [p for names in actors.doers.values() for p in names if " " in p]
        named += [p.split("...")[0] for phrases in actors.descriptions.values() for p in phrases]
        named += [p for selector, names in actors.anaphors.items()
                  if not selector.startswith("kind:") for p in names]
        named += list(actors.military_nouns) if actors.demonyms else []
        self.hits = _WordIndex(strong + counts + list(self.needs_cue), frequency)
        self.ones = frozenset(w.lower() for w in lex.lexicon.casualties.articles_of_one)
        self.persons = frozenset(w.lower() for w in lex.lexicon.casualties.persons)
        blame = lex.lexicon.roles.blame_stems
        self.blame_at = (re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, blame)) + r")",
                                    re.IGNORECASE) if blame else None)
        self.cues = _WordIndex(strong + counts + named, frequency)

    def could_hold(self, text: str) -> bool:
        """Whether `select` may choose any sentence of `text`, from its words alone (without
        the tokenizer): False only where `select` would choose none, so that an article of the
        sport or business pages costs no more than a look at its words."""
        written = set(_WORDS.findall(text))
        words = {w.lower() for w in written} | {_EXACT + w for w in written if w.isupper()}
        stemmed = [w for w in words if w.startswith(self.prefixes) or w in self.whole]
        if not stemmed and not self.hits.any_in(words):
            return False
        return any(not self._weak(w) for w in stemmed) or self.cues.any_in(words)

    def _weak(self, word: str) -> bool:
        """Whether a word a stem found is an everyday one (`needs_cue`)."""
        return word.startswith(self.weak_prefixes) or word in self.weak_whole

    def select(self, tokens: Doc, context: int, lead: int) -> Selection:
        """The sentences of `tokens` (tokenized, with veille's sentence starts) to parse: those
        with a hit, `context` sentences either side and the first `lead` sentences."""
        sentences = [(s.start, s.end) for s in tokens.sents]
        if not sentences:
            return Selection((), 0, 0)
        sent_of = _sentence_of(sentences, len(tokens))
        hits: set[int] = set()
        cue = False
        for start, weak in self._triggers(tokens):
            hits.add(sent_of[start])
            cue = cue or not weak
        counts = self._counts(tokens, sent_of)
        hits.update(counts)
        cue = cue or bool(counts)
        if hits and not cue:
            cue = self._has_actor(tokens)
        if not cue:
            return Selection((), 0, len(sentences))
        # The lead sentences too: they set the scene (place, date, who) later ones lean on.
        chosen = {j for i in hits
                  for j in range(max(0, i - context), min(len(sentences), i + context + 1))}
        chosen |= self._blames(tokens, sentences, min(hits))
        chosen = sorted(chosen | set(range(min(lead, len(sentences)))))
        return Selection(_merge([sentences[i] for i in chosen]), len(hits), len(sentences))

    def _blames(self, tokens: Doc, sentences: list[tuple[int, int]], first: int) -> set[int]:
        """Sentences after the first hit that may lay an event at an actor's door ("police
        blamed Boko Haram"): the events stage reads the blamed actor from their parse."""
        if self.blame_at is None:
            return set()
        found = set()
        for i, (start, end) in enumerate(sentences[first + 1:], start=first + 1):
            span = tokens[start:end]
            if self.blame_at.search(span.text):
                found.add(i)
        return found

    def _triggers(self, tokens: Doc):
        """(first token, weak) of each trigger, less those inside a not-trigger phrase."""
        masks = [(s, e) for _, s, e in self.lex.not_triggers(tokens)]
        found = [(s, e, tokens[s:e].text.lower() in self.needs_cue)
                 for _, s, e in self.lex.triggers(tokens)]
        if self.stems_at is not None:  # over the text: faster than a look at every token
            starts = tokens.to_array([IDX]).ravel()
            for match in self.stems_at.finditer(tokens.text):
                i = int(numpy.searchsorted(starts, match.start()))
                if i < len(starts) and starts[i] == match.start():  # a word starts there
                    found.append((i, i + 1, self._weak(match.group().lower())))
        for start, end, weak in found:
            if not any(s < end and start < e for s, e in masks):
                yield start, weak

    def _counts(self, tokens: Doc, sent_of: list[int]) -> set[int]:
        """Sentences that may count casualties: a killed or injured word and a number or a
        vague quantity in one sentence."""
        vocab = tokens.vocab.strings
        words: set[int] = set()
        vague: set[int] = set()
        for match, start, _ in self.lex.casualty_words(tokens):
            label = vocab[match]
            if label in _COUNT_WORDS:
                words.add(sent_of[start])
            elif label == "vague":
                vague.add(sent_of[start])
        numbered = {sent_of[i] for i in numpy.flatnonzero(tokens.to_array([LIKE_NUM]).ravel())
                    if not _YEAR.match(tokens[int(i)].text)}
        if words and self.ones:  # "killed a farmer": an article before a person counts one
            numbered |= {sent_of[t.i] for t in tokens[:-1] if t.lower_ in self.ones
                         and person_after(tokens, t.i, self.persons)}
        return words & (numbered | vague)

    def _has_actor(self, tokens: Doc) -> bool:
        lex = self.lex
        matchers = [lex.actors, lex.descriptions, *([lex.military] if lex.military else [])]
        if any(len(m(tokens)) for m in matchers):
            return True
        if any(end - start > 1 for _, start, end in lex.doers(tokens)):  # not "people" alone
            return True
        # "les rebelles", "les jihadistes"; not "l'organisation", which names a source
        strings = tokens.vocab.strings
        return any(not strings[m].startswith("kind:") for m, _, _ in lex.anaphors(tokens))


class _WordIndex:
    """Phrases as sets of words, found by their rarest word: which phrases' words all occur
    among an article's words."""

    def __init__(self, phrases: list[str], frequency: Callable[[str], float]) -> None:
        self.by_key: dict[str, list[frozenset[str]]] = {}
        for phrase in phrases:
            if phrase.isupper():  # an acronym: matched as written
                words = {_EXACT + w for w in _WORDS.findall(phrase)}
            else:
                words = set(_WORDS.findall(phrase.lower()))
            if words:
                key = min(words, key=lambda w: (frequency(w.lstrip(_EXACT)), -len(w)))
                self.by_key.setdefault(key, []).append(frozenset(words))

    def any_in(self, words: set[str]) -> bool:
        return any(phrase <= words for key in words & self.by_key.keys()
                   for phrase in self.by_key[key])


def _sentence_of(sentences: list[tuple[int, int]], length: int) -> list[int]:
    index = [0] * length
    for i, (start, end) in enumerate(sentences):
        index[start:end] = [i] * (end - start)
    return index


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Adjacent sentences as one range, so that they are parsed together."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)
