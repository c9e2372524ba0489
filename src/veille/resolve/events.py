"""Resolve stage: turn each `Candidate` into an `Event` with canonical, evidenced values."""

from __future__ import annotations

import hashlib
from collections import Counter

from ..document import Candidate, Document, Mention
from ..model import Event, Fatalities, Source
from ..phrases import cached_words_regex
from ..resources import Lexicon, Taxonomy
from ..resources.schemas import ActorEntry
from .actors import (
    UNNAMED_GROUP,
    actor_name,
    catalogue_entry,
    choose_actor,
    inter_code,
    interaction,
    state_inter,
)
from .dates import DAYS, resolve_date
from .gazetteer import Gazetteer, Place
from .places import NEAR, REGION, TOWN, country_support, resolve_place


def resolve_events(doc: Document, *, lexicon: Lexicon, taxonomy: Taxonomy,
                   actors: dict[str, ActorEntry], gazetteer: Gazetteer) -> Document:
    """Fill `doc.events` from `doc.candidates`."""
    support = country_support(doc, gazetteer, actors)
    events = [
        _event(doc, c, lexicon=lexicon, taxonomy=taxonomy, actors=actors, gazetteer=gazetteer,
               support=support)
        for c in doc.candidates
    ]
    # An event must happen somewhere: with no place at all ("ses cellules mènent des
    # embuscades"), it is a generality, not a codable event.
    events = [e for e in events if e is not None]
    doc.events = [e for e in events if e.country is not None]
    if len(doc.events) < len(events):
        doc.warnings.append(f"{len(events) - len(doc.events)} event(s) left out: no place")
    recalled = [e for e in doc.events if _recalled(e, doc.article.published, taxonomy)]
    if recalled:
        doc.events = [e for e in doc.events if e not in recalled]
        doc.warnings.append(f"{len(recalled)} event(s) left out: dated long before the report")
    return doc


# How far from a clash's trigger a word for communities says who fought ("affrontements
# entre bergers et cultivateurs", "intercommunal clashes").
_COMMUNITY_AFTER, _COMMUNITY_BEFORE = 80, 30


def _communities_near(doc: Document, c: Candidate, lexicon: Lexicon) -> list[Mention]:
    """The words for communities (roles.yaml `communities`) just before the trigger or in the
    words after it, within its sentence, as mentions in text order ("entre éleveurs et
    cultivateurs": one for each side)."""
    pattern = cached_words_regex(tuple(lexicon.roles.communities))
    if pattern is None:
        return []
    text = doc.text
    start = max(0, c.trigger.start - _COMMUNITY_BEFORE)
    start = max(start, *(text.rfind(p, start, c.trigger.start) + 1 for p in ".!?\n"))
    end = min(len(text), c.trigger.end + _COMMUNITY_AFTER)
    end = min([end, *(i for p in ".!?\n" if (i := text.find(p, c.trigger.end, end)) >= 0)])
    return [Mention("actor", found.group(), found.start(), found.end(), c.trigger.sent)
            for found in pattern.finditer(text, start, end)]


def _names_a_community(doc: Document, mention: Mention, lexicon: Lexicon) -> bool:
    """Whether an actor's words are a word for communities (roles.yaml `communities`:
    `herders`, `des éleveurs`)."""
    pattern = cached_words_regex(tuple(lexicon.roles.communities))
    return pattern is not None and pattern.search(doc.text, mention.start, mention.end) is not None


def _names_a_province(mention: Mention, place: Place, doc: Document,
                      gazetteer: Gazetteer) -> bool:
    """Whether a name in brackets that the gazetteer read as a town is also a province of
    its country: the brackets name areas ("(At Tuhayat, Al Hudaydah)"), so it is the province;
    a district named after its town ("(Madjoari, Kompienga)") stays near that town."""
    return any(p.feature_code == "ADM1" and p.country_code == place.country_code
               for p in gazetteer.candidates(mention.name(doc.text)))


# Votes for a country (see `country_support`): half a vote is a town's or an armed group's
# name; a whole one needs a country or a town named, not only nationality words.
_SOME, _NAMED = 0.5, 1.0


def _article_country(support: Counter[str], at_least: float = _SOME) -> str | None:
    """The country the article's names point at: `at_least` votes, and twice as many as
    any other country's; None when they point nowhere clear."""
    ranked = support.most_common(2)
    if (ranked and ranked[0][1] >= at_least
            and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1])):
        return ranked[0][0]
    return None


