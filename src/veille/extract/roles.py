"""Roles: who acted (actor1) and who was acted upon (actor2), read from the dependency parse.

For a verb trigger, the subject acts and the object is acted upon; in the passive the agent
(`par`, `by`) acts and the subject is acted upon. For a noun trigger, a possessor or compound
(`the Taliban's attack`, `a Taliban attack`) and a genitive (`l'attaque des jihadistes`) act,
unless the genitive names civilians (`the killing of civilians`: the victims); a target
preposition (`contre`, `sur`, `against`, `on`) introduces who was acted upon. A noun the object
of a light verb (`lancer une attaque`, `carry out a strike`) takes that verb's subject as its
actor; a noun the object of a defence verb (`repousser une attaque`, `repel an attack`) makes
that verb's subject the target. A verb of handing over (`remettre la base à l'armée`) makes
its recipient actor1 and the giver actor2, as ACLED codes a transfer. Symmetric triggers
(`clashed with`) take the other side from an opponent preposition (`avec`, `with`), and a pair
marker names both sides (`un affrontement entre la police et les étudiants`).

Each role found says which construction gave it (`basis`): the evidence records it, and the
events stage falls back on the word order only for a role the parse leaves empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..document import Document, Mention
from ..resources import Lexicon
from .tokens import token_range

# Dependency labels of the two annotation schemes our models use: UD (French) and ClearNLP
# (spaCy's English models).
_SUBJECTS = {"nsubj", "csubj"}
_PASSIVE_SUBJECTS = {"nsubj:pass", "nsubjpass", "csubjpass"}
_OBJECTS = {"obj", "dobj"}
_PASSIVE_MARKS = {"aux:pass", "auxpass"}
_AGENTS = {"obl:agent", "agent"}
_OBLIQUES = {"obl", "obl:arg", "obl:mod", "nmod", "prep"}
# Links inside one noun phrase, followed to find the actor an argument names ("les rebelles
# du M23", "NRF fighters").
_NOMINAL = {"compound", "amod", "nmod", "flat", "flat:name", "appos", "poss", "nummod", "det",
            "case", "fixed", "pobj", "prep", "conj", "cc", "nmod:poss"}
# Links over which a verb without a subject shares its governor's ("attacked A and killed B",
# "killing two", "tried to attack").
_SHARED_SUBJECT = {"conj", "advcl", "xcomp"}


@dataclass(frozen=True)
class Role:
    """An actor mention in a role, and the construction that put it there."""

    mention: Mention
    basis: str  # subject, object, agent, target, genitive, possessor, opponent, light_verb, ...


@dataclass(frozen=True)
class Roles:
    actor1: Role | None = None
    actor2: Role | None = None


def read_roles(doc: Document, trigger: Mention, actors: list[Mention], lexicon: Lexicon,
               civilians: set[str]) -> Roles:
    """The roles the parse gives the `actors` (mentions of the trigger's clause) around
    `trigger`. `civilians` are the labels of actors that are civilians (never agents)."""
    parsed: Doc = doc.doc
    if not actors or not parsed.has_annotation("DEP"):
        return Roles()
    start, end = token_range(parsed, trigger)
    head = parsed[start:end].root
    finder = _Finder(actors)
    words = _Words(lexicon)
    if (head.pos_ == "VERB" and head.lemma_.lower() in words.caught and end - start > 1
            and not (subject := _subject(head))[1]):
        # A trigger that is the mishap itself ("ont sauté sur une mine", "stepped on a
        # mine"): its subject was hit; who laid the mine is not said there.
        hit = finder.named_by(subject[0])
        actor1, actor2 = None, Role(hit, "subject") if hit is not None else None
    elif head.pos_ in ("VERB", "AUX") or (head.dep_ == "ROOT" and head.pos_ != "NOUN"):
        actor1, actor2 = _verb_roles(head, finder, words)
    else:
        actor1, actor2 = _noun_roles(head, finder, words, civilians)
        if ((verb := means_verb(head, words.means)) is not None and not (actor1 and actor2)
                and verb.lemma_.lower() not in words.caught):
            # "RSF killed 75 people in a drone strike": the strike's sides are the verb's.
            doer, done_to = _verb_roles(verb, finder, words)
            actor1 = actor1 or (doer if doer and doer.mention.label not in civilians else None)
            actor2 = actor2 or done_to
    if actor2 is None and (hit := finder.named_by(_aimed_at(head, words.aimed_at))) is not None:
        actor2 = Role(hit, "target")  # "le détachement a été la cible d'une attaque"
    pair = _pair(doc.text, trigger, actors, words)
    if pair is not None and all(r is None or r.mention in pair for r in (actor1, actor2)):
        actor1, actor2 = Role(pair[0], "pair"), Role(pair[1], "pair")
    if actor1 and actor2 and actor1.mention is actor2.mention:
        actor2 = None
    return Roles(actor1, actor2)


def own_act_speaker(doc: Document, trigger: Mention, actors: list[Mention],
                    means: set[str]) -> Mention | None:
    """The actor who tells its own act: the subject of the speech verb whose report's verb
    has a pronoun or no subject of its own, the verb being the trigger or the act a trigger
    noun is the means of ("the militia said it had overrun two army posts", "l'armée a affirmé avoir
    tué dix terroristes lors d'une frappe"); else None."""
    parsed: Doc = doc.doc
    if not actors or not parsed.has_annotation("DEP"):
        return None
    start, end = token_range(parsed, trigger)
    verb = parsed[start:end].root
    if verb.pos_ == "NOUN":
        verb = means_verb(verb, means) or verb
    if verb.pos_ != "VERB" or _is_passive(verb):
        return None
    said = verb.head
    if verb.dep_ == "acl" and said.dep_.startswith("obl"):
        said = said.head  # "a affirmé vendredi avoir tué": the tagger hangs it on the day
    elif verb.dep_ not in ("ccomp", "xcomp"):
        return None
    subjects = _children(verb, _SUBJECTS | _PASSIVE_SUBJECTS)
    if any(s.pos_ != "PRON" or s.dep_ in _PASSIVE_SUBJECTS for s in subjects):
        return None
    if not any(m.start <= said.idx < m.end and m.label == "speech_verb"
               for m in doc.of_kind("attribution", trigger.sent)):
        return None
    speaker = next(iter(_children(said, _SUBJECTS)), None)
    return _Finder(actors).named_by(speaker)


def shared_subject(doc: Document, trigger: Mention, actors: list[Mention]) -> Mention | None:
    """The actor a verb trigger without a subject of its own takes from the verb it hangs on
    ("riot police fired water cannon to scatter the students and arrested two of them": the
    police arrested, though the tagger hangs "arrested" on "scatter"), wherever other
    triggers stand between; else None."""
    parsed: Doc = doc.doc
    if not actors or not parsed.has_annotation("DEP"):
        return None
    start, end = token_range(parsed, trigger)
    verb = parsed[start:end].root
    if verb.pos_ != "VERB" or verb.dep_ not in _SHARED_SUBJECT:
        return None
    subject = active_subject(verb)
    return None if subject is None else _Finder(actors).named_by(subject)


def is_acted_upon(doc: Document, mention: Mention, hurt: frozenset[str] = frozenset(),
                  among: frozenset[str] = frozenset()) -> bool:
    """Whether the parse makes an actor mention the subject of a passive verb ("douze soldats
    ont été tués", "three soldiers were killed") or the noun of a past participle of `hurt`
    (the casualty words: "20 militaires blessés par les éclats des obus", "soldiers wounded by
    shrapnel"; not "a brigade supported by police", nor "gunmen killing five") or the object
    of one ("an attack that killed three police officers"), or the words before it count a
    toll in it (`among`: "trois morts parmi les soldats", "a coûté la vie à six soldats"): the
    side that was hit, never the doer."""
    start = mention.start
    for number in doc.of_kind("number", mention.sent):  # "à six soldats"
        if number.end <= start and not doc.text[number.end:start].strip():
            start = number.start
    before = _words_of(doc.text[max(0, start - 40):start])
    while before and before[-1] in _ARTICLES:
        before.pop()
    if any(before[-len(m.split()):] == m.split() for m in among):
        return True
    parsed: Doc = doc.doc
    if not parsed.has_annotation("DEP"):
        return False
    start, end = token_range(parsed, mention)
    token = parsed[start:end].root
    while token.dep_ in ("conj", "appos", "compound") and token.head != token:
        # "a security secretary and 12 police officers were shot dead" (the tagger may hang
        # a sentence's subject on the dateline before it); "killing four army auxiliaries"
        token = token.head
    return (token.dep_ in _PASSIVE_SUBJECTS
            or (token.dep_ in _SUBJECTS and _is_passive(token.head))
            # "a similar attack that killed three police officers": the killed
            or (token.dep_ in ("dobj", "obj") and token.head.lower_ in hurt)
            or any(c.dep_ == "acl" and c.lower_ in hurt and "Past" in c.morph.get("Tense")
                   and "Part" in c.morph.get("VerbForm") for c in token.children))


class _Words:
    """The language's marker words, lower-cased, for the parse's function words."""

    def __init__(self, lexicon: Lexicon) -> None:
        names = lexicon.actors
        roles = lexicon.roles
        self.agent = {w.lower() for w in names.agent_markers}
        self.target = {w.lower() for w in names.target_markers}
        self.genitive = {w.lower() for w in names.genitive_markers} | set(roles.genitive_markers)
        self.means = {w.lower() for w in roles.means_markers}
        self.facilities = {w.lower() for w in roles.facility_nouns}
        self.opponent = {w.lower() for w in roles.opponent_markers}
        self.pair = {w.lower() for w in roles.pair_markers}
        self.pair_joins = {w.lower() for w in roles.pair_joins}
        self.light = set(roles.light_verbs)
        self.defence = set(roles.defence_verbs)
        self.caught = set(roles.caught_verbs)
        self.handover = set(roles.handover_verbs)
        self.recipient = {w.lower() for w in roles.recipient_markers}
        self.aimed_at = set(roles.target_nouns)
        self.blame = set(roles.blame_verbs)
        self.days = {w.lower() for w in (*lexicon.dates.weekdays, *lexicon.dates.months)}


class _Finder:
    """The actor mention an argument token names: one covering the token, else one inside
    the argument's noun phrase (a named actor before a generic one)."""

    def __init__(self, actors: list[Mention]) -> None:
        self.actors = actors

    def covering(self, token: Token) -> Mention | None:
        for actor in self.actors:
            if actor.start <= token.idx < actor.end:
                return actor
        return None

    def named_by(self, token: Token | None) -> Mention | None:
        if token is None:
            return None
        found: list[Mention] = []
        stack = [token]
        while stack:
            t = stack.pop()
            actor = self.covering(t)
            if actor is not None and actor not in found:
                found.append(actor)
            stack.extend(c for c in t.children if c.dep_ in _NOMINAL and c.dep_ != "conj")
        if not found:
            return None
        named = [a for a in found if a.label and "{country}" not in a.label]
        return min(named or found, key=lambda a: a.start)


# Articles between a marker and the group it introduces ("parmi les soldats").
_ARTICLES = {"le", "la", "les", "l'", "l’", "des", "du", "the"}
# Words at most between a trigger and the pair it names ("ont éclaté dimanche soir entre").
_PAIR_REACH = 6


def _pair(text: str, trigger: Mention, actors: list[Mention],
          words: _Words) -> tuple[Mention, Mention] | None:
    """The two sides a pair marker names after the trigger ("un affrontement entre la police
    et les étudiants", "clashes erupted between the army and the rebels"). Read from the words,
    not the parse: parsers often hang the second side on the next verb as its subject."""
    after = sorted((a for a in actors if a.start >= trigger.end), key=lambda a: a.start)
    if not after:
        return None
    first = after[0]
    between = text[trigger.end:first.start]
    lead = _words_of(between)
    # the marker may stand a day or an article before the first side ("a opposé lundi l'armée")
    marks = [i for i, w in enumerate(lead) if w in words.pair]
    if (len(lead) > _PAIR_REACH or not marks or len(lead) - marks[-1] > 4
            or any(p in between for p in ",;.")):
        return None
    second = next((a for a in after if a.start >= first.end), None)
    if second is None:
        return None
    gap = _words_of(text[first.end:second.start])
    # only the join and articles between the two sides ("et les", "and the")
    if (not set(gap) & words.pair_joins or len(gap) > 3
            or any(w not in words.pair_joins and len(w) > 3 for w in gap)):
        return None
    return first, second


def _words_of(text: str) -> list[str]:
    """Lower-cased words, an elided article its own word ("entre l'armée")."""
    return text.lower().replace("'", "' ").replace("’", "’ ").split()


def _children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _marker(token: Token) -> str:
    """The preposition that introduces `token` (UD: its `case` child; ClearNLP: the `prep`
    head of a `pobj`), lower-cased with the article it is fused with."""
    cases = [c for c in token.children if c.dep_ in ("case", "fixed")]
    if cases:
        return " ".join(c.lower_ for c in cases)
    if token.dep_ == "pobj":
        return token.head.lower_
    return ""


def _prepositional(head: Token) -> list[tuple[str, Token]]:
    """(preposition, noun) pairs of `head`'s prepositional arguments, in both schemes."""
    found = []
    for child in head.children:
        if child.dep_ == "prep":
            found += [(child.lower_, o) for o in child.children if o.dep_ == "pobj"]
        elif child.dep_ in _OBLIQUES:
            found.append((_marker(child), child))
    return found


def _beyond_days(arguments: list[tuple[str, Token]], days: set[str]) -> list[tuple[str, Token]]:
    """The arguments of a noun, those of a day it names in their place: in "l'attaque de
    dimanche contre un camp militaire" Sunday is no actor, and the parser often hangs the
    camp on it."""
    found = []
    for marker, arg in arguments:
        found += _prepositional(arg) if arg.lower_ in days else [(marker, arg)]
    return found


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of `verb` and whether it is a passive one; a verb without one (a second
    conjunct, a participle clause `killing two`, `tried to attack`) takes its governor's,
    and is passive only by its own marks (`sont entrés et ont pris`: `ont pris` is active)."""
    seen, own = 0, verb
    while verb is not None and seen < 4:
        for child in verb.children:
            if child.dep_ in _PASSIVE_SUBJECTS:
                # "five people were found beheaded": a bare participle below a passive says
                # what its subject underwent too; "ont finalement pris" is active, whatever
                # the tagger calls its subject
                return child, not _has_perfect(verb) and (
                    verb is own or _is_passive(own) or bare_participle(own))
            if child.dep_ in _SUBJECTS:
                return child, verb is own and headline_passive(own)
        if verb.dep_ not in _SHARED_SUBJECT or verb.head == verb:
            return None, False
        verb, seen = verb.head, seen + 1
    return None, False


def active_subject(verb: Token) -> Token | None:
    """The subject that does `verb`'s act, its own or that of the verb it is coordinated with
    ("an armed group invaded a bar and killed twelve"); None for a passive one."""
    subject, passive = _subject(verb)
    return None if passive else subject


def _is_passive(verb: Token) -> bool:
    return (any(c.dep_ in _PASSIVE_MARKS | _PASSIVE_SUBJECTS for c in verb.children)
            or headline_passive(verb)) and not _has_perfect(verb)


def _has_perfect(verb: Token) -> bool:
    """Whether a verb is in the active perfect ("ont finalement pris"), whatever the tagger
    calls its subject: "avoir" and no passive "être" ("ont été pris") among its auxiliaries."""
    return (any(c.dep_ == "aux:tense" and c.lemma_ == "avoir" for c in verb.children)
            and not any(c.dep_ in _PASSIVE_MARKS for c in verb.children))


def bare_participle(verb: Token) -> bool:
    """A participle with no auxiliary ("retrouvées décapitées", "found beheaded")."""
    return "Part" in verb.morph.get("VerbForm") and not any(
        c.dep_.startswith("aux") for c in verb.children)


def headline_passive(verb: Token) -> bool:
    """A past participle with a subject and no auxiliary: a headline's passive ("Protestors
    arrested in Tehran", "Five soldiers killed in attack"). English tags tell the participle
    (VBN) from the past tense (VBD: "Gunmen attacked a village")."""
    return (verb.tag_ == "VBN" and any(c.dep_ in _SUBJECTS for c in verb.children)
            and not any(c.dep_.startswith("aux") or c.dep_ in _OBJECTS for c in verb.children))


def _agent(verb: Token, markers: set[str], shared: bool = True) -> Token | None:
    """The agent of a passive verb; one coordinated with it shares it ("was beaten up and
    killed by five residents")."""
    found = _own_agent(verb, markers)
    if found is None and shared:
        for other in [*(c for c in verb.children if c.dep_ == "conj"),
                      *([verb.head] if verb.dep_ == "conj" else [])]:
            if _is_passive(other) or other.tag_ == "VBN":
                found = _own_agent(other, markers)
                if found is not None:
                    break
    return found


def means_verb(noun: Token, markers: set[str]) -> Token | None:
    """The verb whose act a noun says the means of, over a preposition of `markers`
    ("destroyed a depot with artillery fire", "tués dans une frappe"); else None. The tagger
    often hangs the preposition on the verb's object: it is still the verb's."""
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in markers:
        verb = noun.head.head
        if verb.dep_ in ("dobj", "obj") and verb.pos_ in ("NOUN", "PROPN"):
            verb = verb.head
    elif noun.dep_.startswith("obl") and any(c.dep_ == "case" and c.lower_ in markers
                                              for c in noun.children):
        verb = noun.head
    elif noun.dep_.startswith("obl") and noun.head.lower_ in markers and noun.head.pos_ == "ADV":
        verb = noun.head.head  # "tués lors d'une frappe": the tagger hangs it on "lors"
    else:
        return None
    return verb if verb.pos_ == "VERB" else None


# Links from a blamed name up to the verb that blames it: its object, or the object of its
# preposition ("blamed the attack on X", "attribué l'attaque aux FSR", "imputée aux FSR").
BLAMED_LINKS = frozenset({"dobj", "obj", "pobj", "prep", "obl", "obl:arg", "obl:mod", "iobj"})


def governor(token: Token, lemmas: set[str], links: set[str] | frozenset[str],
             hops: int) -> Token | None:
    """The first word of `lemmas` up the parse from `token`, over `links` only, within
    `hops` links; None if there is none."""
    for _ in range(hops):
        if token.dep_ not in links or token.head == token:
            return None
        token = token.head
        if token.lemma_.lower() in lemmas:
            return token
    return None


def doer_of(verb: Token, agent_markers: set[str]) -> Token | None:
    """Who does a verb's act in the parse: the agent of a passive verb (after one of
    `agent_markers`), else its subject."""
    subject, passive = _subject(verb)
    return _own_agent(verb, agent_markers) if passive else subject


def _own_agent(verb: Token, markers: set[str]) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":  # ClearNLP: by -> pobj
            return next((o for o in child.children if o.dep_ == "pobj"), None)
        if child.dep_ == "obl:agent":
            return child
    if _is_passive(verb):  # "tués dimanche par des hommes armés", hung as a plain oblique
        found = next((c for c in verb.children if c.dep_.startswith("obl")
                      and _marker(c) in markers), None)
        # "larguées sur El Fasher par l'armée": the tagger often hangs the agent on the
        # oblique before it; "par" after a passive verb is still its agent.
        return found or next((n for c in verb.children if c.dep_ in _OBLIQUES
                              for n in c.children if n.dep_ in ("nmod", "prep", "pobj")
                              and n.i > c.i and _marker(n) in markers), None)
    return None


def _aimed_at(trigger: Token, target_nouns: set[str]) -> Token | None:
    """The subject of a target noun the trigger noun complements ("le détachement a été la
    cible d'une attaque", "the post was the target of an attack"), if any."""
    target = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
    if target == trigger or target.lemma_.lower() not in target_nouns:
        return None
    clause = target.head if target.dep_ == "attr" else target  # English: "was" holds the subject
    return next(iter(_children(clause, _SUBJECTS | _PASSIVE_SUBJECTS)), None)


def _verb_roles(verb: Token, finder: _Finder, words: _Words) -> tuple[Role | None, Role | None]:
    subject, passive = _subject(verb)
    if verb.lemma_.lower() in words.defence and not passive:
        # "police repelled a gang's attack": the subject was attacked; the attack's own
        # possessor or genitive attacked.
        defender = finder.named_by(subject)
        obj = next(iter(_children(verb, _OBJECTS)), None)
        attacker = _noun_roles(obj, finder, words, set())[0] if obj is not None else None
        return attacker, Role(defender, "defender") if defender is not None else None
    if verb.lemma_.lower() in words.handover:
        # "ont remis la base à l'armée nigérienne": who takes the ground is actor1.
        # The tagger often hangs "à l'armée" inside the object ("la base de Gao à l'armée").
        args = _prepositional(verb) + [a for o in _children(verb, _OBJECTS)
                                       for t in o.subtree for a in _prepositional(t)]
        recipient = next((finder.named_by(noun) for marker, noun in args
                          if marker in words.recipient and finder.named_by(noun)), None)
        giver = finder.named_by(_agent(verb, words.agent) if passive else subject)
        if recipient is not None:
            return Role(recipient, "recipient"), Role(giver, "giver") if giver else None
    actor1 = actor2 = None
    if passive:
        if (agent := finder.named_by(_agent(verb, words.agent))) is not None:
            actor1 = Role(agent, "agent")
        if (patient := finder.named_by(subject)) is not None:
            actor2 = Role(patient, "subject")
    else:
        if (doer := finder.named_by(subject)) is not None:
            actor1 = Role(doer, "subject")
        obj = next(iter(_children(verb, _OBJECTS)), None)
        if (patient := finder.named_by(obj)) is not None:
            actor2 = Role(patient, "object")
        elif obj is not None and (owner := _owner(obj, finder, words)) is not None:
            actor2 = Role(owner, "owner")  # "shot down a missile fired by the Houthis"
    if actor2 is None:
        for marker, noun in _prepositional(verb):
            basis = ("target" if marker in words.target
                     else "opponent" if marker in words.opponent else None)
            if basis and (other := finder.named_by(noun)) is not None:
                actor2 = Role(other, basis)
                break
    return actor1, actor2


def _owner(obj: Token, finder: _Finder, words: _Words) -> Mention | None:
    """The agent of a participle on an object that names no actor ("a ballistic missile and
    two drones fired by the Houthis", "a convoy escorted by soldiers"): whose it was."""
    for token in obj.subtree:
        if (token.dep_ in ("acl", "acl:relcl") and token.head in (obj, *obj.conjuncts)
                and (agent := finder.named_by(_own_agent(token, words.agent))) is not None):
            return agent
    return None


def _noun_roles(noun: Token, finder: _Finder, words: _Words,
                civilians: set[str]) -> tuple[Role | None, Role | None]:
    actor1 = actor2 = None
    if (own := finder.covering(noun)) is not None and own.label not in civilians:
        actor1 = Role(own, "nationality")  # "un drone turc", "Russian airstrikes"
    for child in noun.children:  # "the Taliban's attack", "une attaque jihadiste"
        if (child.dep_ in ("poss", "nmod:poss", "compound", "amod") and actor1 is None
                and (doer := finder.named_by(child)) is not None and doer.label not in civilians):
            actor1 = Role(doer, "possessor")
    for child in noun.children:  # "a Taliban-planted bomb", "an ISIS-planted mine"
        if child.dep_ == "amod" and child.tag_ == "VBN" and actor1 is None:
            doer = next((a for g in child.children if g.i < child.i and g.dep_ != "punct"
                         and (a := finder.covering(g)) is not None), None)
            if doer is not None and doer.label not in civilians:
                actor1 = Role(doer, "agent")
    for child in noun.children:  # "deux attaques menées par les FSR", "strikes carried out by"
        if (child.dep_ in ("acl", "acl:relcl") and actor1 is None
                and (doer := finder.named_by(_own_agent(child, words.agent))) is not None):
            actor1 = Role(doer, "agent")
    for child in noun.children:  # "an ambush the insurgents mounted", "l'attaque qu'ils ont menée"
        if (child.dep_ in ("relcl", "acl:relcl") and actor1 is None
                and child.lemma_.lower() in words.light
                and (subject := _subject(child))[0] is not None and not subject[1]
                and (doer := finder.named_by(subject[0])) is not None
                and doer.label not in civilians):
            actor1 = Role(doer, "light_verb")
    # "des frappes (de drones) imputées à l'armée", "attacks blamed on"
    for child in [*noun.children, *(g for c in noun.children if c.dep_ == "nmod"
                                    for g in c.children)]:
        if (child.dep_ in ("acl", "acl:relcl") and actor1 is None
                and child.lemma_.lower() in words.blame):
            blamed = [finder.named_by(arg) for _, arg in _prepositional(child)]
            if doer := next((b for b in blamed if b is not None), None):
                actor1 = Role(doer, "blamed")
    for marker, arg in _beyond_days(_prepositional(noun), words.days):
        other = finder.named_by(arg)
        if other is None:
            continue
        if marker in words.agent and actor1 is None:
            actor1 = Role(other, "agent")
        elif marker in words.target and actor2 is None:
            actor2 = Role(other, "target")
        elif marker in words.opponent and actor2 is None:
            actor2 = Role(other, "opponent")  # "the clashes with the 33rd Front
        elif marker in words.genitive:
            # "l'attaque d'un de ses camps": the camp is the pronoun's noun
            nouns = [arg, *(c for c in arg.children if c.dep_ in ("nmod", "pobj", "prep"))]
            if other.label in civilians or any(n.lemma_.lower() in words.facilities
                                               for n in nouns):
                actor2 = actor2 or Role(other, "genitive")
            elif actor1 is None:
                actor1 = Role(other, "genitive")
    governor = noun.head if noun.head != noun else None
    verb = governor.head if governor is not None and governor.dep_ == "prep" else governor
    if verb is not None and noun.dep_ in _OBLIQUES | {"pobj"} and _is_passive(verb):
        # "Sept civils ont été tués dans l'attaque d'un village par des combattants du 3R":
        # the agent of the passive verb the noun tells the circumstance of acted in it, and
        # its subject was hit.
        if actor1 is None and (agent := finder.named_by(_agent(verb, words.agent))) is not None:
            actor1 = Role(agent, "agent")
        if actor2 is None and (hit := finder.named_by(_subject(verb)[0])) is not None:
            actor2 = Role(hit, "subject")
    # "un groupe de soldats est tombé dans une embuscade", "a patrol fell into an ambush":
    # the subject was attacked.
    if (actor2 is None and verb is not None and verb.lemma_.lower() in words.caught
            and noun.dep_ in _OBLIQUES | {"pobj"}
            and (hit := finder.named_by(_subject(verb)[0])) is not None):
        actor2 = Role(hit, "subject")
    # "une attaque à l'engin explosif a été perpétrée par des djihadistes", "the attack was
    # carried out by": the agent of a light verb in the passive acted.
    event = noun.head if noun.dep_ in ("obl:arg", "nmod") and noun.head.pos_ == "NOUN" else noun
    if (actor1 is None and event.dep_ in _PASSIVE_SUBJECTS and event.head.lemma_ in words.light
            and (doer := finder.named_by(_agent(event.head, words.agent))) is not None):
        actor1 = Role(doer, "light_verb")
    # "une attaque a été repoussée par les soldats": the agent of a defence verb was attacked.
    if (actor2 is None and event.dep_ in _PASSIVE_SUBJECTS and event.head.lemma_ in words.defence
            and (defender := finder.named_by(_agent(event.head, words.agent))) is not None):
        actor2 = Role(defender, "defender")
    if governor is not None and noun.dep_ in _OBJECTS:
        subject, passive = _subject(governor)
        doer = finder.named_by(_agent(governor, words.agent) if passive else subject)
        if doer is not None and governor.lemma_ in words.light and actor1 is None:
            actor1 = Role(doer, "light_verb")
        elif doer is not None and governor.lemma_ in words.defence and actor2 is None:
            actor2 = Role(doer, "defender")
    return actor1, actor2
