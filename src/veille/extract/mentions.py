"""Mentions stage: typed spans of triggers, actors, attributions, places, dates, numbers."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable

import numpy
from spacy.attrs import LEMMA
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import filter_spans
from text_to_num import text2num

from ..document import Document, Mention
from ..resolve.gazetteer import Gazetteer, normalize
from ..resources.schemas import DatesFile, KilledBy, PlacesFile
from .lexicon_matchers import CompiledLexicon, demonym_country
from .roles import active_subject, bare_participle, headline_passive
from .tokens import PEOPLE_LABEL, after_words, token_range

_DIGITS = re.compile(r"^\d{1,3}(?:[ \u202f\u00a0.,]\d{3})*$|^\d+$")
_PLACE_LABELS = {"LOC", "GPE"}
_PERSON_LABELS = {"PER", "PERSON"}
# NER labels of numbers, dates and amounts: never a name holding a place.
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
# Words of a place name ("Democratic Republic of the Congo"); the pieces of one hyphenated word
# count as one.
_MAX_PLACE_TOKENS = 5
_MAX_WORD_PIECES = 8  # `Saint-Maur-des-Fossés` is seven tokens
_LARGE_CITY = 100_000  # people: a capitalised frequent word naming a city this large is it


def find_mentions(doc: Document, lex: CompiledLexicon, gazetteer: Gazetteer,
                  is_common_word: Callable[[str], bool]) -> Document:
    """Fill `doc.mentions` from the parsed text, in text order. `is_common_word` tells a
    frequent word of the language, which names a place only when the NER says so."""
    parsed: Doc = doc.doc
    sent_of = _sentence_index(parsed)
    found: list[Mention] = []
    found += _trigger_mentions(parsed, lex, sent_of)
    actors = _matcher_mentions(parsed, lex.actors, "actor", sent_of)
    actors += _matcher_mentions(parsed, lex.descriptions, "actor", sent_of, description=True)
    actors += _matcher_mentions(parsed, lex.metonyms, "actor", sent_of, metonym=True)
    actors += _matcher_mentions(parsed, lex.doers, "actor", sent_of, doer_only=True)
    actors += [
        Mention("actor", "", m.start, m.end, m.sent, {"anaphor": m.label})
        for m in _matcher_mentions(parsed, lex.anaphors, "anaphor", sent_of)
    ]
    if lex.military is not None:  # labelled with a country code until coreference names it
        demonyms = lex.lexicon.actors.demonyms
        for m in _matcher_mentions(parsed, lex.military, "military", sent_of):
            code = demonym_country(doc.text[m.start:m.end], demonyms)
            if code:
                actors.append(Mention("actor", "", m.start, m.end, m.sent, {"military_of": code}))
    # "in Damascus" is the city, "Damascus said" the government: a metonym after a locative
    # word is left to the place finder.
    hit = set(lex.lexicon.places.place_verbs)
    seats = lex.lexicon.places.seat_of_power
    # "NAIROBI (Reuters) -": a capital opening a dateline is where the story was filed.
    actors = [a for a in actors if not (a.data.get("metonym")
                                        and not after_words(doc.text, a.start, seats)
                                        and (after_words(doc.text, a.start, lex.lexicon.places.locatives)
                                             or _opens_dateline(doc.text, a)
                                             or _after_preposition(parsed, a)
                                             or _object_of(parsed, a.start, a.end, hit)))]
    found += _longest(actors)
    if lex.lexicon.triggers.killed_by is not None:
        markers = {m.lower() for m in lex.lexicon.actors.agent_markers}
        found += _killed_by(parsed, lex.lexicon.triggers.killed_by, markers, found, sent_of,
                            {w.lower() for w in lex.lexicon.casualties.units})
    if lex.sub_locations is not None:
        found += _sub_location_mentions(parsed, lex.sub_locations, sent_of,
                                        {w.lower() for w in lex.lexicon.places.any_part_determiners})
    found += _matcher_mentions(parsed, lex.attribution, "attribution", sent_of)
    found += _matcher_mentions(parsed, lex.casualty_words, "casualty_word", sent_of)
    found += _number_mentions(parsed, doc.lang or "", sent_of)
    in_actor = {i for m in found if m.kind == "actor" for i in range(m.start, m.end)}
    unparsed = _unparsed_sentences(doc, sent_of)
    links = {w.lower() for w in lex.lexicon.places.name_links}
    found += [p for p in _place_mentions(parsed, gazetteer, doc.lang or "", sent_of, is_common_word,
                                         lex.lexicon.places)
              if p.start not in in_actor
              and not (p.sent in unparsed and p.kind == "place"
                       and not after_words(doc.text, p.start, lex.lexicon.places.locatives)
                       and _in_longer_name(parsed, p, links))]
    found = _without_town_parts(doc.text, found, lex.lexicon.places)
    building = _words_after(lex.lexicon.places.building_nouns_after)
    for m in found:  # "the Saint-Pierre Hospital in Brussels": a building's name, the town
        if m.kind == "place" and building is not None and building.match(doc.text, m.end):
            m.data["building"] = True
    # "le régime au pouvoir à Niamey": the government, not the city.
    found = [m for m in found if not (m.kind == "place" and after_words(doc.text, m.start, seats))]
    # "the central Ukrainian city": a nationality word the NER calls a place is no place.
    demonyms = lex.demonyms(parsed)  # matched once, for this filter and the mentions below
    nationals = {(parsed[s].idx, parsed[e - 1].idx + len(parsed[e - 1])) for _, s, e in demonyms}
    found = [m for m in found if not (m.kind == "place" and m.data.get("unresolved")
                                      and (m.start, m.end) in nationals)]
    found += _demonym_mentions(parsed, lex, demonyms, found, sent_of)
    _mark_regions(doc.text, found, lex.lexicon.places)
    _mark_containers(doc.text, found, gazetteer, lex.lexicon.places.list_joins)
    _mark_said_in(doc.text, found, lex.lexicon.places.inside_words)
    _mark_datelines(doc.text, found)
    # "taken to hospitals in Maiduguri": where the wounded went; "né à Rabat": where a person
    # was born, "un observatoire basé à Londres" where a source sits. None is the event's place.
    for m in found:
        if m.kind in ("place", "country"):
            if _after_care(doc.text, m.start, lex.lexicon.places):
                m.data["elsewhere"] = "care"
            elif after_words(doc.text, m.start, lex.lexicon.places.origin_markers):
                m.data["elsewhere"] = "origin"
            elif _names_a_feature(doc.text, m, [*lex.lexicon.places.feature_nouns,
                                                *lex.lexicon.places.building_nouns]):
                m.data["elsewhere"] = "feature"
    for m in found:  # "near Tame", "à 20 km de Niafunké": near the town, not in it
        if m.kind == "place" and after_words(doc.text, m.start, lex.lexicon.places.near_markers):
            m.data["near"] = True
        # "près du Nigeria", "at the border with Mali": the scene's neighbour
        elif m.kind == "country" and after_words(doc.text, m.start,
                                            lex.lexicon.places.neighbour_markers):
            m.data["elsewhere"] = "neighbour"
    _join_neighbours(doc.text, found, lex.lexicon.places.neighbour_joins)
    group_nouns = {w.lower() for w in lex.lexicon.places.group_nouns}
    country_locatives = [*lex.lexicon.places.locatives, *lex.lexicon.places.country_locatives]
    for m in found:  # "au Liban", "in Lebanon": the country is where something happens
        if m.kind in ("country", "place") and after_words(
                doc.text, m.start,
                country_locatives if m.kind == "country" else lex.lexicon.places.locatives):
            m.data["locative"] = True
        elif m.kind == "country" and not m.data and _qualifies_a_thing(parsed, m):
            m.data["elsewhere"] = "modifier"
        elif m.kind == "place" and _qualifies_a_group(parsed, m, group_nouns):
            m.data["group"] = True
    _mark_protest_topics(parsed, found, {w.lower() for w in lex.lexicon.triggers.protest_causes},
                         {w.lower() for w in lex.lexicon.triggers.protest_claims})
    found += _approximate(doc.text, _event_days(doc.text, _regex_mentions(
        doc.text, lex.dates, "date", sent_of, parsed), lex.lexicon.dates), lex.lexicon.dates)
    found += _regex_mentions(doc.text, lex.months, "month", sent_of, parsed)
    found += _regex_mentions(doc.text, lex.weeks, "week", sent_of, parsed)
    found += _regex_mentions(doc.text, lex.weekdays, "weekday", sent_of, parsed)
    found += _regex_mentions(doc.text, lex.relative_days, "relative_day", sent_of, parsed)
    # "last month's disputed election": a marker in the possessive qualifies a noun; it does
    # not date the clause.
    background = [m for m in _regex_mentions(doc.text, lex.background, "background", sent_of,
                                             parsed)
                  if doc.text[m.end:m.end + 2] not in ("'s", "’s")]
    for m in background:
        if lex.durations is not None and lex.durations.fullmatch(m.label):
            m.data["duration"] = True
    found += background
    doc.mentions = _dedupe(found)
    return doc


_QUOTES_AND_SPACES = frozenset(' \t"«»“”\'’\u00a0')


def _names_a_feature(text: str, m: Mention, nouns: list[str]) -> bool:
    """Whether a place or country mention names a lake, a river, a mountain or a building: a
    country or known place right after a feature noun ("lac Tchad", "l'école Kerbala"),
    or a name the gazetteer does not know that starts with one ("lac Bourget" is no Le
    Bourget)."""
    start = m.start
    while start and text[start - 1] in _QUOTES_AND_SPACES:  # le lac « Bourget »
        start -= 1
    if after_words(text, start, nouns):
        return True
    first = text[m.start:m.end].split(maxsplit=1)
    return (bool(m.data.get("unresolved")) and len(first) == 2
            and first[0].lower() in {n.lower() for n in nouns})


def _join_neighbours(text: str, found: list[Mention], joins: list[str]) -> None:
    """A country joined to a neighbour named just before it is a neighbour too ("près des
    frontières du Niger et de l'Algérie")."""
    countries = sorted((m for m in found if m.kind == "country"), key=lambda m: m.start)
    words = {w.lower() for w in joins}
    for before, m in itertools.pairwise(countries):
        if (before.data.get("elsewhere") == "neighbour" and not m.data
                and " ".join(text[before.end:m.start].split()).lower() in words):
            m.data["elsewhere"] = "neighbour"


def _mark_protest_topics(parsed: Doc, found: list[Mention], causes: set[str],
                         claims: set[str]) -> None:
    """A country named in what a protest is against ("demonstrated in Munich against the war
    in Ukraine", "ont manifesté à Dakar contre la guerre au Soudan": `causes`, triggers.yaml
    `protest_causes`) is its topic, not where the crowd was: `elsewhere` "topic", when the
    sentence says where the crowd was, by a name the gazetteer knows ("in Munich", "à
    Dakar"; a village it lacks may be in that very country). A casualty word there is a
    `topic` too: no toll of the protest, and so is one in what the crowd demands or honours
    ("held a vigil to honour two fishermen killed", `claims`: triggers.yaml `protest_claims`)."""
    if not causes or not parsed.has_annotation("DEP"):
        return
    crowds = [m for m in found if m.kind == "trigger" and m.label.startswith("protests.")]
    if not crowds:
        return
    protests = {i for m in crowds for i in range(*token_range(parsed, m))}
    sentences = {m.sent for m in crowds}
    topics = [m for m in found if m.kind == "country" and not m.data.get("elsewhere")
              and (_in_protest_cause(_parsed_root(parsed, m.start, m.end), causes, protests)
                   or (m.sent in sentences and _after_cause(parsed, m, causes)))]
    ids = {id(m) for m in topics}
    for m in topics:
        if any(o.kind in ("place", "country") and o.sent == m.sent and id(o) not in ids
               and o.data.get("locative") and not o.data.get("elsewhere")
               and not o.data.get("unresolved") for o in found):
            m.data["elsewhere"] = "topic"
    # "protested against the killing of three vendors": the dead are what the crowd
    # denounced, no toll of the protest.
    for m in found:
        root = _parsed_root(parsed, m.start, m.end) if m.kind == "casualty_word" else None
        if root is not None and (_in_protest_cause(root, causes, protests)
                                 or _in_protest_claim(root, claims, protests)):
            m.data["topic"] = True


def _in_protest_claim(token, claims: set[str], protests: set[int]) -> bool:
    """Whether a word of `claims` above `token` (up to eight links), or the object of a verb
    above it, hangs on a protest trigger: "rallied to seek justice for three slain reporters",
    "held a vigil to honour two fishermen killed"."""
    for ancestor in list(token.ancestors)[:8]:
        if ancestor.lemma_.lower() in claims or any(
                c.dep_ in ("dobj", "obj") and c.lemma_.lower() in claims
                for c in ancestor.children):
            # the claim and the protest hang on one verb ("held a vigil ... to honour"), or
            # the claim is the protest's own
            return any(t.i in protests for t in ancestor.head.subtree)
    return False


# What may stand between a cause word and the country it is about: "contre la guerre en
# Ukraine", "against Russia's war on Ukraine".
_CAUSE_PHRASE = frozenset({"DET", "NOUN", "ADJ", "ADP", "PROPN", "PART"})


def _after_cause(parsed: Doc, m: Mention, causes: set[str]) -> bool:
    """Whether a country closes a phrase a word of `causes` opens, read on the words (French
    parses hang "en Ukraine" on the verb): nothing but nouns, adjectives, articles and
    prepositions between them."""
    root = _parsed_root(parsed, m.start, m.end)
    if root is None:
        return False
    for token in reversed(parsed[root.sent.start:root.left_edge.i]):
        if token.lower_ in causes:
            return True
        if token.pos_ not in _CAUSE_PHRASE:
            return False
    return False


def _in_protest_cause(token, causes: set[str], protests: set[int]) -> bool:
    """Whether `token` lies in a complement of a word of `causes` that a protest trigger (or the
    verb of a protest noun) governs: "against" heads its noun in English parses, "contre" is
    the case mark of its noun in French ones."""
    for _ in range(12):  # a cause is a few links up at most
        if token is None or token.head.i == token.i:
            return False
        head = token.head
        if head.lower_ in causes and head.dep_ == "prep":
            governor = head.head
        elif any(c.dep_ == "case" and c.lower_ in causes for c in token.children):
            governor = head
        else:
            token = head
            continue
        return _governed_by_protest(governor, protests)
    return False


def _governed_by_protest(token, protests: set[int]) -> bool:
    """Whether `token` is a protest trigger, governs one ("held a protest"), or hangs from one
    through nouns only (parsers attach "against" to any noun before it: "demonstrated ... at
    the call of unions against the war")."""
    for _ in range(8):
        if token.i in protests or any(c.i in protests for c in token.children):
            return True
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _event_days(text: str, dates: list[Mention], words: DatesFile) -> list[Mention]:
    """The days that can date an event: not a birthday ("né le 31 décembre 1986")."""
    return [m for m in dates if not after_words(text, m.start, words.birth_words)]


def _approximate(text: str, dates: list[Mention], words: DatesFile) -> list[Mention]:
    """Mark the days a text gives as approximate (`data["precision"]`, ACLED's time precision):
    2 for "around 6 April", "6 April (week of)"; 3 for "15 March (month of)"."""
    for m in dates:
        after = text[m.end:m.end + 20].lstrip().lower()
        if any(after.startswith(w.lower()) for w in words.month_after):
            m.data["precision"] = 3
        elif (after_words(text, m.start, words.approximate_before)
              or any(after.startswith(w.lower()) for w in words.approximate_after)):
            m.data["precision"] = 2
    return dates


def _demonym_mentions(parsed: Doc, lex: CompiledLexicon, demonyms, found: list[Mention],
                      sent_of: list[int]) -> list[Mention]:
    """Nationality words ("Russian", "syriens") as toponyms of their country, and words for
    the people of a continent ("European") as toponyms of it: kind `demonym`, labelled with
    the country's ISO code or the continent's name. Not where a place or country is named
    already ("U.S."). They name no event's place (the events stage reads only places and
    countries)."""
    taken = {i for m in found if m.kind in ("place", "country", "demonym")
             for i in range(m.start, m.end)}
    capitalised = lex.lexicon.places.capitalised_demonyms
    out = []
    for label, start, end in demonyms:
        span = parsed[start:end]
        if capitalised and not span.text[:1].isupper():
            continue
        if any(i in taken for i in range(span.start_char, span.end_char)):
            continue
        out.append(Mention("demonym", parsed.vocab.strings[label], span.start_char,
                           span.end_char, sent_of[start]))
    return _longest(out)


_AGENT_LINKS = {"obl:agent", "agent"}


def _killed_by(parsed: Doc, rule: KilledBy, markers: set[str], found: list[Mention],
               sent_of: list[int], things: set[str] = frozenset()) -> list[Mention]:
    """Triggers for verbs of killing whose doer names an actor: the agent of a passive ("tués
    dimanche par des hommes armés", "killed by gunmen") or the subject of an active verb ("des
    hommes armés ont tué six cultivateurs", "gunmen killed six farmers"). No phrase can hold
    the words between. The events stage drops those whose doers are civilians."""
    if not parsed.has_annotation("DEP"):
        return []
    lemmas = set(rule.lemmas)
    actors = [m for m in found if m.kind == "actor"]
    triggers_found = [m for m in found if m.kind == "trigger"]
    dated = {sent_of[e.start] for e in parsed.ents if e.label_ == "DATE"}
    triggers = []
    for token in _with_lemmas(parsed, lemmas):
        passive = (any(c.dep_ in ("aux:pass", "auxpass") for c in token.children)
                   or headline_passive(token))  # "Soldiers killed in ambush"
        if any(c.dep_ in ("obj", "dobj") and c.lower_ in things for c in token.children):
            continue  # "slaughtered the villagers' cows": no one killed
        # The tagger may hang "par des hommes armés" as a plain oblique, or as a conjunct
        # after an elliptic "et des dizaines blessés": its "par" tells.
        agents = [c for c in token.children if c.dep_ in _AGENT_LINKS
                  or (passive and (c.dep_.startswith("obl") or c.dep_ == "conj")
                      and any(g.dep_ == "case" and g.lower_ in markers for g in c.children))]
        if not passive and not agents:
            if token.pos_ != "VERB" or _perfect_without_date(token, sent_of[token.i] in dated):
                continue  # "Boko Haram has killed thousands": a tally of years
            # "15 personnes ont tuées" (a missing "été": the participle agrees with its
            # subject, and nobody is its object) says who died, not who killed
            agreed = "Fem" in token.morph.get("Gender") or "Plur" in token.morph.get("Number")
            subject = {t.i for c in token.children if c.dep_.startswith("nsubj")
                       for t in c.subtree}
            if agreed and not any(t.dep_ in ("obj", "dobj", "nummod") and t.i not in subject
                                  for t in token.subtree):
                continue  # (a count may hang on a day: "ont tués vendredi douze villageois")
            agents = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:obj")]
            if not agents and token.dep_ == "xcomp" and not bare_participle(token):
                # "les rebelles ADF sont accusés d'avoir tué neuf personnes", "ce sont les
                # ADF qui sont accusés d'avoir tué": the doer is the subject of the verb above
                # (a relative pronoun's antecedent). Not of a participle, which says what the
                # subject underwent ("huit villageois ont été retrouvés égorgés").
                head = token.head
                agents = [head.head if "Rel" in c.morph.get("PronType")
                          and head.dep_ in ("acl:relcl", "relcl") else c
                          for c in head.children if c.dep_.startswith("nsubj")]
            if not agents and token.dep_ == "conj" and (doer := active_subject(token)) is not None:
                agents = [doer]  # "an armed group invaded a bar and killed twelve people"
        spans = [(a.left_edge.idx, a.right_edge.idx + len(a.right_edge)) for a in agents]
        if any(start <= m.start and m.end <= end for m in triggers_found
               for start, end in spans):
            continue  # "tués par des tirs d'artillerie": the weapon's trigger tells the event
        doers = [m for m in actors for start, end in spans if start <= m.start and m.end <= end]
        if doers:
            triggers.append(Mention("trigger", rule.label, token.idx, token.idx + len(token),
                                    sent_of[token.i],
                                    {"one_sided": True, "doers": [m.label for m in doers]}))
    return triggers


def _with_lemmas(parsed: Doc, lemmas: set[str]):
    """The tokens whose lemma is one of `lemmas` (lower case), found over the lemma array."""
    wanted = [hash_string(w) for w in lemmas] + [hash_string(w.capitalize()) for w in lemmas]
    column = parsed.to_array([LEMMA]).ravel()
    for i in numpy.flatnonzero(numpy.isin(column, numpy.array(wanted, dtype=column.dtype))):
        yield parsed[int(i)]


def _perfect_without_date(verb, dated: bool) -> bool:
    """English's present perfect with no date in the sentence ("has killed more than 40,000")
    sums up years; French tells news in the passé composé, so only English's `have` counts.
    Not with a count of one incident's size ("gunmen have killed 11 people in a bar"): news
    told in the perfect, as wire ledes do."""
    return not dated and verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
        for c in verb.children) and not _incident_count(verb)


