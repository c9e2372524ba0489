"""Pydantic schemas of the resource files. `extra="forbid"`: a misspelt key fails loudly."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- language-neutral files -------------------------------------------------------------

class EventTypeEntry(Strict):
    name: str
    sub_event_types: dict[str, str]


class TaxonomyFile(Strict):
    """resources/taxonomy.yaml: ACLED's event types, keyed `event_type_key.sub_key`."""

    event_types: dict[str, EventTypeEntry]
    inter_codes: dict[int, str]
    # A type reported in the same sentence as one it subsumes is one event, not two: the
    # fighting that won a town is the takeover ("après quatre jours de combats").
    subsumes: dict[str, list[str]] = Field(default_factory=dict)
    # Types whose actor2, when the text names none, is the state forces of the event's
    # country when the article names them: the side that lost the ground.
    loser_is_state: list[str] = Field(default_factory=list)
    # Types whose two sides may both stand after the trigger ("combats entre X et Y").
    symmetric: list[str] = Field(default_factory=list)
    # Types that need an armed actor2, and the type they become without one.
    needs_armed_opponent: dict[str, str] = Field(default_factory=dict)
    # Territory held only briefly ("briefly captured the base"), and its recapture told in
    # the same report, is no change of hands: the type these become (a battle).
    held_briefly: dict[str, str] = Field(default_factory=dict)
    # Types that are part of a deadly event of the listed types by the same actor at the same
    # place and day (an abduction in an attack that killed the people taken): they go.
    taken_in: dict[str, list[str]] = Field(default_factory=dict)
    # Types a strike word that names no weapon (triggers.yaml `unspecific`) gives, and the type
    # it becomes when a group with no air force of its own struck (inter 2 to 4) and the
    # paragraph names no weapon: "les ADF ont frappé deux villages" is an attack on the ground.
    unspecific_on_ground: dict[str, str] = Field(default_factory=dict)
    # Types only the state forces of the event's country carry out, and the type they become
    # when another named actor does it (ACLED: a detention by an armed group is an abduction).
    needs_own_state: dict[str, str] = Field(default_factory=dict)
    # Event type key -> the actor1 ACLED codes when the text names none, or names people by
    # what they are rather than what they do ("residents protested": Protesters).
    default_actor1: dict[str, str] = Field(default_factory=dict)
    # Event type (or type.sub-type) key -> actor1 when the text names no perpetrator of a
    # violent event: ACLED's unidentified actor (`Unidentified Armed Group ({country})`).
    unknown_perpetrator: dict[str, str] = Field(default_factory=dict)
    # Types that subsume others (`subsumes`) only when those killed no one: beside a deadly
    # strike, the interception is part of the strike.
    only_harmless: list[str] = Field(default_factory=list)
    # Types whose strikes in one story share their author: one told without it ("in Dnipro, a
    # strike wounded eight"), in an article whose other strikes of these types in its country
    # all name one ("Russian drones hit Odesa"), is that author's.
    one_striker: list[str] = Field(default_factory=list)
    # Event type (or type.sub-type) key -> actor1 when the text names only the side attacked
    # ("douze soldats tués dans une attaque contre l'armée"): ACLED's unidentified actor.
    unknown_attacker: dict[str, str] = Field(default_factory=dict)
    # The unidentified armed group an article of organised crime names as a side (roles.yaml
    # `organised_crime`: gangs, drug trafficking, extortion) is ACLED's unidentified gang.
    crime_perpetrator: str | None = None
    # Type key -> the type it becomes when the article tells no demonstration (no protest
    # trigger, no protesters, no protest word in a riot's own words): stones thrown at soldiers
    # during a raid are mob violence, not a violent demonstration.
    without_demonstration: dict[str, str] = Field(default_factory=dict)
    # Type key -> the type it becomes when its sentence names small arms (roles.yaml
    # `small_arms`) and its target is armed: mortars and small arms fired on an army outpost
    # are an armed clash.
    with_small_arms: dict[str, str] = Field(default_factory=dict)
    # Event type (or type.sub-type) key -> actor2 when the text names none: the people an
    # attack on civilians or a mob hits are civilians (ACLED's `Civilians ({country})`).
    default_actor2: dict[str, str] = Field(default_factory=dict)
    # Types whose actor2, when the text names no target, is the civilians it says were hit
    # ("shelled the town, injuring two children"), if it names any.
    civilians_hit: list[str] = Field(default_factory=list)
    # By kind of crowd (protesters, rioters), types that become another when that crowd is
    # one side (ACLED: a clash between rioters and soldiers is a riot, not a battle).
    with_crowd: dict[str, dict[str, str]] = Field(default_factory=dict)
    # Types that, beside another event of the article at its place and date, are part of it:
    # the key's table says what the other becomes (ACLED: protesters arrested at a protest make
    # it a protest with intervention; an attacker arrested on the spot is part of the attack).
    part_of_another: dict[str, dict[str, str]] = Field(default_factory=dict)
    # Types that, with no armed opponent, beside a demonstration of the article at its place
    # and date, are a clash with its crowd: the demonstration becomes the key's value and the
    # armed side its actor2 (ACLED: police clashing with students at their march: a riot).
    clash_at_demonstration: dict[str, str] = Field(default_factory=dict)
    # Types (or type.sub-type keys) whose triggers name weapons: one named as the means of
    # another action ("avec des fusils et des lance-grenades") is no event of its own
    # (triggers.yaml `instrument_markers`).
    weapon_types: list[str] = Field(default_factory=list)
    # Types whose actor2 is the actor of the attack they stopped, when the sentence names it
    # by the one-sided trigger it drops ("a intercepté des drones ... attribué l'attaque aux
    # FSR": ACLED's actor2 of a disrupted weapons use is whose weapons were disrupted).
    attacker_is_actor2: list[str] = Field(default_factory=list)
    # Sub-event types a state enters as its government, not its forces (a ceasefire "between
    # Israel and Hezbollah": Government of Israel).
    state_as_government: list[str] = Field(default_factory=list)
    # Sub-event types that become another when state forces are actor1 and protesters actor2
    # ("police shot dead three protesters": excessive force against protesters).
    protesters_hit: dict[str, str] = Field(default_factory=dict)
    # Sub-event types that become another when the parse names civilians as their doers
    # ("residents beat a suspected thief": mob violence).
    civilians_acting: dict[str, str] = Field(default_factory=dict)
    # Symmetric types fought between communities, with no side but civilians or none named,
    # that killed ("six morts lors de heurts armés entre bergers et cultivateurs", "15
    # killed in fighting between two clans"): the actor on both sides (ACLED: communal
    # militias, inter 4). roles.yaml `communities` says which words name communities.
    communities_fighting: dict[str, str] = Field(default_factory=dict)
    # Symmetric types (a clash) that become another when one side is civilians and the other
    # armed (ACLED: students who clash with the police are a mob, not a side of a battle).
    civilians_clashing: dict[str, str] = Field(default_factory=dict)
    # Types that become another when their target (actor2) is armed (ACLED: an attack on
    # soldiers, police or peacekeepers is a battle).
    armed_target_makes: dict[str, str] = Field(default_factory=dict)
    # Types that become another when people were killed (ACLED: protesters killed by the
    # forces facing them is excessive force).
    with_fatalities: dict[str, str] = Field(default_factory=dict)
    # Types in which civilians may act (a crowd protesting); in every other type civilians
    # named before the trigger are its victims (actor2), never actor1.
    civilians_may_act: list[str] = Field(default_factory=list)
    # Types whose actor1 is always their crowd (ACLED's "Protesters (X)", "Rioters (X)"): a
    # party, union or group the text names as doing it is an associated actor of the crowd.
    crowd_led: list[str] = Field(default_factory=list)
    # Types whose state forces, named only by their place before the trigger, are the ones it
    # hit ("an army vehicle struck an IED"): actor2, the bomb's planter actor1.
    state_hit: list[str] = Field(default_factory=list)
    # By kind of crowd (rioters, protesters), types that become another when that crowd does
    # them, as the parse's subject or agent (ACLED: rioters who beat a man commit mob violence).
    crowd_acting: dict[str, dict[str, str]] = Field(default_factory=dict)
    # Types that need an armed side (state forces, an armed group) when the text names sides:
    # people who leave a town transfer no territory.
    needs_armed_side: list[str] = Field(default_factory=list)
    # Types whose actor2 can only be another crowd: the cause a peaceful protest supports or
    # denounces (the army, the police, a company) is no actor of it.
    actor2_crowds_only: list[str] = Field(default_factory=list)
    # Event types whose trigger, beside a one-sided one (`attack`) in the same sentence, tells
    # the same incident more precisely: the one-sided trigger gives no event of its own.
    more_precise_than_one_sided: list[str] = Field(default_factory=list)
    # An event the text dates this many days or more before the report is background (the
    # attack of 7 October 2023 recalled in a 2025 story), not news: no event.
    background_after_days: int | None = None
    # ACLED's inter code for a state's forces outside their own country.
    foreign_state_inter: int | None = None