def _told_as_incident(c: Candidate) -> bool:
    """Whether a candidate is told as one incident: a date of its own sentence, or a toll."""
    return (c.date is not None and c.date_basis == "text") or c.fatalities is not None


def _country_named(doc: Document, code: str) -> Mention | None:
    """The first words of the article that name country `code` (the country, or a nationality
    word), as the evidence of an event placed there by the article's names."""
    return next((m for m in doc.mentions if m.kind in ("country", "demonym") and m.label == code
                 and m.data.get("elsewhere") not in ("modifier", "feature")), None)


def _recalled(event: Event, published, taxonomy: Taxonomy) -> bool:
    """Whether the text dates the event long before the report (taxonomy.yaml
    `background_after_days`), in its sentence or earlier in its paragraph: background
    recalled, not news."""
    days = taxonomy.file.background_after_days
    evidence = event.evidence.get("event_date")
    if days is None or published is None or event.event_date is None or evidence is None \
            or evidence.basis not in ("text", "context"):
        return False
    return (published - event.date_window()[1]).days >= days


def _event(doc: Document, c: Candidate, *, lexicon: Lexicon, taxonomy: Taxonomy,
           actors: dict[str, ActorEntry], gazetteer: Gazetteer,
           support: Counter[str]) -> Event | None:
    """The event of a candidate, or None when ACLED's rules say it is none (a transfer of
    territory with no armed side)."""
    event_type, sub_event_type = taxonomy.names(c.trigger.label)
    evidence = {"event_type": doc.evidence(c.trigger), "sub_event_type": doc.evidence(c.trigger)}
    if doc.text[c.trigger.start:c.trigger.end].lower() in lexicon.unspecific:
        # "des frappes russes": which strike is a guess a weapon named elsewhere corrects (fuse)
        evidence["sub_event_type"] = doc.evidence(c.trigger, basis=UNSPECIFIC)
    values: dict = {}

    place, precision, mention = None, None, None
    # The chosen place first; when the gazetteer cannot place it, the sentence's other places
    # ("X town in Hama countryside": Hama, at region precision).
    for option in ([c.place] if c.place else []) + c.other_places:
        place, precision, reason = resolve_place(option, doc, gazetteer, support)
        if place is not None:
            mention = option
            if (option.data.get("region") or place.is_area
                    or (option.data.get("container") and _names_a_province(option, place, doc,
                                                                            gazetteer))):
                # "in Idleb province", "in Empalme, Sonora" with Empalme unknown, "(At Tuhayat,
                # Al Hudaydah)": the province, not its capital
                precision = REGION
            elif (option is not c.place or option.data.get("near")) and precision == TOWN:
                # the event's own town is unknown, or the text places it near this one
                precision = NEAR
            elif c.unknown_place is not None and precision == TOWN:
                # a town told before, for an event in a village the gazetteer lacks
                precision = NEAR
                reason = (f"{reason}; near it: {c.unknown_place.name(doc.text)}, named here, "
                          "is not in the gazetteer")
            break
    if (place is None and c.place is not None and c.place.kind == "place"
            and c.place_basis == "text" and support):
        # "the western city of Lessos", a town the gazetteer lacks (or knows only abroad) in a
        # story whose names point at Kenya (a name or a dateline, and twice as strongly as at
        # any other country): in Kenya, at region precision, not nowhere.
        if code := _article_country(support):
            place = gazetteer.country(code)
            precision, mention = REGION, c.place
            reason = f"{reason}; placed in the article's country"
    elif (place is None and c.place is None and _told_as_incident(c)
          and (code := _article_country(support, at_least=_NAMED))):
        # "Cet après-midi, des avions ont largué des bombes sur un hameau isolé ... une ONG du
        # Soudan": a dated or deadly incident whose village goes unnamed happened in the
        # country the article's names point at, at region precision; an undated, harmless
        # act with no place at all stays a generality.
        place, precision = gazetteer.country(code), REGION
        mention = _country_named(doc, code) or c.trigger
        reason = "no place named; placed in the article's country"
    if place is not None:
        basis = c.place_basis if c.place is not None else "context"
        values.update(country=place.country, iso=place.country_code, admin1=place.admin1,
                      admin2=place.admin2, latitude=place.latitude, longitude=place.longitude,
                      geo_precision=precision, geonames_id=place.geonameid)
        if precision == REGION and (seat := gazetteer.seat(place)) is not None:
            # ACLED codes an event known only to its province at the provincial capital; the
            # record keeps the province's name, at its seat's point and district.
            values.update(admin2=seat.admin2, latitude=seat.latitude, longitude=seat.longitude)
            reason = f"{reason}; at its seat, {seat.name}"
        if not place.is_country:
            values["location"] = place.name
        for name in ("country", "admin1", "location", "latitude", "longitude"):
            if values.get(name) is not None:
                evidence[name] = doc.evidence(mention, basis=basis)
                evidence[name].reason = reason

    resolved = resolve_date(c.date, doc.article.published, lexicon) if c.date else None
    if resolved is not None:
        values["event_date"], values["date_precision"] = resolved
        evidence["event_date"] = doc.evidence(c.date, basis=c.date_basis)
    elif doc.article.published is not None:
        # No usable date in the sentence: the report's day, marked as less precise.
        values["event_date"], values["date_precision"] = doc.article.published, DAYS
        evidence["event_date"] = doc.evidence(c.trigger, basis="published")

    if c.fatalities is not None:
        data = c.fatalities.data
        values["fatalities"] = Fatalities(low=data["low"], best=data["best"], high=data["high"])
        evidence["fatalities"] = doc.evidence(c.fatalities, data["outcome_word"])

    key = _actors(doc, c, values, evidence, lexicon=lexicon, taxonomy=taxonomy, actors=actors)
    sides = {values.get("inter1"), values.get("inter2")} - {None}
    if key in taxonomy.file.needs_armed_side and sides and not sides & set(ARMED_INTERS):
        return None  # "plusieurs habitants ont quitté la ville": civilians, no armed side
    event_type, sub_event_type = taxonomy.names(key)

    if c.sub_location is not None:
        values["sub_location"] = c.sub_location.label
        evidence["sub_location"] = doc.evidence(c.sub_location)

    attributed_to = None
    if c.attribution is not None:
        attributed_to = c.attribution.source_text
        evidence["attributed_to"] = doc.evidence(c.attribution.marker, c.attribution.source)
    article = doc.article
    source = Source(article_id=article.id, url=article.url, outlet=article.outlet,
                    title=article.title, published=article.published, attributed_to=attributed_to)
    if c.trigger.data.get("another"):
        evidence["sub_event_type"].reason = ANOTHER
    event = Event(event_id="", event_type=event_type, sub_event_type=sub_event_type,
                  sources=[source], evidence=evidence, confidence=_confidence(c, place), **values)
    event.event_id = event_key(article.id, event)
    event.notes = notes(event)
    return event


