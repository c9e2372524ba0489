"""What the pipeline loads once per process: models, lexicons, gazetteer, detector.

A `Runtime` is built from a `PipelineConfig` and loads each part on first use, then keeps it:
a spaCy model or the gazetteer is never loaded twice by the same runtime. It holds no state
about articles, so one runtime serves any number of them.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable
from functools import cache, cached_property, lru_cache

from lingua import LanguageDetector
from spacy.language import Language
from wordfreq import available_languages, zipf_frequency

from .config import PipelineConfig
from .extract.first_pass import FirstPass
from .extract.lexicon_matchers import CompiledLexicon, compile_lexicon
from .language import build_detector
from .nlp import load_nlp
from .repair import WordKnowledge
from .resolve.gazetteer import Gazetteer
from .resources import Lexicon, Taxonomy, load_actors, load_lexicon, load_taxonomy
from .resources.schemas import ActorEntry

# wordfreq lists its languages anew on every call (it reads its data folder): once is enough.
wordfreq_languages = cache(available_languages)
_COMMON_WORD_ZIPF = 4.0  # as frequent as "armée" in French: a word, not a place, by default


class Runtime:
    """Loaded resources for one configuration; build one per process and share it."""

    def __init__(self, config: PipelineConfig) -> None:
        self.config = config
        self._nlp: dict[str, Language] = {}
        self._lexicons: dict[str, Lexicon | None] = {}
        self._compiled: dict[str, CompiledLexicon] = {}
        self._first_pass: dict[str, FirstPass] = {}
        self._words: dict[str, WordKnowledge | None] = {}

    def load(self, langs: Iterable[str]) -> Runtime:
        """Load now, not on the first article, what reading `langs` needs: a batch worker
        starts its clock (and its first job) ready."""
        _ = self.gazetteer, self.detector, self.taxonomy, self.actors
        for lang in langs:
            self.nlp(lang)
            if self.first_pass(lang) is not None:
                self.words(lang)
        return self

    def every_sentence(self) -> Runtime:
        """This runtime, sharing what it loaded, with the first pass off: every sentence of
        every article is parsed (for reading all the places of a text, not only its events)."""
        clone = copy.copy(self)
        clone.config = dataclasses.replace(self.config, first_pass=False)
        return clone

    @cached_property
    def taxonomy(self) -> Taxonomy:
        return load_taxonomy()

    @cached_property
    def actors(self) -> dict[str, ActorEntry]:
        return load_actors()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer(min_population=self.config.gazetteer_min_population,
                         path=self.config.gazetteer_path,
                         shared_name_languages=self.config.gazetteer_shared_name_languages)

    @cached_property
    def detector(self) -> LanguageDetector:
        return build_detector(self.config.language_candidates)

    def nlp(self, lang: str) -> Language:
        """The spaCy pipeline for `lang` (configured model, else blank)."""
        if lang not in self._nlp:
            nlp = load_nlp(lang, self.config.models.get(lang))
            # Length is bounded before the pipeline (`max_article_chars`); word repairs may
            # lengthen a text a little, which spaCy's own limit must not then refuse.
            nlp.max_length = max(nlp.max_length, 2 * self.config.max_article_chars)
            self._nlp[lang] = nlp
        return self._nlp[lang]

    def lexicon(self, lang: str) -> Lexicon | None:
        """resources/<lang>/, or None when veille has no data for `lang`."""
        if lang not in self._lexicons:
            self._lexicons[lang] = load_lexicon(lang)
        return self._lexicons[lang]

    def compiled(self, lang: str) -> CompiledLexicon | None:
        """The lexicon of `lang` compiled into matchers for its tokenizer."""
        lexicon = self.lexicon(lang)
        if lexicon is None:
            return None
        if lang not in self._compiled:
            self._compiled[lang] = compile_lexicon(lexicon, self.nlp(lang))
        return self._compiled[lang]

    def first_pass(self, lang: str) -> FirstPass | None:
        """The first pass of `lang`; None when veille has no data for `lang`."""
        compiled = self.compiled(lang)
        if compiled is None:
            return None
        if lang not in self._first_pass:
            words = self.words(lang)
            frequency = words.frequency if words else (lambda w: 0.0)
            self._first_pass[lang] = FirstPass(compiled, frequency)
        return self._first_pass[lang]

    def words(self, lang: str) -> WordKnowledge | None:
        """Word frequencies and glue words of `lang`; None when either is unknown."""
        if lang not in self._words:
            lexicon = self.lexicon(lang)
            if lexicon is None or lang not in wordfreq_languages():
                self._words[lang] = None
            else:
                glue = tuple(sorted(lexicon.repair.glue_words, key=len, reverse=True))
                # Cached: an article asks for the same few hundred words again and again.
                frequency = lru_cache(maxsize=200_000)(lambda w, lang=lang: zipf_frequency(w, lang))
                self._words[lang] = WordKnowledge(
                    frequency=frequency,
                    is_place=self.gazetteer.has_name, glue_words=glue,
                    free_glue_words=tuple(lexicon.repair.free_glue_words),
                )
        return self._words[lang]

    def is_common_word(self, lang: str):
        """A predicate: is this lower-cased word frequent in `lang`?"""
        if lang not in wordfreq_languages():
            return lambda word: False
        return lambda word: zipf_frequency(word, lang) >= _COMMON_WORD_ZIPF
