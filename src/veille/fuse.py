"""Fuse stage: merge the events of one article that report the same thing twice.

Two events are one when they have the same sub-event type (or one's type subsumes the other's,
taxonomy.yaml `subsumes`, or one's is a guess from a strike named without its weapon that the
other names: the fused event takes the subsuming or named type), the same place (or one has none),
compatible first actors (the same, allies, or one unknown) and the same date, or when one of
them has no date of its own (`Ces raids aériens ...` after `lundi, des avions ont bombardé`).
The merged event keeps every piece of evidence; values the first lacks come from the second.
Then a strike told without its author takes the author of the article's other strikes, once
they are merged (taxonomy.yaml `one_striker`).
Fusion across articles belongs to the store.
"""

from __future__ import annotations

from .document import Document
from .extract.events import COUNTER_CROWD
from .geo import km
from .model import Event
from .resolve.actors import UNKNOWN, compatible_actors, interaction, same_actor
from .resolve.events import (
    ANOTHER,
    ARMED_INTERS,
    CIVILIANS_INTER,
    NO_OPPONENT,
    UNSPECIFIC,
    event_key,
    notes,
)
from .resources import Taxonomy

_CROWD_INTER = {"riots": 5, "protests": 6}  # ACLED inter codes of rioters and protesters
_CROWDS = set(_CROWD_INTER.values())
_DEMONSTRATIONS = frozenset(_CROWD_INTER)
_VIOLENCE = {"battles", "explosions", "violence_against_civilians"}
# How far from the point of an area across several regions a town may lie inside it.
_AREA_KM = 400.0
_ATTACK = "violence_against_civilians.attack"  # not an abduction or sexual violence
_SIDES = ("actor1", "inter1", "assoc_actor1", "actor2", "inter2", "assoc_actor2", "interaction",
          "civilian_targeting")
_PLACE_FIELDS = ("country", "iso", "admin1", "admin2", "location", "sub_location", "latitude",
                 "longitude", "geo_precision", "geonames_id")


def fuse_events(doc: Document, taxonomy: Taxonomy) -> Document:
    """Merge duplicate events of `doc.events` in place, keeping the first one's order."""
    fused: list[Event] = []
    for event in doc.events:
        twin = next((f for f in fused if _same(f, event, doc.allies, taxonomy)), None)
        if twin is None:
            fused.append(event)
        elif _intercepted(twin, event, taxonomy):
            fused[fused.index(twin)] = event
            _strike_through(event, twin)
        else:
            if _subsumes(event, twin, taxonomy) or _vaguer(twin, event):
                _take_type(twin, event)
            _absorb(twin, event)
            _crowd_follows(twin, taxonomy)
    fused = _without_parts(fused, taxonomy)
    fused = _without_taken(fused, doc.allies, taxonomy)
    fused = _clashes_at_demonstrations(fused, taxonomy)
    fused = _without_retellings(fused, doc.allies, taxonomy)
    _share_striker(fused, taxonomy)
    for event in fused:
        _armed_opponent(event, taxonomy)
    for event in fused:
        event.event_id = event_key(doc.article.id, event)
        event.notes = notes(event)
    doc.events = fused
    return doc


def _share_striker(events: list[Event], taxonomy: Taxonomy) -> None:
    """A strike with no author, or only an unidentified one the rules supplied, takes the
    author of the article's other strikes in its country when they all have one named author
    (taxonomy.yaml `one_striker`), unless that author is the one it hit."""
    kinds = set(taxonomy.file.one_striker)
    strikes = [e for e in events if taxonomy.key(e.event_type, e.sub_event_type) in kinds]
    for event in strikes:
        if not _authorless(event):
            continue
        authors = [o for o in strikes if o.country == event.country and o.actor1
                   and not o.actor1.startswith(UNKNOWN)]
        if (not authors or not all(same_actor(o.actor1, authors[0].actor1) for o in authors)
                or same_actor(event.actor2, authors[0].actor1)):
            continue
        author = authors[0]
        event.actor1, event.inter1 = author.actor1, author.inter1
        event.evidence["actor1"] = author.evidence["actor1"].model_copy(update={
            "basis": "context", "reason": "the author of the article's other strikes there"})
        event.interaction = interaction(event.inter1, event.inter2)