def _right_after_a_protest(doc: Document, c: Candidate) -> bool:
    """Whether a protest is told before the trigger, in its sentence or in the one before
    when the trigger's names no place of its own."""
    sent = c.trigger.sent
    protests = {t.sent for t in doc.of_kind("trigger") if t.label.startswith("protests.")
                and t.start < c.trigger.start and t.sent in (sent - 1, sent)}
    return sent in protests or (bool(protests) and not any(
        m.kind in ("place", "country") for m in doc.in_sentence(sent)))


def _actors(doc: Document, c: Candidate, values: dict, evidence: dict, *, lexicon: Lexicon,
            taxonomy: Taxonomy, actors: dict[str, ActorEntry]) -> str:
    """Fill actor1, actor2, their inter codes and the interaction by ACLED's coding rules
    (taxonomy.yaml); return the event's taxonomy key, which those rules may change."""
    rules = taxonomy.file
    key = c.trigger.label
    kind = key.split(".")[0]
    country, iso, day = values.get("country"), values.get("iso"), values.get("event_date")

    def put(role: str, mention, basis: str | None = None) -> None:
        label = choose_actor(mention.label, mention.data.get("alternatives"), iso, day, actors)
        if key in rules.state_as_government:
            label = _government(label, actors) or label
        name = actor_name(label, country, iso, actors, day)
        if name is not None:
            values[role] = name
            values["inter" + role[-1]] = state_inter(catalogue_entry(label, actors), iso,
                                                     rules.foreign_state_inter)
            evidence[role] = doc.evidence(mention, basis=basis or getattr(c, role + "_basis"))

    def put_default(role: str, label: str, mention, basis: str) -> None:
        values[role] = actor_name(label, country, iso, actors, day)
        values["inter" + role[-1]] = inter_code(label, actors)
        evidence[role] = doc.evidence(mention, basis=basis)

    if key in rules.without_demonstration and not _demonstration_told(doc, lexicon, actors):
        key = rules.without_demonstration[key]  # "rioters clashed with soldiers during a raid"
        kind = key.split(".")[0]
    first = actors.get(c.actor1.label) if c.actor1 else None
    actor1, actor2 = c.actor1, c.actor2
    joined: list = []  # named groups whose members make up the crowd
    if kind in rules.crowd_led and first is not None and first.kind == "armed":
        # "INC workers staged a protest": Protesters (India), with the party associated
        joined, actor1, first = [c.actor1], None, None
    moved = False  # whether the text's actor1 ends up as actor2 (with its allies)
    basis2 = None  # what says the text's actor1, moved to actor2, is there
    mob_sides = False  # a clash of civilians: rioters on both sides
    # the kind of crowd among the sides, protesters first: a demonstration the text tells
    crowd = next((k for k in ("protesters", "rioters") for m in (actor1, actor2)
                  if m is not None and getattr(actors.get(m.label), "kind", None) == k), None)
    second = actors.get(actor2.label) if actor2 else None
    if (key in rules.with_small_arms and second is not None and second.kind in ("state", "armed")
            and _small_arms_in_sentence(doc, c, lexicon)):
        # "fired mortars and small arms on an army outpost": a fight; not fire on farms or
        # villages
        key = rules.with_small_arms[key]
        kind = key.split(".")[0]
    if (crowd is None and actor1 is None and second is not None and second.kind == "state"
            and _right_after_a_protest(doc, c)):
        # "... demonstrated outside the ministry. Clashes with police erupted as officers moved
        # in": a clash that names no side but the police, told with a protest, is the crowd's
        crowd = "protesters"
    if (key in rules.protesters_hit and first is not None and first.kind == "state"
            and second is not None and second.kind == "protesters"):
        key = rules.protesters_hit[key]  # "police shot dead three protesters"
        kind = key.split(".")[0]
    elif crowd and key in rules.with_crowd.get(crowd, {}):  # "rioters clashed with soldiers"
        key = rules.with_crowd[crowd][key]
        kind = key.split(".")[0]
    elif (key in rules.civilians_clashing and first is not None and second is not None
          and {first.kind, second.kind} in ({"state", "civilians"}, {"armed", "civilians"})
          and not _one_sided(doc, c, lexicon)
          and (c.actor1_basis if first.kind == "civilians" else c.actor2_basis) in _FIGHTERS):
        # "un affrontement entre la police et les étudiants": the students are a mob (Rioters,
        # the default actor1), the police they fought its actor2. Civilians the parse makes
        # the object or the victims ("stormed a civilian residence") fought no one.
        key = rules.civilians_clashing[key]
        kind = key.split(".")[0]
        if first.kind == "civilians":
            actor1 = first = None
        else:
            actor1, actor2, moved, first, basis2 = None, c.actor1, True, None, c.actor1_basis
    communal = rules.communities_fighting.get(key)
    communities: list[Mention] = []
    toll = values.get("fatalities")
    deadly = communal is not None and toll is not None and (toll.best or 0) > 0
    if (deadly and not _one_sided(doc, c, lexicon)
            and (c.actor2 is None or c.actor2_basis in _FIGHTERS)
            and all(m is None or getattr(actors.get(m.label), "kind", None) == "civilians"
                    for m in (actor1, actor2))):
        communities = _communities_near(doc, c, lexicon)
    communal_attacker = None
    if communities:
        # "six morts lors de heurts armés entre bergers et cultivateurs": communal
        # militias on both sides; a brawl that killed no one stays a mob's (civilians_acting)
        actor1 = actor2 = first = None
    elif (deadly and first is not None and first.kind == "civilians" and c.actor1_basis in _DOERS
          and _names_a_community(doc, c.actor1, lexicon)):
        # "des éleveurs ont attaqué des cultivateurs, tuant douze personnes": the armed men of
        # a community who kill are its communal militia (inter 4), not a mob; whom they
        # attacked stays actor2
        communal_attacker, actor1, first = c.actor1, None, None
    elif (first is not None and first.kind == "civilians" and key in rules.civilians_acting
          and not _with_firearms(doc, c, lexicon, actors)
          and (c.actor1_basis in _DOERS
               or (c.actor1_basis in _FIGHTERS and c.trigger.label in rules.symmetric
                   and (second is None or second.kind == "civilians")))):
        # (or the two sides of a clash: "des affrontements entre agriculteurs et éleveurs")
        # "residents beat a suspected thief": a mob, ACLED's Rioters (the default actor1)
        key = rules.civilians_acting[key]
        kind = key.split(".")[0]
        actor1 = first = None
        if (c.trigger.label in rules.symmetric and not _one_sided(doc, c, lexicon)
                and (second is None or second.kind == "civilians")):
            # "a farmer and two herders clashed with machetes": rioters on both sides
            mob_sides, actor2 = True, None
    elif (first is not None and key in rules.crowd_acting.get(first.kind, {})
          and c.actor1_basis in _DOERS):
        key = rules.crowd_acting[first.kind][key]  # "rioters beat up a man": mob violence
        kind = key.split(".")[0]
    elif (first is not None and first.kind == "state" and key in rules.state_hit
          and c.actor1_basis == "position" and actor2 is None):
        # "an army vehicle struck an IED": the forces the bomb hit (taxonomy: state_hit).
        actor1, actor2, moved, first = None, c.actor1, True, None
    elif first is not None and first.kind == "civilians" and kind not in rules.civilians_may_act:
        # "32 civilians were killed in a bombing": the victims, never the perpetrator.
        actor1, actor2 = None, actor2 or c.actor1
        moved = actor2 is c.actor1
        first = None
    second = actors.get(actor2.label) if actor2 else None
    if second is not None and second.kind == "civilians" and kind in rules.civilians_may_act:
        actor2 = None  # "students and women marched": the crowd itself, not its opponent
    elif (second is not None and key in rules.actor2_crowds_only
          and second.kind not in ("protesters", "rioters")):
        actor2 = second = None  # "a march in support of the army": its cause
    if actor1 is not None:
        put("actor1", actor1)
    if actor2 is not None:
        put("actor2", actor2, basis2 or ("position" if actor2 is c.actor1 else None))
    if communities:  # each side's own word when the text names two
        put_default("actor1", communal, communities[0], "text")
        put_default("actor2", communal, communities[-1], "text")
    if communal_attacker is not None:
        put_default("actor1", communal, communal_attacker, c.actor1_basis)
    default = rules.default_actor1.get(kind)
    crowd_faced = first is not None and first.kind == "state"  # "la police a dispersé ..."
    if default and country and communal_attacker is None and (
            actor1 is None or crowd_faced or first.kind in ("civilians", "protesters", "rioters")):
        crowd_hit = second is not None and second.kind in ("protesters", "rioters")
        if crowd_faced and (values.get("actor2") is None or crowd_hit) and "actor1" in values:
            # ACLED: the crowd is actor1 of a protest or riot, the force facing it actor2.
            values["actor2"], values["inter2"] = values["actor1"], values["inter1"]
            evidence["actor2"] = evidence["actor1"]
            moved = True
        put_default("actor1", default, c.trigger if crowd_faced or not actor1 else actor1,
                    "context" if crowd_faced or not actor1 else "text")
        if mob_sides:
            put_default("actor2", default, c.actor2 or c.actor1 or c.trigger, "context")
    # Each side's allies follow it: a crowd's opponent moved to actor2 takes its allies along.
    sides = {"assoc_actor1": [*joined, *c.assoc_actor1], "assoc_actor2": c.assoc_actor2}
    if moved:
        sides = {"assoc_actor1": joined, "assoc_actor2": c.assoc_actor1}
    for role, mentions in sides.items():
        assoc = [(m, actor_name(choose_actor(m.label, m.data.get("alternatives"), iso, day,
                                             actors), country, iso, actors, day))
                 for m in mentions]
        assoc = [(m, name) for m, name in assoc
                 if name and name not in (values.get("actor1"), values.get("actor2"))]
        if assoc:
            values[role] = list(dict.fromkeys(name for _, name in assoc))
            evidence[role] = doc.evidence(*(m for m, _ in assoc))
    if (key in rules.unspecific_on_ground and values.get("inter1") in _NON_STATE_ARMED
            and evidence["sub_event_type"].basis == UNSPECIFIC
            and not _weapon_named(doc, c, lexicon)):
        key = rules.unspecific_on_ground[key]  # "les ADF ont frappé deux villages"
        kind = key.split(".")[0]
    if (key in rules.needs_armed_opponent and values.get("inter2") not in ARMED_INTERS
            and (_one_sided(doc, c, lexicon) or values.get("inter2") == CIVILIANS_INTER)):
        # One armed side and no armed opponent, or civilians it stormed: not a battle
        # (taxonomy: needs_armed_opponent).
        key = rules.needs_armed_opponent[key]
        _civilians_as_actor2(doc, c, actors, values, evidence)
        for name in ("event_type", "sub_event_type"):  # read from what the text leaves out
            evidence[name] = doc.evidence(c.trigger, basis=NO_OPPONENT)
    # (the text's actor1 as it stands: civilians named before "detention" were detained)
    if (key in rules.needs_own_state and actor1 is not None
            and not _own_state(actors.get(actor1.label), iso)):
        key = rules.needs_own_state[key]
        _civilians_as_actor2(doc, c, actors, values, evidence)
    fatalities = values.get("fatalities")
    if key in rules.with_fatalities and fatalities is not None and (fatalities.best or 0) > 0:
        key = rules.with_fatalities[key]
    if key in rules.armed_target_makes and values.get("inter2") in ARMED_INTERS:
        key = rules.armed_target_makes[key]  # an attack on soldiers or police: a battle
    if c.actor2 is None and key in rules.loser_is_state and country:
        loser = _state_forces(doc, actors, iso)
        if loser is not None:  # the ground was taken from the state: ACLED's actor2
            put("actor2", loser, "context")
    kind = key.split(".")[0]
    victims = rules.default_actor2.get(key, rules.default_actor2.get(kind))
    hit = kind in rules.civilians_hit or key in rules.civilians_hit
    if (victims or hit) and country and values.get("actor2") is None:
        near = _civilians_near(doc, c, actors) or _people_killed(doc, c, lexicon)
        if near is not None or victims:
            put_default("actor2", near.label if near else victims, near or c.trigger,
                        "text" if near else "context")
    if hit and country and values.get("actor2") is None:
        # ACLED: the soldiers or police a bomb or a shell hit are its actor2 ("an army
        # vehicle struck an IED", "un policier a été tué quand une bombe a explosé").
        forces = _forces_hit(doc, c, actors)
        if forces is not None:
            put("actor2", forces, "text")
    perpetrator = rules.unknown_perpetrator.get(key, rules.unknown_perpetrator.get(kind))
    if perpetrator and country and values.get("actor1") is None:
        put_default("actor1", perpetrator, c.trigger, "context")
    attacker = rules.unknown_attacker.get(key, rules.unknown_attacker.get(kind))
    if attacker and country and values.get("actor1") is None and values.get("actor2"):
        put_default("actor1", attacker, c.trigger, "context")
    if rules.crime_perpetrator and country:
        _gangs_for_unnamed_groups(doc, c, values, lexicon, put_default,
                                  unnamed=actor_name(UNNAMED_GROUP, country, iso, actors, day),
                                  gang=rules.crime_perpetrator)
    values["interaction"] = interaction(values.get("inter1"), values.get("inter2"))
    values["civilian_targeting"] = values.get("inter2") == CIVILIANS_INTER
    return key