class ActorEntry(Strict):
    inter: int | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, when the actor belongs to one country
    # Every country whose events ACLED codes under this name (`country` is then the first);
    # a group that ACLED names per country (the Islamic State) has one entry per name.
    countries: list[str] = Field(default_factory=list)
    # The period the name applies to (ACLED renames a state's forces when its regime changes:
    # `Taliban` until August 2021, `Military Forces of Afghanistan (2021-)` after).
    since: date | None = None
    until: date | None = None
    kind: Literal["armed", "state", "civilians", "protesters", "rioters", "source",
                  "government"] = "armed"
    tags: list[str] = Field(default_factory=list)  # e.g. islamist: what anaphors may select
    # Anaphor selectors ("tag:islamist") this actor answers when the article names no actor
    # they may refer to: "des jihadistes présumés" with no group named is ACLED's unidentified
    # armed group.
    stands_in_for: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _home_country(self) -> ActorEntry:
        if self.country and self.countries and self.country not in self.countries:
            raise ValueError(f"country {self.country} is not among countries {self.countries}")
        if self.since and self.until and self.until < self.since:
            raise ValueError("until is before since")
        return self

    @property
    def where(self) -> frozenset[str]:
        """The countries the name is used in; empty for an actor of no one country."""
        return frozenset(self.countries or ([self.country] if self.country else []))

    def active_on(self, day: date | None) -> bool:
        """Whether the name applies on `day` (always, when the day is unknown)."""
        return day is None or ((self.since is None or self.since <= day)
                               and (self.until is None or day <= self.until))


class CountryNamesFile(Strict):
    """resources/acled_countries.yaml: ACLED's spelling of country names where it differs
    from GeoNames' English name (ISO code -> name)."""

    countries: dict[str, str]


def _on_the_globe_point(code: str, lat: float, lon: float) -> None:
    if not (len(code) == 2 and code.isupper() and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"{code}: {lat}, {lon} is no country code and point")


class CountryPointsFile(Strict):
    """resources/country_points.yaml: GeoNames' point of each country feature (ISO code ->
    [latitude, longitude])."""

    points: dict[str, tuple[float, float]]

    @field_validator("points")
    @classmethod
    def _on_the_globe(cls, points: dict[str, tuple[float, float]]):
        for code, (lat, lon) in points.items():
            _on_the_globe_point(code, lat, lon)
        return points


class NamedArea(Strict):
    """An area the news names that is no administrative division ("Darfur", "Eastern
    Ghouta"): its country, the admin1 regions it lies in (GeoNames' names, as the gazetteer
    writes them), an approximate centre, and its names in the languages we read."""

    country: str
    covers: list[str] = Field(min_length=1)
    point: tuple[float, float]
    names: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _placed(self) -> NamedArea:
        _on_the_globe_point(self.country, *self.point)
        return self


class WorldRegion(Strict):
    """A part of the world larger than a country ("the Middle East", "l'Afrique de l'Ouest"):
    an approximate centre and its names in the languages we read."""

    point: tuple[float, float]
    names: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _placed(self) -> WorldRegion:
        _on_the_globe_point("XX", *self.point)
        return self


class RegionsFile(Strict):
    """resources/regions.yaml: areas the news names that GeoNames' packaged files lack
    (`areas`), other names of admin1 regions (`admin1_names`: ISO code -> GeoNames'
    admin1 name -> names), and parts of the world (`world_regions`)."""

    areas: dict[str, NamedArea]
    admin1_names: dict[str, dict[str, list[str]]]
    world_regions: dict[str, WorldRegion] = Field(default_factory=dict)