def _without_parts(events: list[Event], taxonomy: Taxonomy) -> list[Event]:
    """Events that are part of another of the article at its place and date (taxonomy.yaml
    `part_of_another`: the arrests made at a protest) go, and the other takes what they make
    of it (a protest with arrests: a protest with intervention)."""
    parts = taxonomy.file.part_of_another
    kept = []
    for event in events:
        key = taxonomy.key(event.event_type, event.sub_event_type)
        whole = next((o for o in events if o is not event and key in parts
                      and taxonomy.key(o.event_type, o.sub_event_type) not in parts
                      and _same_time_and_place(o, event)), None)
        if whole is None:
            kept.append(event)
            continue
        becomes = parts[key].get(taxonomy.key(whole.event_type, whole.sub_event_type) or "")
        if becomes:
            _become(whole, becomes, event, taxonomy)
            if whole.actor2 is None and event.actor1 is not None:
                # the force that detained the protesters is the one the protest faced
                whole.actor2, whole.inter2 = event.actor1, event.inter1
                whole.evidence["actor2"] = event.evidence["actor1"]
                whole.interaction = interaction(whole.inter1, whole.inter2)
    return kept


def _without_taken(events: list[Event], allies: dict[str, list[str]],
                   taxonomy: Taxonomy) -> list[Event]:
    """Events taken in a deadly event of their actor at their place and date (taxonomy.yaml
    `taken_in`: the farmers rounded up, then shot) go; the deadly one tells the incident."""
    rules = taxonomy.file.taken_in
    kept = []
    for event in events:
        wholes = rules.get(taxonomy.key(event.event_type, event.sub_event_type) or "", [])
        if not any(o is not event and taxonomy.key(o.event_type, o.sub_event_type) in wholes
                   and o.fatalities is not None and (o.fatalities.best or 0) > 0
                   and compatible_actors(o.actor1, event.actor1, allies)
                   and _same_time_and_place(o, event) for o in events):
            kept.append(event)
    return kept


def _clashes_at_demonstrations(events: list[Event], taxonomy: Taxonomy) -> list[Event]:
    """A clash with no armed opponent beside a demonstration of the article at its place and
    date is a clash with its crowd (taxonomy.yaml `clash_at_demonstration`): the clash goes,
    the demonstration becomes a riot and the clash's armed side is its actor2."""
    rules = taxonomy.file.clash_at_demonstration
    kept = []
    for event in events:
        key = taxonomy.key(event.event_type, event.sub_event_type)
        sides = [(a, i) for a, i in ((event.actor1, event.inter1), (event.actor2, event.inter2))
                 if a is not None]
        armed = [(a, i) for a, i in sides if i in ARMED_INTERS]
        crowd = None
        # No armed side, or an unarmed one named ("entre la police et les étudiants"): a
        # war's battle whose rebels go unnamed ("des combats contre l'armée") is no clash
        # with a crowd.
        if key in rules and len(armed) <= 1 and (not armed or len(armed) < len(sides)):
            crowd = next((o for o in events if o is not event
                          and _kind(o, taxonomy) in _DEMONSTRATIONS
                          and _same_time_and_place(o, event)), None)
        if crowd is None:
            kept.append(event)
            continue
        _become(crowd, rules[key], event, taxonomy)
        if armed and crowd.actor2 is None:
            crowd.actor2, crowd.inter2 = armed[0]
            crowd.evidence["actor2"] = event.evidence["actor1" if armed[0][0] == event.actor1
                                                      else "actor2"]
            crowd.interaction = interaction(crowd.inter1, crowd.inter2)
    return kept


def _kind(event: Event, taxonomy: Taxonomy) -> str:
    return (taxonomy.key(event.event_type, event.sub_event_type) or "").split(".")[0]


def _become(whole: Event, key: str, part: Event, taxonomy: Taxonomy) -> None:
    """`whole` takes the type `key`, because of `part` (whose trigger says so)."""
    whole.event_type, whole.sub_event_type = taxonomy.names(key)
    for name in ("event_type", "sub_event_type"):
        known = {(s.start, s.end) for s in whole.evidence[name].spans}
        whole.evidence[name].spans.extend(s for s in part.evidence[name].spans
                                          if (s.start, s.end) not in known)
    _crowd_follows(whole, taxonomy)