# ACLED inter codes of state forces and armed groups, and of civilians.
ARMED_INTERS = (1, 2, 3, 4, 8)
CIVILIANS_INTER = 7
_NON_STATE_ARMED = (2, 3, 4)  # rebels, political and identity militias
# Roles the parse gives whoever did it (extract/roles.py bases).
_DOERS = ("subject", "agent")
# Roles the parse gives a side of a clash ("entre la police et les étudiants", "clashed with").
_FIGHTERS = ("subject", "pair", "opponent")
# The basis of a type chosen because the text names no armed opponent ("une attaque" alone).
NO_OPPONENT = "no_opponent"
# The basis of a sub-event type guessed from a strike named without its weapon ("des frappes").
UNSPECIFIC = "unspecific"
# The reason of a sub-event type told as one more incident of its kind ("une troisième attaque",
# "another strike"): not an earlier one told again (fuse).
ANOTHER = "told as another incident than those before it"


def _government(label: str, actors: dict[str, ActorEntry]) -> str | None:
    """The catalogue's government of the country whose state forces `label` names."""
    entry = actors.get(label)
    if entry is None or entry.kind != "state" or entry.country is None:
        return None
    return next((name for name, other in actors.items()
                 if other.kind == "government" and other.country == entry.country), None)


def _own_state(entry: ActorEntry | None, iso: str | None) -> bool:
    """Whether an actor is the state forces of country `iso` (or of any, for a template such
    as `Police Forces of {country}`). An actor veille does not know is given the benefit."""
    if entry is None:
        return True
    return entry.kind == "state" and entry.inter == 1 and entry.country in (None, iso)