class ActorsFile(Strict):
    """resources/actors.yaml and resources/actors/*.yaml (one file a region): canonical actors
    (ACLED names). `{country}` is filled in at resolve."""

    actors: dict[str, ActorEntry]

    @model_validator(mode="after")
    def _country_first(self) -> ActorsFile:
        for name, entry in self.actors.items():
            if entry.countries and not entry.country:
                self.actors[name] = entry.model_copy(update={"country": entry.countries[0]})
        return self


# --- per-language files (resources/<lang>/*.yaml) ----------------------------------------

class VerbArgs(Strict):
    """A verb of `verbs` (lemmas) with a word of `args` (lemmas) among its dependents, whatever
    stands between ("ont remis lundi la base", "le cessez-le-feu est entré en vigueur")."""

    verbs: list[str]
    args: list[str]
    # Lemmas one of which the sentence must also hold, anywhere ("cessez-le-feu" for
    # "entrer en vigueur": a law enters into force too).
    also: list[str] = Field(default_factory=list)
    # Lemmas none of which may stand among those dependents: the verb is then another type's
    # ("fired mortars at the positions" is shelling, not a clash).
    unless: list[str] = Field(default_factory=list)
    # Only a verb in the active voice, with the `args` word its object (or the object's
    # dependent), not its subject: someone burned the cars on purpose ("ont incendié des
    # voitures"), which is not "des voitures ont brûlé" or "ont été détruites" by a flood.
    active: bool = False
    # Only when the `args` word is in no trigger of its own: "another strike killed four" is
    # one, "a missile strike killed two" is the missile strike already.
    untold_args: bool = False


class TriggerEntry(Strict):
    phrases: list[str] = Field(default_factory=list)  # surface forms, matched case-insensitively
    lemmas: list[str] = Field(default_factory=list)  # matched on lemmas when the model has them
    # Verbs with a dependent that makes them this type, read from the parse (the trigger is
    # the verb): no phrase can hold the words a reporter puts between them.
    verb_args: list[VerbArgs] = Field(default_factory=list)
    # Beginnings of every inflected form of `lemmas` and of `verb_args` verbs ("conqu" for
    # conquérir: conquis, conquiert), for the first pass, which runs before the lemmatizer; a
    # stem ending in "$" is a whole word ("réunis$", not "réunissent").
    stems: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _stems_with_lemmas(self) -> TriggerEntry:
        if (self.lemmas or self.verb_args) and not self.stems:
            raise ValueError("a trigger with `lemmas` or `verb_args` needs `stems` for the "
                             "first pass")
        return self


class OrdinaryCrime(Strict):
    """ACLED codes no routine criminal arrest: a trigger of `labels` in a paragraph that names
    one of `words` (drugs, murder, fraud) and no armed group, crowd or political actor is
    ordinary policing, not an event."""

    labels: list[str]
    words: list[str]


class KilledBy(Strict):
    """A verb of killing in the passive with an actor as its agent ("ont été tués par des
    hommes armés", "were killed by gunmen"): an attack by that actor, read from the parse."""

    lemmas: list[str]
    label: str  # the taxonomy key it triggers, one-sided like `one_sided` phrases


