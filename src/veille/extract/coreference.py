"""Coreference stage: give generic references their actor, and find who fights beside whom.

- An anaphor (`l'ONG`, `les insurgés`, `l'alliance islamiste`) takes the actor it selects
  (`kind:source`, `inter:2`, `tag:islamist`) that was named last before it, preferring actors
  named by name over actors named by description; with none before, the first one after
  (`selon une ONG` ... `L'Observatoire syrien des droits de l'homme a déclaré`).
- A country named beside a military actor (`l'armée syrienne et de Russie`) is that country's
  military; so is one named as a side against an actor (`between Israel and Hezbollah`).
- A bare "soldiers" after the article named one state's forces is those forces; a family of
  groups named in general ("FARC dissidents") is the one faction of it the article names.
- Actors joined by a coordinator (`X et d'autres factions Y`) are allies: one side, whose lead
  is the first named by name. `doc.allies` maps each member to its side, lead first.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection

from ..document import Document, Mention
from ..resources import Lexicon
from ..resources.schemas import ActorEntry
from .roles import BLAMED_LINKS, governor
from .tokens import token_range


def resolve_references(doc: Document, lexicon: Lexicon, actors: dict[str, ActorEntry],
                       country_name: Callable[[str], str],
                       symmetric: Collection[str] = ()) -> Document:
    """Resolve anaphors, countries beside armies, and alliances in `doc.mentions`.
    `country_name` gives a country's English name from its ISO code; `symmetric` are the
    trigger labels whose subject may be both sides (taxonomy.yaml: a clash)."""
    _name_militaries(doc, lexicon, actors, country_name)
    _forces_of_countries(doc, lexicon, actors, country_name)
    _resolve_anaphors(doc, actors)
    _armies_of_countries(doc, lexicon, actors, country_name)
    _countries_as_sides(doc, lexicon, actors, country_name)
    _countries_acting(doc, lexicon, actors, country_name)
    _generic_forces(doc, actors)
    _one_faction(doc)
    doc.allies = _alliances(doc, lexicon, actors, set(symmetric))
    return doc


def _one_faction(doc: Document) -> None:
    """A family of groups named in general ("FARC dissidents", ACLED's `FARC Dissident: ...`)
    in an article that names one faction of it ("the 33rd Front", `FARC Dissident - 33rd
    Front: ...`) is that faction, wherever the article names it."""
    actors = [m for m in doc.of_kind("actor") if m.label and ":" in m.label]
    factions: dict[str, set[str]] = {}
    for mention in actors:
        family, _, faction = mention.label.split(":")[0].partition(" - ")
        if faction:
            factions.setdefault(family, set()).add(mention.label)
    for mention in actors:
        found = factions.get(mention.label.split(":")[0], set())
        if len(found) == 1:
            mention.label = next(iter(found))


# Templates of a state's forces a bare word names ("soldiers", "the police").
_FORCES = ("Military Forces of {country}", "Police Forces of {country}")
# A period that ends a name ("Military Forces of Ukraine (2019-)"); one before more words
# ("... (2022-) Security Belt Forces") marks a unit, which resolve/actors.py's pattern ignores.
_PERIOD = re.compile(r" \(\d{4}-\d{0,4}\)$")


def _generic_forces(doc: Document, actors: dict[str, ActorEntry]) -> None:
    """A bare "soldiers", "the police" after the article named one state's forces of that kind
    ("Palestinian rioters clashed with Israeli military forces ... Soldiers fired tear gas")
    are those forces, not the event country's; after two or none, the template stays."""
    named: dict[str, set[str]] = {template: set() for template in _FORCES}
    for mention in sorted(doc.of_kind("actor"), key=lambda m: m.start):
        if mention.label in named:
            if len(named[mention.label]) == 1:
                mention.label = next(iter(named[mention.label]))
            continue
        entry = actors.get(mention.label)
        if entry is None or entry.kind != "state" or mention.data.get("alternatives"):
            continue  # "NAF": Nigeria's air force or Novorossiya's, told by the event's country
        if "(" in _PERIOD.sub("", mention.label):
            continue  # a unit ("... (2022-) Security Belt Forces"): the police it belongs to
        for template in _FORCES:
            if mention.label.startswith(template.split("{")[0]):
                named[template].add(mention.label)


def state_forces(code: str, actors: dict[str, ActorEntry], template: str | None,
                 country_name: Callable[[str], str]) -> str | None:
    """The canonical name of a country's military: its entry in actors.yaml, else the template
    filled with the country's name."""
    for name, entry in actors.items():
        if entry.kind == "state" and entry.country == code and name.startswith("Military"):
            return name
    return template.format(country=country_name(code)) if template else None


def _name_militaries(doc: Document, lexicon: Lexicon, actors: dict[str, ActorEntry],
                     country_name: Callable[[str], str]) -> None:
    kept = []
    for mention in doc.mentions:
        code = mention.data.get("military_of") if mention.kind == "actor" else None
        if code is not None:
            name = state_forces(code, actors, lexicon.actors.military_template, country_name)
            if name is None:
                continue
            mention.label = name
        kept.append(mention)
    doc.mentions = kept


def _forces_of_countries(doc: Document, lexicon: Lexicon, actors: dict[str, ActorEntry],
                         country_name: Callable[[str], str]) -> None:
    """`military forces of Armenia`, `la police du Niger`: a generic state force followed by a
    country (actors.yaml `country_links`) is that country's force, wherever the event is."""
    links = {w.lower() for w in lexicon.actors.country_links}
    if not links:
        return
    nouns = {w.lower() for w in lexicon.actors.military_nouns if " " not in w}
    for country in doc.of_kind("country"):
        left = [a for a in doc.of_kind("actor", country.sent) if a.end <= country.start]
        if not left or "{country}" not in left[-1].label:
            continue
        force = left[-1]
        words = doc.text[force.end:country.start].lower().replace("'", "' ").split()
        while words and words[0] in nouns:  # "the military [forces] of Azerbaijan"
            words.pop(0)
        if actors.get(force.label, ActorEntry()).kind == "state" and " ".join(words) in links:
            if force.label == lexicon.actors.military_template:
                force.label = state_forces(country.label, actors, force.label, country_name)
            else:
                force.label = force.label.format(country=country_name(country.label))
            force.data["from_country"] = country.label
            force.end = country.end  # the evidence quotes "military forces of Armenia"


def _selects(selector: str, name: str, actors: dict[str, ActorEntry]) -> bool:
    entry = actors.get(name)
    if entry is None:
        return False
    kind, _, value = selector.partition(":")
    if kind == "kind":
        return entry.kind == value
    if kind == "tag":
        return value in entry.tags
    return str(entry.inter) == value


def _resolve_anaphors(doc: Document, actors: dict[str, ActorEntry]) -> None:
    named = [m for m in doc.of_kind("actor") if "anaphor" not in m.data]
    stand_ins = {selector: name for name, entry in actors.items()
                 for selector in entry.stands_in_for}
    dropped = []
    # Per selector, the named actors it fits, by end and by start (text order), so that each
    # anaphor finds its antecedent by bisection: long articles hold hundreds of each.
    fitting: dict[str, tuple[list[Mention], list[int], list[Mention], list[int], list[int]]] = {}
    for mention in doc.of_kind("actor"):
        selector = mention.data.get("anaphor")
        if selector is None:
            continue
        if selector not in fitting:
            fits = [m for m in named if _selects(selector, m.label, actors)]
            by_name = [m for m in fits if not m.data.get("description")]
            fitting[selector] = (fits, [m.end for m in fits], by_name,
                                 [m.end for m in by_name], [m.start for m in fits])
        fits, fit_ends, by_name, name_ends, fit_starts = fitting[selector]
        # ends are in text order too: these mentions never overlap one another
        named_before = bisect_right(name_ends, mention.start)
        any_before = bisect_right(fit_ends, mention.start)
        target = (by_name[named_before - 1] if named_before
                  else fits[any_before - 1] if any_before else None)
        if target is None:
            after = bisect_left(fit_starts, mention.end)
            target = fits[after] if after < len(fits) else None
        if _inside_noun_phrase(doc, mention) or (target is None and selector not in stand_ins):
            dropped.append(mention)
            continue
        if target is None:  # "des jihadistes présumés", no group named: an unnamed group
            mention.label = stand_ins[selector]
            continue
        mention.label = target.label
        mention.data["refers_to"] = (target.start, target.end)
        if target.data.get("alternatives"):  # "IS ... the group": whichever IS the event's is
            mention.data["alternatives"] = target.data["alternatives"]
    gone = {id(m) for m in dropped}
    doc.mentions = [m for m in doc.mentions if id(m) not in gone]


def _inside_noun_phrase(doc: Document, mention: Mention) -> bool:
    """`l'Administration des opérations militaires des rebelles`: a generic word that only
    qualifies the actor just before it is not a reference of its own."""
    for other in doc.of_kind("actor", mention.sent):
        if "anaphor" not in other.data and other.end <= mention.start:
            gap = doc.text[other.end:mention.start].strip().lower()
            if gap in ("de", "des", "du", "d'", "of", "of the"):
                return True
    return False


def _gap_is_coordination(doc: Document, left: Mention, right: Mention, lexicon: Lexicon,
                         joiners: list[str] | None = None) -> bool:
    """Whether only a coordination (or, given, one of `joiners`) stands between two actors."""
    if left.sent != right.sent or left.end > right.start:
        return False
    words = doc.text[left.end:right.start].lower().replace("'", "' ").split()
    fillers = {w.lower() for w in lexicon.actors.coordination_fillers}
    while words and words[-1] in fillers:
        words.pop()
    while words and (words[0] in fillers or words[0] == ","):
        words.pop(0)  # "l'armée, appuyée par des miliciens": an apposition joins too
    joiners = lexicon.actors.coordination if joiners is None else joiners
    return " ".join(words) in {" ".join(c.lower().replace("'", "' ").split()) for c in joiners}


def _armies_of_countries(doc: Document, lexicon: Lexicon, actors: dict[str, ActorEntry],
                         country_name: Callable[[str], str]) -> None:
    template = lexicon.actors.military_template
    if not template:
        return
    added = []
    for country in doc.of_kind("country"):
        left = [a for a in doc.of_kind("actor", country.sent) if a.end <= country.start]
        if not left or actors.get(left[-1].label, ActorEntry()).kind != "state":
            continue
        if _gap_is_coordination(doc, left[-1], country, lexicon):
            label = state_forces(country.label, actors, template, country_name)
            added.append(Mention("actor", label, country.start, country.end, country.sent,
                                 {"from_country": country.label}))
    doc.mentions = sorted(doc.mentions + added, key=lambda m: (m.start, m.end))


def _countries_as_sides(doc: Document, lexicon: Lexicon, actors: dict[str, ActorEntry],
                        country_name: Callable[[str], str]) -> None:
    """`a ceasefire between Israel and Hezbollah`, `entre Israël et le Hezbollah`: a country
    named as one side against an actor is that country's state (its military; an agreement
    takes its government at resolve), and not where anything happened."""
    template = lexicon.actors.military_template
    if not template:
        return
    added = []
    for country in doc.of_kind("country"):
        named = [a for a in doc.of_kind("actor", country.sent) if not a.data.get("metonym")]
        after = [a for a in named if a.start >= country.end]
        before = [a for a in named if a.end <= country.start]
        first = (_opposed(doc, country, lexicon) and after
                 and _gap_is_coordination(doc, country, after[0], lexicon))
        second = (before and _gap_is_coordination(doc, before[-1], country, lexicon)
                  and _opposed(doc, before[-1], lexicon))
        if first or second:
            label = state_forces(country.label, actors, template, country_name)
            added.append(Mention("actor", label, country.start, country.end, country.sent,
                                 {"from_country": country.label}))
            if not country.data.get("locative"):
                country.data["elsewhere"] = "actor"
    doc.mentions = sorted(doc.mentions + added, key=lambda m: (m.start, m.end))


def _countries_acting(doc: Document, lexicon: Lexicon, actors: dict[str, ActorEntry],
                      country_name: Callable[[str], str]) -> None:
    """`Israël a frappé un camp`, `Israël a mené des frappes`: a country that is the subject
    of a trigger verb, or of a verb whose object is a trigger noun, is its state's forces;
    one that is the subject of a speech verb (`Israël a déclaré`) is its state speaking.
    Neither is where anything happened."""
    template = lexicon.actors.military_template
    if not template or not doc.doc.has_annotation("DEP"):
        return
    parsed = doc.doc
    blame = {w.lower() for w in lexicon.roles.blame_verbs}
    added = []
    for country in doc.of_kind("country"):
        if country.data.get("elsewhere"):
            continue
        start, end = token_range(parsed, country)
        token = parsed[start:end].root
        if governor(token, blame, BLAMED_LINKS, 2) is not None:
            # "a strike blamed on Israel", "attribuée à Israël" (so before the locative test):
            # its forces are accused
            label = state_forces(country.label, actors, template, country_name)
            added.append(Mention("actor", label, country.start, country.end, country.sent,
                                 {"from_country": country.label}))
            country.data["elsewhere"] = "actor"
            continue
        if country.data.get("locative") or token.dep_ not in ("nsubj", "nsubj:obj"):
            continue
        head = token.head
        words = [head, *(c for c in head.children if c.dep_ in ("obj", "dobj"))]
        if any(m.start <= w.idx < m.end for w in words
               for m in doc.of_kind("trigger", country.sent)):
            label = state_forces(country.label, actors, template, country_name)
            added.append(Mention("actor", label, country.start, country.end, country.sent,
                                 {"from_country": country.label}))
            country.data["elsewhere"] = "actor"
        elif any(m.start <= head.idx < m.end and m.label != "preposition"
                 for m in doc.of_kind("attribution", country.sent)):
            country.data["elsewhere"] = "speaker"
    doc.mentions = sorted(doc.mentions + added, key=lambda m: (m.start, m.end))


def _opposed(doc: Document, left: Mention, lexicon: Lexicon) -> bool:
    """Whether an opposition marker (`entre`, `between`) stands just before `left`, or before
    the mention of the same actor its phrase begins with (`entre les rebelles de l'AFC/M23`)."""
    fillers = {w.lower() for w in lexicon.actors.coordination_fillers}
    start = left.start
    for other in reversed(doc.of_kind("actor", left.sent)):
        gap = doc.text[other.end:start].lower().replace("'", "' ").split()
        if other.end <= start and other.label == left.label and all(w in fillers for w in gap):
            start = other.start
    before = doc.text[max(0, start - 40):start].lower().replace("'", "' ").split()
    # a day may stand between the marker and the sides: "a opposé lundi l'armée et ..."
    days = {w.lower() for w in lexicon.dates.weekdays}
    while before and (before[-1] in fillers or before[-1] in days):
        before.pop()
    markers = {m.lower() for m in lexicon.actors.opposition_markers}
    return bool(before) and before[-1] in markers


def _fight_each_other(doc: Document, left: Mention, symmetric: set[str]) -> bool:
    """Whether the coordination `left` begins is the subject of a clash ("the army and the RSF
    have been fighting a war"): its actors are the two sides, not one."""
    if not symmetric or not doc.doc.has_annotation("DEP"):
        return False
    start, end = token_range(doc.doc, left)
    root = doc.doc[start:end].root
    if not root.dep_.startswith("nsubj"):
        return False
    verb = root.head
    return any(t.label in symmetric and t.start <= verb.idx < t.end
               for t in doc.of_kind("trigger", left.sent))


def _alliances(doc: Document, lexicon: Lexicon, registry: dict[str, ActorEntry],
               symmetric: set[str]) -> dict[str, list[str]]:
    # Civilians are never a fighting side: "civils et militaires" are victims counted together.
    actors = [a for a in doc.of_kind("actor") if not a.data.get("metonym")
              and getattr(registry.get(a.label), "kind", None) != "civilians"]
    sides: list[list[Mention]] = []
    # "JWS, which operates under OPS": the umbrella leads the side.
    umbrellas = set()
    for left, right in itertools.pairwise(actors):
        if left.label != right.label and _gap_is_coordination(
                doc, left, right, lexicon, lexicon.actors.umbrella_markers):
            umbrellas.add(right.label)
        elif left.label == right.label or not _gap_is_coordination(doc, left, right, lexicon):
            continue
        if _opposed(doc, left, lexicon) or _fight_each_other(doc, left, symmetric):
            continue  # "combats entre X et Y", "X and Y clashed": two sides, not one
        side = next((s for s in sides if any(m.label in (left.label, right.label) for m in s)),
                    None)
        if side is None:
            sides.append([left, right])
        else:
            side += [left, right]
    allies: dict[str, list[str]] = {}
    for side in sides:
        named = [m for m in side if not m.data.get("description")]
        lead = next((m.label for m in side if m.label in umbrellas), (named or side)[0].label)
        members = [lead] + [m.label for m in side if m.label != lead]
        members = list(dict.fromkeys(members))
        for label in members:
            allies[label] = members
    return allies