_INCIDENT_SIZE = 100  # a count below this, in figures, is one incident's, not a tally's


def _incident_count(verb) -> bool:
    """Whether the verb's object is counted by a small number ("11 people", "nine people";
    not "35,000 people", nor "forty thousand")."""
    return any(n.dep_ == "nummod" and not list(n.children)
               and ((n.text.isdigit() and int(n.text) < _INCIDENT_SIZE)
                    or (n.is_alpha and n.like_num))
               for o in verb.children if o.dep_ in ("dobj", "obj") for n in o.children)


def _after_preposition(parsed: Doc, mention: Mention) -> bool:
    """Whether the parse makes a name the object of a preposition ("through central Kinshasa",
    "vers Kigali"): a place there, not the government the capital may stand for."""
    span = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not parsed.has_annotation("DEP"):
        return False
    root = span.root
    # "in Altindag town, Ankara": a name in apposition to a preposition's object is a place
    # that holds it.
    return (root.dep_ == "pobj" or any(c.dep_ == "case" for c in root.children)
            or (root.dep_ == "appos" and root.head.dep_ == "pobj"))


def _parsed_root(parsed: Doc, start: int, end: int):
    """The syntactic head of the name at `start:end`, or None where there is no parse."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and parsed.has_annotation("DEP") else None


def _qualifies_a_thing(parsed: Doc, mention: Mention) -> bool:
    """Whether a country's name qualifies a common noun ("the US dollar", "the Ukraine war",
    "US troops"): it says whose or what about, not where anything happens."""
    root = _parsed_root(parsed, mention.start, mention.end)
    return (root is not None and root.dep_ == "compound" and root.head.pos_ == "NOUN"
            and root.head.i > root.i)


def _qualifies_a_group(parsed: Doc, mention: Mention, nouns: set[str]) -> bool:
    """Whether a place qualifies a noun of an armed group ("Darfur communal militia", "les
    milices du Darfour"): where the group comes from, not necessarily where it acted."""
    root = _parsed_root(parsed, mention.start, mention.end)
    return (root is not None and root.dep_ in ("compound", "nmod")
            and root.head.lemma_.lower() in nouns)


def _object_of(parsed: Doc, start: int, end: int, verbs: set[str]) -> bool:
    """Whether the parse makes the name at `start:end` the object of a verb of `verbs` ("qui
    visaient Port-Soudan", "shelled Kharkiv", "raided Kelmaso"): the place hit, not the
    government."""
    root = _parsed_root(parsed, start, end)
    return root is not None and root.dep_ in ("obj", "dobj") and root.head.lemma_.lower() in verbs


def _unparsed_sentences(doc: Document, sent_of: list[int]) -> set[int]:
    """Sentences the first pass left unparsed. With no NER there to tell a person (`Rebecca
    Miller`) from a town, a name in them is a place only after a locative word (`à Lahore`)
    or when it stands alone (`les rues de Rouen`), not inside a longer name."""
    if doc.selection is None or not sent_of:
        return set()
    parsed = {sent_of[i] for start, end in doc.selection.spans for i in range(start, end)}
    return set(range(sent_of[-1] + 1)) - parsed


def _in_longer_name(parsed: Doc, mention: Mention, links: set[str]) -> bool:
    """Whether a capitalised word touches the mention on either side (`Rebecca Miller`), or
    follows it after a linking word (`Le Syndicat des Travailleurs Libres`)."""
    span = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return True
    before = parsed[span.start - 1] if span.start > 0 else None
    after = parsed[span.end] if span.end < len(parsed) else None
    if after is not None and after.lower_ in links and span.end + 1 < len(parsed):
        after = parsed[span.end + 1]
    return any(t is not None and t.is_title and not t.is_sent_start for t in (before, after))


def _sentence_index(parsed: Doc) -> list[int]:
    index = [0] * len(parsed)
    for i, sent in enumerate(parsed.sents):
        for token in sent:
            index[token.i] = i
    return index


def _trigger_mentions(parsed: Doc, lex: CompiledLexicon, sent_of: list[int]) -> list[Mention]:
    """Trigger words, less those inside a phrase that reports no event (`a pris feu`)."""
    found = _matcher_mentions(parsed, lex.triggers, "trigger", sent_of)
    if lex.trigger_lemmas is not None:
        found += _matcher_mentions(parsed, lex.trigger_lemmas, "trigger", sent_of)
    if lex.trigger_verbs is not None and parsed.has_annotation("DEP"):
        taken = {(m.start, m.end) for m in found}
        for label, verb, words in lex.trigger_verbs(parsed):
            token = parsed[verb]  # "ont remis lundi la base": the verb is the trigger
            span = (token.idx, token.idx + len(token))
            # "a missile strike killed two": the word tells the event already (`untold_args`);
            # so does a weapon that is the verb's subject ("four shells struck homes").
            subjects = [c.i for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
            if any(m.start <= parsed[w].idx < m.end for m in found for w in [*words, *subjects]):
                continue
            if span not in taken:
                taken.add(span)
                found.append(Mention("trigger", label, *span, sent_of[verb]))
    masks = [(parsed[s].idx, parsed[e - 1].idx + len(parsed[e - 1]))
             for _, s, e in lex.not_triggers(parsed)]
    return [t for t in found if not any(s < t.end and t.start < e for s, e in masks)]


def _matcher_mentions(parsed: Doc, matcher, kind: str, sent_of: list[int],
                      **data: object) -> list[Mention]:
    """One mention per longest match. A phrase that names several actors (`État islamique`
    in Syria, in the Sahel ...) keeps them all in `alternatives`, in catalogue order: the
    event's country and date choose at resolve."""
    matches = matcher(parsed)
    spans = [parsed[s:e] for _, s, e in matches]
    labels: dict[tuple[int, int], list[str]] = {}
    for m, s, e in matches:
        found = labels.setdefault((s, e), [])
        if (label := parsed.vocab.strings[m]) not in found:
            found.append(label)
    mentions = []
    for span in filter_spans(spans):
        if _possessor_in_a_name(span):
            continue
        names = labels[(span.start, span.end)]
        extra = {"alternatives": names} if len(names) > 1 else {}
        mentions.append(Mention(kind, names[0], span.start_char, span.end_char,
                                sent_of[span.start], {**data, **extra}))
    return mentions


def _possessor_in_a_name(span) -> bool:
    """A capitalised word in the possessive inside a proper name ("the People's Defence
    Force", "Kenya Police's"): part of the name, not the common noun ("people") it spells."""
    doc, end = span.doc, span.end
    return (span.start > span.sent.start and span.text[:1].isupper() and not span.text.isupper()
            and end + 1 < len(doc) and doc[end].text in ("'s", "’s")
            and doc[end + 1].text[:1].isupper())


def _mark_regions(text: str, mentions: list[Mention], places) -> None:
    """Flag place names that stand for their region (`Idleb province`, `province d'Idleb`).
    A capitalised word for the kind of area that ends a region's proper name (`Benue State`,
    `Orange County`) joins the mention's span; the name without it is kept for the
    gazetteer."""
    after = [w.lower() for w in places.region_after]
    before = [w.lower() for w in places.region_before]
    starts = {m.start for m in mentions}
    for m in mentions:
        if m.kind != "place":
            continue
        tail = text[m.end:m.end + 30].lower().lstrip(" -")
        head = text[max(0, m.start - 30):m.start].lower().rstrip()
        if any(tail.startswith(w) and not tail[len(w):len(w) + 1].isalpha() for w in after) \
                or any(head.endswith(w.rstrip()) for w in before):
            m.data["region"] = True
        kind = _area_word_after(text, m.end, places.name_designators)
        if kind and not any(m.end < s < m.end + kind for s in starts):
            m.data["name"] = text[m.start:m.end]
            m.end += kind


def _area_word_after(text: str, end: int, words: list[str]) -> int:
    """The length of " State" in "Benue State": one of `words` after a space, as written
    and as a whole word; else 0."""
    tail = text[end:end + 40]
    for word in words:
        if (tail[:1] == " " and tail[1:1 + len(word)] == word
                and not tail[1 + len(word):2 + len(word)].isalnum()):
            return 1 + len(word)
    return 0


# What follows the place of a dateline, up to the dash that opens the story: a date, an
# agency in brackets ("BAMAKO, 3 mars (AFP) -", "KYIV (Reuters) —", "Goma -"), up to a dash
# or a colon ("BEIRUT (AP) --", "NAIROBI:"), or a dash glued to the story ("ETHIOPIA –Five").
_CREDIT = re.compile(r"[ \t\ufeff]*(?:\([^\n()]{1,60}\)[ \t]*)?")
_DATELINE_TAIL = re.compile(r"[^\S\n]*(?:,[^\n()\-–—]{0,30})?[^\S\n]*(?:\([^\n()]{1,30}\))?"
                            r"(?:[^\S\n]*(?:--|[-–—:])[^\S\n]|[^\S\n]+[-–—](?=[A-Z0-9]))")


def _mark_containers(text: str, mentions: list[Mention], gazetteer: Gazetteer,
                     joins: list[str]) -> None:
    """Flag the places in brackets right after a place (`Londrina (Parana)`, `Basma (Barsalogho,
    Sanmatenga)`): they say where the first one is, they are not the event's place. The first
    place keeps the names it is said to be in (`inside`), from the brackets or from the places
    that follow it after a comma (`Empalme, Sonora`), for the resolver to choose among its
    namesakes. A place after a comma is a container only when a namesake of the first lies in
    it ("San Jose, San Jose" in Costa Rica; not "Aleppo, Idlib and Hama"). The places of a
    list it closes are said to lie there too (`said_in`: "between Escobedo and Monterrey,
    Nuevo Leon")."""
    places = sorted((m for m in mentions if m.kind in ("place", "country")),
                    key=lambda m: m.start)
    listed = {" ".join(j.lower().split()) for j in joins} - {","}
    for i, m in enumerate(places):
        if not text[m.end:m.end + 3].lstrip(" ").startswith("("):
            after = []
            for nxt in places[i + 1:i + 3]:  # "Tuzla, Istanbul", "Kitalima, Rutshuru, Nord-Kivu"
                if text[(after[-1].end if after else m.end):nxt.start].strip() != ",":
                    break
                after.append(nxt)
            names = [n.name(text) for n in after]
            if names and gazetteer.within(m.name(text), names) is not None:
                m.data["inside"] = names
                for nxt in after:
                    nxt.data["container"] = True
                for j in range(i, 0, -1):
                    before, this = places[j - 1], places[j]
                    if (before.kind != "place"
                            or {"inside", "said_in", "container", "region"} & before.data.keys()
                            or " ".join(text[before.end:this.start].lower().split()) not in listed):
                        break
                    before.data["said_in"] = names
            continue
        close = text.find(")", m.end)
        if close < 0 or "\n" in text[m.end:close]:
            continue
        open_at = text.find("(", m.end)
        inners = [inner for inner in places if m.end < inner.start and inner.end <= close]
        # The names the text gives, as the gazetteer spells them ("(Ga.)": Georgia).
        spelt = {text[inner.start:inner.end]: inner.name(text) for inner in inners}
        m.data["inside"] = [spelt.get(n.strip(), n.strip())
                            for n in text[open_at + 1:close].split(",") if n.strip()]
        for inner in inners:
            inner.data["container"] = True


def _mark_said_in(text: str, mentions: list[Mention], words: list[str]) -> None:
    """A town followed, in its clause, by a word of `words` and a region ("Nyaung Kone
    village in the northern Sagaing region", "Koro dans la région de Mopti") is said to lie in
    it (`said_in`), unless brackets or a comma said where already (`inside`)."""
    if not words:
        return
    between = _said_in_gap(tuple(words))
    places = sorted((m for m in mentions if m.kind == "place"), key=lambda m: m.start)
    for town, region in itertools.pairwise(places):
        if (town.sent == region.sent and region.data.get("region") and "inside" not in town.data
                and not town.data.get("region")
                and between.fullmatch(text, town.end, region.start)):
            town.data["said_in"] = [region.name(text)]


@functools.lru_cache(maxsize=8)
def _said_in_gap(words: tuple[str, ...]) -> re.Pattern[str]:
    """What may stand between a town and the region it is said to lie in: a noun or two,
    a word of `words`, then a determiner, an adjective or a word for the area."""
    links = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:\s+[\w'’-]+){{0,2}}?\s+(?:{links})(?:\s*[\w'’-]+){{0,4}}\s+",
                      re.IGNORECASE)


