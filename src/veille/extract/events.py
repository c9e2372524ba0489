"""Events stage: attach actors, place, date, toll and source to each trigger.

Arguments are found in the trigger's sentence. Roles come from the parse (`roles.py`: subject
and object, passive agent, a noun's genitive and target); for a role the parse leaves empty,
the actor before the trigger (or after an agent marker, `tués par l'armée`) acts and the
first actor after it is acted upon. Sources of
a claim (`selon l'OSDH`) and capitals standing for governments are never parties. The place is
the nearest gazetteer place of the sentence, else the last one before it (never one of the
words that describe who spoke). Triggers that speak of the past (`depuis 2016`, `il y a 13
ans`, a pluperfect, an adverb of habit), triggers inside the breakdown of a running total,
triggers subsumed by another in the same sentence (the `combats` that won a town), weapons
listed as the means of another action, tallies of many events, what people fled and a noun
with a demonstrative (an event told already) give no event.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter

from ..document import DATE_KINDS, DAY_KINDS, Candidate, Document, Mention
from ..phrases import cached_words_regex
from ..resolve.actors import UNKNOWN
from ..resources import Lexicon, Taxonomy
from ..resources.schemas import ActorEntry, PlacesFile
from .attribution import attributions, sources_in, speaker_tail
from .background import is_background_at, is_background_sentence
from .casualties import SINCE_WORDS
from .counts import breakdown_region
from .roles import (
    BLAMED_LINKS,
    Role,
    Roles,
    doer_of,
    governor,
    is_acted_upon,
    means_verb,
    own_act_speaker,
    read_roles,
    shared_subject,
)
from .tokens import after_words, token_range

_PLACE_KINDS = ("place", "country")
_REMOTE = "explosions"  # the taxonomy's kind of strikes and blasts
_DEVELOPMENTS = "strategic_developments"
_DOER_BASES = ("subject", "agent")  # the roles that name who did the act
# How many sentences after a lede that names no place may say where it happened.
_LEDE_REACH = 3


def build_events(doc: Document, lexicon: Lexicon, taxonomy: Taxonomy,
                 actors: dict[str, ActorEntry]) -> Document:
    """Fill `doc.candidates`: one per trigger type per clause with a subject of its own (per
    sentence, mostly), background ones left out."""
    regions = [breakdown_region(doc, c) for c in doc.of_kind("count")
               if c.data["cumulative"] and not c.data.get("in_breakdown")]
    regions = [r for r in regions if r is not None]
    seen: set[tuple[int, str, int | None]] = set()
    irrealis = set(lexicon.triggers.irrealis)
    negations = set(lexicon.triggers.negations)
    negation_hosts = set(lexicon.triggers.negation_hosts)
    ideas = set(lexicon.triggers.abstract_targets)
    earlier = set(lexicon.triggers.earlier_incident)
    prospects = set(lexicon.triggers.hypothetical)
    backdrops = lexicon.triggers.backdrops
    causes = set(lexicon.triggers.protest_causes)
    claims = set(lexicon.triggers.protest_claims)
    festive = set(lexicon.triggers.festivities)
    civilians = {name for name, entry in actors.items() if entry.kind == "civilians"}
    anchors = set(lexicon.triggers.time_anchors)
    relations = set(lexicon.triggers.time_relations)
    spans_of = set(lexicon.triggers.time_span_units)
    instruments = _instrument_pattern(lexicon.triggers.instrument_markers)
    used = set(lexicon.triggers.instrument_verbs)
    held = _held_pattern(lexicon.triggers.held_markers)
    tallies = set(lexicon.triggers.tallies)
    trends = set(lexicon.triggers.trend_verbs)
    spans = set(lexicon.triggers.spans_of_time)
    weapons = set(taxonomy.file.weapon_types)
    fled = set(lexicon.triggers.fled_from)
    hazards = set(lexicon.triggers.natural_hazards)
    blasts = {w.lower() for w in lexicon.triggers.bare_blasts}
    accidental = _accidental_blasts(doc, blasts, set(lexicon.triggers.accidental_blasts))
    seen = set(lexicon.triggers.observing_verbs)
    taking = {w.lower() for w in lexicon.triggers.needs_territory}
    ground = {w.lower() for w in lexicon.triggers.territory}
    aims = {w.lower() for w in lexicon.triggers.aims}
    of = {w.lower() for w in lexicon.places.name_links}  # "s'emparer de": what is taken
    leaving = {w.lower() for w in lexicon.triggers.withdrawals}
    demonstratives = set(lexicon.triggers.demonstratives)
    definite = set(lexicon.triggers.definite_articles)
    confirming = set(lexicon.triggers.confirm_verbs)
    briefly, brief_words = taxonomy.file.held_briefly, lexicon.triggers.brief_words
    brief_told: set[str] = set()  # the capture told as brief, whose recapture is no change
    candidates = []
    for trigger in doc.of_kind("trigger"):
        key = (trigger.sent, trigger.label, _own_clause(doc, trigger))
        if key in seen or _is_background(doc, trigger, lexicon):
            continue
        if any(start <= trigger.start < end for start, end in regions):
            continue  # "la plupart tués dans des bombardements": the cause of counted deaths
        if _verb_of_a_running_total(doc, trigger):
            continue  # "412 civilians have been killed since the conflict began": no one event
        if _governed_by(doc, trigger, irrealis):
            continue  # "a menacé d'attaquer", "called for a ceasefire": nothing happened
        if _denied(doc, trigger, negations, negation_hosts):
            continue  # "there was no fighting", "aucun combat n'a été signalé"
        if _aims_at_an_idea(doc, trigger, ideas):
            continue  # "an attack on media freedom"
        if _recalls_another(doc, trigger, earlier):
            continue  # "two days after a similar attack in Khyber district"
        if _qualified_by(doc, trigger, prospects):
            continue  # "talks over a possible peace deal": a prospect
        if _is_backdrop(doc, trigger, backdrops):
            continue  # "hit by an Israeli drone ..., amid continuing cross-border fire"
        if _is_protest_cause(doc, trigger, causes) or _is_protest_claim(doc, trigger, claims):
            continue  # "protested against demolishing the station": what the crowd opposes
        if _for_a_festivity(doc, trigger, festive):
            continue  # "rassemblés pour la fête du quartier": a celebration, no protest
        if _names_a_past_event(doc, trigger):
            continue  # "the victims of the Sabra Massacre": a name, no news
        told_kinds = {c.trigger.label.split(".")[0] for c in candidates}
        if _governed_by(doc, trigger, anchors) or _after_a_span(
                doc, trigger, spans_of, relations,
                definite if trigger.label.split(".")[0] in told_kinds else set()):
            continue  # "le jour même de l'entrée en vigueur de la trêve": a time reference
        if _names_weapon(trigger, weapons) and (_is_instrument(doc, trigger, instruments, used)
                                                or _is_held(doc, trigger, held)
                                                or _is_thrown(doc, trigger)):
            continue  # "avec des fusils et des lance-grenades", "armés de grenades": no use
        if _is_tally(doc, trigger, tallies, trends) or _is_span(doc, trigger, spans):
            continue  # "des centaines d'attaques", "a year of fighting": many events, none told
        if _circumstance_of_violence(doc, trigger):
            continue  # "retook the camp as reinforcements came in": part of the fight
        if _is_cause_of_flight(doc, trigger, fled):
            continue  # "chassés de leurs foyers par les combats": the war in general
        if (_hazard_does(doc, trigger, hazards)
                or (accidental and doc.text[trigger.start:trigger.end].lower() in blasts)
                or _observed_blast(doc, trigger, blasts, seen)
                or _takes_no_ground(doc, trigger, taking, ground, aims, of)
                or _leaves_no_ground(doc, trigger, leaving, ground)):
            continue  # "un cyclone a frappé Paris", "a pris son thermomètre": no violence
        if (candidates and _is_retold(doc, trigger, demonstratives)
                and (told := _sharpened(doc, trigger, candidates, lexicon)) is not None):
            # "une attaque ... cette attaque à l'explosif": the weapon named again is the
            # weapon of the attack told, not another event
            told.trigger = trigger
            _lend_place(doc, trigger, [told], lexicon)
            continue
        if candidates and (_is_told_again(doc, trigger, definite, lexicon)
                           or _is_confirmed(doc, trigger, definite, confirming)
                           or (_is_retold(doc, trigger, demonstratives)
                               and _retells(doc, trigger, candidates, lexicon, taxonomy))):
            _lend_place(doc, trigger, candidates, lexicon)
            continue  # "n'a pas communiqué sur cette attaque": an event already told
        if trigger.label in briefly and (_told_briefly(doc, trigger, brief_words)
                                         or brief_told - {trigger.label}):
            # "briefly captured a base ... the army recaptured it": no ground changed hands
            brief_told.add(trigger.label)
            trigger = dataclasses.replace(trigger, label=briefly[trigger.label])
        if candidates and _is_definite_alone(doc, trigger, definite,
                                             told_at={c.place.name(doc.text).lower()
                                                      for c in candidates if c.place}):
            trigger = _as_told(trigger, candidates, taxonomy)
        seen.add(key)
        candidates.append(_candidate(doc, trigger, lexicon, taxonomy, actors, civilians))
    candidates = [c for c in candidates if not _ordinary_crime(doc, c, lexicon, actors)]
    doc.candidates = _without_subsumed(doc, candidates, taxonomy, lexicon)
    _blame(doc, doc.candidates, lexicon, actors)
    _claim(doc, doc.candidates, lexicon, actors)
    _continue(doc, doc.candidates, set(lexicon.roles.continuations),
              set(lexicon.roles.another_incident),
              {w.lower() for w in lexicon.triggers.definite_articles},
              {w.lower() for w in lexicon.roles.series_words},
              {w.lower() for w in lexicon.roles.attacker_triggers})
    return doc


def _verb_of_a_running_total(doc: Document, trigger: Mention) -> bool:
    """Whether the trigger is the verb of a running total's count ("au moins 412 civils ont été
    tués depuis le début du conflit"), or the subject of the verb that gives it, in the plural
    or with no article ("les violences et les combats ont fait plus de 300 morts depuis
    janvier", "fighting has killed 300 people since early January"): a tally of many events,
    none of them told."""
    totals = [c for c in doc.of_kind("count", trigger.sent)
              if c.data.get("cumulative") and not c.data.get("in_breakdown")]
    for count in totals:
        verb = count.data.get("outcome_word")
        if verb is not None and verb.start <= trigger.start < verb.end:
            return True
    if not totals or not doc.doc.has_annotation("DEP"):
        return False
    head = _root(doc, trigger)
    if not head.dep_.startswith("nsubj") or head.pos_ != "NOUN":
        return False
    if (head.morph.get("Number") != ["Plur"] and head.tag_ != "NNS"
            and any(c.dep_ == "det" for c in head.children)):
        return False  # "the attack brought to 1,218 the number killed": one event, added
    verb = head.head
    start, end = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
    return any(start <= c.start < end and not head.left_edge.idx <= c.start <= head.right_edge.idx
               for c in totals)


def _continue(doc: Document, candidates: list[Candidate], words: set[str], another: set[str],
              definite: set[str], series: set[str], attackers: set[str]) -> None:
    """"Another strike killed four people": one more event of the kind just told, naming no
    author, is by the author of the last one of that kind (roles.yaml `continuations`); and is
    another incident (`another_incident`: its trigger's data `another`, which fusion reads),
    unless a definite article goes with it ("les autres manifestants", the rest of a crowd
    told), a word of a `series` ("yet another attack", maybe the one told), or the trigger
    names an attacker ("un second kamikaze": `attacker_triggers`)."""
    if not words or not doc.doc.has_annotation("DEP"):
        return

    def _continued(tokens) -> bool:
        return any(t.lemma_.lower() in words and t.dep_ in ("det", "amod") for t in tokens)

    for i, c in enumerate(candidates):
        start, end = token_range(doc.doc, c.trigger)
        own = [t for t in doc.doc[start:end] for t in (t, *t.children)]
        near = own + [g for t in own for g in t.children]
        marks = [t for t in own if t.lemma_.lower() in another and t.dep_ in ("det", "amod")]
        if marks and doc.text[c.trigger.start:c.trigger.end].lower() not in attackers \
                and not any((t.lower_ in definite and t.dep_ == "det") or t.lower_ in series
                            for t in (*own, *(w for m in marks for w in m.children))):
            # "une troisième attaque", not "shot dead another man" nor "la deuxième attaque"
            c.trigger.data["another"] = True
        if c.actor1 is not None or not _continued(near):
            continue
        before = [b for b in candidates[:i] if b.trigger.label == c.trigger.label
                  and b.actor1 is not None]
        if before and (c.actor2 is None or c.actor2.label != before[-1].actor1.label):
            c.actor1, c.actor1_basis = before[-1].actor1, "continued"


# The basis of a protest's actor2 read from a counter-demonstration of its paragraph.
COUNTER_CROWD = "counter_crowd"
# Kinds of actor that are never blamed for an event (farmers "accused of passing information").
_NEVER_BLAMED = {"civilians", "protesters", "rioters", "source"}
# The kinds of violent event (taxonomy.yaml's keys): what a group claims, what a
# development may be a circumstance of.
_VIOLENT_KINDS = {"battles", "explosions", "violence_against_civilians"}
# What a claim verb claims: its object, or the subject of its passive.
_CLAIMED_LINKS = {"obj", "dobj", "nsubj:pass", "nsubjpass"}
# Links from a name to the common noun it names ("l'organisation Al Shebab", "the group IS").
_NAME_LINKS = {"appos", "nmod", "flat", "flat:name", "compound"}


def _blame(doc: Document, candidates: list[Candidate], lexicon: Lexicon,
           registry: dict[str, ActorEntry]) -> None:
    """`police blamed Boko Haram`, `a attribué l'attentat à l'EI`: an actor a blame verb
    takes as its object is actor1 of the latest event told up to there that names none
    (roles.yaml `blame_verbs`)."""
    verbs = set(lexicon.roles.blame_verbs)
    if not verbs or not candidates or not doc.doc.has_annotation("DEP"):
        return
    habits = set(lexicon.background.habitual_adverbs)
    heads = {w.lower() for w in lexicon.roles.name_heads}
    for actor in doc.of_kind("actor"):
        if _kind(registry, actor.label) in _NEVER_BLAMED:
            continue
        verb = _blamed(doc, actor, verbs, heads)
        if verb is None or _habit_of(verb, habits):
            continue  # "they often accuse government forces of shelling": a habit
        told = [c for c in candidates if c.trigger.start < actor.start]
        if told and told[-1].actor1 is None:
            told[-1].actor1, told[-1].actor1_basis = actor, "blamed"
            if told[-1].actor2 is not None and told[-1].actor2.label == actor.label:
                told[-1].actor2 = None  # "une attaque attribuée à des paramilitaires": not their target


def _blamed(doc: Document, actor: Mention, verbs: set[str], heads: set[str]):
    """The blame verb that takes `actor` as its object, if any; or that takes the event it is
    hung on (`impute cet attentat au mouvement X`: X as a modifier of the verb's object)."""
    token = _name_head(doc, actor, heads)
    if token.dep_ == "nmod" and token.head.dep_ in ("obj", "dobj"):
        token = token.head
    return governor(token, verbs, BLAMED_LINKS, 2)


def _claim(doc: Document, candidates: list[Candidate], lexicon: Lexicon,
           registry: dict[str, ActorEntry]) -> None:
    """`Al-Shabaab claimed responsibility for the attack`, `les deux attentats ont été
    revendiqués par les shebab`: the claimant is actor1 of the latest event told up to there,
    or of every one when the claim's object is plural, that names no perpetrator or only an
    unidentified one (roles.yaml `claim_verbs`, `claim_objects`)."""
    verbs = set(lexicon.roles.claim_verbs)
    if not verbs or not candidates or not doc.doc.has_annotation("DEP"):
        return
    objects = {w.lower() for w in lexicon.roles.claim_objects}
    definite = {w.lower() for w in lexicon.triggers.definite_articles}
    heads = {w.lower() for w in lexicon.roles.name_heads}
    markers = {w.lower() for w in lexicon.actors.agent_markers}
    events = {_root(doc, t) for t in doc.of_kind("trigger")}
    claimants = {_name_head(doc, a, heads): a for a in doc.of_kind("actor")
                 if registry.get(a.label) is not None and not _unidentified(a.label)
                 and _kind(registry, a.label) not in _NEVER_BLAMED}
    for verb in doc.doc:
        if verb.lemma_.lower() not in verbs or verb.pos_ != "VERB":
            continue
        actor = claimants.get(doer_of(verb, markers))
        claimed = next((c for c in verb.children if c.dep_ in _CLAIMED_LINKS), None)
        if actor is None or claimed is None or not (claimed in events or claimed.pos_ == "PRON"
                                                    or claimed.lemma_.lower() in objects):
            continue  # "the group claimed that it had killed", "a revendiqué le contrôle"
        # what is claimed is an act of violence, not the reinforcements sent after it
        told = [c for c in candidates if c.trigger.start < verb.idx
                and _root(doc, c.trigger) not in verb.subtree
                and c.trigger.label.split(".")[0] in _VIOLENT_KINDS]
        if claimed.morph.get("Number") != ["Plur"] and claimed.tag_ != "NNS":
            told = told[-1:]
        # "the Houthis claimed responsibility for a missile attack on a ship": the event the
        # claim itself names, before any told earlier; but a bare noun with a definite article
        # ("ont revendiqué l'attentat", "claimed the attack") is the event told before, and
        # no other, whatever day the claim was made.
        named = [c for c in candidates if _root(doc, c.trigger) in claimed.subtree]
        bare = [c for c in named if _bare_definite(doc, _root(doc, c.trigger), definite)]
        if told and bare and len(bare) == len(named):
            for c in bare:
                candidates.remove(c)
                told = [t for t in told if t is not c]
        else:
            told = named or told
        for c in told:
            if c.actor1 is None or _unidentified(c.actor1.label):
                c.actor1, c.actor1_basis = actor, "claimed"
                if c.actor2 is not None and c.actor2.label == actor.label:
                    c.actor2 = None


# What makes a claimed noun tell an event of its own: a target, a place, a weapon, a side.
_TELLING = ("place", "country", "actor", "trigger")


def _bare_definite(doc: Document, token, definite: set[str]) -> bool:
    """A noun with a definite article and nothing else of its own (`l'attentat`, `the
    attack`): no adjective or clause, and no complement that names a place, a side or another
    act (`in a statement`, `on Wednesday` say nothing of the event)."""
    if token.pos_ != "NOUN" or not _definite(token, definite, ("det", "case")):
        return False
    for child in token.children:
        if child.dep_ in ("det", "case", "punct"):
            continue
        if child.dep_ not in ("prep", "nmod"):
            return False
        start, end = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
        if any(m.kind in _TELLING and start <= m.start < end for m in doc.mentions):
            return False
    return True


def _unidentified(label: str) -> bool:
    """Whether an actor is one ACLED codes when the text names nobody ("des hommes armés")."""
    return label.startswith(UNKNOWN)


def _name_head(doc: Document, actor: Mention, heads: set[str]):
    """The word for a group a name qualifies (`l'organisation Al Shebab`, `the group IS`: the
    organisation, the group; roles.yaml `name_heads`), else the name's own head: where the
    clause links it."""
    token = _root(doc, actor)
    if token.dep_ in _NAME_LINKS and token.head.lemma_.lower() in heads \
            and token.head.i < token.i:
        return token.head
    return token


# Links from a trigger up to the word that governs it as its content ("menacé d'attaquer":
# xcomp; "called for a ceasefire": prep + pobj; "denied carrying out": xcomp, ccomp).
_CONTENT_LINKS = {"xcomp", "ccomp", "obj", "dobj", "obl", "obl:arg", "nmod", "pobj", "prep",
                  "acl", "advcl", "mark", "pcomp"}


def _governed_by(doc: Document, trigger: Mention, lemmas: set[str]) -> bool:
    """Whether a word of `lemmas` governs the trigger, up to four links up the parse: a
    threat, plan, call, denial or condemnation (nothing happened), or a time anchor (`the day
    of`, `le lendemain de`: the event only dates another)."""
    if not lemmas or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    if any(c.dep_ == "case" and c.lemma_.lower() in lemmas for c in token.children):
        return True  # "depuis le coup d'État de juillet 2023": the trigger dates something else
    return governor(token, lemmas, _CONTENT_LINKS, 4) is not None


def _denied(doc: Document, trigger: Mention, negations: set[str], hosts: set[str]) -> bool:
    """Whether a word of `negations` denies the trigger: on the trigger itself ("no
    fighting", "n'ont pas attaqué"), on a verb of `hosts` whose subject or object the
    trigger noun is ("did not report any clashes", "il n'y a pas eu de combats"), or on the
    infinitive that governs it ("so as not to provoke clashes")."""
    if not negations or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    hosts = [token] + ([token.head] if token.head.lemma_.lower() in hosts and token.dep_ in (
        "obj", "dobj", "attr", "nsubj", "nsubjpass", "nsubj:pass") else [])
    # "ont reculé pour ne pas déclencher une émeute", "so as not to provoke clashes": what a
    # negated infinitive would have made is an outcome avoided
    verb = token.head
    if token.pos_ == "NOUN" and verb != token and (
            "Inf" in verb.morph.get("VerbForm") or verb.tag_ == "VB"):
        hosts += [verb] + ([verb.head] if verb.dep_ == "conj" else [])
    return any(c.dep_ in ("det", "neg", "advmod") and c.lemma_.lower() in negations
               for host in hosts for c in host.children)


def _aims_at_an_idea(doc: Document, trigger: Mention, ideas: set[str]) -> bool:
    """Whether the trigger noun's complement is an idea of `ideas` ("an attack on media
    freedom", "une attaque contre la démocratie")."""
    if not ideas or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    below = [g for c in token.children for g in ((c, *c.children) if c.pos_ == "ADP" else (c,))]
    return any(t.dep_ in ("pobj", "nmod", "obl") and t.lemma_.lower() in ideas for t in below)


def _recalls_another(doc: Document, trigger: Mention, words: set[str]) -> bool:
    """Whether a trigger noun an adjective of `words` qualifies ("a similar attack", "une
    précédente attaque") stands in a sentence that dates nothing: an incident recalled."""
    return _qualified_by(doc, trigger, words) and not any(
        m.kind in DAY_KINDS for m in doc.in_sentence(trigger.sent))


def _qualified_by(doc: Document, trigger: Mention, words: set[str]) -> bool:
    """Whether an adjective of `words` (lemmas) qualifies a trigger noun."""
    if not words or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    return token.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lemma_.lower() in words
                                        for c in token.children)


def _is_backdrop(doc: Document, trigger: Mention, words: list[str]) -> bool:
    """Whether a trigger noun follows a word of `words` ("amid continuing cross-border fire",
    "sur fond de violents combats") after another trigger of its sentence, which tells the
    news: the situation around it, no event of its own."""
    if not words or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    if token.pos_ != "NOUN" or not any(t.start < trigger.start
                                       for t in doc.of_kind("trigger", trigger.sent)):
        return False
    start = token.i  # the words before the noun in its phrase ("ongoing", "de violents")
    while start > 0 and doc.doc[start - 1].head.i == token.i and doc.doc[start - 1].dep_ in (
            "det", "amod", "case", "nummod", "compound", "advmod"):
        start -= 1
    return any(after_words(doc.text, doc.doc[i].idx, words) for i in range(start, token.i + 1))


def _after_a_span(doc: Document, trigger: Mention, units: set[str], relations: set[str],
                  definite: set[str]) -> bool:
    """Whether a trigger noun follows a preposition of `relations` and a span of weeks or more
    (`units`: "deux semaines après le coup d'État", "two weeks after the coup"; not "quelques
    heures après les affrontements") or, once an event of its kind is told, takes a
    `definite` article ("marched in Ouagadougou after the attack"): it dates another event."""
    if not relations or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    if any(c.dep_ == "case" and c.lower_ in relations for c in token.children):
        near = token.children  # French: the span hangs on the noun
    elif token.dep_ == "pobj" and token.head.lower_ in relations:
        near = token.head.children  # English: on the preposition
    else:
        return False
    return any(t.lemma_.lower() in units and t.i < token.i for t in near) or _definite(
        token, definite)


# Links from a protest's cause up to the protest ("manifesté à Lyon contre la démolition").
_PROTEST_CAUSE_LINKS = _CONTENT_LINKS | {"obl:mod"}


def _is_protest_cause(doc: Document, trigger: Mention, causes: set[str]) -> bool:
    """Whether a protest trigger of the sentence governs the trigger through a preposition of
    `causes` ("protested against demolishing", "manifesté contre la démolition"), up to three
    links up the parse: the crowd's cause, not an event."""
    if not causes or not doc.doc.has_annotation("DEP"):
        return False
    protests = [t for t in doc.of_kind("trigger", trigger.sent) if t.label.startswith("protests.")]
    if not protests:
        return False
    token, marked = _root(doc, trigger), False
    for _ in range(3):
        marked = marked or token.lower_ in causes or any(
            c.dep_ in ("case", "mark") and c.lower_ in causes for c in token.children)
        if token.dep_ not in _PROTEST_CAUSE_LINKS or token.head == token:
            return False
        token = token.head
        if marked and any(t.start <= token.idx < t.end for t in protests):
            return True
    return False


_CLAIM_LINKS = _PROTEST_CAUSE_LINKS | {"compound", "amod", "conj", "nmod:poss", "obj:lvc",
                                       "relcl", "acl:relcl"}


def _is_protest_claim(doc: Document, trigger: Mention, claims: set[str]) -> bool:
    """Whether a verb of `claims` governs the trigger, up to six links up the parse, and hangs
    on a protest trigger of the sentence: "staged a protest denouncing rape cases", "rallied to
    call for the release of a journalist held hostage". What the crowd demands or denounces is
    its topic, not an event."""
    if not claims or trigger.label.startswith("protests.") or not doc.doc.has_annotation("DEP"):
        return False  # (a protest is no other protest's topic: "held a protest demonstration")
    protests = [t for t in doc.of_kind("trigger", trigger.sent) if t.label.startswith("protests.")]
    if not protests:
        return False
    token, claimed = _root(doc, trigger), False
    for _ in range(6):
        if token.dep_ not in _CLAIM_LINKS or token.head == token:
            return False
        # "protesting the detention of teachers": what a protest verb takes as object
        claimed = claimed or (token.dep_ in ("dobj", "obj") and token.head.pos_ == "VERB")
        token = token.head
        if any(t.start <= token.idx < t.end for t in protests):
            return claimed
        claimed = claimed or token.lemma_.lower() in claims
    return False


def _for_a_festivity(doc: Document, trigger: Mention, festive: set[str]) -> bool:
    """Whether a protest trigger's verb, or the verb whose subject or object it is, has an
    argument of `festive` (or one through a preposition or "afin de"): "600 habitants se sont
    rassemblés pour la fête du quartier", "thousands gathered to celebrate the victory"."""
    if not festive or not trigger.label.startswith("protests.") or not doc.doc.has_annotation(
            "DEP"):
        return False
    token = _root(doc, trigger)
    verbs = [token] if token.pos_ == "VERB" else [token, token.head]
    for verb in verbs:
        for child in verb.children:
            if child.dep_.startswith(("nsubj", "obj", "dobj", "det", "punct", "aux", "expl")):
                continue
            # through a preposition or "afin de" only: "contre l'annulation du festival" is
            # a protest
            if child.lemma_.lower() in festive or (child.pos_ in ("ADP", "ADV") and any(
                    g.lemma_.lower() in festive for g in child.children)):
                return True
    return False


_TALLY_FROM = 50  # "plus de 300 frappes": a number this large on a trigger noun counts many events


def _names_weapon(trigger: Mention, weapons: set[str]) -> bool:
    return trigger.label in weapons or trigger.label.split(".")[0] in weapons


def _is_thrown(doc: Document, trigger: Mention) -> bool:
    """Whether a weapon is the object of another trigger's verb ("un avion a largué un obus"):
    what that action used, told by its verb, not an event of its own."""
    if not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    if token.dep_ not in ("obj", "dobj"):
        return False
    head = token.head
    return any(t.start <= head.idx < t.end and (t.start, t.end) != (trigger.start, trigger.end)
               for t in doc.of_kind("trigger", trigger.sent))


def _is_tally(doc: Document, trigger: Mention, tallies: set[str], trends: set[str]) -> bool:
    """Whether a trigger noun is counted as many (`des centaines d'attaques`, `plus de 300
    frappes`) or is the subject of a trend (`les enlèvements et les pillages se multiplient`)
    over no one day: a tally, not a report of one event. Many strikes on a day the sentence
    names (`dozens of air strikes on Monday`) are that day's event."""
    if not doc.doc.has_annotation("DEP") or any(
            m.kind in ("weekday", "relative_day") for m in doc.in_sentence(trigger.sent)):
        return False
    token = _root(doc, trigger)
    if _noun_of(token, trends, set(_SUBJECTS)):  # "pillages" of "les enlèvements, les pillages"
        return True  # whatever the tag the parse gives the word
    if token.pos_ != "NOUN":
        return False
    numbers = {n.data["token"]: n.data["value"] for n in doc.of_kind("number", trigger.sent)
               if "token" in n.data}
    if any(c.dep_ == "nummod" and numbers.get(c.i, 0) >= _TALLY_FROM for c in token.children):
        return True
    return _noun_of(token, tallies, {"nmod", "pobj"})  # "hundreds of attacks"


# Kinds of actor whose presence makes an arrest political (ACLED codes it).
_POLITICAL = {"armed", "protesters", "rioters", "government"}


def _ordinary_crime(doc: Document, c: Candidate, lexicon: Lexicon,
                    registry: dict[str, ActorEntry]) -> bool:
    """`Un narco-trafiquant a été arrêté à la frontière`: an arrest in a paragraph that names
    ordinary crime (triggers.yaml `ordinary_crime`) and no armed group, crowd or political
    actor is routine policing, which ACLED does not code."""
    rule = lexicon.triggers.ordinary_crime
    if rule is None or c.trigger.label not in rule.labels:
        return False
    start = _paragraph(doc.text, c.trigger.start)
    end = doc.text.find("\n", c.trigger.end)
    end = len(doc.text) if end < 0 else end
    if any(start <= a.start < end and _kind(registry, a.label) in _POLITICAL
           for a in doc.of_kind("actor")):
        return False
    words = "|".join(re.escape(w) for w in sorted(rule.words, key=len, reverse=True))
    return re.search(rf"(?<![^\W_])(?:{words})(?![^\W_])", doc.text[start:end],
                     re.IGNORECASE) is not None


def _is_span(doc: Document, trigger: Mention, spans: set[str]) -> bool:
    """Whether a span of time governs a trigger noun (`more than a year of fighting`)."""
    if not spans or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    return token.pos_ == "NOUN" and _noun_of(token, spans, {"nmod", "pobj"})


def _root(doc: Document, mention: Mention):
    """The syntactic head token of a mention."""
    start, end = token_range(doc.doc, mention)
    return doc.doc[start:end].root


def _own_clause(doc: Document, trigger: Mention) -> int | None:
    """The verb of a trigger coordinated with another clause and with a subject of its own
    ("the army shelled Nyala, and the RSF shelled El Fasher"): another event, though of the
    same kind in the same sentence; None for the sentence's first clause and the rest."""
    if not doc.doc.has_annotation("DEP"):
        return None
    token = _root(doc, trigger)
    if (token.dep_ == "conj" and token.pos_ == "VERB" and token.head.pos_ == "VERB"
            and any(c.dep_ in _SUBJECTS for c in token.children)):
        return token.i
    return None


_SUBJECTS = ("nsubj", "nsubj:pass", "nsubjpass")


def _one_clause(doc: Document, a: Mention, b: Mention, means: set[str]) -> bool:
    """Whether two triggers share one clause: verbs coordinated (`beaten up and killed`), one
    the object of the other (`fired mortars at the positions`), one modifying the other in
    one noun phrase (`a remote explosive attack targeting soldiers`), or one the means of the
    other (`killed 75 people in a drone strike`, over a preposition of `means`)."""
    if not doc.doc.has_annotation("DEP"):
        return False
    x, y = _root(doc, a), _root(doc, b)
    return any((u.dep_ in _SHARED and u.head == v) or means_verb(u, means) == v
               for u, v in ((x, y), (y, x)))


_SHARED = ("conj", "obj", "dobj", "compound", "amod")


def _noun_of(token, lemmas: set[str], links: set[str]) -> bool:
    """Whether `token` depends, over one of `links`, on a word of `lemmas`, across the
    preposition of ClearNLP's `prep` + `pobj` ("hundreds of attacks", "displaced by ..."), and
    so do the words coordinated with it ("acts of extortion, kidnapping and rape")."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    head = token.head
    if token.dep_ == "pobj" and head.head != head:
        head = head.head
    return token.dep_ in links and head.lemma_.lower() in lemmas


def _retells(doc: Document, trigger: Mention, told: list[Candidate], lexicon: Lexicon,
             taxonomy: Taxonomy) -> bool:
    """Whether a trigger noun with a demonstrative names an event the article told before:
    "cette attaque" (one-sided words, whatever was told), "ces frappes" after a strike; not
    "pendant cette émeute" after a protest, which tells that the protest turned violent."""
    if _one_sided(doc, trigger, lexicon):
        return True
    label, kind = trigger.label, trigger.label.split(".")[0]
    return any(c.trigger.label == label or taxonomy.subsumes(c.trigger.label, label)
               or (c.trigger.label.split(".")[0] == kind
                   and not taxonomy.subsumes(label, c.trigger.label)) for c in told)


def _circumstance_of_violence(doc: Document, trigger: Mention) -> bool:
    """Whether a strategic development is told in an adverbial clause of a violent event
    ("troops retook the camp as reinforcements came in", "lorsque des renforts sont
    arrivés"): a circumstance of that event, not one of its own."""
    if trigger.label.split(".")[0] != _DEVELOPMENTS or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    if token.dep_ != "advcl":
        return False
    head = token.head.idx
    return any(t.start <= head < t.end and t.label.split(".")[0] in _VIOLENT_KINDS
               for t in doc.of_kind("trigger", trigger.sent))


def _told_briefly(doc: Document, trigger: Mention, words: list[str]) -> bool:
    """Whether an adverb of brevity modifies the trigger or stands just before it ("briefly
    captured", "a brièvement pris le contrôle")."""
    if not words:
        return False
    token = _root(doc, trigger)
    lowered = {w.lower() for w in words}
    return (any(c.dep_ == "advmod" and c.lower_ in lowered for c in token.children)
            or bool(cached_words_regex(tuple(words)).search(
                doc.text[max(0, trigger.start - 25):trigger.start])))


def _sharpened(doc: Document, trigger: Mention, told: list[Candidate],
               lexicon: Lexicon) -> Candidate | None:
    """The event a trigger with a demonstrative and a weapon ("cette attaque à l'explosif",
    "this drone attack") tells again: the last one told by a word for one side's attack with
    no weapon ("une attaque"), when the new trigger is a strike or a blast; else None."""
    if trigger.label.split(".")[0] != _REMOTE:
        return None
    last = told[-1]
    return last if (last.trigger.label.split(".")[0] != _REMOTE
                    and _one_sided(doc, last.trigger, lexicon)) else None


def _lend_place(doc: Document, trigger: Mention, told: list[Candidate],
                lexicon: Lexicon) -> None:
    """An event told again in a sentence that names its town ("avaient attaqué ce détachement
    militaire, dans la province du Sanmatenga") gives that place to the event it retells (the
    last one of its kind) when the first telling placed it by no town of its own sentence (a
    region told first gives way to a town told after)."""
    kind = trigger.label.split(".")[0]
    same = [c for c in told if c.trigger.label.split(".")[0] == kind] or told
    event = same[-1]
    if (event.place is not None and event.place_basis == "text" and event.place.kind == "place"
            and not event.place.data.get("region")):
        return  # a region told first is no town ("dans la province du Cauca")
    place, basis = _place(doc, trigger, lexicon.places)
    if (place is not None and basis == "text" and place.kind == "place"
            and not (place.data.get("region") and event.place is not None
                     and event.place.kind == "place")):
        event.place, event.place_basis, event.unknown_place = place, "context", None


def _as_told(trigger: Mention, told: list[Candidate], taxonomy: Taxonomy) -> Mention:
    """A trigger noun with a definite article in a sentence with no place or date of its own
    ("le bombardement a déclenché un incendie" after "un avion a largué un obus") tells the
    last event of its kind again: it takes that event's type, so that the two fuse, unless
    one type takes the other in (fusion then keeps the sharper)."""
    kind = trigger.label.split(".")[0]
    for c in reversed(told):
        other = c.trigger.label
        if other.split(".")[0] == kind:
            if other == trigger.label or taxonomy.subsumes(other, trigger.label) \
                    or taxonomy.subsumes(trigger.label, other):
                return trigger
            return dataclasses.replace(trigger, label=other)
    return trigger


def _is_confirmed(doc: Document, trigger: Mention, definite: set[str],
                  verbs: set[str]) -> bool:
    """Whether a trigger noun with a definite article is what a verb of `verbs` confirms or
    reports ("the deputy governor of Lower Shabelle confirmed the fighting"): the event told
    already, whatever places the speaker's title names."""
    if not verbs or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    return (token.pos_ == "NOUN" and token.dep_ in ("obj", "dobj")
            and token.head.lemma_.lower() in verbs and _definite(token, definite))


def _is_definite_alone(doc: Document, trigger: Mention, definite: set[str],
                       links: tuple[str, ...] = ("det", "case"),
                       told_at: set[str] = frozenset()) -> bool:
    """A trigger noun with a definite article in a sentence that names no place and no date
    ("le bombardement a déclenché un incendie"), or no place but one where an event was told
    (`told_at`: "le bombardement a frappé le marché d'el-Fasher" after a drone strike there);
    the article is a child of the noun by one of `links` ("du bombardement": the tagger makes
    a contracted article a preposition, case)."""
    if not definite or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    if token.pos_ != "NOUN" or not _definite(token, definite, links):
        return False
    return not any(m.kind in DAY_KINDS or (m.kind in ("place", "country")
                                             and m.name(doc.text).lower() not in told_at)
                   for m in doc.in_sentence(trigger.sent))


def _definite(token, definite: set[str], links: tuple[str, ...] = ("det",)) -> bool:
    """Whether `token` takes an article of `definite` by one of `links`."""
    return any(c.dep_ in links and c.lower_ in definite for c in token.children)


def _is_retold(doc: Document, trigger: Mention, demonstratives: set[str]) -> bool:
    """Whether a trigger noun takes a demonstrative (`cette attaque`, `these strikes`): it
    points back at an event the article told before."""
    if not demonstratives or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    # "such attacks": ClearNLP makes `such` an adjective, UD a determiner
    return token.pos_ == "NOUN" and any(c.dep_ in ("det", "amod", "predet")
                                        and c.lower_ in demonstratives for c in token.children)


def _charged_with(doc: Document, actor: Mention, lexicon: Lexicon) -> bool:
    """Whether `actor` is what people are accused of (roles.yaml `charge_markers`: "on charges
    of belonging to IS"), not a side of the event."""
    markers = lexicon.roles.charge_markers
    if not markers:
        return False
    fillers = _fillers(tuple(lexicon.actors.coordination_fillers))
    before = _trimmed(doc.text[max(0, actor.start - 80):actor.start], fillers)
    return any(before.endswith(m) and (len(before) == len(m) or before[-len(m) - 1] == " ")
               for m in _trimmed_all(tuple(markers), fillers))


def _trimmed(words: str, fillers: frozenset[str]) -> str:
    """`words` lower-cased, an apostrophe followed by a space, without fillers at the end
    ("the", "l'"): what stands before an actor compared with a marker."""
    split = words.lower().replace("'", "' ").split()
    while split and split[-1] in fillers:
        split.pop()
    return " ".join(split)


@functools.lru_cache(maxsize=8)
def _fillers(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in words) | {"a", "an"}


@functools.lru_cache(maxsize=8)
def _trimmed_all(words: tuple[str, ...], fillers: frozenset[str]) -> tuple[str, ...]:
    return tuple(_trimmed(w, fillers) for w in words)


def _is_told_again(doc: Document, trigger: Mention, definite: set[str],
                   lexicon: Lexicon) -> bool:
    """Whether a one-sided trigger noun with a definite article (`the attack`, `l'attaque`) in
    a sentence that names no place and no date points back at the event told before it."""
    return (_one_sided(doc, trigger, lexicon)
            and _is_definite_alone(doc, trigger, definite, links=("det",)))


def _hazard_does(doc: Document, trigger: Mention, hazards: set[str]) -> bool:
    """Whether the doer of a trigger verb is a natural hazard: its subject (`un cyclone a
    frappé`, `floods hit the town`), the noun its relative clause qualifies (`le cyclone qui a
    frappé Mayotte`) or its passive agent (`l'île, frappée par un cyclone`)."""
    if not hazards or not doc.doc.has_annotation("DEP"):
        return False
    verb = _root(doc, trigger)
    if verb.pos_ not in ("VERB", "AUX"):
        return False

    def hazard(word) -> bool:  # or a word of it: "un violent cyclone" may be headed on the adjective
        return any(w.lemma_.lower() in hazards for w in (word, *word.children))

    if verb.dep_ in ("acl:relcl", "relcl") and hazard(verb.head):
        return True
    doers = [c for c in verb.children if c.dep_.startswith("nsubj") or c.dep_ == "obl:agent"]
    doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(hazard(c) for c in doers)


def _names_a_facility(doc: Document, actor: Mention, facilities: list[str]) -> bool:
    """Whether a generic state actor is named by one of its facilities ("la base sécuritaire",
    "a police post": roles.yaml `facility_nouns`), not by its people ("police station
    officers" are people)."""
    if "{country}" not in actor.label or not doc.doc.has_annotation("DEP"):
        return False
    head = _root(doc, actor)
    return head.lemma_.lower() in {w.lower() for w in facilities} and head.dep_ != "compound"


def _accidental_blasts(doc: Document, blasts: set[str], accidents: set[str]) -> bool:
    """Whether the article tells its explosions as an accident: a trigger that names an
    explosion and not its cause (`blasts`: "une explosion", "a blast") in a sentence, or before
    a sentence, with a word of an accident (`accidents`, lemmas: "une explosion de gaz dans une
    usine", "a gas cylinder blast"; "L'explosion résulte d'une fuite"). Every such trigger of
    the article is then that accident ("l'explosion" said again later). Verbs are not read:
    "planted a bomb" is no power plant."""
    if not accidents or not doc.doc.has_annotation("DEP"):
        return False
    for trigger in doc.of_kind("trigger"):
        if doc.text[trigger.start:trigger.end].lower() not in blasts:
            continue
        sent = _root(doc, trigger).sent
        after = [doc.doc[sent.end].sent] if sent.end < len(doc.doc) else []
        if any(t.lemma_.lower() in accidents and t.pos_ not in ("VERB", "AUX")
               for span in (sent, *after) for t in span):
            return True
    return False


def _observed_blast(doc: Document, trigger: Mention, blasts: set[str], seen: set[str]) -> bool:
    """Whether a trigger that names an explosion and not its cause is only what someone heard
    or counted (`seen`, lemmas: "des explosions ont été entendues", "the monitors observed a
    total of 19 explosions"): ACLED codes the fire, by whom and where, not the noise of it."""
    if not seen or doc.text[trigger.start:trigger.end].lower() not in blasts \
            or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token.lemma_.lower() in seen


def _takes_no_ground(doc: Document, trigger: Mention, taking: set[str], ground: set[str],
                     aims: set[str], of: set[str]) -> bool:
    """Whether an everyday verb of taking (`taking`, triggers.yaml `needs_territory`: `a pris`,
    `seized`, `se sont emparés de`, whose object follows a word of `of`) has an object that is
    neither a place nor a proper name nor ground (`ground`, lemmas of `territory`), or takes it
    as an aim or only tried (`aims`: "ont pris le poste pour cible", "in a bid to capture the
    outpost")."""
    if doc.text[trigger.start:trigger.end].lower() not in taking \
            or not doc.doc.has_annotation("DEP"):
        return False
    verb = _root(doc, trigger)
    if any(c.lemma_.lower() in aims for c in verb.children):  # obl, xcomp or advcl
        return True
    if verb.dep_ in ("xcomp", "acl", "advcl", "ccomp") and verb.head.lemma_.lower() in aims:
        return True  # "in a bid to capture the outpost", "ont tenté de prendre la ville"
    objects = [c for c in verb.children if c.dep_ in ("obj", "dobj") or (
        c.dep_ == "obl:arg" and any(g.dep_ == "case" and g.lower_ in of for g in c.children))]
    objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
    if not objects:
        return False  # "la ville a été prise", "X took over": the parse gives no object
    places = [(m.start, m.end) for m in doc.in_sentence(trigger.sent)
              if m.kind in ("place", "country")]
    # A proper name is a place the gazetteer may lack ("ont pris Bunagana"); not a code
    # ("a pris le CD0015").
    return not any(o.lemma_.lower() in ground
                   or (o.pos_ == "PROPN" and not any(ch.isdigit() for ch in o.text))
                   or any(s <= o.idx < e for s, e in places) for o in objects)


def _leaves_no_ground(doc: Document, trigger: Mention, leaving: set[str],
                      ground: set[str]) -> bool:
    """Whether a withdrawal (`leaving`, triggers.yaml `withdrawals`) names no ground left: no
    place in its sentence and no word of `ground` ("les policiers se sont retirés pour ne pas
    blesser les manifestantes")."""
    if doc.text[trigger.start:trigger.end].lower() not in leaving \
            or not doc.doc.has_annotation("LEMMA"):
        return False
    if any(m.kind in ("place", "country", "sub_location") for m in doc.in_sentence(trigger.sent)):
        return False
    sentence = doc.doc[_root(doc, trigger).i].sent
    return not any(t.lemma_.lower() in ground for t in sentence)


def _is_cause_of_flight(doc: Document, trigger: Mention, lemmas: set[str]) -> bool:
    """Whether a trigger noun is what people fled (`chassés par les combats`, `fled the
    fighting`, `displaced by the violence`)."""
    if not lemmas or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, trigger)
    return token.pos_ == "NOUN" and _noun_of(token, lemmas, _CAUSE_LINKS)


# Links from what people fled to the word of flight: agent, object, oblique.
_CAUSE_LINKS = {"obl:agent", "obl", "obl:arg", "obl:mod", "obj", "dobj", "pobj", "nmod"}


def _held_pattern(markers: list[str]) -> re.Pattern[str] | None:
    """A marker ending the text before a weapon, a list's few words between ("munis de
    fusils, de machettes et de "), no sentence break."""
    if not markers:
        return None
    words = "|".join(re.escape(m.lower()) for m in sorted(markers, key=len, reverse=True))
    # "vol d'armes": the first weapon may be glued to an elided marker.
    return re.compile(rf"(?:^|\W)(?:{words})[^\s.;:!?]*(?:[\s,]+[^\s.;:!?]+){{0,10}}[\s,]*$")


def _instrument_pattern(markers: list[str]) -> re.Pattern[str] | None:
    """A marker ending the text before a weapon list, a few words (determiners, adjectives) in
    between: "avec des ", "with assault "."""
    if not markers:
        return None
    words = "|".join(re.escape(m.lower()) for m in sorted(markers, key=len, reverse=True))
    return re.compile(rf"(?:^|\W)(?:{words})(?:\s+\S+){{0,2}}\s*$")


def _is_held(doc: Document, trigger: Mention, marker: re.Pattern[str] | None) -> bool:
    """Whether a weapon trigger follows a word of carrying, stealing or trading, a list's
    few words between ("armés de fusils, de machettes et de grenades", "theft of
    explosives"): weapons held, not used. Another action between the two ("l'armée de l'air
    a intercepté douze drones, mais l'un d'eux a frappé") ends the list."""
    start = max(0, trigger.start - 100)
    found = None if marker is None else marker.search(
        doc.text[start:trigger.start].lower().replace("’", "'"))
    return found is not None and not any(
        start + found.start() < t.start < trigger.start
        for t in doc.of_kind("trigger", trigger.sent))


def _is_instrument(doc: Document, trigger: Mention, marker: re.Pattern[str] | None,
                   used: set[str]) -> bool:
    """Whether the trigger is one weapon of a list of weapons an instrument marker introduces
    ("avec des fusils d'assaut et des lance-grenades", "using artillery and mortars"), or the
    passive subject of a verb of use ("des missiles ont été employés au cours de l'attaque"), in a
    sentence that tells another action: the weapons it was done with."""
    if marker is None or not doc.doc.has_annotation("DEP"):
        return False
    start, end = token_range(doc.doc, trigger)
    if not any(t.label != trigger.label and (t.end <= trigger.start or t.start >= trigger.end)
               for t in doc.of_kind("trigger", trigger.sent)):
        return False  # no other action in the sentence: the weapon is how it is told
    token = doc.doc[start:end].root
    if token.dep_ in ("nsubj:pass", "nsubjpass") and token.head.lemma_ in used:
        return True
    # Up the list the weapon belongs to (coordination, or a compound the tagger cut); the
    # list's head noun follows the marker. ACLED folds listed weapons, triggers or not
    # ("an offensive using artillery and mortars", "attacked ... in conjunction with
    # airstrikes and shelling"), into the action they served.
    for _ in range(3):
        others = [c for c in token.children if c.dep_ == "conj" and not start <= c.i < end]
        inside = start <= token.i < end
        if (not inside or others) and marker.search(
                doc.text[max(0, token.idx - 40):token.idx].lower()):
            return True
        if token.dep_ not in _LIST_LINKS or token.head == token:
            return False
        token = token.head
    return False


# Links from a weapon to the head of the list of weapons it belongs to.
_LIST_LINKS = {"conj", "nmod", "compound", "appos"}


def _without_subsumed(doc: Document, candidates: list[Candidate], taxonomy: Taxonomy,
                      lexicon: Lexicon) -> list[Candidate]:
    """One incident, one event: a trigger subsumed by another of its sentence goes (the
    `combats` that won a town; not a strike beside an interception in a sentence that counts
    dead, taxonomy.yaml `only_harmless`), and so does a one-sided trigger (`attack`, `a ouvert
    le feu`) beside a more precise violent one of another kind (`an attack ... the drone
    strike`), and an explosion that names no cause beside the weapon that made it (`a grenade
    blast`, `l'explosion d'un obus`: triggers.yaml `bare_blasts`)."""
    subsumes = taxonomy.file.subsumes
    blasts = {w.lower() for w in lexicon.triggers.bare_blasts}

    def bare(c: Candidate) -> bool:
        return (c.trigger.label.startswith("explosions.")
                and doc.text[c.trigger.start:c.trigger.end].lower() in blasts)
    harmless = set(taxonomy.file.only_harmless)
    precise = set(taxonomy.file.more_precise_than_one_sided)
    attacker_hit = set(taxonomy.file.attacker_is_actor2)
    kept = []
    for c in candidates:
        same_sentence = [o.trigger.label for o in candidates if o.trigger.sent == c.trigger.sent]
        deadly = bool(_tolls(doc, c.trigger.sent))
        if any(c.trigger.label in subsumes.get(label, ()) and not (label in harmless and deadly)
               for label in same_sentence):
            continue  # (a strike that killed is no interception: the fuse stage tells them)
        if bare(c) and any(o.trigger.sent == c.trigger.sent and o.trigger.label.startswith(
                "explosions.") and not bare(o) for o in candidates):
            continue
        if any(o.actor1 is not None and (o.actor1.start, o.actor1.end)
               == (c.trigger.start, c.trigger.end) for o in candidates if o is not c):
            continue  # "rioters attacked a man": the crowd's act is the other trigger's
        told = [o for o in candidates if o.trigger.sent == c.trigger.sent
                and o.trigger.label != c.trigger.label
                and (o.trigger.label in precise or o.trigger.label.split(".")[0] in precise)
                and not (o.trigger.label in harmless and deadly)]
        if told and _one_sided(doc, c.trigger, lexicon):
            for other in told:  # "a intercepté des drones ... attribué l'attaque aux FSR"
                if (other.trigger.label in attacker_hit and other.actor2 is None
                        and c.actor1 is not None and c.actor1 is not other.actor1):
                    other.actor2, other.actor2_basis = c.actor1, c.actor1_basis
                elif (other.trigger.label not in attacker_hit and other.actor1 is None
                      and c.actor1 is not None and c.actor1_basis != "position"):
                    # "les shebab ont mené une attaque ... avec une voiture piégée": who
                    # attacked set off the bomb that tells the attack more precisely
                    other.actor1, other.actor1_basis = c.actor1, c.actor1_basis
            continue
        kept.append(c)
    return kept


def _one_sided(doc: Document, trigger: Mention, lexicon: Lexicon) -> bool:
    """Whether a trigger tells what one side did (`attaque`, `opened fire`, a `killed_by`
    verb): triggers.yaml `one_sided`."""
    words = doc.text[trigger.start:trigger.end].lower()
    return bool(trigger.data.get("one_sided")) or words in lexicon.one_sided


def _is_background(doc: Document, trigger: Mention, lexicon: Lexicon) -> bool:
    return (is_background_at(doc, trigger) or _is_pluperfect(doc, trigger, lexicon)
            or _is_habitual(doc, trigger, lexicon) or _of_a_past_year(doc, trigger)
            or _sums_up(doc, trigger, lexicon)
            or _origin_of_the_war(doc, trigger, lexicon.background.war_origins))


def _origin_of_the_war(doc: Document, trigger: Mention, phrases: list[str]) -> bool:
    """Whether the trigger follows, in its sentence, words that tell how a war began ("The war
    began after militants stormed a border town, killing 40 people and seizing 20"): the war's
    origin, background to the news."""
    pattern = cached_words_regex(tuple(phrases))
    if pattern is None:
        return False
    start, _ = token_range(doc.doc, trigger)
    sentence = doc.doc[start].sent
    return pattern.search(doc.text, sentence.start_char, trigger.start) is not None


def _sums_up(doc: Document, trigger: Mention, lexicon: Lexicon) -> bool:
    """A perfect (background.yaml `perfect_after_lead`) with no date in its sentence, after
    the lead paragraph (the first that holds a trigger), sums up what came before ("Israel has
    responded with air strikes on Hodeidah"); a noun trigger takes its verb's tense."""
    cue = lexicon.background.perfect_after_lead
    if cue is None or any(m.kind in DATE_KINDS for m in doc.in_sentence(trigger.sent)):
        return False
    lead = _paragraph(doc.text, doc.of_kind("trigger")[0].start)  # text order: the first
    if _paragraph(doc.text, trigger.start) == lead:
        return False
    return any(c.dep_.startswith("aux") and c.lemma_ in cue.aux_lemmas
               and cue.aux_morph in str(c.morph) for c in _verb_of(_root(doc, trigger)).children)


# The complements of a noun that can date it ("le coup d'État de février 2021", "the 2021
# coup", "the February 2021 coup"); a relative clause is another event's.
_DATING = {"nmod", "obl", "nummod", "compound", "amod", "pobj", "prep", "npadvmod"}


def _of_a_past_year(doc: Document, trigger: Mention) -> bool:
    """A trigger noun dated by its own complement to a year before publication tells a past
    event, whatever the rest of its sentence says; so does a trigger in the relative clause of
    a noun so dated ("le soulèvement de 2011 qui avait entraîné des marches")."""
    published = doc.article.published
    if published is None:
        return False
    head = _root(doc, trigger)
    start, end = token_range(doc.doc, trigger)
    if head.pos_ in ("NOUN", "PROPN") and _dated_before(
            [c for t in doc.doc[start:end] for c in t.children
             if c.dep_ in _DATING and not start <= c.i < end], published.year):
        return True
    clause = head
    for _ in range(4):  # up to the relative clause the trigger belongs to
        if clause.dep_ in ("acl:relcl", "relcl"):
            return _dated_before([c for c in clause.head.children if c.dep_ in _DATING],
                                 published.year)
        if clause.head == clause:
            break
        clause = clause.head
    return False


def _dated_before(tokens, year: int) -> bool:
    """Whether these complements, or theirs, name a year from 1900 to before `year`."""
    stack = list(tokens)
    while stack:
        token = stack.pop()
        if len(token.text) == 4 and token.text.isdigit() and 1900 <= int(token.text) < year:
            return True
        stack += [c for c in token.children if c.dep_ in _DATING]
    return False


def _is_habitual(doc: Document, trigger: Mention, lexicon: Lexicon) -> bool:
    """`les FSR attaquent les villages`: a verb trigger in the simple present, with no
    auxiliary and no date in its sentence, tells what usually happens; so does one an adverb
    of habit modifies, whatever its tense (`est régulièrement visée`), a noun trigger of a
    verb an adverb of habit modifies, and, in a sentence with no date, any trigger below a
    clause an adverb of habit modifies."""
    head = _root(doc, trigger)
    adverbs = set(lexicon.background.habitual_adverbs)
    # A noun trigger takes the habit of the verb it depends on ("s'exposent régulièrement à
    # des enlèvements", "are frequently targeted in attacks").
    words = [head]
    if head.pos_ == "NOUN" and head.head != head:
        # across ClearNLP's prep + pobj: "has repeatedly used women as suicide bombers"
        words.append(head.head.head if head.dep_ == "pobj" else head.head)
    if any(_habit_of(word, adverbs) for word in words):
        return True  # "est régulièrement visée", "is frequently shelled"
    if any(m.kind in DATE_KINDS for m in doc.in_sentence(trigger.sent)):
        return False
    # With no date in the sentence, a habit of the clause above reaches the triggers below
    # it ("such attacks are commonly blamed on gangs that raid villages and kidnap people").
    word = words[-1]
    for _ in range(6):
        if word.head == word:
            break
        word = word.head
        if _habit_of(word, adverbs):
            return True
    features = lexicon.background.habitual_morph
    if not features:
        return False
    # A participle takes the tense of the verb it hangs on ("gangs who raid villages, looting
    # and killing residents").
    verb = head
    if (head.pos_ == "NOUN" and head.dep_ in ("obj", "dobj")
            and head.head.dep_ in ("relcl", "acl:relcl")):
        # "des groupes qui mènent des attaques meurtrières", "gangs that carry out raids": the
        # act of a simple-present relative clause is a habit too
        verb = head.head
    for _ in range(3):
        if (verb.morph.get("VerbForm") not in (["Part"], ["Ger"])
                or verb.dep_ not in _SAME_CLAUSE or verb.head == verb):
            break
        verb = verb.head
    morph = str(verb.morph)
    return (verb.pos_ == "VERB" and all(f in morph for f in features)
            and not any(c.dep_.startswith("aux") for c in verb.children))


# Links along which a verb shares the clause of the verb it hangs on.
_SAME_CLAUSE = {"conj", "advcl", "xcomp"}


def _habit_of(word, adverbs: set[str]) -> bool:
    """Whether an adverb of habit (`régulièrement`, `often`) modifies `word`."""
    return any(c.dep_ == "advmod" and c.lemma_.lower() in adverbs for c in word.children)


def _is_pluperfect(doc: Document, trigger: Mention, lexicon: Lexicon) -> bool:
    """`avaient pris`: a pluperfect; or a perfect in a sentence that says `since` (`Since the
    fall of Assad, factions have fought ...`): a period summed up, not the news."""
    cue = lexicon.background.pluperfect
    since = lexicon.background.perfect_since
    if (since is not None and _has_aux(doc, trigger, since)
            and any(w.label == "since" for w in doc.of_kind("casualty_word", trigger.sent))):
        return True
    return cue is not None and _has_aux(doc, trigger, cue) and not _reported(doc, trigger)


def _reported(doc: Document, trigger: Mention) -> bool:
    """Whether the trigger's clause is what someone said ("le ministère a annoncé que douze
    personnes avaient été tuées lundi"): a pluperfect there is the past of the report, not an
    earlier time."""
    token = _root(doc, trigger)
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    return verb.dep_ == "ccomp" and verb.head.pos_ == "VERB"


def _verb_of(token):
    """The verb a noun trigger depends on, across ClearNLP's prep + pobj ("has been in house
    arrest", "has responded with air strikes"); a verb is its own."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return token
    return token.head.head if token.dep_ == "pobj" else token.head


def _has_aux(doc: Document, trigger: Mention, cue) -> bool:
    """Whether the trigger's verb has an auxiliary of `cue`'s lemmas in `cue`'s tense."""
    start, end = token_range(doc.doc, trigger)
    for token in doc.doc[start:end]:
        for aux in [token, *token.children, *token.head.children, *_verb_of(token).children]:
            if (aux.dep_.startswith("aux") and aux.lemma_ in cue.aux_lemmas
                    and cue.aux_morph in str(aux.morph)):
                return True
    return False


def _candidate(doc: Document, trigger: Mention, lexicon: Lexicon, taxonomy: Taxonomy,
               registry: dict[str, ActorEntry], civilians: set[str]) -> Candidate:
    sent = trigger.sent
    sources = sources_in(doc, sent)
    # The trigger's clause, roughly: from the previous trigger of the sentence to the next.
    # A crowd noun that is a trigger too ("Palestinian rioters clashed with ...") names an
    # actor of the clause: it does not bound it.
    # Nor does a verb coordinated with the trigger, which shares its agent ("was beaten up and
    # killed by five residents"), whose object it is ("fired mortars at ..."), or that it
    # modifies ("an explosive attack targeting soldiers").
    named = {(a.start, a.end) for a in doc.of_kind("actor", sent)}
    # Nor does a trigger of a type the trigger's subsumes: the missile shot down is part of
    # the interception ("shot down a ballistic missile fired by the Houthis").
    parts = set(taxonomy.file.subsumes.get(trigger.label, ()))
    means = {w.lower() for w in lexicon.roles.means_markers}
    others = [t for t in doc.of_kind("trigger", sent) if t.label != trigger.label
              and t.label not in parts
              and (t.start, t.end) not in named and not _one_clause(doc, t, trigger, means)]
    left = max((t.end for t in others if t.end <= trigger.start), default=0)
    right = min((t.start for t in others if t.start >= trigger.end), default=len(doc.text))
    # "..., said Gambo Isa, the police spokesperson": the words after the speech verb say who
    # spoke, not who took part.
    tail = speaker_tail(doc, sent)
    right = min(right, tail) if tail is not None and tail >= trigger.end else right
    eligible = [a for a in doc.of_kind("actor", sent)
                if (a.start, a.end) not in sources and not a.data.get("metonym")
                and _kind(registry, a.label) != "source" and not _charged_with(doc, a, lexicon)]
    actors = [a for a in eligible if left <= a.start and a.end <= right]
    if (subject := shared_subject(doc, trigger, eligible)) is not None and subject not in actors:
        actors.insert(0, subject)
    parsed = read_roles(doc, trigger, actors, lexicon, civilians)
    if (parsed.actor1 is None
            and (speaker := own_act_speaker(doc, trigger, doc.of_kind("actor", sent),
                                            means)) is not None
            and speaker.label not in civilians):
        parsed = Roles(Role(speaker, "speaker"), parsed.actor2)  # "X said it had attacked"
    # "a group of people attacked ...": plain words for people name the doers, nothing else.
    doer = parsed.actor1.mention if parsed.actor1 and parsed.actor1.basis in _DOER_BASES else None
    actors = [a for a in actors if a is doer or not a.data.get("doer_only")]
    if (parsed.actor2 is not None and parsed.actor2.mention.data.get("doer_only")
            and parsed.actor2.basis != "object"):
        # "two people died in the clashes" names no side; "the gunmen killed 16 people" does
        parsed = Roles(parsed.actor1, None)
    if parsed.actor1 is not None and parsed.actor1.mention.data.get("doer_only") and not doer:
        parsed = Roles(None, parsed.actor2)
    named_here = {(a.start, a.end) for a in actors}
    if parsed.actor2 is not None and parsed.actor2.mention.data.get("refers_to") in named_here:
        # "IS losses after clashes with rebels": an anaphor whose antecedent takes part in the
        # same event is not its other side
        parsed = Roles(parsed.actor1, None)
    actor1, others = _by_position(doc, trigger, actors, lexicon, taxonomy, registry,
                                  parsed.actor2.mention if parsed.actor2 else None)
    basis1 = "position"
    hurt = frozenset(w.lower() for w in (*lexicon.casualties.killed,
                                          *lexicon.casualties.injured) if " " not in w)
    among = frozenset(w.lower() for w in lexicon.roles.among_markers)
    if parsed.actor1 is not None:
        if (actor1 is not None and actor1 is not parsed.actor1.mention
                and (is_acted_upon(doc, actor1, hurt, among) or parsed.actor1.basis == "speaker")):
            # "Cinq militaires ont été tués ... lors d'un assaut mené par Boko Haram": the
            # dead word order put first are the target of the doer the parse names.
            others = [actor1, *others]
        actor1, basis1 = parsed.actor1.mention, parsed.actor1.basis
        others = [a for a in others if a is not actor1]
        if trigger.label in taxonomy.file.symmetric and not _one_sided(doc, trigger, lexicon):
            # "un cessez-le-feu entre les FDS et l'ANS est entré en vigueur": the other side
            # may stand before the trigger too.
            others += [a for a in actors if a not in others and a.label != actor1.label]
    if basis1 == "position" and actor1 is not None and (
            is_acted_upon(doc, actor1, hurt, among)
            or _names_a_facility(doc, actor1, lexicon.roles.facility_nouns)):
        # "Douze soldats ont été tués dans une attaque contre l'armée": the dead were hit;
        # "ont pris d'assaut la base sécuritaire": a base or a post is a target, never a doer.
        others = [actor1, *(a for a in others if a is not actor1)]
        actor1 = None
    actor1, assoc = _lead(doc, actor1, actors)
    side = set(doc.allies.get(actor1.label, [actor1.label])) if actor1 else set()
    actor2, basis2 = next((a for a in others if a.label not in side
                           and not _subject_elsewhere(doc, a, trigger)), None), "position"
    if parsed.actor2 is not None and parsed.actor2.mention.label not in side:
        actor2, basis2 = parsed.actor2.mention, parsed.actor2.basis
    if actor1 is not None and actor2 is not None and actor2.label == actor1.label:
        actor2 = None  # one actor is not its own opponent ("perpétrée par des djihadistes")
    # "l'armée, appuyée par des miliciens wazalendo": the target's allies are assoc_actor2.
    actor2, assoc2 = _lead(doc, actor2, actors, lead_anywhere=False)
    crowd = taxonomy.file.default_actor1.get(trigger.label.split(".")[0])
    if actor2 is None and crowd and trigger.label.startswith("protests."):
        actor2 = _counter_crowd(doc, trigger, lexicon, crowd)
        basis2 = COUNTER_CROWD if actor2 is not None else basis2
    if (actor2 is None and assoc and trigger.label in taxonomy.file.symmetric
            and not _one_sided(doc, trigger, lexicon)
            and all(a.end <= trigger.start for a in (actor1, *assoc))):
        # "Tiv and Ichen militias clashed", "forces of India and Pakistan exchanged fire": the
        # two named together before a clash are its two sides.
        actor2, basis2, assoc = assoc[0], "opponent", assoc[1:]
    place, basis = _place(doc, trigger, lexicon.places)
    # When the chosen place is not in the gazetteer, the sentence's other towns come first,
    # then its regions and the areas in brackets, then the homes of groups ("Darfur communal
    # militia"), then its countries, each in text order: "at Kirni sector (Poonch district)",
    # of "military forces of India and Pakistan", is near Poonch; "Kaboro community in
    # Northwest Nigeria's Zamfara State" is in Zamfara.
    # The sentence is the trigger's, or the one after it that placed a lede; a place inherited
    # from before stands alone.
    told_in = sent if basis == "text" else place.sent if place and place.sent > sent else None
    other_places = sorted((m for m in (_sentence_places(doc, told_in) if told_in is not None
                                       else ())
                           if m is not place and not m.data.get("unresolved")),
                          key=lambda m: (m.kind == "country", bool(m.data.get("group")),
                                         bool(m.data.get("region") or m.data.get("container"))))
    dates = [m for m in doc.in_sentence(sent) if m.kind in DATE_KINDS
             and not _is_period_start(doc, m) and not _of_another_clause(doc, m, trigger)]
    # "..., locals said on Wednesday": the day a source spoke dates the event only when
    # nothing else does, and a later sentence that dates it says more (fuse).
    spoken = [m for m in dates if _dates_a_statement(doc, m)]
    dates = [m for m in dates if m not in spoken]
    date_basis = "text"
    if not dates and spoken:
        dates, date_basis = spoken, "context"
    elif not dates and (earlier := _same_day(doc, trigger, lexicon)) is not None:
        dates, date_basis = [earlier], "context"  # "Le même jour, des individus armés ..."
    elif not dates and (earlier := _paragraph_date(doc, trigger)) is not None:
        dates, date_basis = [earlier], "context"  # "Dimanche, ... Les assaillants ont ..."
    # "Une vingtaine de civils ont été tués dans deux attaques, où des combats ont repris entre
    # l'armée et le M23": a toll whose clause names its own cause is not that of a trigger in
    # a relative clause beside it.
    own_cause = [t for t in doc.of_kind("trigger", sent)
                 if t is not trigger and not _in_relative_clause(doc, t, trigger)
                 and _in_relative_clause(doc, trigger, t)]
    counts = [c for c in _tolls(doc, sent)
              if not (own_cause and _in_relative_clause(doc, trigger, c))
              and not _toll_of_another_act(doc, c, trigger)]
    # "Un camion a sauté sur une mine. Trois civils ont été tués.": the next sentence's toll,
    # when it tells no event of its own (burned huts are part of the attack; "the attack" is
    # this one told again).
    parts = taxonomy.file.part_of_another
    definite = set(lexicon.triggers.definite_articles)
    if not counts and all(t.label in parts or _is_told_again(doc, t, definite, lexicon)
                          for t in doc.of_kind("trigger", sent + 1)) \
            and _paragraph(doc.text, trigger.start) == _paragraph_of_sentence(doc, sent + 1):
        counts = _tolls(doc, sent + 1)
    found = attributions(doc, sent)
    # "les quartiers de Kenscoff", "the district of Harib": a name the gazetteer knows as a
    # town, district or country is the place itself, not a part of a town.
    subs = [s for s in doc.of_kind("sub_location", sent)
            if not any(m.start <= s.start and s.end <= m.end and not m.data.get("unresolved")
                       for m in _sentence_places(doc, sent))]
    # "une autre frappe de drone a touché un tracteur dans le hameau de X", after a strike on
    # Bint Jbeil: the village the gazetteer lacks is near the town told before, not that town.
    unknown = None if basis == "text" else next(
        (m for m in _sentence_places(doc, sent) if m.kind == "place" and m.data.get("unresolved")),
        None)
    return Candidate(
        trigger=trigger, actor1=actor1, assoc_actor1=assoc, actor2=actor2, assoc_actor2=assoc2,
        actor1_basis=basis1, actor2_basis=basis2, place=place,
        place_basis=basis, other_places=other_places, unknown_place=unknown,
        sub_location=_nearest(subs, trigger), date=_nearest(dates, trigger), date_basis=date_basis,
        fatalities=_nearest(counts, trigger), attribution=found[0] if found else None,
    )


def _toll_of_another_act(doc: Document, count: Mention, trigger: Mention) -> bool:
    """Whether a protest's sentence counts the dead of another act, in a clause of its own:
    "residents protested in Gao after gunmen killed two traders" (the killing's dead, not the
    protest's)."""
    if not trigger.label.startswith("protests.") or not doc.doc.has_annotation("DEP"):
        return False
    root, own = _root(doc, count), _clause_verb(doc, trigger)
    for other in doc.of_kind("trigger", trigger.sent):
        if other.label.startswith("protests."):
            continue
        verb = _clause_verb(doc, other)
        if (verb.i != own.i and (root.i == verb.i or verb in root.ancestors)
                and own not in verb.subtree):
            return True
    return False


def _by_position(doc: Document, trigger: Mention, actors: list[Mention], lexicon: Lexicon,
                 taxonomy: Taxonomy, registry: dict[str, ActorEntry],
                 patient: Mention | None) -> tuple[Mention | None, list[Mention]]:
    """The last resort, for a role the parse leaves empty: actor1 the actor before the
    trigger (or after an agent marker), the others after it. `patient`, the actor the parse
    found acted upon, is never actor1, nor is the same actor named again ("ont attaqué un
    poste de police, tuant deux policiers")."""
    actors = [a for a in actors if a is not patient
              and not (patient is not None and patient.label and a.label == patient.label)]
    # "un drone turc", "une frappe israélienne": the trigger's own words name who acted.
    agents = [a for a in actors if a.start < trigger.end and trigger.start < a.end]
    agents += _after_agent_marker(doc, trigger, actors, lexicon, registry)
    before = [a for a in actors if a.end <= trigger.start and a not in agents
              and not _in_another_clause(doc, trigger, a)]
    after = [a for a in actors if a.start >= trigger.end and a not in agents]
    if agents:  # passive: "cinq civils ont été tués par l'armée"
        return agents[0], before + after
    if before:
        return before[-1], after
    if after and trigger.label in taxonomy.file.symmetric and not _targeted(doc, after[0], lexicon):
        return after[0], after[1:]  # "combats entre X et Y"
    return None, after


def _in_another_clause(doc: Document, trigger: Mention, actor: Mention) -> bool:
    """Whether a verb trigger with a subject of its own leaves `actor` outside its clause ("les
    gendarmes ont lancé des grenades lacrymogènes sur la foule et un syndicaliste a été arrêté":
    the crowd, in the first clause, did not arrest the unionist)."""
    if not doc.doc.has_annotation("DEP"):
        return False
    start, end = token_range(doc.doc, trigger)
    verb = doc.doc[start:end].root
    if verb.pos_ != "VERB" or not any(c.dep_ in _SUBJECTS and c.pos_ in ("NOUN", "PROPN")
                                      for c in verb.children):
        return False  # (a pronoun's antecedent may stand anywhere: "when they clashed")
    a_start, _ = token_range(doc.doc, actor)
    return not verb.left_edge.i <= a_start <= verb.right_edge.i


def _subject_elsewhere(doc: Document, actor: Mention, trigger: Mention) -> bool:
    """Whether the parse makes `actor` the subject of a verb other than the trigger ("... ayant
    incendié des biens, et que la police avait ouvert une enquête"): it acts in another clause,
    so word order cannot make it the trigger's target."""
    if not doc.doc.has_annotation("DEP"):
        return False
    root = _root(doc, actor)
    t_start, _ = token_range(doc.doc, trigger)
    verb = root.head
    return (root.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and verb.pos_ in ("VERB", "AUX")
            and not verb.left_edge.i <= t_start <= verb.right_edge.i)


def _tolls(doc: Document, sent: int) -> list[Mention]:
    """The per-event counts of the dead in a sentence (not running totals nor breakdowns)."""
    return [c for c in doc.of_kind("count", sent)
            if c.label == "killed" and not c.data["cumulative"] and not c.data.get("in_breakdown")]


def _counter_crowd(doc: Document, trigger: Mention, lexicon: Lexicon,
                   crowd: str) -> Mention | None:
    """The counter-demonstration of a protest's paragraph ("people also gathered for a
    counter-demonstration"), as ACLED's actor2: other protesters (`crowd`, the type's
    default actor)."""
    pattern = cached_words_regex(tuple(lexicon.actors.counter_crowds))
    if pattern is None:
        return None
    start = _paragraph(doc.text, trigger.start)
    end = doc.text.find("\n", trigger.end)
    found = pattern.search(doc.text, start, len(doc.text) if end < 0 else end)
    if found is None:
        return None
    return Mention("actor", crowd, found.start(), found.end(), trigger.sent)


_HEADLINE_LENGTH = 200  # characters: a line longer than this is a paragraph, not a headline


def _names_a_past_event(doc: Document, trigger: Mention) -> bool:
    """Whether a trigger noun is capitalised after a capitalised name, mid-sentence: part of
    the name history gives an event ("the Sabra Massacre", "the Tet Offensive"), not an
    incident told. Not when the next word is capitalised too, as in a headline that
    capitalises every word ("Gunmen Kill Four Guards in Kidal Raid", "Fresh Rebel
    Shelling;clashes go on"), nor after an actor's name ("Al-Shabaab Attack on a hotel
    kills nine", "Israeli Strike")."""
    start, end = token_range(doc.doc, trigger)
    word, before = doc.doc[start], doc.doc[start - 1] if start else None
    if (before is None or word.pos_ not in ("NOUN", "PROPN") or not word.is_title
            or word.is_sent_start or before.is_sent_start
            or not (before.is_title and before.pos_ == "PROPN")
            or any(m.start <= before.idx < m.end for m in doc.mentions
                   if m.kind in ("actor", "demonym"))):
        return False
    after = next((t for t in doc.doc[end:word.sent.end] if t.is_alpha), None)
    if after is not None and after.is_title:
        return False
    # a headline's capitals, whatever ends it ("Gunmen Kill Four Guards in Kidal Raid.")
    return not all(t.is_title for t in word.sent if t.is_alpha and len(t) > 3)


def _is_headline(text: str, start: int) -> bool:
    """Whether the line at `start` reads as a headline: short, with no full stop at its end."""
    end = text.find("\n", start)
    line = text[start:end if end >= 0 else len(text)].strip()
    return len(line) < _HEADLINE_LENGTH and not line.endswith((".", "!", "?", "»", '"'))


def _paragraph(text: str, offset: int) -> int:
    """The start offset of the paragraph (line) holding `offset`."""
    return text.rfind("\n", 0, offset) + 1


def _paragraph_of_sentence(doc: Document, sent: int) -> int | None:
    mentions = doc.in_sentence(sent)
    return _paragraph(doc.text, mentions[0].start) if mentions else None


def _paragraph_date(doc: Document, trigger: Mention) -> Mention | None:
    """The last date named before the trigger in its paragraph, in an earlier sentence that
    is not background: the day the paragraph's story happened."""
    start = _paragraph(doc.text, trigger.start)
    dates = [m for m in doc.mentions if m.kind in DATE_KINDS and start <= m.start
             and m.sent < trigger.sent and not _is_period_start(doc, m)
             and not is_background_sentence(doc, m.sent)]
    return dates[-1] if dates else None


def _same_day(doc: Document, trigger: Mention, lexicon: Lexicon) -> Mention | None:
    """In a sentence that says it happened the same day as what was told before ("Le même
    jour", "later that day", `same_day` in dates.yaml), the last date named before it that is
    not background."""
    pattern = cached_words_regex(tuple(lexicon.dates.same_day))
    if pattern is None:
        return None
    sentence = doc.doc[token_range(doc.doc, trigger)[0]].sent
    if not pattern.search(doc.text, sentence.start_char, sentence.end_char):
        return None
    # Not the day a source spoke ("a annoncé jeudi l'état-major", "the army said on Tuesday").
    spoke = {m.end for m in doc.of_kind("attribution")}
    dates = [m for m in doc.mentions if m.kind in DATE_KINDS and m.sent < trigger.sent
             and not _is_period_start(doc, m) and not is_background_sentence(doc, m.sent)
             and not any(0 <= m.start - end <= 4 for end in spoke)]
    return dates[-1] if dates else None


def _targeted(doc: Document, actor: Mention, lexicon: Lexicon) -> bool:
    """Whether a target marker (`contre`, `against`) introduces `actor`: it is acted upon."""
    before = doc.text[max(0, actor.start - 30):actor.start].lower().replace("'", "' ").split()
    fillers = {w.lower() for w in lexicon.actors.coordination_fillers}
    while before and before[-1] in fillers:
        before.pop()
    return bool(before) and before[-1] in {m.lower() for m in lexicon.actors.target_markers}


def _kind(registry: dict[str, ActorEntry], label: str) -> str | None:
    entry = registry.get(label)
    return entry.kind if entry else None


def _lead(doc: Document, actor: Mention | None, clause: list[Mention],
          lead_anywhere: bool = True) -> tuple[Mention | None, list[Mention]]:
    """An actor with allies acts as its side: the side's lead is actor1 (`factions soutenues
    par la Turquie` in an HTS-led offensive: HTS), and the allies named in the same clause are
    its associates. With `lead_anywhere` false (a target), a lead named only in another
    sentence leaves the actor as it is: an alliance told in the background ("les forces
    iraniennes et du Hezbollah") does not make Iran the target of a strike on Hezbollah."""
    if actor is None or actor.label not in doc.allies:
        return actor, []
    side = doc.allies[actor.label]
    lead = actor
    if side[0] != actor.label:
        same = [a for a in doc.of_kind("actor") if a.label == side[0]
                and (lead_anywhere or a.sent == actor.sent)]
        if not same:
            return actor, []
        lead = min(same, key=lambda a: abs(a.start - actor.start))
    assoc = {}
    for mention in clause:
        if mention.label in side[1:] and mention.label != lead.label:
            assoc.setdefault(mention.label, mention)
    return lead, list(assoc.values())


def _after_agent_marker(doc: Document, trigger: Mention, actors: list[Mention],
                        lexicon: Lexicon, registry: dict[str, ActorEntry]) -> list[Mention]:
    """`tués par l'armée`, `une frappe de l'aviation russe`: actors after the trigger that an
    agent marker (or, after a trigger noun, a genitive) introduces."""
    markers = {m.lower() for m in lexicon.actors.agent_markers}
    start, _ = token_range(doc.doc, trigger)
    if doc.doc[start].pos_ == "NOUN":
        markers |= {m.lower() for m in lexicon.actors.genitive_markers}
    fillers = {w.lower() for w in lexicon.actors.coordination_fillers}
    agents = []
    for actor in actors:
        if actor.start < trigger.end or _kind(registry, actor.label) == "civilians":
            continue
        gap = doc.text[trigger.end:actor.start].lower().replace("'", "' ").split()
        while gap and gap[-1] in fillers and " ".join(gap) not in markers:
            gap.pop()
        # "bombe larguée par un avion russe": a participle may stand before the marker.
        if any(" ".join(gap[i:]) in markers for i in range(min(len(gap), 2))):
            agents.append(actor)
    return agents


def _of_another_clause(doc: Document, date: Mention, trigger: Mention) -> bool:
    """Whether a date dates something else than the trigger: it sits in a relative clause
    the trigger is outside of, unless that clause hangs on the trigger itself and tells of
    it ("an ambush that insurgents laid on Monday", "l'attaque qu'ils ont menée lundi")."""
    clause = _relative_clause(doc, date, trigger)
    return clause is not None and clause.head.i != _root(doc, trigger).i


def _in_relative_clause(doc: Document, date: Mention, trigger: Mention) -> bool:
    """Whether a date sits in a relative clause the trigger is outside of ("the fighting is
    part of an offensive the ELN launched on Thursday": Thursday dates the launch)."""
    return _relative_clause(doc, date, trigger) is not None


def _relative_clause(doc: Document, mention: Mention, trigger: Mention):
    """The head of the relative clause `mention` sits in and the trigger is outside of;
    None if there is none."""
    if not doc.doc.has_annotation("DEP"):
        return None
    token, inside = _root(doc, mention), _root(doc, trigger)
    for _ in range(6):
        if token.dep_ in ("relcl", "acl:relcl"):
            return token if inside not in token.subtree else None
        if token.head == token:
            break
        token = token.head
    return None


def _dates_a_statement(doc: Document, date: Mention) -> bool:
    """Whether a date says when a source spoke ("the police said on Tuesday", "a annoncé
    jeudi"): it hangs on a speech verb, directly or through a preposition."""
    if not doc.doc.has_annotation("DEP"):
        return False
    head = _root(doc, date).head
    if head.pos_ == "ADP":
        head = head.head
    return any(m.start <= head.idx < m.end and m.label != "preposition"
               for m in doc.of_kind("attribution", date.sent))


def _is_period_start(doc: Document, date: Mention) -> bool:
    """`depuis le début de l'offensive le 27 novembre`, "killed since the protests began in
    late October": the start of a running total's period, not the day of the event."""
    return any(w.end <= date.start and (
        w.label == "cumulative"
        or (w.label == "since" and len(doc.text[w.end:date.start].split()) < SINCE_WORDS))
        for w in doc.of_kind("casualty_word", date.sent))


def _sentence_places(doc: Document, sent: int) -> list[Mention]:
    """The places of a sentence, less a dateline's (where the story was filed), those of the
    words that describe who spoke (where the source was reached) and those the wounded were
    taken to or someone was born in."""
    tail = speaker_tail(doc, sent)
    return [m for m in doc.in_sentence(sent) if m.kind in _PLACE_KINDS
            and not m.data.get("dateline") and not m.data.get("elsewhere")
            and (tail is None or m.start < tail)]


def _place(doc: Document, trigger: Mention, words: PlacesFile) -> tuple[Mention | None, str]:
    here = _sentence_places(doc, trigger.sent)
    cities = [m for m in here if m.kind == "place" and not m.data.get("unresolved")]
    towns = [m for m in cities if not m.data.get("region")]
    cities = towns or cities  # "Hajine, dans la province de Deir ez-Zor": the town
    # not the home of a group ("Darfur communal militia looted ... west of Sirba, West Darfur")
    cities = [m for m in cities if not m.data.get("group")] or cities
    # "Londrina (Parana)": the town, not the region in brackets that says where it is
    cities = [m for m in cities if not m.data.get("container")] or cities
    # "in front of the Saint-Pierre Hospital in Brussels": the town, not a building's name
    cities = [m for m in cities if not m.data.get("building")] or cities
    # "on the Dhaka-Mymensingh highway in Gazipur": the town, not the ends of the road; but
    # not a town named before what happened ("a Sokoto militia abducted them on the road
    # between Tureta and Bakura")
    off_road = [m for m in cities if not m.data.get("route")]
    if not any(m.start >= trigger.end for m in cities if m.data.get("route")) or any(
            m.start >= trigger.end for m in off_road):
        cities = off_road or cities
    if len(cities) > 1 and all(m.data.get("route") for m in cities):
        # "sur la route reliant Bandiagara à Bankass": of the road's ends, the one the story
        # goes on to name (fifteen kilometres from Bankass, the clinic of Bankass)
        told = Counter(m.label for m in doc.of_kind("place"))
        cities = [m for m in cities if told[m.label] == max(told[c.label] for c in cities)]
    if cities:
        # "On Friday, in Bouake, traders protested ... the murder of a vendor in Korhogo": a
        # town that opens the clause of what happened is its scene.
        # Not over a town the trigger's verb itself places it in ("À Kidal, des hommes armés
        # ont tué deux civils à Anefis").
        after = [m for m in cities if m.start >= trigger.end]
        fronted = [m for m in cities if not m.data.get("region")
                   and _opens_the_clause(doc, m, trigger, words.locatives)]
        if fronted and not any(_hangs_on(doc, m, trigger) for m in after):
            return fronted[0], "text"
        return (after[0] if after else _first_of_list(doc.text, cities, words)), "text"
    named = [m for m in here if m.kind == "country" and m.data.get("locative")]
    if named:  # "la trêve au Liban": a country the sentence places it in beats an earlier town
        return named[0], "text"
    earlier = [m for m in doc.of_kind("place") if not m.data.get("unresolved")
               and not m.data.get("dateline") and not m.data.get("elsewhere")
               and m.sent < trigger.sent]
    if earlier:  # the last town named before, else the last region; not one in brackets
        # that says where the town before it lies ("Ariha (Idlib) ... On Saturday, residents demonstrated")
        earlier = [m for m in earlier if not m.data.get("container")] or earlier
        towns = [m for m in earlier if not m.data.get("region")]
        return (towns or earlier)[-1], "context"
    if here:
        return here[0], "text"
    # "Au Togo, des manifestations ... Les forces de l'ordre ont dispersé les manifestants":
    # a story that names one country, and no town before, places what it tells there.
    countries = [m for m in doc.of_kind("country") if not m.data.get("dateline")
                 and not m.data.get("elsewhere")]
    if len({m.label for m in countries}) == 1 and countries[0].sent < trigger.sent:
        return countries[0], "context"
    # "A military airstrike on a village killed ten civilians, locals said." ... "A jet
    # dropped three bombs on X village": a lede (the first paragraph that tells an event)
    # that names no place, with none before it, happened where the sentences just after it
    # say. Not a later paragraph's generality ("Les combats se sont étendus à tout le pays").
    # A town first: "swathes of Myanmar" in a sentence of background between says less.
    ahead = [m for later in range(trigger.sent + 1, trigger.sent + 1 + _LEDE_REACH)
             for m in _sentence_places(doc, later) if not m.data.get("unresolved")]
    towns = [m for m in ahead if m.kind == "place" and not m.data.get("region")]
    # Not when a country is said to be where things happened before ("à Belize"). A headline
    # that tells the event too leaves the lede the next paragraph with a trigger.
    ledes = []
    for t in doc.of_kind("trigger"):
        start = _paragraph(doc.text, t.start)
        if start not in ledes:
            ledes.append(start)
            if len(ledes) == 2 or not _is_headline(doc.text, start):
                break
    if (ahead and _paragraph(doc.text, trigger.start) in ledes
            and not any(m.sent <= trigger.sent and m.data.get("locative") for m in countries)):
        return (towns or ahead)[0], "context"
    if not countries:
        # "Six soldats nigériens ... à la frontière avec le Nigeria": the soldiers' country, a
        # neighbour named; else that neighbour, the one country told.
        neighbours = [m for m in doc.of_kind("country") if m.sent <= trigger.sent
                      and m.data.get("elsewhere") == "neighbour"]
        nationals = _country_of_nationals(doc, words.country_anaphors, bool(neighbours))
        return nationals or (neighbours[0] if neighbours else None), "context"
    return None, "text"


_BRACKETS = re.compile(r"\([^()]*\)")
_BRACKETS_THEN_COMMA = re.compile(r"\s*(?:\([^()]*\)\s*)?,")


def _opens_the_clause(doc: Document, place: Mention, trigger: Mention,
                      locatives: list[str]) -> bool:
    """Whether a place, after a locative, opens the sentence (or follows only its date) and
    hangs on the trigger's word or the verb that governs it: "On Friday, in Bouake (Gbeke),
    traders protested", "À Kidal, des hommes armés ont attaqué". Not a place
    of a clause that only reports ("À Bamako, le ministre a dit que des jihadistes ...")."""
    if place.start >= trigger.start or not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, place)
    lead = doc.text[token.sent.start_char:place.start].rsplit(",", 1)[-1]
    if not (" ".join(lead.lower().split()) in {w.lower() for w in locatives}
            and _BRACKETS_THEN_COMMA.match(doc.text, place.end)):
        return False
    # Parsers may hang it on a date before it ("Vendredi, à Bouaké, ..."): that date's verb.
    verb, head = _clause_verb(doc, trigger), _governor(token)
    return head.i == verb.i or (head.i < token.i and head.head.i == verb.i)


def _hangs_on(doc: Document, place: Mention, trigger: Mention) -> bool:
    """Whether a place hangs, through a preposition at most, on the verb of the trigger's
    clause."""
    if not doc.doc.has_annotation("DEP"):
        return False
    token = _root(doc, place)
    return _governor(token).i == _clause_verb(doc, trigger).i != token.i


def _governor(token):
    """The word a phrase hangs on, through its preposition in English parses."""
    return token.head.head if token.head.pos_ == "ADP" else token.head


def _clause_verb(doc: Document, trigger: Mention):
    """The trigger itself, or the verb above a trigger noun ("held a protest", "blocked the
    road as a demonstration")."""
    verb = _root(doc, trigger)
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb


def _first_of_list(text: str, places: list[Mention], words: PlacesFile) -> Mention:
    """The last place named, or the first of the list it closes ("villagers of Gusau LGA
    (Zamfara) and Tsafe fled"): ACLED codes a list's first place. A word for the kind of place
    ("LGA", "town") and a bracket that says where it lies may follow each name."""
    def split(words: str) -> tuple[str, ...]:
        return tuple(words.lower().replace(",", " , ").split())
    joins = {split(j) for j in words.list_joins}
    kinds = {w.lower() for w in (*words.place_nouns_after, *words.area_nouns_after)}
    first = len(places) - 1
    while first > 0:
        gap = split(_BRACKETS.sub(" ", text[places[first - 1].end:places[first].start]))
        while gap and gap[0] in kinds:
            gap = gap[1:]
        if gap not in joins:
            break
        first -= 1
    return places[first]


def _country_of_nationals(doc: Document, country_anaphors: list[str],
                          neighbour: bool = False) -> Mention | None:
    """"Des soldats burkinabè ont été tués dans le nord du pays": in a story that names no
    place and speaks of "the country" (or names a `neighbour` of the scene), the one country
    all its nationality words name, or else all those that qualify an actor (the first such
    word is the evidence)."""
    # Not the attacker's ("frappes israéliennes sur le sud du pays"), nor a continent's people.
    triggers = [(t.start, t.end) for t in doc.of_kind("trigger")]
    nationals = [m for m in doc.of_kind("demonym") if len(m.label) == 2]
    attackers = {m.label for m in nationals
                 if any(s <= m.start < e or s <= _root(doc, m).head.idx < e for s, e in triggers)}
    nationals = [m for m in nationals if m.label not in attackers]
    if len({m.label for m in nationals}) > 1:  # "soldats burkinabè ... frontière malienne"
        actors = [(a.start, a.end) for a in doc.of_kind("actor")]
        nationals = [m for m in nationals if any(s <= m.start < e for s, e in actors)]
    if not nationals or len({m.label for m in nationals}) > 1:
        return None
    if not neighbour and not (country_anaphors
                              and cached_words_regex(tuple(country_anaphors)).search(doc.text)):
        return None
    first = nationals[0]
    return Mention("country", first.label, first.start, first.end, first.sent)


def _nearest(mentions: list[Mention], trigger: Mention) -> Mention | None:
    if not mentions:
        return None
    return min(mentions, key=lambda m: abs(m.start - trigger.start))