class TriggersFile(Strict):
    triggers: dict[str, TriggerEntry]  # key: taxonomy key such as battles.armed_clash
    # Trigger phrases that tell what one side did ("attaque"): with no armed opponent named,
    # the event becomes the type taxonomy.yaml's `needs_armed_opponent` gives.
    one_sided: list[str] = Field(default_factory=list)
    # Trigger phrases that name a strike without saying by what weapon ("des frappes russes",
    # "Israeli strikes"): the sub-event type they give is a guess, and another explosion of the
    # same incident that names the weapon ("deux missiles balistiques") tells it.
    unspecific: list[str] = Field(default_factory=list)
    # Phrases that hold a trigger but report no event ("a pris feu", "se sont arrêtés"): a
    # trigger inside one of them is dropped.
    not_triggers: list[str] = Field(default_factory=list)
    # Trigger phrases that are everyday words as often as news of violence ("a pris", "frappe",
    # "mine"): they report an event only in an article with another sign of conflict (a trigger
    # not listed here, a killed word, an armed actor). A stem of a trigger's `stems` may be
    # listed too: then every word it begins needs a cue. Read by the first pass.
    needs_cue: list[str] = Field(default_factory=list)
    # Lemmas of verbs and nouns whose complement is no event that happened: threats, plans,
    # calls, demands, denials, condemnations ("menacé d'attaquer", "called for a ceasefire",
    # "denied carrying out the strike"), or only the topic of a meeting, a debate or a trial
    # ("la réunion portait sur l'enlèvement"). A trigger they govern gives no event.
    irrealis: list[str] = Field(default_factory=list)
    # Lemmas of words that deny what they qualify: a trigger noun they determine ("there was no
    # fighting", "aucun affrontement n'a été signalé") or a trigger verb they modify ("did not
    # attack", "n'ont pas attaqué") tells no event; nor does a trigger noun that is the subject
    # or object of a verb of `negation_hosts` (lemmas) they modify ("did not report any
    # clashes", "il n'y a pas eu de combats"; not "n'a pas revendiqué l'attaque").
    negations: list[str] = Field(default_factory=list)
    negation_hosts: list[str] = Field(default_factory=list)
    # Lemmas of ideas a trigger noun may be said to hit ("an attack on media freedom", "une
    # atteinte à la démocratie", "une attaque contre la liberté de la presse"): a figure of
    # speech, no event.
    abstract_targets: list[str] = Field(default_factory=list)
    # Words for the weapons of remote violence that are no trigger alone ("with drones", "des
    # drones"): beside a strike word that names no weapon, the strike was remote
    # (taxonomy.yaml `unspecific_on_ground` does not apply).
    remote_weapons: list[str] = Field(default_factory=list)
    # Adjectives that make a trigger noun another, earlier incident the article only recalls
    # ("two days after a similar attack in Khyber", "une précédente attaque"): with no date in
    # its sentence, it is no event of this report.
    earlier_incident: list[str] = Field(default_factory=list)
    # Adjectives (lemmas) that make a trigger noun a prospect, not an event ("a possible peace
    # deal", "une éventuelle offensive"): whatever else its sentence says.
    hypothetical: list[str] = Field(default_factory=list)
    # Words before a trigger noun that make it the backdrop of the news another trigger of
    # its sentence tells ("hit by an Israeli drone ..., amid continuing cross-border fire",
    # "sur fond de combats"): the situation, no event of its own.
    backdrops: list[str] = Field(default_factory=list)
    # Prepositions that give a protest its cause ("protested against demolishing the
    # station", "ont manifesté contre la démolition de la gare"): a trigger a protest governs
    # through one is what the crowd opposes, not an event the article tells.
    protest_causes: list[str] = Field(default_factory=list)
    # Lemmas of what a crowd does with its cause ("gathered to denounce rape cases", "ont
    # manifesté pour exiger la libération des otages"): a trigger such a verb of a protest
    # governs is what the crowd demands or denounces, not an event the article tells.
    protest_claims: list[str] = Field(default_factory=list)
    # Lemmas of festivities: a crowd gathered or marching for one ("rassemblés pour la fête du
    # quartier", "gathered to celebrate the victory") makes no demonstration (ACLED codes
    # political gatherings, not celebrations).
    festivities: list[str] = Field(default_factory=list)
    # Lemmas of words that make a trigger governed by them a date for something else ("le jour
    # même de l'entrée en vigueur de la trêve", "on the eve of the offensive").
    time_anchors: list[str] = Field(default_factory=list)
    # Prepositions that, after a span of time, make a trigger noun a time reference ("deux
    # semaines après le coup d'État", "two weeks after the coup"): the event dates another.
    time_relations: list[str] = Field(default_factory=list)
    # Lemmas of the units of such a span, a week or longer (hours or days after, the event may
    # be the news: "quelques heures après les affrontements").
    time_span_units: list[str] = Field(default_factory=list)
    # Words that introduce the weapons of an action ("avec", "with", "armed with"): a weapon
    # trigger listed there beside other weapons ("avec des fusils et des lance-grenades") is
    # the means of the sentence's action, not an event of its own.
    instrument_markers: list[str] = Field(default_factory=list)
    # Lemmas of verbs whose passive subject is a weapon used in the sentence's other action
    # ("des missiles ont été employés au cours de l'attaque", "mortars were used in the assault").
    instrument_verbs: list[str] = Field(default_factory=list)
    # Words before weapons someone carries, stole or trades ("armés de grenades", "vol
    # d'engins explosifs", "armed with grenades", "theft of explosives"): weapons not used,
    # so a weapon trigger there gives no event (ACLED codes a use, not an arsenal).
    held_markers: list[str] = Field(default_factory=list)
    # Adverbs that make a capture brief ("briefly captured", "a brièvement pris"): taxonomy.yaml
    # `held_briefly`.
    brief_words: list[str] = Field(default_factory=list)
    # Lemmas of quantity nouns that make a trigger noun a tally of many events ("des centaines
    # d'attaques", "dozens of air strikes"): no one event (nor is "plus de 300 frappes").
    tallies: list[str] = Field(default_factory=list)
    # Lemmas of verbs of a trend ("les enlèvements se multiplient", "attacks have multiplied"):
    # trigger nouns they take as subject are many events over no one day, no event.
    trend_verbs: list[str] = Field(default_factory=list)
    # Lemmas of spans of time ("un an de combats", "a year of fighting"): a trigger noun they
    # govern is a war's course, no event, even on a day its sentence names.
    spans_of_time: list[str] = Field(default_factory=list)
    # Lemmas of words of flight and displacement: a trigger they take as their cause ("chassés
    # de leurs foyers par les combats", "fled the fighting") is the war in general, no event.
    fled_from: list[str] = Field(default_factory=list)
    # Lemmas of natural hazards: a trigger verb whose subject is one ("un cyclone a frappé la
    # ville", "floods hit the town") tells no act of violence.
    natural_hazards: list[str] = Field(default_factory=list)
    # Trigger phrases that name an explosion and nothing of what caused it ("une explosion",
    # "a blast", "exploded"), and lemmas of words of an accident ("gaz", "chaudière", "usine",
    # "accident"; "gas cylinder", "boiler", "factory"): such a trigger in a sentence that holds
    # one, or before one, tells an accident, and so does every such trigger of its article
    # ("l'explosion" said again): no political violence (ACLED codes no industrial or domestic
    # explosion).
    bare_blasts: list[str] = Field(default_factory=list)
    accidental_blasts: list[str] = Field(default_factory=list)
    # Lemmas of verbs of hearing and counting: such an explosion as their object or passive
    # subject ("des explosions ont été entendues", "observed a total of 19 explosions") is a
    # noise someone noted, not the fire of a side (ACLED codes who fired, where).
    observing_verbs: list[str] = Field(default_factory=list)
    # Trigger phrases of everyday verbs ("a pris", "took") that tell ground taken only when
    # their object is a place the text names or a word of `territory` (lemmas: ville, base):
    # "a pris son thermomètre", "took her bag" take nothing.
    needs_territory: list[str] = Field(default_factory=list)
    territory: list[str] = Field(default_factory=list)
    # Lemmas of nouns that make such a verb aim, not take ("ont pris le poste pour cible"):
    # the post was attacked, not taken.
    aims: list[str] = Field(default_factory=list)
    # Trigger phrases of withdrawal ("se sont retirés", "withdrew") that leave ground only when
    # their sentence names a place or a word of `territory`: "police withdrew to avoid hurting
    # the crowd" is a move, not a transfer of territory.
    withdrawals: list[str] = Field(default_factory=list)
    killed_by: KilledBy | None = None
    ordinary_crime: OrdinaryCrime | None = None
    # Demonstratives (as written, lower case): a trigger noun they determine ("cette attaque",
    # "this attack") points back at an event the article told already, no new one.
    demonstratives: list[str] = Field(default_factory=list)
    # Definite articles: a one-sided trigger noun they take ("the attack", "l'attaque"), in a
    # later sentence that names no place and no date of its own, is the event told already
    # ("2 soldiers were killed in the attack").
    definite_articles: list[str] = Field(default_factory=list)
    # Lemmas of verbs whose object, a trigger noun with a definite article, is the event told
    # already ("officials confirmed the fighting", "a confirmé l'attaque").
    confirm_verbs: list[str] = Field(default_factory=list)