def _weapon_named(doc: Document, c: Candidate, lexicon: Lexicon) -> bool:
    """Whether the trigger's paragraph names a weapon of remote violence: a trigger of
    explosions that is no bare strike word ("des frappes" the text then says were missiles),
    or a word of `remote_weapons` ("struck a hospital with drones")."""
    start = doc.text.rfind("\n", 0, c.trigger.start) + 1
    end = doc.text.find("\n", c.trigger.end)
    end = len(doc.text) if end < 0 else end
    weapons = lexicon.remote_weapons
    return (any(t.label.startswith("explosions.") and start <= t.start < end
                and doc.text[t.start:t.end].lower() not in lexicon.unspecific
                for t in doc.of_kind("trigger"))
            or (weapons is not None and weapons.search(doc.text, start, end) is not None))


def _small_arms_in_sentence(doc: Document, c: Candidate, lexicon: Lexicon) -> bool:
    """Whether the trigger's sentence names small arms (roles.yaml `small_arms`)."""
    pattern = cached_words_regex(tuple(lexicon.roles.small_arms))
    tokens = _sentence_tokens(doc, c.trigger.sent)
    return pattern is not None and bool(tokens) and pattern.search(
        doc.text, tokens[0].idx, tokens[-1].idx + len(tokens[-1])) is not None


