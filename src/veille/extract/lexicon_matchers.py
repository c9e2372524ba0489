"""The resource lexicons of one language compiled into spaCy matchers, once per language."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from ..nlp import has_lemmas
from ..phrases import words_regex
from ..resources import Lexicon
from ..resources.schemas import TriggerEntry

# Dependency labels of a passive verb's subject and auxiliary (UD and ClearNLP).
_PASSIVE = {"nsubj:pass", "nsubjpass", "aux:pass", "auxpass"}
_OBJECT = {"obj", "dobj"}


class PhraseMatchers:
    """Phrases matched case-insensitively, except acronyms (`ANS`, `EI`), matched as written so
    that they do not fire on common words (`ans`)."""

    def __init__(self, nlp: Language, table: dict[str, list[str]]) -> None:
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for label, phrases in table.items():
            acronyms = [p for p in phrases if p.isupper()]
            words = list(dict.fromkeys(v for p in phrases if not p.isupper()
                                       for v in (p, _bare_capitals(p))))
            if words:
                self.lower.add(label, list(nlp.tokenizer.pipe(words)))
            if acronyms:
                self.exact.add(label, list(nlp.tokenizer.pipe(acronyms)))

    def __call__(self, doc):
        return list(self.lower(doc)) + list(self.exact(doc))


def _bare_capitals(phrase: str) -> str:
    """The phrase with its capitals unaccented (`Etat islamique` for `État islamique`): French
    print often drops the accent of a capital letter."""
    return re.sub(r"(?<![^\W_])[^\W\d_]", lambda m: _unaccented(m.group()) if m.group().isupper()
                  else m.group(), phrase)


def _unaccented(letter: str) -> str:
    return unicodedata.normalize("NFD", letter)[0]


def _phrase_matcher(nlp: Language, table: dict[str, list[str]]) -> PhraseMatchers:
    return PhraseMatchers(nlp, table)


def _gapped_matcher(nlp: Language, table: dict[str, list[str]]) -> Matcher:
    """Phrases where "..." stands for one to three words ("factions ... soutenues par X")."""
    matcher = Matcher(nlp.vocab)
    for label, phrases in table.items():
        patterns = []
        for phrase in phrases:
            pattern: list[dict] = []
            for i, part in enumerate(phrase.split("...")):
                if i:
                    pattern.append({"OP": "{1,3}"})
                pattern += [{"LOWER": t.lower_} for t in nlp.make_doc(part.strip())]
            patterns.append(pattern)
        if patterns:
            matcher.add(label, patterns, greedy="LONGEST")
    return matcher


def _military_matcher(nlp: Language, actors) -> Matcher | None:
    """`drone turc`, `armée de l'air soudanaise`: a military noun and a nationality. One
    pattern per noun (not per country: the matcher's cost grows with its patterns); the
    nationality word tells the country (`demonym_country`)."""
    if not actors.military_nouns or not actors.demonyms:
        return None
    matcher = Matcher(nlp.vocab)
    forms = sorted({f.lower() for fs in actors.demonyms.values() for f in fs})
    demonym = {"LOWER": {"IN": forms}}
    fillers = {"LOWER": {"IN": [f.lower() for f in actors.military_fillers]}, "OP": "{0,3}"}
    nouns = [[{"LOWER": t.lower_} for t in nlp.make_doc(n)] for n in actors.military_nouns]
    if actors.demonym_position == "after":
        patterns = [[*noun, fillers, demonym] for noun in nouns]
    else:
        # "Myanmar military", and in the possessive, "Myanmar's military"
        possessive = {"ORTH": {"IN": ["'s", "’s"]}, "OP": "?"}
        patterns = [[demonym, possessive, *noun] for noun in nouns]
    matcher.add("military", patterns, greedy="LONGEST")
    return matcher


def demonym_country(words: str, demonyms: dict[str, list[str]]) -> str | None:
    """The country whose nationality word ends (or, English, starts) `words`."""
    tokens = [t.removesuffix("'s").removesuffix("’s") for t in words.lower().split()]
    for code, forms in demonyms.items():
        lowered = {f.lower() for f in forms}
        if tokens and (tokens[-1] in lowered or tokens[0] in lowered):
            return code
    return None


def _sub_location_matcher(nlp: Language, nouns: list[str], links: list[str]) -> Matcher | None:
    """`quartier d'Al-Zahraa`: a part-of-town noun, a link word, then a capitalised name."""
    if not nouns:
        return None
    matcher = Matcher(nlp.vocab)
    name = [{"IS_TITLE": True}, {"TEXT": {"REGEX": r"^(-|[A-Z]\w*|\w{1,3})$"}, "OP": "{0,3}"},
            {"IS_TITLE": True, "OP": "?"}]
    link = [{"LOWER": {"IN": [w.lower() for w in links]}, "OP": "?"}] if links else []
    for noun in nouns:
        head = [{"LOWER": t.lower_} for t in nlp.make_doc(noun)]
        matcher.add("sub_location", [head + link + name], greedy="LONGEST")
    return matcher


class VerbTriggers:
    """Triggers read from the parse (triggers.yaml `verb_args`): a verb with a given word among
    its dependents or theirs (the tagger often hangs an object one link too low: "a intercepté
    lundi plusieurs drones au-dessus de Kassala"), whatever words stand between, and, where
    asked, a given word in its sentence, none of the `unless` words among its dependents, and
    the active voice with the word among what the verb acts on. Hand-written: spaCy's DependencyMatcher has no
    "child or grandchild" relation."""

    def __init__(self, triggers: dict[str, TriggerEntry]) -> None:
        self.rules: dict[str, list[tuple[str, bool, bool, set[str], set[str], set[str]]]] = {}
        for key, entry in triggers.items():
            for rule in entry.verb_args:
                words = [{w.lower() for w in ws} for ws in (rule.args, rule.also, rule.unless)]
                for verb in rule.verbs:
                    self.rules.setdefault(verb.lower(), []).append(
                        (key, rule.active, rule.untold_args, *words))

    def __call__(self, parsed: Doc) -> list[tuple[str, int, list[int]]]:
        """(taxonomy key, verb token index, indices of the `args` words that must be in no
        trigger of their own) of every match, in text order."""
        found = []
        for token in parsed:
            for key, active, untold, args, also, unless in self.rules.get(token.lemma_.lower(),
                                                                          ()):
                children = list(token.children)
                if active:
                    if any(c.dep_ in _PASSIVE for c in children):
                        continue
                    children = [c for c in children if c.dep_ in _OBJECT]
                # An `untold_args` word is a noun ("another strike killed", not "killed
                # when shells struck").
                nouns = ("NOUN", "PROPN") if untold else None
                below_verb = [t for c in children for t in (c, *c.children)
                              if nouns is None or t.pos_ in nouns]
                near = {t.lemma_.lower() for t in below_verb}
                if not near & args or near & unless:
                    continue
                # The `unless` words may qualify the argument itself ("killed during a
                # general strike").
                if unless and any(w.lemma_.lower() in unless for t in token.subtree
                                  if t.lemma_.lower() in args for w in t.children):
                    continue
                if not also or any(t.lemma_.lower() in also for t in token.sent):
                    words = [t.i for t in below_verb if untold and t.lemma_.lower() in args]
                    found.append((key, token.i, words))
                    break
        return found


@dataclass
class CompiledLexicon:
    """Matchers for triggers, actors, attribution and casualty words; regexes for dates and
    background patterns. Built from a `Lexicon`; holds no article state."""

    lexicon: Lexicon
    triggers: PhraseMatchers
    trigger_lemmas: Matcher | None
    trigger_verbs: VerbTriggers | None
    not_triggers: PhraseMatchers
    actors: PhraseMatchers
    descriptions: Matcher
    metonyms: PhraseMatchers
    doers: PhraseMatchers
    anaphors: PhraseMatchers
    military: Matcher | None
    # Nationality words, labelled with their country's ISO code, and words for the people of
    # a continent, labelled with its name.
    demonyms: PhraseMatchers
    sub_locations: Matcher | None
    attribution: PhraseMatchers
    casualty_words: PhraseMatchers
    background: re.Pattern[str] | None
    durations: re.Pattern[str] | None  # those background phrases that say how long
    dates: re.Pattern[str] | None
    weekdays: re.Pattern[str] | None
    relative_days: re.Pattern[str] | None
    months: re.Pattern[str] | None  # a month named without its day
    weeks: re.Pattern[str] | None


def compile_lexicon(lexicon: Lexicon, nlp: Language) -> CompiledLexicon:
    """Compile every phrase list of `lexicon` with `nlp`'s tokenizer."""
    lemma_matcher = None
    if has_lemmas(nlp) and any(e.lemmas for e in lexicon.triggers.triggers.values()):
        lemma_matcher = Matcher(nlp.vocab)
        for key, entry in lexicon.triggers.triggers.items():
            if entry.lemmas:
                lemma_matcher.add(key, [[{"LEMMA": {"IN": entry.lemmas}}]])
    verb_matcher = None
    if has_lemmas(nlp) and any(e.verb_args for e in lexicon.triggers.triggers.values()):
        verb_matcher = VerbTriggers(lexicon.triggers.triggers)
    cas = lexicon.casualties
    casualty_table = {
        "killed": cas.killed, "injured": cas.injured, "at_least": cas.at_least,
        "at_most": cas.at_most, "about": cas.about, "vague": list(cas.vague),
        "cumulative": cas.cumulative, "breakdown": cas.breakdown, "civilians": cas.civilians,
        "since": cas.since, "toll": cas.tolls, "total": cas.totals,
    }
    attribution_table = {"preposition": lexicon.attribution.prepositions,
                         "speech_verb": lexicon.attribution.speech_verbs}
    return CompiledLexicon(
        lexicon=lexicon,
        triggers=_phrase_matcher(nlp, {k: e.phrases for k, e in lexicon.triggers.triggers.items()}),
        trigger_lemmas=lemma_matcher,
        trigger_verbs=verb_matcher,
        not_triggers=_phrase_matcher(nlp, {"not_trigger": lexicon.triggers.not_triggers}),
        actors=_phrase_matcher(nlp, lexicon.actors.aliases),
        descriptions=_gapped_matcher(nlp, lexicon.actors.descriptions),
        metonyms=_phrase_matcher(nlp, lexicon.actors.metonyms),
        doers=_phrase_matcher(nlp, lexicon.actors.doers),
        anaphors=_phrase_matcher(nlp, lexicon.actors.anaphors),
        military=_military_matcher(nlp, lexicon.actors),
        demonyms=_phrase_matcher(nlp, {**lexicon.actors.demonyms,
                                       **lexicon.places.continent_demonyms}),
        sub_locations=_sub_location_matcher(nlp, lexicon.places.sub_location_nouns,
                                            lexicon.places.sub_location_links),
        attribution=_phrase_matcher(nlp, attribution_table),
        casualty_words=_phrase_matcher(nlp, casualty_table),
        background=_phrases_regex([*lexicon.background.patterns, *lexicon.background.durations],
                                  lexicon.dates.months),
        durations=_phrases_regex(lexicon.background.durations, lexicon.dates.months),
        dates=_date_regex(lexicon.dates.months, lexicon.dates.day_prefixes),
        weekdays=words_regex(lexicon.dates.weekdays),
        relative_days=words_regex(list(lexicon.dates.relative_days)),
        months=_phrases_regex(lexicon.dates.months_alone, lexicon.dates.months),
        weeks=words_regex(list(lexicon.dates.weeks)),
    )


def _phrases_regex(patterns: list[str], months: list[str]) -> re.Pattern[str] | None:
    """One pattern of date phrases (background markers, months named alone); a `{month}` is
    one of the twelve `months`, as
    written ("in March", not "the last march"), its group named for its number (`month_3`)."""
    if not patterns:
        return None
    month = "(?-i:" + "|".join(f"(?P<month_{n}>{re.escape(m)})"
                               for n, m in enumerate(months, start=1)) + ")"
    parts = []
    for pattern in patterns:
        escaped = re.escape(pattern)
        if r"\{month\}" in escaped and len(months) != 12:
            continue
        escaped = escaped.replace(r"\{month\}", month, 1)
        escaped = escaped.replace(r"\{year\}", r"(?P<year>1[89]\d\d|20\d\d)", 1)
        escaped = escaped.replace(r"\{number\}", r"(?:\d+|[^\W\d_]+)")
        escaped = escaped.replace(r"\{word\}", r"[^\W\d_]+")
        parts.append(escaped.replace(r"\{year\}", r"(?:1[89]\d\d|20\d\d)"))
    # Named groups may repeat across alternatives only once each: number them.
    parts = [p.replace("(?P<year>", f"(?P<year{i}>").replace("(?P<month_", f"(?P<m{i}month_")
             for i, p in enumerate(parts)]
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])", re.IGNORECASE)


def _date_regex(months: list[str], prefixes: list[str]) -> re.Pattern[str] | None:
    if len(months) != 12:
        return None
    month = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    prefix = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    lead = rf"(?:(?:{prefix})\s+)?" if prefix else ""
    # "27 novembre", "1er mars 2024", "March 3, 2022", "3 March 2022"
    return re.compile(
        rf"(?<![^\W_]){lead}(?:(?P<d1>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<m1>{month})"
        rf"(?:\s+(?P<y1>\d{{4}}))?|(?P<m2>{month})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,?\s+(?P<y2>\d{{4}}))?)(?![^\W_])",
        re.IGNORECASE,
    )