def _mark_datelines(text: str, mentions: list[Mention]) -> None:
    """Flag a place that opens a line as a dateline (`BAMAKO (AFP) -`): where the story was
    filed, not where the event happened."""
    for m in mentions:
        if m.kind in ("place", "country") and _opens_dateline(text, m):
            # "Mali : 11 soldats tués ...": a country before a colon is the headline's topic,
            # where the story happens; datelines name towns.
            if m.kind == "country" and text[m.end:m.end + 3].strip().startswith(":"):
                continue
            m.data["dateline"] = True


def _qualifies_the_next_place(span, compass: set[str], gazetteer: Gazetteer,
                              countries: dict[str, str]) -> bool:
    """Whether a name made only of compass words ("North-Eastern", "Northern") stands before
    a place or a country ("North-Eastern Amhara", "Northern Ghana"): it says which part."""
    parsed = span.doc
    if span.end >= len(parsed) or not all(
            w.lower() in compass for w in re.split(r"[\s-]+", span.text) if w):
        return False
    after = parsed[span.end]
    return after.text[:1].isupper() and _is_place(after.text, gazetteer, countries)


def _opens_dateline(text: str, m: Mention) -> bool:
    """Whether a name opens a line as a dateline does (`BAMAKO (AFP) -`, `NAIROBI:`)."""
    return _at_dateline(text, m.start, m.end)