def _armed_opponent(event: Event, taxonomy: Taxonomy) -> None:
    """A battle whose tellings, put together, hit civilians ("une fusillade" ... "ont ouvert
    le feu sur eux") is an attack on civilians (taxonomy.yaml `needs_armed_opponent`), as each
    telling alone would have been."""
    key = taxonomy.key(event.event_type, event.sub_event_type)
    if key in taxonomy.file.needs_armed_opponent and event.inter2 == CIVILIANS_INTER:
        event.event_type, event.sub_event_type = taxonomy.names(
            taxonomy.file.needs_armed_opponent[key])
        event.civilian_targeting = True


def _crowd_follows(event: Event, taxonomy: Taxonomy) -> None:
    """ACLED names a demonstration's crowd by what it did: protesters whose demonstration
    turned violent are rioters ("Protesters (France)" -> "Rioters (France)"), and the
    crowd of a protest stays protesters."""
    kind = _kind(event, taxonomy)
    templates = taxonomy.file.default_actor1
    if kind not in _DEMONSTRATIONS or event.inter1 not in _CROWDS or not event.actor1:
        return
    crowd = {event.actor1}
    for other in _DEMONSTRATIONS - {kind}:
        before = templates[other].split("{")[0]
        if event.actor1.startswith(before) and event.actor1.endswith(")"):
            event.actor1 = templates[kind].format(country=event.actor1[len(before):-1])
            event.inter1 = _CROWD_INTER[kind]
            crowd.add(event.actor1)
    told = event.evidence.get("actor2")
    if event.actor2 in crowd and (told is None or told.basis != COUNTER_CROWD):
        # the crowd itself, named again (the protesters who rioted, "the protesters inside
        # the building"): actor1, not its own opponent; a counter-demonstration stays
        event.actor2 = event.inter2 = None
        event.evidence.pop("actor2", None)
    event.interaction = interaction(event.inter1, event.inter2)


def _without_retellings(events: list[Event], allies: dict[str, list[str]],
                        taxonomy: Taxonomy) -> list[Event]:
    """An attack the text types only by naming no armed opponent (`l'assaut`, `the attack`,
    basis `no_opponent`), told beside another event of the article at its place and date, is
    that event told again: by the same actor ("le JNIM a revendiqué l'assaut"), or by nobody
    named beside a violent event ("They opened fire with rifles" after "gunmen attacked an
    army post"), unless each names whom it hit and they differ (an attack on a bus the same
    morning as one on an army post is another incident). So is an attack on civilians by
    nobody named and with no toll of its own beside a violent event on the same civilians (a
    source "faisant état d'un massacre" after the drone strike it describes)."""
    kept = []
    for event in events:
        told = event.evidence.get("sub_event_type")
        whole = None
        if told is not None and told.basis == NO_OPPONENT:
            nameless = event.actor1 is None or event.actor1.startswith(UNKNOWN)
            whole = next((o for o in events if o is not event and not _another_after(o, event)
                          and (o.evidence.get("sub_event_type") is None
                               or o.evidence["sub_event_type"].basis != NO_OPPONENT)
                          and (_named_by(o, event, allies) and not _dead_elsewhere(event, o, taxonomy)
                               if not nameless
                               else _violent(o, taxonomy) and _same_target(o, event))
                          and _same_time_and_place(o, event)), None)
        elif (taxonomy.key(event.event_type, event.sub_event_type) == _ATTACK
              and event.fatalities is None
              and (event.actor1 is None or event.actor1.startswith(UNKNOWN))):
            whole = next((o for o in events if o is not event and _violent(o, taxonomy)
                          and o.actor2 == event.actor2 and _same_time_and_place(o, event)),
                         None)
        if whole is None:
            kept.append(event)
        else:
            _absorb(whole, event)
    return kept