def _demonstration_told(doc: Document, lexicon: Lexicon, actors: dict[str, ActorEntry]) -> bool:
    """Whether the article tells a demonstration: protesters, a trigger whose own words name
    a protest ("staged a protest", "violent protests", "dispersed the demonstration"; not
    "fired tear gas at the rioters", how a riot was met), or a riot with a claim in its
    sentence ("burned tires to demand fuel": triggers.yaml `protest_claims`)."""
    if any(getattr(actors.get(m.label), "kind", None) == "protesters"
           for m in doc.of_kind("actor")):
        return True
    protest = lexicon.triggers.triggers.get("protests.peaceful_protest")
    pattern = cached_words_regex(tuple(protest.phrases) if protest else ())
    if pattern is not None and any(pattern.search(doc.text, t.start, t.end)
                                   for t in doc.of_kind("trigger")):
        return True
    claims = set(lexicon.triggers.protest_claims)
    riots = {t.sent for t in doc.of_kind("trigger") if t.label.startswith("riots.")}
    return any(token.lemma_.lower() in claims for sent in riots
               for token in _sentence_tokens(doc, sent))


def _sentence_tokens(doc: Document, sent: int):
    """The parsed tokens of sentence `sent` (none when the sentence holds no mention)."""
    mentions = doc.in_sentence(sent)
    if not mentions:
        return []
    span = doc.doc.char_span(mentions[0].start, mentions[0].end, alignment_mode="expand")
    return list(span.sent) if span is not None else []