def _at_dateline(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    # An aggregator's credit may come first: "(MENAFN- Nam News Network) MANILA, Jan 18 -".
    return bool(_CREDIT.fullmatch(text, line_start, start)) and bool(
        _DATELINE_TAIL.match(text, end))



def _after_care(text: str, start: int, places) -> bool:
    """Whether a place stands after a marker of where people were taken or fled
    (places.yaml `care_markers`), directly or before a noun for a settlement and up to two
    words ("took refuge in the town of Rabak")."""
    if after_words(text, start, places.care_markers):
        return True
    before = text[max(0, start - 40):start].lower()
    noun = next((n for n in places.place_nouns if before.rstrip().endswith(n.lower())
                 and " " in n), None)
    if noun is None:
        return False
    head = before.rstrip()[:-len(noun)].rstrip()
    for _ in range(3):  # "in", "in the", "in the nearby"
        if after_words(head, len(head), places.care_markers):
            return True
        head = head.rsplit(None, 1)[0] if " " in head else ""
    return False


def _longest(mentions: list[Mention]) -> list[Mention]:
    """Of overlapping mentions keep the longest (a name beats a description inside it)."""
    kept: list[Mention] = []
    taken: set[int] = set()  # characters of kept mentions: linear in the text, not quadratic
    for m in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if taken.isdisjoint(range(m.start, m.end)):
            kept.append(m)
            taken.update(range(m.start, m.end))
    return sorted(kept, key=lambda m: m.start)


def _without_town_parts(text: str, found: list[Mention], places) -> list[Mention]:
    """Places that are the name of one part of a town ("le quartier de Dnipro" in a story
    from Kherson, "the Penha neighbourhood" in one from Rio): a neighbourhood, not the town of
    that name elsewhere."""
    nouns = [n.lower() for n in places.town_part_nouns]
    after = _words_after(places.town_part_after)
    # "the Penha neighbourhood of Rio de Janeiro": the name before the noun is the part, the
    # one after it the town.
    towns = {(m.start, m.end) for m in found if m.kind == "sub_location"
             and _named_before(text, m)}
    parts = {(m.start, m.end) for m in found if m.kind == "sub_location"
             and (m.start, m.end) not in towns
             and any(m.data.get("noun", "") == n or m.data.get("noun", "").startswith(n + " ")
                     for n in nouns)}
    return [m for m in found if not (
        (m.kind == "place" and ((m.start, m.end) in parts
                                or (after is not None and after.match(text, m.end))))
        or (m.kind == "sub_location" and (m.start, m.end) in towns))]


def _named_before(text: str, sub_location: Mention) -> bool:
    """Whether a capitalised name stands right before a sub-location's noun."""
    noun = sub_location.data.get("noun", "")
    head = text[:sub_location.start].rstrip()
    if not noun or not head.lower().endswith(noun):
        return False
    words = head[:len(head) - len(noun)].split()
    return bool(words) and words[-1][:1].isupper()


def _words_after(words: list[str]) -> re.Pattern[str] | None:
    """A pattern for one of `words` after a name, up to three more capitalised words between
    ("Jardim Marco Zero neighbourhood")."""
    if not words:
        return None
    return re.compile(r"(?:[^\S\n]+[A-Z][\w'-]*){0,3}[^\S\n]+(?i:"
                      + "|".join(map(re.escape, words)) + r")(?![^\W_])")


def _sub_location_mentions(parsed: Doc, matcher, sent_of: list[int],
                           any_part: set[str]) -> list[Mention]:
    """`le quartier d'Al Furqan`: the name after a part-of-town noun (label = the name);
    after `un quartier de Kharkiv` (an `any_part` determiner) the name is the town's."""
    found = []
    for span in filter_spans([parsed[s:e] for _, s, e in matcher(parsed)]):
        if span.start > 0 and parsed[span.start - 1].lower_ in any_part:
            continue
        capitals = [t for t in span[1:] if t.text[:1].isupper()]
        if not capitals:
            continue
        words = parsed[capitals[0].i:capitals[-1].i + 1]  # "Al Furqan", not "Al Furqan à"
        noun = parsed[span.start:capitals[0].i].text.lower()
        found.append(Mention("sub_location", words.text, words.start_char, words.end_char,
                             sent_of[span.start], {"noun": noun}))
    return found


_FIGURE_DATE = re.compile(r"(?<![\d/.-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
                          r"(?![\d/.-])")


def _number_mentions(parsed: Doc, lang: str, sent_of: list[int]) -> list[Mention]:
    """Cardinal numbers written in digits or in words (text2num knows the words)."""
    found = []
    grouped = _digit_groups(parsed)
    joined: set[int] = set()  # tokens read as the end of a hyphenated number word
    # "2017-12-05", "05/12/2017": the digits of a date written in figures count nothing
    dated = [(m.start(), m.end()) for m in _FIGURE_DATE.finditer(parsed.text)]
    for token in parsed:
        value = None
        if token.i in joined or any(s <= token.idx < e for s, e in dated):
            continue
        if (compound := _split_number_word(parsed, token, lang)) is not None:
            value, end = compound  # "twenty-one" the tokenizer cut in three
            joined.update(range(token.i + 1, end))
            found.append(Mention("number", str(value), token.idx, parsed[end - 1].idx
                                 + len(parsed[end - 1]), sent_of[token.i],
                                 {"value": value, "token": token.i, "one_word": False}))
            continue
        if token.i in grouped:
            end = grouped[token.i]
            if end is None:
                continue  # a later group of a number already read
            span = parsed[token.i:end]
            found.append(Mention("number", re.sub(r"\D", "", span.text), span.start_char,
                                 span.end_char, sent_of[token.i],
                                 {"value": int(re.sub(r"\D", "", span.text)), "token": token.i,
                                  "one_word": False}))
            continue
        if _DIGITS.match(token.text):
            value = int(re.sub(r"\D", "", token.text))
        elif (token.is_alpha or _hyphenated_word(token.text)) and (token.like_num
                                                                  or token.pos_ == "NUM"):
            try:
                value = text2num(token.lower_, lang)
            except (ValueError, KeyError, TypeError):  # not a number word of that language
                value = None
        if value is not None:
            # "un", "une", "one" are articles far more often than counts: marked, for the
            # counts stage to accept only before a word for a person.
            data = {"value": value, "token": token.i, "one_word": value == 1 and token.is_alpha}
            found.append(Mention("number", str(value), token.idx, token.idx + len(token),
                                 sent_of[token.i], data))
    return found


def _split_number_word(parsed: Doc, token, lang: str) -> tuple[int, int] | None:
    """(value, end token) of a number word cut at its hyphen (`twenty`, `-`, `one`)."""
    end = token.i + 3
    if (end > len(parsed) or not token.is_alpha or token.whitespace_
            or parsed[token.i + 1].text != "-" or parsed[token.i + 1].whitespace_
            or not parsed[end - 1].is_alpha):
        return None
    try:
        return text2num(parsed[token.i:end].text.lower(), lang), end
    except (ValueError, KeyError, TypeError):
        return None


def _hyphenated_word(text: str) -> bool:
    """`dix-sept`, `vingt-deux`, `twenty-one`: number words the tokenizer keeps whole."""
    return "-" in text and text.replace("-", "").isalpha()


_GROUP_SPACES = {"\u00a0", "\u202f"}  # beside the plain space


def _digit_groups(parsed: Doc) -> dict[int, int | None]:
    """Numbers the tokenizer cut at their thousands spaces (`1 000 000 morts`, French style):
    {first token: end token} for each, and {later token: None} for the groups after the
    first, so they are not read as numbers of their own."""
    groups: dict[int, int | None] = {}
    i = 0
    while i < len(parsed):
        end = i + 1
        if parsed[i].text.isdigit() and len(parsed[i].text) <= 3:
            while (after := _next_group(parsed, end)) is not None:
                end = after
        if end > i + 1:
            groups[i] = end
            groups.update(dict.fromkeys(range(i + 1, end)))
        i = end
    return groups


def _next_group(parsed: Doc, end: int) -> int | None:
    """The end of a three-digit group that follows token `end - 1` across one space (spaCy
    keeps a no-break space as a token of its own), else None."""
    if parsed[end - 1].whitespace_ == " ":
        group = end
    elif (end + 1 < len(parsed) and parsed[end].text in _GROUP_SPACES
          and not parsed[end - 1].whitespace_ and not parsed[end].whitespace_):
        group = end + 1
    else:
        return None
    if group < len(parsed) and len(parsed[group].text) == 3 and parsed[group].text.isdigit():
        return group + 1
    return None


def _place_mentions(parsed: Doc, gazetteer: Gazetteer, lang: str, sent_of: list[int],
                    is_common_word: Callable[[str], bool], places: PlacesFile) -> list[Mention]:
    """Capitalised word sequences and NER places that name a gazetteer city or a country
    (by its CLDR name or, as written, one of the language's `country_aliases`: `U.S.`)."""
    written = {name: code for code, names in places.country_aliases.items() for name in names}
    countries = {**gazetteer.country_names(lang), **{normalize(n): c for n, c in written.items()}}
    # The NER's "the United States": the name is "United States", the article no part of it;
    # nor the possessive of "Collier County's".
    ner = [_without_possessive(e[1:] if len(e) > 1 and e[0].pos_ == "DET" else e)
           for e in parsed.ents if e.label_ in _PLACE_LABELS]
    # The NER's "province de la Kompienga", "région de l'Est": the name is the region's; the
    # words before it say it is a region (`_mark_regions`).
    text = parsed.text
    area_words = {w.lower().replace("’", "'").strip() for w in places.region_before}
    ner = [_without_area_words(e, text, area_words) for e in ner]
    ner = [e for e in ner if len(e)]
    ner_starts = {e.start_char for e in ner}
    ner_words = {e.start_char for e in ner if len(e) == 1}  # "West" alone, not "West Zone"
    candidates = [
        parsed[s:e] for s, e in _capitalised_ngrams(parsed)
        if e - s > 1 or parsed[s].idx in ner_words or not is_common_word(parsed[s].lower_)
        or _famous_place(parsed[s], gazetteer, countries)
    ]
    candidates += ner
    candidates += [parsed[t.i:t.i + 1] for t in parsed if t.text in written]
    found = []
    # A name must be a whole word ("Al-" of "Al-Sirmaniyah" is no place), and not a person's
    # name where the model's NER says so ("M. Eric Samara" is no Russian city). One word alone
    # the NER too often takes for a person ("la sortie d'Amouda"): only longer names count,
    # and not after a locative word ("à Kafr Nubl" is a town whatever the NER says).
    # Nor a name the gazetteer knows after a noun of settlement ("the city of Kryvyi Rih").
    settled = [w for w in places.place_nouns if " " in w.strip()]
    designators = tuple(f" {w}" for w in places.name_designators)
    # Nor before a word for a settlement or an area ("Al Hazm district", "Ali Khel village").
    settlement_after = [w.lower() for w in (*places.place_nouns_after, *places.area_nouns_after)]
    # The NER may hold that word in the person ("Anka LGA"): the name is the words before it.
    people = [(e.start_char, e.end_char) for e in parsed.ents
              if e.label_ in _PERSON_LABELS and len(e) > 1
              and not after_words(text, e.start_char, places.locatives)
              and not ((after_words(text, e.start_char, settled)
                        or _area_word_after(text, e.end_char, settlement_after))
                       and gazetteer.has_variant(e.text))
              and not (e[-1].lower_ in settlement_after and gazetteer.has_variant(e[:-1].text))
              and not _names_a_region(_without_designator(e.text, designators), gazetteer,
                                      countries)]
    # A person named in full once ("Mark Zuckerberg", "Mohamed Salah") is then named by the
    # surname alone: that word is no place either, unless a locative comes before it. Not
    # when the "person" is a place the gazetteer knows (the NER's "Tizi Ouzou").
    full = [e for e in parsed.ents if e.label_ in _PERSON_LABELS and len(e) > 1
            and not gazetteer.has_variant(e.text)]
    in_full = {i for e in full for i in range(e.start, e.end)}
    surnames = {e[-1].text for e in full}
    # "une jeune fille nommée Eloïse": the name a person is introduced by is a person's,
    # there and wherever the text repeats it (the Eloise of Michigan is not meant).
    markers = {w.lower() for w in places.person_markers}
    surnames |= {t.text for t in parsed[1:] if _capitalised(t) and t.ent_type_ not in _PLACE_LABELS
                 and parsed[t.i - 1].lower_ in markers}
    people += [(t.idx, t.idx + len(t.text)) for t in parsed if t.text in surnames
               and t.i not in in_full and not after_words(text, t.idx, places.locatives)]
    # "Le Syndicat des Travailleurs Libres": common words at the start of an organisation's
    # name are the organisation, not the village of that name.
    people += [(c.start_char, c.end_char) for c in candidates
               if _common_words_of_an_organisation(c, parsed.ents)]
    organisations = set(places.organisations)
    people += [(t.idx, t.idx + len(t.text)) for t in parsed if t.text in organisations]
    # A people, a faith or a party, as the NER reads it, that qualifies people ("three Malay
    # Muslim separatists", "Arab tribesmen") is no town of that name (Malay in the
    # Philippines), unless a region bears it ("Afar", "Kachin"). The small English model
    # also calls towns so ("the desert near Tadmor", "the Usaylan district centre"): only a
    # word that qualifies a plural noun, no word for settlements, counts.
    people += [(e.start_char, e.end_char) for e in parsed.ents if e.label_ == PEOPLE_LABEL
               and _qualifies_people(e, settlement_after)
               and not _names_a_region(e.text, gazetteer, countries)]
    suffixes = {w.lower() for w in places.hyphen_suffixes}
    route_end = functools.partial(
        _route_end, text, is_place=functools.partial(_is_place, gazetteer=gazetteer,
                                                     countries=countries),
        is_country=lambda name: normalize(name) in countries,
        route_nouns={w.lower() for w in places.route_nouns})
    # A longer name the gazetteer knows that holds the "person" is the place: the NER's
    # "Mato Grosso" of "Mato Grosso do Sul", "Muhammad Khan" of "Tando Muhammad Khan".
    whole = [c for c in candidates
             if not _inside_word(text, c.start_char, c.end_char, suffixes, route_end)
             and not _initials(c, text, written)
             and not _ARTICLE_NAME_AFTER.match(text, c.end_char)
             and not any(s < c.end_char and c.start_char < e
                         and not (c.start_char <= s and e <= c.end_char and e - s < len(c.text)
                                  and len(c) > 2 and gazetteer.has_name(c.text))
                         for s, e in people)]
    # A name after a locative or a place noun ("the outskirts of Qamishli", "à El-Facher"), or
    # that the NER calls a place, may be written as the gazetteer does not: its
    # transliterations count.
    before = [*places.locatives, *places.place_nouns]
    exact = [_is_place(c.text, gazetteer, countries) for c in whole]
    areas_after = [w.lower() for w in places.area_nouns_after]
    loose = [c for c, known in zip(whole, exact, strict=True) if not known
             and (c.start_char in ner_starts or after_words(text, c.start_char, before)
                  or _area_word_after(text, c.end_char, settlement_after)
                  or _closes_brackets(text, c.start_char, c.end_char)
                  or _at_dateline(text, c.start_char, c.end_char))  # "DEIR AL-BALAH, Sept 5:"
             and gazetteer.has_variant(c.text)]
    # "Pyinoolwin district": the district, not its seat, where nothing is said to happen.
    loose_areas = {c.start_char for c in loose if _area_word_after(text, c.end_char, areas_after)}
    longer = [e for e in (_without_area_words(e, text, area_words) for e in parsed.ents)
              if e.label_ not in _NOT_NAMES and len(e) > 1
              and not _is_place(e.text, gazetteer, countries)]
    # "Ossining High School in Ossining", one name to the NER: a place after a locative
    # stands apart, like one after a link.
    links = {w.lower() for w in (*places.name_links, *places.locatives) if " " not in w}
    compass = {w.lower() for w in places.compass_words}
    named_after = [*places.region_before, *settled]  # "département du", "le village de"
    joined = [c for c in whole if route_end(c.start_char, c.end_char)]
    towns_after = [w.lower() for w in places.place_nouns_after]
    for span in filter_spans([c for c, known in zip(whole, exact, strict=True) if known]
                             + loose):
        code = countries.get(normalize(span.text))
        if not code and _inside_a_longer_name(span, longer, links, compass, is_common_word):
            continue
        if not code and _qualifies_the_next_place(span, compass, gazetteer, countries):
            continue  # "North-Eastern Amhara": a part of Amhara, not Iceland's Northeast
        if not code and _first_word_of_a_name(span, named_after, gazetteer, countries,
                                              is_common_word):
            continue
        kind, label = ("country", code) if code else ("place", span.text)
        data = {}
        if span in joined:
            # "the Gao-Ansongo road": its ends, not where it happened; "the Russia-Ukraine
            # war": two countries qualifying a noun.
            data = {"elsewhere": "modifier"} if code else {"route": True}
        elif kind == "place" and _area_word_after(text.lower(), span.end_char, towns_after):
            data = {"settlement": True}  # "Amara city": the town, not a region called so too
        elif kind == "place" and (_names_only_areas(span.text, gazetteer)
                                  or span.start_char in loose_areas):
            data = {"region": True}  # "Nuevo Leon": a state, not a town
        if _word_after_hyphen(text, span.end_char).lower() in suffixes:
            # "Iran-backed", "US-led": a country qualifying a noun, like "Iranian"; "a
            # London-based monitor": a town that is not where anything happened.
            kind, data = ("demonym", {}) if code else ("place", {"elsewhere": "modifier"})
        found.append(Mention(kind, label, span.start_char, span.end_char, sent_of[span.start],
                             data))
    found += _compass_parts(parsed, places.compass_prefixes, found, sent_of, countries, gazetteer)
    found += _abbreviated_places(parsed, places.place_abbreviations, found, sent_of)
    _mark_route_ends(text, found, {w.lower() for w in places.route_nouns},
                     {w.lower() for w in places.route_joins})
    covered = {i for m in found for i in range(m.start, m.end)}
    area_after = [w.lower() for w in (*places.region_after, *places.route_nouns,
                                       *places.town_part_after)]
    hit = {w.lower() for w in places.place_verbs}  # "gunmen raided Kelmaso"
    lowered = text.lower()
    for ent in ner:
        # One word that only the NER calls a place, which the gazetteer does not know, no
        # locative or place noun introduces and no word for an area or a road follows
        # ("Buhari said", "Dropbox shows", "Yulia phoned"; not "in Kitshanga", "the Saadnayel
        # highway") is far more often a person or a firm than a village: the small models'
        # NER guesses. Nor a name already read as a person's.
        lone = (len(ent) == 1 and not after_words(text, ent.start_char, before)
                and not _area_word_after(lowered, ent.end_char, area_after)
                and not _object_of(parsed, ent.start_char, ent.end_char, hit))
        if lone or any(s < ent.end_char and ent.start_char < e for s, e in people):
            continue
        if ent.start_char not in covered:
            # The tagger's span may hold the word for the area ("Nigeria's Zamfara State").
            name = _without_designator(ent.text, designators)
            own = name != ent.text
            data = ({"region": True, "name": name} if own and _is_place(name, gazetteer, countries)
                    else {"unresolved": True})
            town, _, part = ent.text.partition("-")
            if (not own and part and " " not in town and _is_place(town, gazetteer, countries)
                    and not _is_place(part, gazetteer, countries)):
                # "Mogadishu-Hodan district": a part of Mogadishu the gazetteer has no name
                # for; the town is where it lies.
                found.append(Mention("place", town, ent.start_char, ent.start_char + len(town),
                                     sent_of[ent.start], {}))
                continue
            found.append(Mention("place", ent.text, ent.start_char, ent.end_char,
                                 sent_of[ent.start], data))
    return found


def _compass_parts(parsed: Doc, prefixes: list[str], found: list[Mention], sent_of: list[int],
                   countries: dict[str, str], gazetteer: Gazetteer) -> list[Mention]:
    """Names a direction glues before a country or a region the gazetteer knows, which it
    does not know whole ("le Nord-Mali", "dans le Bas-Artibonite"): that country or region,
    the evidence the whole name."""
    if not prefixes:
        return []
    words = "|".join(re.escape(w) for w in sorted(prefixes, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?i:{words})-([^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)")
    taken = [(m.start, m.end) for m in found]
    parts = []
    for hit in pattern.finditer(parsed.text):
        name = hit.group(1)
        if (not name[:1].isupper() or _is_place(hit.group(0), gazetteer, countries)
                or not _is_place(name, gazetteer, countries)
                or any(s < hit.end() and hit.start() < e for s, e in taken)):
            continue
        span = parsed.char_span(hit.start(), hit.end(), alignment_mode="expand")
        if span is None:
            continue
        code = countries.get(normalize(name))
        kind, label = ("country", code) if code else ("place", name)
        data = {} if code else {"name": name}
        if not code and _names_only_areas(name, gazetteer):
            data["region"] = True
        parts.append(Mention(kind, label, hit.start(), hit.end(), sent_of[span.start], data))
    return parts


def _first_word_of_a_name(span, nouns: list[str], gazetteer: Gazetteer,
                          countries: dict[str, str], is_common_word) -> bool:
    """Whether a name after a noun for an area or a settlement goes on with a name the
    gazetteer does not know ("le département du Mayo Sava", "le village de Kin Ma"): the place
    is named whole, not after Ireland's Mayo or China's Kin."""
    doc = span.doc
    if span.end >= len(doc) or not after_words(doc.text, span.start_char, nouns):
        return False
    after = doc[span.end]
    whole = doc.text[span.start_char:after.idx + len(after.text)]
    # A function word written with a capital inside a sentence is part of a name ("Kin Ma").
    return (after.is_title and (after.is_stop or not is_common_word(after.lower_))
            and not _is_place(whole, gazetteer, countries))


def _inside_a_longer_name(span, names, links: set[str], compass: set[str],
                          is_common_word) -> bool:
    """Whether a name is part of a longer one the NER found and the gazetteer does not know,
    not at its start, not after a linking word and not after words of direction only: "Salim"
    of "Abu Salim", "Sud Est" of "ASL Toscana Sud Est" (but "Kabul" of "Kabul University",
    "Chicago" of "University of Chicago", "Kharkiv" of "North Kharkiv"); or at the start of a
    short place name that goes on with names, not common words ("Aïn" of "Aïn Baal", a
    Lebanese village, is no Ain of France)."""
    doc = span.doc
    for e in names:
        if (e.start == span.start and span.end < e.end and e.label_ in _PLACE_LABELS
                and len(e) <= 3 and not any(t.is_punct for t in e)
                and all(t.is_title and not is_common_word(t.lower_) for t in doc[span.end:e.end])):
            return True
        if not (e.start < span.start and span.end <= e.end):
            continue
        # "the Washington Post": the article is no part of the name; "IBA-Karachi",
        # "Surfside/Garden City": two names.
        # Nor after a code that numbers a part of it ("PD5 Kandahar": its fifth district).
        before = [t for t in doc[e.start:span.start] if t.pos_ != "DET"]
        if (before and doc[span.start - 1].lower_ not in links
                and not any(t.is_punct for t in before)
                and not all(t.lower_ in compass for t in before)
                and not all(_is_code(t.text) for t in before)):
            return True
    return False


def _is_code(word: str) -> bool:
    """`PD5`, `D9`: letters and digits, as a city's numbered districts are written."""
    return word.isalnum() and any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _without_area_words(span, text: str, area_words: set[str]):
    """`span` less the words for a kind of region it begins with ("province de la")."""
    if len(span) < 2 or not any(w.startswith(span[0].lower_) for w in area_words):
        return span
    for k in range(len(span) - 1, 0, -1):  # the longest first: "province de la", not "de"
        head = text[span.start_char:span[k].idx].lower().replace("’", "'").strip()
        if head in area_words:
            return span[k:]
    return span


def _initials(span, text: str, written: dict[str, str]) -> bool:
    """Whether a name is a short word in capitals ("AMLO", "APC", "AFA"): the initials of a
    person, a party or a school, which the gazetteer's namesakes (Amloh, Apc) do not make a
    place. Not a country's written alias ("US", "RDC"), nor a dateline ("GAZA (AFP) -")."""
    if len(span) != 1:
        return False
    word = span[0].text
    if len(word) > 4 or not (word.isalpha() and word.isupper()) or word in written:
        return False
    line_start = text.rfind("\n", 0, span.start_char) + 1
    return text[line_start:span.start_char].strip() != ""


def _common_words_of_an_organisation(span, ents) -> bool:
    """Whether a name is only common nouns ("Le Syndicat") that an organisation's name, as
    the NER reads it, begins with and goes on past."""
    words = [t for t in span if t.pos_ != "DET"]
    if not words or not all(t.pos_ in ("NOUN", "ADJ") for t in words):
        return False
    return any(e.label_ == "ORG" and e.start <= words[0].i and e.end > span.end
               for e in ents)


# "Dar al-Arqam", "Deir al-Balah": a word before an Arabic article and a capitalised name
# begins a longer name; alone it is no place ("Dar" is a town in Cambodia).
_ARTICLE_NAME_AFTER = re.compile(r"[ \u00a0](?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|ez|ath|adh)"
                                 r"-[A-Z\u00c0-\u024f]")


def _inside_word(text: str, start: int, end: int, suffixes: set[str] = frozenset(),
                 route_end: Callable[[int, int], bool] = lambda start, end: False) -> bool:
    """Whether `text[start:end]` is part of a longer word: glued to a letter, or to another
    word by a hyphen (`Ville` of `Pétion-Ville`, `Sabra` of `Sabratha`). An Arabic article
    before the hyphen is no word of its own (`Raqqa` of `Ar-Raqqa` is the town), nor one of
    the language's `suffixes` after it (`Britain` of `Britain-based`). Two names the gazetteer
    knows joined by a hyphen into one it does not are two words (`Gao-Ansongo`,
    `Amsterdam-London`: a route)."""
    after = text[end:end + 2]
    if after[:1].isalnum() or (start and text[start - 1].isalnum()):
        return True
    if after[:1] == "-" and after[1:2].isalnum():
        if _word_after_hyphen(text, end).lower() in suffixes:
            return False
        return not route_end(start, end)
    if start and text[start - 1] == "-":
        head = text[max(0, start - 40):start - 1].split()[-1:] or [""]
        if len(head[0]) <= 3 or not head[0].isalpha():
            return False
        return not route_end(start, end)
    return False


def _route_end(text: str, start: int, end: int, is_place: Callable[[str], bool],
               is_country: Callable[[str], bool], route_nouns: set[str]) -> bool:
    """Whether `text[start:end]` and a word a hyphen glues to it are two places the gazetteer
    knows, and joined none, that name the ends of a route: two countries ("the Russia-Ukraine
    war") or two towns by a route noun ("the Gao-Ansongo road", "l'axe Gao-Ménaka"). Not a
    person's double name ("Lili-May", "Marie-France")."""
    if text[end:end + 1] == "-":
        first, second = text[start:end], _word_after_hyphen(text, end)
        span = (start, end + 1 + len(second))
    elif start and text[start - 1] == "-":
        head = text[max(0, start - 40):start - 1].split()[-1:] or [""]
        first, second = head[0].rsplit("-", 1)[-1], text[start:end]
        span = (start - 1 - len(first), end)
    else:
        return False
    if not (first[:1].isupper() and second[:1].isupper() and is_place(first)
            and is_place(second) and not is_place(f"{first}-{second}")):
        return False
    if is_country(first) and is_country(second):
        return True
    near = (text[max(0, span[0] - 30):span[0]].lower().split()[-2:]
            + text[span[1]:span[1] + 30].lower().split()[:2])
    return _names_a_route(near, route_nouns)


def _names_a_route(words: list[str], nouns: set[str]) -> bool:
    """Whether one of lower-cased `words` is a route noun, punctuation and an elided article
    aside ("l'axe")."""
    return any(w.strip(".,;:'’()").rsplit("'", 1)[-1].rsplit("’", 1)[-1] in nouns for w in words)


def _mark_route_ends(text: str, found: list[Mention], nouns: set[str], joins: set[str]) -> None:
    """Flag as a route's ends two places of a sentence that only a join word separates, with
    a route noun among the three words before the first ("la route reliant Bandiagara à
    Bankass", "the highway between Kabul and Jalalabad"), as those of "the Gao-Ansongo road"."""
    towns = sorted((m for m in found if m.kind == "place"), key=lambda m: m.start)
    for a, b in itertools.pairwise(towns):
        if a.sent != b.sent or text[a.end:b.start].strip().lower() not in joins:
            continue
        if _names_a_route(text[max(0, a.start - 40):a.start].lower().split()[-3:], nouns):
            for end in (a, b):
                if not end.data.get("elsewhere"):
                    end.data["route"] = True


def _abbreviated_places(parsed: Doc, abbreviations: dict[str, str], found: list[Mention],
                        sent_of: list[int]) -> list[Mention]:
    """Places written as the wire abbreviates them ("HELENA, Mont.", "Fresno, Calif.", "the
    B.C. border"), named in full for the gazetteer. An abbreviation of initials ("N.J.") counts
    anywhere; a shortened word ("Pa.", "Ind.") only after a comma or in brackets, where it
    says which state a town is in."""
    taken = {i for m in found for i in range(m.start, m.end)}
    out = []
    for token in parsed:
        full = abbreviations.get(token.text)
        if full is None or token.idx in taken:
            continue
        initials = token.text.count(".") > 1
        if initials or (token.i and parsed[token.i - 1].text in (",", "(")):
            out.append(Mention("place", full, token.idx, token.idx + len(token.text),
                               sent_of[token.i], {"name": full, "area": True}))
    return out


def _names_only_areas(name: str, gazetteer: Gazetteer) -> bool:
    """Whether this name is an administrative area's, any town of the name a tenth its size
    or less (`Benue`; `Nuevo Leon`, not its villages; not `Idlib`, a city too)."""
    areas, towns = [0], [0]
    for p in gazetteer.candidates(name):
        (areas if p.is_area else towns).append(p.population)
    return max(areas) > 0 and max(areas) >= 10 * max(towns)


def _qualifies_people(ent, settlement_words: list[str]) -> bool:
    """Whether a name qualifies a plural noun that follows it ("Malay Muslim separatists",
    "Arab tribesmen") and is no word for settlements or areas ("the Kurdish villages")."""
    head = ent.root.head
    return (ent.root.dep_ in ("amod", "compound") and head.i >= ent.end
            and all(t.is_alpha for t in ent.doc[ent.end:head.i])  # not "the X road;196 people"
            and head.pos_ == "NOUN" and head.morph.get("Number") == ["Plur"]
            and head.lemma_.lower() not in settlement_words)


def _names_a_region(name: str, gazetteer: Gazetteer, countries: dict[str, str]) -> bool:
    """Whether `name` is, as written, a country's or a first-level region's: the NER's
    "person" Tamil Nadu or Sierra Leone is the region."""
    return normalize(name) in countries or any(
        p.feature_code in ("ADM1", "RGN") for p in gazetteer.candidates(name))


def _closes_brackets(text: str, start: int, end: int) -> bool:
    """Whether a name ends a list of areas in brackets ("(Bondhere, Banadir)", "(Nord-Kivu)"):
    where the text says the place before lies."""
    return text[end:end + 1] == ")" and text[max(0, start - 2):start].endswith(("(", ", "))


def _without_designator(name: str, designators: tuple[str, ...]) -> str:
    """`name` less the word for a kind of area that ends it ("Rakhine State": Rakhine)."""
    return next((name[:-len(d)] for d in designators if name.endswith(d)), name)


def _word_after_hyphen(text: str, end: int) -> str:
    """The word glued by a hyphen after `text[:end]` ("based" of "Britain-based"), else ''."""
    if text[end:end + 1] != "-":
        return ""
    match = re.match(r"\w+", text[end + 1:end + 40])
    return match.group() if match else ""


def _famous_place(token, gazetteer: Gazetteer, countries: dict[str, str]) -> bool:
    """A frequent word that is still a place when capitalised inside a sentence: a country
    (`China`, `Turkey`) or a large city (`London`). Languages without NER need this."""
    if normalize(token.text) in countries:
        return True
    if token.is_sent_start:
        return False
    place = gazetteer.lookup(token.text)
    return (place is not None and place.population >= _LARGE_CITY
            and not place.is_area)  # "Nord" is no city


def _is_place(text: str, gazetteer: Gazetteer, countries: dict[str, str]) -> bool:
    return normalize(text) in countries or gazetteer.has_name(text)


def _capitalised_ngrams(parsed: Doc):
    """Token ranges that start and end with a capitalised word and may hold short connectors
    (`Deir ez-Zor`, `Al Bab`), or run on over pieces of one word the tokenizer split
    (`Rufa'a`). Sentence-initial common words are left to the gazetteer test."""
    n = len(parsed)
    for start in range(n):
        first = parsed[start]
        if not (_capitalised(first)) or not first.text[:1].isalpha():
            continue
        words = 0
        for end in range(start + 1, min(start + _MAX_PLACE_TOKENS * _MAX_WORD_PIECES, n) + 1):
            if end - 1 == start or parsed[end - 2].whitespace_:
                words += 1
            if words > _MAX_PLACE_TOKENS:
                break
            last = parsed[end - 1]
            glued = end - 1 > start and parsed[end - 2].whitespace_ == ""
            if end - 1 > start and not (_capitalised(last) or len(last) <= 3):
                break
            if (_capitalised(last) or glued) and last.text not in _POSSESSIVES:
                single = end - start == 1
                if single and (len(last) <= 2 or (last.is_sent_start and last.is_stop)):
                    continue
                yield start, end


# The possessive the tokenizer splits off a name ("United States'", "County's").
_POSSESSIVES = frozenset({"'", "’", "'s", "’s"})


def _without_possessive(span):
    """`span` less a possessive ending."""
    return span[:-1] if len(span) and span[-1].text in _POSSESSIVES else span


def _capitalised(token) -> bool:
    """`Alep`, `UN`, and a hyphenated name kept as one token (`Pointe-à-Pitre`)."""
    return (token.is_title or token.is_upper
            or ("-" in token.text and token.text[:1].isupper()))


def _regex_mentions(text: str, pattern: re.Pattern[str] | None, kind: str,
                    sent_of: list[int], parsed: Doc) -> list[Mention]:
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        span = parsed.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        found.append(Mention(kind, match.group(), match.start(), match.end(),
                             sent_of[span.start], groups))
    return found


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen = set()
    unique = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end, m.kind)):
        key = (m.kind, m.start, m.end)
        if key not in seen:
            seen.add(key)
            unique.append(m)
    return unique