def _another_after(a: Event, b: Event) -> bool:
    """Whether `a` is told after `b` as one more incident of its kind ("deux attaques ... une
    troisième attaque a été repoussée"): `b` is not `a` told again. Not at `b`'s very place:
    ACLED codes one event per type, place, day and actors, and "yet another attack on their
    community" may be the one just told."""
    told_a, told_b = a.evidence.get("sub_event_type"), b.evidence.get("sub_event_type")
    return (told_a is not None and told_a.reason == ANOTHER and bool(told_a.spans)
            and told_b is not None and bool(told_b.spans)
            and told_a.spans[0].start > told_b.spans[0].start
            and not (_placed(a) and _placed(b) and a.geonames_id == b.geonames_id))


def _same_target(a: Event, b: Event) -> bool:
    """Whether two events may have hit the same side: the same actor2, or one's text names
    none (the civilians an attack with no target named is given are no one's words)."""
    named = [e.actor2 for e in (a, b) if e.actor2 is not None and "actor2" in e.evidence
             and e.evidence["actor2"].basis != "context"]
    return len(named) < 2 or named[0] == named[1]


def _named_by(whole: Event, told: Event, allies: dict[str, list[str]]) -> bool:
    """Whether `told`'s actor is a side of `whole`: its actor (or an ally), or the side it
    faced ("les policiers ont ouvert le feu" at the protest they dispersed)."""
    if told.actor1 is not None and told.actor1 == whole.actor2:
        return True
    return (whole.actor1 is not None and not whole.actor1.startswith(UNKNOWN)
            and compatible_actors(whole.actor1, told.actor1, allies))


def _violent(event: Event, taxonomy: Taxonomy) -> bool:
    """Whether an event is political violence an attack may be told again of (ACLED's
    battles, explosions and violence against civilians)."""
    key = taxonomy.key(event.event_type, event.sub_event_type) or ""
    return key.split(".")[0] in _VIOLENCE


def _same_time_and_place(a: Event, b: Event) -> bool:
    if not (_undated(a) or _undated(b) or _same_days(a, b)):
        return False
    return (a.geonames_id == b.geonames_id or not (_placed(a) and _placed(b))
            or _within(a, b) or _within(b, a))


def _same_days(a: Event, b: Event) -> bool:
    """Whether two dates may name one day: the same day, or a day inside the other's week or
    month when only that is known ("in November" ... "on 12 November")."""
    if a.date_precision == b.date_precision or None in (a.event_date, b.event_date):
        return a.event_date == b.event_date
    (a_first, a_last), (b_first, b_last) = a.date_window(), b.date_window()
    return a_first <= b_last and b_first <= a_last


def _within(outer: Event, inner: Event) -> bool:
    """Whether `inner` is placed more precisely inside `outer`'s place: a town of the country
    or of the region the other mention names ("une attaque dans le nord du Burkina Faso" ...
    "le détachement de Tin-Akoff a été la cible d'une attaque")."""
    if outer.country is None or outer.country != inner.country or inner.location is None:
        return False
    if outer.location is None:
        return True
    if (outer.geo_precision == 3 and outer.admin1 is None and inner.geo_precision != 3
            and None not in (outer.latitude, inner.latitude)):
        # An area across several regions ("au Darfour" ... "près d'el-Facher"): the towns
        # near its point, which is about its centre.
        return km(outer.latitude, outer.longitude, inner.latitude, inner.longitude) < _AREA_KM
    # An area smaller than its admin1 (a province of the Philippines' regions, "Iloilo
    # province") holds only the towns of its admin2.
    return (outer.geo_precision == 3 and inner.geo_precision != 3
            and outer.admin1 is not None and outer.admin1 == inner.admin1
            and (outer.admin2 is None or _same_admin2(outer.admin2, inner.admin2)))


def _same_admin2(a: str, b: str | None) -> bool:
    """Whether two admin2 names are one area, written with or without its kind ("Negros
    Occidental", "Province of Negros Occidental")."""
    a, b = a.casefold(), (b or "").casefold()
    return bool(b) and (a in b or b in a)


def _placed(event: Event) -> bool:
    """Whether the event's own sentence names its place (not inherited from context)."""
    evidence = event.evidence.get("country")
    return evidence is not None and evidence.basis == "text"