class PluperfectCue(Strict):
    """An auxiliary in this tense before a participle dates a clause to before the news."""

    aux_lemmas: list[str]
    aux_morph: str  # a morphological feature the auxiliary must carry, e.g. "Tense=Imp"


class VagueNumber(Strict):
    low: int | None = None
    best: int | None = None
    high: int | None = None


class CasualtiesFile(Strict):
    killed: list[str]  # words that say people died, near a number
    injured: list[str] = Field(default_factory=list)
    at_least: list[str] = Field(default_factory=list)  # "au moins 5" -> low = 5
    at_most: list[str] = Field(default_factory=list)  # "jusqu'à 5" -> high = 5
    about: list[str] = Field(default_factory=list)  # "environ 5" -> best = 5
    vague: dict[str, VagueNumber] = Field(default_factory=dict)  # "des dizaines" -> low 10
    cumulative: list[str] = Field(default_factory=list)  # markers of a running total
    # Words after a number that make it an age ("a 12-year-old boy", "une fille de 19 ans").
    ages: list[str] = Field(default_factory=list)
    # Words of a total ("au total", "a total of"): a running total only in a sentence that
    # names no single day ("A total of 18 people were killed late Tuesday": Tuesday's toll).
    totals: list[str] = Field(default_factory=list)
    since: list[str] = Field(default_factory=list)  # a running total when a date follows
    # ... or when one of these verbs of beginning follows ("since the strikes began").
    period_starts: list[str] = Field(default_factory=list)
    # ... but not after words of rarity ("the deadliest attack since January", "la plus
    # meurtrière depuis 2019"): `since` then measures the event; English superlatives are
    # also read from the tagger.
    rarity: list[str] = Field(default_factory=list)
    # Nouns for a whole conflict: a toll whose subject is one ("the conflict has killed 40,000",
    # "les violences ont fait 26 000 morts") with no day named is a running total.
    conflict_nouns: list[str] = Field(default_factory=list)
    breakdown: list[str] = Field(default_factory=list)  # "parmi eux": the next numbers split it
    civilians: list[str] = Field(default_factory=list)  # nouns for civilians among the dead
    # Ranges, with {low} and {high} standing for numbers: "entre {low} et {high}".
    ranges: list[str] = Field(default_factory=list)
    # Words after a number that make it a measure, not a count of people ("64 ans", "3 km").
    units: list[str] = Field(default_factory=list)
    # Nouns for one person: "une femme a été tuée" counts one.
    persons: list[str] = Field(default_factory=list)
    # Articles that count one before a word of `persons` ("killed a civilian"), where the
    # language's number words do not ("un", "une" are numbers already).
    articles_of_one: list[str] = Field(default_factory=list)
    # Nouns that count victims with no side named ("four people were killed"): hit by a strike
    # or shelling, ACLED codes them civilians.
    unnamed_victims: list[str] = Field(default_factory=list)
    # Words for a death toll, which may stand a few words before its number ("the death toll
    # in Gaza has risen to 62,064"): a count of the dead.
    tolls: list[str] = Field(default_factory=list)


class AttributionFile(Strict):
    prepositions: list[str]  # "selon X"
    speech_verbs: list[str]  # "X a déclaré"


class BackgroundFile(Strict):
    # Templates: {year} a four-digit year, {number} a number; a match dates a clause to the past.
    patterns: list[str]
    # Templates like `patterns` for how long something has lasted ("for three years", "depuis
    # des années"): past too, except in a sentence dated to the report's own time, where they
    # say how long a grievance or a state of things has lasted, not when the event was.
    durations: list[str] = Field(default_factory=list)
    pluperfect: PluperfectCue | None = None
    # A perfect with this auxiliary and a `since` phrase in its sentence ("Since the fall of
    # Assad, factions have fought the SDF around Manbij") sums up a period: no one event.
    perfect_since: PluperfectCue | None = None
    # A perfect with this auxiliary, with no date in its sentence, after the lead paragraph
    # sums up what came before ("Israel has responded with air strikes on Hodeidah"): no one
    # event. A lead tells the news itself in it ("Russia has launched an attack on Kyiv").
    perfect_after_lead: PluperfectCue | None = None
    # Morphological features of a finite verb in the simple present ("les FSR attaquent
    # régulièrement", "al-Shabaab attacks bases"): with no auxiliary and no date in its
    # sentence, such a trigger tells what usually happens, not an event.
    habitual_morph: list[str] = Field(default_factory=list)
    # Lemmas of adverbs that make the trigger they modify a habit, whatever its tense ("est
    # régulièrement visée par l'aviation", "is frequently shelled"): no one event.
    habitual_adverbs: list[str] = Field(default_factory=list)
    # Phrases that tell how a war began ("the war began after militants stormed a border town",
    # "la guerre a éclaté lorsque"): the events told after them in their sentence are its
    # origin, background.
    war_origins: list[str] = Field(default_factory=list)


class DatesFile(Strict):
    months: list[str]  # twelve names, January first
    weekdays: list[str] = Field(default_factory=list)  # seven names, Monday first
    relative_days: dict[str, int] = Field(default_factory=dict)  # "hier": -1
    day_prefixes: list[str] = Field(default_factory=list)  # words before a day number: "le"
    # Words that date a sentence to the day of the event told before it ("le même jour",
    # "later that day"): that event's date, wherever it was named.
    same_day: list[str] = Field(default_factory=list)
    # A month named without its day ("en novembre", "in early March 2022"; `{month}` one of
    # `months`, `{year}` a four-digit year; a pattern with no `{month}` names the report's own
    # month: "earlier this month"). ACLED codes such an event to the 15th, time precision 3.
    months_alone: list[str] = Field(default_factory=list)
    # Weeks, as days from the publication ("la semaine dernière": -7): time precision 2.
    weeks: dict[str, int] = Field(default_factory=dict)
    # Words before or after a day that make it approximate ("Around 6 April", "vers le 12
    # mars", "6 April 2022 (week of)"): time precision 2.
    approximate_before: list[str] = Field(default_factory=list)
    approximate_after: list[str] = Field(default_factory=list)
    # Words after a day that say only its month is known ("15 March 2022 (month of)"): time
    # precision 3.
    month_after: list[str] = Field(default_factory=list)
    # Words before a day that make it someone's birthday ("né le 31 décembre 1986", "born on
    # 4 May 1990"): no date of any event.
    birth_words: list[str] = Field(default_factory=list)