def _gangs_for_unnamed_groups(doc: Document, c: Candidate, values: dict, lexicon: Lexicon,
                              put_default, *, unnamed: str | None, gang: str) -> None:
    """The unidentified armed group on either side is ACLED's unidentified gang when the
    event's paragraph speaks of organised crime ("in the context of disputes between drug
    trafficking groups": roles.yaml `organised_crime`); the words that say so are its
    evidence. Not from a paragraph of background ("such attacks are blamed on armed gangs,
    known locally as bandits": ACLED's unidentified armed groups of north-western Nigeria)."""
    sides = [role for role in ("actor1", "actor2") if unnamed and values.get(role) == unnamed]
    pattern = cached_words_regex(tuple(lexicon.roles.organised_crime))
    start = doc.text.rfind("\n", 0, c.trigger.start) + 1
    end = doc.text.find("\n", c.trigger.end)
    found = (pattern.search(doc.text, start, end if end >= 0 else len(doc.text))
             if sides and pattern is not None else None)
    if found is None:
        return
    cue = Mention("organised_crime", found.group(), found.start(), found.end(), 0)
    for role in sides:
        put_default(role, gang, cue, "context")


def _with_firearms(doc: Document, c: Candidate, lexicon: Lexicon,
                   actors: dict[str, ActorEntry]) -> bool:
    """Whether the trigger's sentence names firearms (roles.yaml `firearms`) and no state
    force that may have used them: who used them is armed, no mob ("un groupe d'hommes a
    ouvert le feu sur les clients d'un bar"; not "des jeunes ont saccagé ... avant que les
    policiers n'ouvrent le feu")."""
    pattern = cached_words_regex(tuple(lexicon.roles.firearms))
    span = doc.doc.char_span(c.trigger.start, c.trigger.end, alignment_mode="expand")
    if pattern is None or span is None or not pattern.search(span.sent.text):
        return False
    return not any(getattr(catalogue_entry(m.label, actors), "kind", None) == "state"
                   for m in doc.of_kind("actor", c.trigger.sent))