def _undated(event: Event) -> bool:
    evidence = event.evidence.get("event_date")
    return evidence is None or evidence.basis != "text"


def _subsumes(a: Event, b: Event, taxonomy: Taxonomy) -> bool:
    """Whether `a`'s type is `b`'s and more (taxonomy.yaml `subsumes`); a deadly strike is the
    interception told beside it, not the other way round (`only_harmless`)."""
    if _intercepted(b, a, taxonomy):
        return True
    key_a = taxonomy.key(a.event_type, a.sub_event_type)
    return not (key_a in taxonomy.file.only_harmless and _deadly(b)) and taxonomy.subsumes(
        key_a, taxonomy.key(b.event_type, b.sub_event_type))


def _intercepted(interception: Event, strike: Event, taxonomy: Taxonomy) -> bool:
    """Whether `interception` stopped some of the weapons of a deadly `strike` told beside it
    ("seven drones were shot down, but one struck a warehouse, killing two")."""
    key = taxonomy.key(interception.event_type, interception.sub_event_type)
    return (key in taxonomy.file.only_harmless and _deadly(strike)
            and taxonomy.subsumes(key, taxonomy.key(strike.event_type, strike.sub_event_type)))


def _strike_through(strike: Event, interception: Event) -> None:
    """The strike, partly intercepted: by the side whose weapons were intercepted (actor2 of a
    disrupted weapons use) when its own telling names no author; the interceptor is no side
    of it."""
    if _authorless(strike) and interception.inter2 in ARMED_INTERS:
        strike.actor1, strike.inter1 = interception.actor2, interception.inter2
        strike.evidence["actor1"] = interception.evidence["actor2"]
        strike.interaction = interaction(strike.inter1, strike.inter2)
    _absorb(strike, interception, sides=False)


def _dead_elsewhere(attack: Event, other: Event, taxonomy: Taxonomy) -> bool:
    """Whether an attack with dead of its own is told beside a fight on armed men that counts
    none ("militiamen stormed a hamlet, killing 30 villagers" and "the militia said it had
    overrun an army post"): the civilians killed make an event of their own, as ACLED codes
    them."""
    return _deadly(attack) and not _deadly(other) and _kind(other, taxonomy) == "battles"


def _deadly(event: Event) -> bool:
    return event.fatalities is not None and (event.fatalities.best or 0) > 0


def _vaguer(a: Event, b: Event) -> bool:
    """Whether `a`'s sub-event type is a guess from a strike named without its weapon ("des
    frappes russes", basis `unspecific`) that `b`, of the same event type, names ("deux
    missiles balistiques se sont abattus"): one incident, of `b`'s sub-event type. A mention
    with a date or an author of its own ("Israeli tanks also shelled") is another incident."""
    told, other = a.evidence.get("sub_event_type"), b.evidence.get("sub_event_type")
    return (a.event_type == b.event_type and told is not None and told.basis == UNSPECIFIC
            and (other is None or other.basis != UNSPECIFIC)
            and _undated(b) and _authorless(b))


def _authorless(event: Event) -> bool:
    """Whether the text names no author of `event`: none, or only the unidentified one the
    coding rules give a strike with none (taxonomy.yaml `unknown_perpetrator`)."""
    return event.actor1 is None or (event.actor1.startswith(UNKNOWN)
                                    and event.evidence["actor1"].basis == "context")


def _take_type(into: Event, other: Event) -> None:
    into.event_type, into.sub_event_type = other.event_type, other.sub_event_type
    for name in ("event_type", "sub_event_type"):
        if name in other.evidence:
            into.evidence[name] = other.evidence[name]


def _by_word_order(event: Event) -> bool:
    """Whether only word order, the last resort of the roles step, names actor1."""
    evidence = event.evidence.get("actor1")
    return evidence is not None and evidence.basis == "position"