class RepairFile(Strict):
    glue_words: list[str]  # short words that scraping glues onto a neighbour (Alepdans)
    # Glue words no word of the language ends with: split even after an unknown proper name.
    free_glue_words: list[str] = Field(default_factory=list)


class ActorAliasesFile(Strict):
    aliases: dict[str, list[str]]  # canonical actor name -> names used in this language
    # Descriptive phrases for an actor ("factions pro-turques"); "..." stands for 1-3 words.
    # An actor named by description is an associate when another is named by name beside it.
    descriptions: dict[str, list[str]] = Field(default_factory=dict)
    metonyms: dict[str, list[str]] = Field(default_factory=dict)  # "Damas" -> Government of Syria
    # Plain words for people that name an actor only as the doer of the act (the subject or
    # agent the parse gives a trigger): "a group of people attacked a media office" names its
    # doers (civilians acting: a mob), "two people died in the clashes" names no side.
    doers: dict[str, list[str]] = Field(default_factory=dict)
    # Generic phrases that refer to an actor named elsewhere in the article, keyed by what they
    # may refer to: "kind:source" (l'ONG), "tag:islamist" (l'alliance islamiste), "inter:2".
    anaphors: dict[str, list[str]] = Field(default_factory=dict)
    # Words joining two actors into one side ("armée syrienne et russe"): and, as well as.
    coordination: list[str] = Field(default_factory=list)
    # Words between an actor and the operation or umbrella it fights under ("JWS, which
    # operates under OPS"): the umbrella leads their side (ACLED codes it as actor1).
    umbrella_markers: list[str] = Field(default_factory=list)
    # Words before two coordinated actors that make them opponents ("entre X et Y").
    opposition_markers: list[str] = Field(default_factory=list)
    # Words that may stand between a coordinator and the next actor ("et de", "et d'autres").
    coordination_fillers: list[str] = Field(default_factory=list)
    # Words that introduce the target of an action ("une attaque contre X"): X is actor2.
    target_markers: list[str] = Field(default_factory=list)
    # Words that introduce the agent of a passive verb or a nominal trigger ("par").
    agent_markers: list[str] = Field(default_factory=list)
    # Words that introduce the agent right after a trigger noun ("frappe de l'armée"), unless
    # the actor is civilians ("enlèvement de civils": the victims).
    genitive_markers: list[str] = Field(default_factory=list)
    # "Military Forces of {country}" for a country named beside a military actor.
    military_template: str | None = None
    # Words between a generic state force and its country ("military forces of Armenia",
    # "l'armée du Mali"): that country's force.
    country_links: list[str] = Field(default_factory=list)
    # Words of a counter-demonstration: a protest in a paragraph that names one faced other
    # protesters (ACLED's actor2 "Protesters (X)").
    counter_crowds: list[str] = Field(default_factory=list)
    # A military noun, up to three words, then a nationality ("drone turc"): that country's
    # military. `demonyms` maps ISO 3166 codes to the nationality's forms.
    military_nouns: list[str] = Field(default_factory=list)
    demonyms: dict[str, list[str]] = Field(default_factory=dict)
    demonym_position: Literal["after", "before"] = "after"  # "drone turc" / "Turkish drone"
    military_fillers: list[str] = Field(default_factory=list)  # "armée [de l'air] soudanaise"

    @field_validator("anaphors")
    @classmethod
    def _selectors(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for key in value:
            kind, _, arg = key.partition(":")
            if kind not in ("kind", "tag", "inter") or not arg:
                raise ValueError(f"anaphor key {key!r} must be kind:NAME, tag:NAME or inter:N")
        return value


class ActorRegionFile(Strict):
    """resources/<lang>/actors/*.yaml: one region's names in a language, merged into the
    language's actors.yaml (lists of one actor from several files are joined)."""

    aliases: dict[str, list[str]] = Field(default_factory=dict)
    descriptions: dict[str, list[str]] = Field(default_factory=dict)
    metonyms: dict[str, list[str]] = Field(default_factory=dict)
    demonyms: dict[str, list[str]] = Field(default_factory=dict)


class RolesFile(Strict):
    """resources/<lang>/roles.yaml: the words the parse's roles read (extract/roles.py),
    beside the agent, target and genitive markers of actors.yaml."""

    # Prepositions that introduce the other side of a symmetric event ("clashed with X").
    opponent_markers: list[str] = Field(default_factory=list)
    # Prepositions that introduce both sides at once, and the word that joins them
    # ("un affrontement entre la police et les étudiants", "clashes between X and Y").
    pair_markers: list[str] = Field(default_factory=list)
    pair_joins: list[str] = Field(default_factory=list)
    # More genitive prepositions for a trigger noun ("attack of X"), beside actors.yaml's.
    genitive_markers: list[str] = Field(default_factory=list)
    # Prepositions by which a trigger noun says how a verb's act was done ("destroyed a depot
    # with artillery fire", "killed 75 people in a drone strike", "tués dans une frappe"): the
    # noun's roles the parse leaves empty are the verb's.
    means_markers: list[str] = Field(default_factory=list)
    # Lemmas of nouns for a post, a base, a convoy or a patrol: an event noun's genitive that
    # is one of them is what was hit, not who did it ("l'attaque du poste militaire de X").
    facility_nouns: list[str] = Field(default_factory=list)
    # Lemmas of verbs whose object is the event and whose subject carried it out ("lancer une
    # attaque", "carry out a strike", "revendiquer l'attentat").
    light_verbs: list[str] = Field(default_factory=list)
    # Lemmas of verbs whose object is an attack and whose subject was its target ("repousser
    # une attaque", "repel an assault").
    defence_verbs: list[str] = Field(default_factory=list)
    # Lemmas of verbs whose subject is caught in the event a trigger noun after them names
    # ("un groupe de soldats est tombé dans une embuscade", "a patrol fell into an ambush"):
    # that subject is the event's actor2.
    caught_verbs: list[str] = Field(default_factory=list)
    # Words before a group whose dead or wounded a toll counts ("trois morts parmi les
    # soldats", "dans les rangs de l'armée", "among the soldiers"): that group was hit.
    among_markers: list[str] = Field(default_factory=list)
    # Lemmas of nouns whose subject an event was aimed at ("le détachement a été la cible d'une
    # attaque", "the post was the target of an attack"): that subject is the event's actor2.
    target_nouns: list[str] = Field(default_factory=list)
    # Lemmas of verbs that hand territory over ("remettre la base à l'armée", "hand over the
    # base to"), and the prepositions of the recipient: ACLED's actor1 of a transfer is the side
    # that takes the ground, actor2 the side that gives it up.
    handover_verbs: list[str] = Field(default_factory=list)
    recipient_markers: list[str] = Field(default_factory=list)
    # Lemmas of verbs that lay an event at an actor's door ("police blamed Boko Haram", "a
    # attribué l'attaque aux FSR"): the actor is the perpetrator of the event just told.
    blame_verbs: list[str] = Field(default_factory=list)
    # Lemmas of verbs by which an actor owns an event ("Al-Shabaab claimed responsibility for
    # the attack", "l'attentat a été revendiqué par l'EI"), when their object is an event or
    # one of `claim_objects` ("responsabilité", "responsibility"): the subject, or the agent of
    # the passive, is the perpetrator of the events just told that name none.
    claim_verbs: list[str] = Field(default_factory=list)
    claim_objects: list[str] = Field(default_factory=list)
    # Lemmas of the common nouns a group's name may hang on ("l'organisation Al Shebab", "le
    # mouvement Shabab", "the group IS"): the clause links that noun, not the name.
    name_heads: list[str] = Field(default_factory=list)
    # Lemmas that mark an event as one more of a kind just told ("another strike killed four",
    # "une autre frappe"): with no author of its own, it has the author of the last one.
    continuations: list[str] = Field(default_factory=list)
    # Of those, the lemmas that make an indefinite trigger noun one more incident, not one told
    # before ("une troisième attaque", "another clash"): fusion keeps it apart. Not "new", as
    # often a rally announced ("un nouveau rassemblement la semaine prochaine").
    another_incident: list[str] = Field(default_factory=list)
    # Words before one of those that make the trigger one more of a series, maybe the one just
    # told ("yet another gang attack on the district", "encore une autre attaque").
    series_words: list[str] = Field(default_factory=list)
    # Triggers that name who did it, not what was done ("un second kamikaze", "a second suicide
    # bomber"): a number on them counts the attackers of one incident, no other incident (ACLED
    # codes a twin bombing at one place and day as one event).
    attacker_triggers: list[str] = Field(default_factory=list)
    # Words of firearms ("ont ouvert le feu", "opened fire", "fusils"): people who use them
    # in the trigger's sentence are armed, an unidentified armed group, never a mob (ACLED's
    # mobs beat, stone, burn and hack).
    firearms: list[str] = Field(default_factory=list)
    # Words of organised crime ("gang-related", "drug trafficking", "extorsion"): the unnamed
    # armed men of an article that speaks of it are a gang (taxonomy.yaml `crime_perpetrator`).
    organised_crime: list[str] = Field(default_factory=list)
    # Words of small arms ("small arms", "armes légères"): artillery fired with them on an armed
    # side is a fight at close range (taxonomy.yaml `with_small_arms`).
    small_arms: list[str] = Field(default_factory=list)
    # Words for communities and their fights ("éleveurs", "clans", "intercommunautaires",
    # "herders", "tribal"): near a clash of no side but civilians, communal militias fight
    # (taxonomy.yaml `communities_fighting`).
    communities: list[str] = Field(default_factory=list)
    # How the blame and claim verbs start, for the first pass (which has no lemmas): a
    # sentence after an event's that holds one is parsed too.
    blame_stems: list[str] = Field(default_factory=list)
    # Words that make the actor after them the content of a charge ("detained four men on
    # charges of belonging to IS", "arrêtés pour appartenance à l'EI"): no side of the event.
    charge_markers: list[str] = Field(default_factory=list)


class PlacesFile(Strict):
    # Words that make a place name stand for its region ("Idleb province", "la province
    # d'Idleb", "Al Hasakeh countryside"): the event is placed at region level (precision 3).
    region_after: list[str] = Field(default_factory=list)
    region_before: list[str] = Field(default_factory=list)
    # Words for a kind of area that end a region's name and belong to its span ("Benue
    # State", "Orange County", "Kherson Oblast"): the place is the region of that name.
    name_designators: list[str] = Field(default_factory=list)
    # Places as the wire abbreviates them, matched as written ("Calif.": California, "D.C.":
    # Washington).
    place_abbreviations: dict[str, str] = Field(default_factory=dict)
    # Nouns for a part of a town ("quartier"): the name after them is the sub-location.
    sub_location_nouns: list[str] = Field(default_factory=list)
    # Words between such a noun and the name ("d'", "de").
    sub_location_links: list[str] = Field(default_factory=list)
    # Determiners that make such a noun any part of the town named after it ("un quartier de
    # Kharkiv", "a district of Odesa"): the name is the town, not the part's own name.
    any_part_determiners: list[str] = Field(default_factory=list)
    # Those of `sub_location_nouns` that name one part of a town in the singular ("le quartier
    # de Dnipro" in Kherson): the name after them is never a town elsewhere.
    town_part_nouns: list[str] = Field(default_factory=list)
    # Nouns after a name that make it one part of a town ("the Penha neighbourhood", "Tahrir
    # Square"): never a town of that name elsewhere.
    town_part_after: list[str] = Field(default_factory=list)
    # Words after which a capital is the city, not its government ("in Damascus", "à Damas").
    locatives: list[str] = Field(default_factory=list)
    # Words after which a country, and only a country, is where something happens ("au Niger",
    # "en Syrie"; before a town, "au" and "en" say other things: "au Caire" is both).
    country_locatives: list[str] = Field(default_factory=list)
    # Words after which a name is a place when the gazetteer knows it only by another spelling
    # ("the outskirts of Qamishli", "aux abords d'El-Facher"), beside the locatives.
    place_nouns: list[str] = Field(default_factory=list)
    # Words after which (lowercase, after a name) a name is a place even when the gazetteer
    # knows it only by another spelling ("Kathauna town"); `area_nouns_after`: the same for an
    # area named after its seat ("Baramulla district"), read as that area (region precision).
    place_nouns_after: list[str] = Field(default_factory=list)
    area_nouns_after: list[str] = Field(default_factory=list)
    # What joins the places of a list ("from Anka and Bukkuyum", "à Kaya, Pissila et Barsalogho"):
    # of places named before what happened, the event's is the list's first, as ACLED codes it.
    list_joins: list[str] = Field(default_factory=list)
    # Lemmas of nouns of armed groups a place may qualify ("Darfur communal militia", "les
    # milices du Darfour"): the group's home, the event's place only when the sentence names
    # no other.
    group_nouns: list[str] = Field(default_factory=list)
    # Lemmas of verbs whose object is a place that was hit ("des drones qui visaient
    # Port-Soudan", "strikes hit Kyiv"): a capital there is the city, not its government.
    place_verbs: list[str] = Field(default_factory=list)
    # Words that join a place to the longer name it ends ("University of Chicago", "Université
    # de Paris"): a place there is still named. Elsewhere, a place inside a longer name and not
    # at its start ("Salim" of "Abu Salim", "Bazar" of "Nawagai Bazar") is no place of its own.
    name_links: list[str] = Field(default_factory=list)
    # Words that put a town inside the region named after them ("Nyaung Kone village in the
    # northern Sagaing region", "le village de Koro dans la région de Mopti"): the town is
    # looked for there, and a namesake in another region of that country is not it.
    inside_words: list[str] = Field(default_factory=list)
    # Words after which a town is only the reference point of the event ("near Tame", "à une
    # vingtaine de km de Niafunké"): ACLED codes it at that town with geo precision 2.
    near_markers: list[str] = Field(default_factory=list)
    # Words after which a country is a neighbour of the event's ("près du Nigeria", "at the
    # border with Mali"): a country not the scene, with a quarter vote (resolve/places.py).
    neighbour_markers: list[str] = Field(default_factory=list)
    # Words that join a country to a neighbour named just before it, which is a neighbour too
    # ("près des frontières du Niger et de l'Algérie", "bordering Chad and Niger").
    neighbour_joins: list[str] = Field(default_factory=list)
    # Words a hyphen glues after a name that leave the name whole ("Britain-based",
    # "US-led", "Iran-backed"): the name qualifies a noun, it is not where anything happened.
    hyphen_suffixes: list[str] = Field(default_factory=list)
    # Nouns for a route beside two towns a hyphen joins ("the Gao-Ansongo road", "l'axe
    # Gao-Ménaka"): the towns are its ends, read apart.
    route_nouns: list[str] = Field(default_factory=list)
    # Words between two places a route noun comes shortly before ("la route reliant Bandiagara
    # à Bankass", "the road between Gao and Ansongo"): the two are the route's ends too.
    route_joins: list[str] = Field(default_factory=list)
    # Words of direction or size before a place inside a longer name ("North Kharkiv", "Greater
    # Cairo"): the place is still named, less precisely.
    compass_words: list[str] = Field(default_factory=list)
    # Words of direction a hyphen glues before a country or a region into a name the gazetteer
    # lacks ("le Nord-Mali", "dans le Bas-Artibonite"): that part of the country or region.
    # Not words of size or age: "Nouvelle-Guinée" is no part of Guinea.
    compass_prefixes: list[str] = Field(default_factory=list)
    # Words after which a capital is its government even after a locative ("le régime au
    # pouvoir à Niamey", "the junta in power in Bamako").
    seat_of_power: list[str] = Field(default_factory=list)
    # Words after which a place is where the wounded or the dead were taken ("taken to
    # hospitals in Maiduguri", "évacués vers Bamako"), or where flights were diverted to
    # ("détournés vers Misrata"): never the event's place.
    care_markers: list[str] = Field(default_factory=list)
    # Words after which a place is where someone was born or comes from ("né à Rabat", "a
    # native of Kano"): a fact about a person, never the event's place.
    origin_markers: list[str] = Field(default_factory=list)
    # Nouns of natural features ("lac", "Lake", "fleuve", "Mount"): a name they introduce that
    # the gazetteer does not know whole, or a country after them ("le lac Tchad", "Mount
    # Kenya"), names the lake or the mountain, no town and not where in the country.
    feature_nouns: list[str] = Field(default_factory=list)
    # Nouns of buildings that take their name right after them ("l'école Kerbala",
    # "l'hôpital Al-Awda"): that name is the building's, no town (Iraq's Salah ad Din), like a
    # feature's. Not English's order, whose name before the noun is often the town's ("Goma
    # hospital").
    building_nouns: list[str] = Field(default_factory=list)
    # Nouns of buildings after the name they bear, English's order ("the Saint-Pierre
    # Hospital", "Goma hospital"): the name may be the town's, so it is the event's place only when its
    # sentence names no other town.
    building_nouns_after: list[str] = Field(default_factory=list)
    # Words that introduce a person's name ("une jeune fille nommée Eloïse", "a man named
    # Jackson"): that name, there and wherever the text repeats it, is no place.
    person_markers: list[str] = Field(default_factory=list)
    # Names of organisations that a gazetteer place shares (`Otan`, NATO in French, is a town
    # in Nigeria): never a place, wherever they stand.
    organisations: list[str] = Field(default_factory=list)
    # Whether this language writes nationality words with a capital ("Russian", not "russe"):
    # then a lowercase match of a form in the actors' `demonyms` ("regime forces") names no
    # country as a place. Nationality words are toponyms of their country (GeoWebNews counts
    # "Russian" in "Russian diplomats" as Russia).
    capitalised_demonyms: bool = False
    # Words for the people of a continent ("European", "africain"), by the continent's English
    # name as GeoNames writes it: toponyms of that continent, like nationality words.
    continent_demonyms: dict[str, list[str]] = Field(default_factory=dict)
    # Words for a country the text does not name ("dans le nord du pays", "the country's
    # east"): with every nationality word of the article naming one country ("soldats
    # burkinabè"), the events of a story that names no place happened there.
    country_anaphors: list[str] = Field(default_factory=list)
    # Country names CLDR lacks, matched as written (ISO code -> names): "U.S.", "UK", "RDC".
    country_aliases: dict[str, list[str]] = Field(default_factory=dict)