def _one_sided(doc: Document, c: Candidate, lexicon: Lexicon) -> bool:
    words = doc.text[c.trigger.start:c.trigger.end].lower()
    return bool(c.trigger.data.get("one_sided")) or words in lexicon.one_sided


def _civilians_as_actor2(doc: Document, c: Candidate, actors: dict[str, ActorEntry],
                         values: dict, evidence: dict) -> None:
    """With no target named, the civilians the event hit are actor2: those named after the
    trigger, else the civilians of the event's country."""
    if values.get("actor2") is not None or values.get("country") is None:
        return
    victims = _civilians_near(doc, c, actors)
    values["actor2"] = actor_name(victims.label if victims else "Civilians ({country})",
                                  values["country"], values.get("iso"), actors)
    values["inter2"] = 7
    evidence["actor2"] = doc.evidence(victims or c.trigger, basis="text" if victims else "context")


def _civilians_near(doc: Document, c: Candidate, actors: dict[str, ActorEntry]):
    """A mention of civilians after the trigger in the same paragraph (the victims)."""
    end = doc.text.find("\n", c.trigger.end)
    end = len(doc.text) if end < 0 else end
    for mention in doc.of_kind("actor"):
        entry = actors.get(mention.label)
        if entry and entry.kind == "civilians" and c.trigger.end <= mention.start < end:
            return mention
    return None


def _forces_hit(doc: Document, c: Candidate, actors: dict[str, ActorEntry]):
    """State forces named in the trigger's sentence, other than its actor1 and the source
    that tells of it ("a bomb went off near a market, police said"): those an explosion
    hit."""
    doer = c.actor1.label if c.actor1 is not None else None
    source = c.attribution.source if c.attribution is not None else None
    for mention in doc.of_kind("actor", c.trigger.sent):
        entry = actors.get(mention.label)
        if entry is not None and entry.kind == "state" and mention.label != doer \
                and not mention.data.get("metonym") and mention != source:
            return mention
    return None


def _people_killed(doc: Document, c: Candidate, lexicon: Lexicon):
    """The event's toll when it counts people with no side named ("At least four people were
    killed when Russian drones struck"): ACLED codes them civilians. Returned as a civilians
    mention on the count's noun."""
    count = c.fatalities
    nouns = {w.lower() for w in lexicon.casualties.unnamed_victims}
    if count is None or not nouns or not doc.doc.has_annotation("DEP"):
        return None
    span = doc.doc.char_span(count.start, count.end, alignment_mode="expand")
    if span is None:
        return None
    noun = span.root.head if span.root.dep_ == "nummod" else span.root
    if noun.lemma_.lower() not in nouns and noun.lower_ not in nouns:
        return None
    return Mention("actor", "Civilians ({country})", noun.idx, noun.idx + len(noun), count.sent)


def _state_forces(doc: Document, actors: dict[str, ActorEntry], iso: str | None):
    """The first mention of the state forces of country `iso` in the article, if any."""
    for mention in doc.of_kind("actor"):
        entry = actors.get(mention.label)
        if entry and entry.kind == "state" and entry.country == iso:
            return mention
    return None


def event_key(article_id: str, event: Event) -> str:
    """A stable id: the same article read twice gives the same ids."""
    parts = (article_id, event.sub_event_type, str(event.event_date), str(event.geonames_id),
             str(event.actor1))
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def notes(event: Event) -> str:
    """One short factual sentence made from the fields (never from invented facts)."""
    who = event.actor1 or "Unidentified actors"
    where = event.location or event.country or "an unknown place"
    when = f"On {event.event_date.isoformat()}, " if event.event_date else ""
    target = f" against {event.actor2}" if event.actor2 else ""
    toll = ""
    if event.fatalities and event.fatalities.best is not None:
        toll = f" {event.fatalities.best} reported killed."
    return f"{when}{who}: {event.sub_event_type.lower()}{target} in {where}.{toll}".strip()


def _confidence(c: Candidate, place) -> float:
    score = 0.3
    score += 0.2 if c.actor1 is not None else 0.0
    score += 0.2 if place is not None and c.place_basis == "text" else 0.1 if place else 0.0
    score += 0.15 if c.date is not None else 0.0
    score += 0.15 if c.attribution is not None else 0.0
    return round(min(score, 1.0), 2)