def _same(a: Event, b: Event, allies: dict[str, list[str]], taxonomy: Taxonomy) -> bool:
    if a.sub_event_type == b.sub_event_type and (_another_after(a, b) or _another_after(b, a)):
        return False  # "un autre affrontement": not the clash told before
    if a.sub_event_type != b.sub_event_type and not (_subsumes(a, b, taxonomy)
                                                     or _subsumes(b, a, taxonomy)
                                                     or _vaguer(a, b) or _vaguer(b, a)):
        return False
    if not _same_time_and_place(a, b):
        return False
    for interception, strike in ((a, b), (b, a)):
        if _intercepted(interception, strike, taxonomy):  # the weapons were the striker's
            return compatible_actors(interception.actor2, strike.actor1, allies)
    if compatible_actors(a.actor1, b.actor1, allies):
        return True
    # A protest that turned into a riot: its protesters are the rioters.
    if a.sub_event_type != b.sub_event_type and {a.inter1, b.inter1} <= _CROWDS:
        return True
    # A later, undated mention of the same fight may name its sides the other way round
    # ("six combattants des FDS ont été tués dans les échanges de tirs"); so may a telling
    # of the same day and place from the other side ("troops recaptured it"): ACLED codes
    # one clash a pair of sides, place and day.
    sides_a, sides_b = {a.actor1, a.actor2} - {None}, {b.actor1, b.actor2} - {None}
    if (a.sub_event_type == b.sub_event_type
            and taxonomy.key(a.event_type, a.sub_event_type) in taxonomy.file.symmetric
            and sides_a and sides_b and (sides_a <= sides_b or sides_b <= sides_a)):
        return True
    return (_undated(a) or _undated(b)) and bool(sides_a & sides_b)


def _absorb(into: Event, other: Event, sides: bool = True) -> None:
    """Fold `other`, another telling of `into`, into it; with `sides` False, `other`'s actors
    are no side of `into` (the air defence that downed some of a strike's drones)."""
    # The dated report says when; of two, the more precise ("on 12 November", not "in November").
    if not _undated(other) and (_undated(into)
                                or (other.date_precision or 9) < (into.date_precision or 9)):
        into.event_date, into.date_precision = other.event_date, other.date_precision
        into.evidence["event_date"] = other.evidence["event_date"]
    # The report that names the place says where; else any place beats none.
    if ((not _placed(into) and _placed(other)) or (into.country is None and other.country)
            or (_within(into, other) and _placed(other))):
        for name in _PLACE_FIELDS:
            setattr(into, name, getattr(other, name))
            if name in other.evidence:
                into.evidence[name] = other.evidence[name]
    elif into.sub_location is None and into.geonames_id == other.geonames_id:
        into.sub_location = other.sub_location  # the same town: the part of it named
        if "sub_location" in other.evidence:
            into.evidence["sub_location"] = other.evidence["sub_location"]
    # A named author beats an unknown one, unless only word order names it and the parse
    # gave the unknown one ("bandits invaded X ... the attack, before police arrived").
    if (sides and into.actor1 and into.actor1.startswith(UNKNOWN) and other.actor1
            and not (_by_word_order(other) and not _by_word_order(into))):
        into.actor1, into.inter1 = other.actor1, other.inter1
        into.evidence["actor1"] = other.evidence["actor1"]
    # The side one telling hit is no target of its own ("regime forces shelling ... shells
    # killed 69 members of the regime forces").
    own_side = same_actor(into.actor1, other.actor2) and into.actor1 is not None
    for name in Event.model_fields:
        # A place is one block of fields (above): a town's name on a country's point is none.
        if name in ("event_id", "evidence", "sources", "notes", "confidence", *_PLACE_FIELDS):
            continue
        if (own_side and name in ("actor2", "inter2")) or (not sides and name in _SIDES):
            continue
        if getattr(into, name) in (None, []) and getattr(other, name) not in (None, []):
            setattr(into, name, getattr(other, name))
            if name in other.evidence:
                into.evidence[name] = other.evidence[name]
    for name, evidence in other.evidence.items():
        if name in into.evidence and evidence.basis == "text" and (sides or name not in _SIDES):
            known = {(s.start, s.end) for s in into.evidence[name].spans}
            into.evidence[name].spans.extend(s for s in evidence.spans
                                             if (s.start, s.end) not in known)
    if into.sources[0].attributed_to is None and other.sources[0].attributed_to:
        into.sources[0].attributed_to = other.sources[0].attributed_to
    into.confidence = max(into.confidence, other.confidence)
