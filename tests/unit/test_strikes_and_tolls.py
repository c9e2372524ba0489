"""Pins how everyday strike reports are read, in French and English, on short texts written for
these tests:

- a strike that kills, wounds or destroys is an air strike, whatever word stands before it
  ("another strike killed four", "killed in a strike on a tent camp"); a labour strike is not
  (triggers.yaml `verb_args` with `unless`: "during a general strike");
- one more event of a kind just told that names no author ("another strike", "une autre
  frappe") is by the author of the last one (roles.yaml `continuations`);
- a country's air defences are its military ("les défenses ukrainiennes", "Ukrainian air
  defences": actors.yaml `military_nouns`);
- the exact counts of coordinated nouns make one toll, the dead of all sides as ACLED records
  them ("a boy and two women": 3; "sept soldats et six assaillants": 13), their shares its
  breakdown;
- an event named to date another ("two weeks after the coup", "after the attack" once an event
  is told) is no event (triggers.yaml `time_relations`);
- an event told again ("cette attaque ... près de Djibo") gives the first telling the town it
  did not name;
- "artillery fire from the RSF" is the RSF's; "the army and the RSF have been fighting" makes
  two sides, not one; "the paramilitary force" is the paramilitary group named;
- a massacre a source describes, by nobody named and with no toll, is the strike told again;
- a number that is the subject of a verb of its own counts for that verb, not for the killed
  word before it ("douze gendarmes ont été tués et quatre sont portés disparus": 12 dead);
- a strike told without its author, in a story whose other strikes in that country all have
  one named author, is that author's (taxonomy.yaml `one_striker`); with two authors named it
  is nobody's in particular, and a shelling with no author at all is an unidentified armed
  group's (taxonomy.yaml `unknown_perpetrator`);
- two coordinated clauses of one kind, each with its own subject ("the army shelled A, and the
  RSF shelled B"), are two events;
- tear gas shells disperse a crowd: no shelling;
- drones intercepted beside a drone that got through and killed are a strike, partly
  intercepted, by the side whose drones they were (taxonomy.yaml `only_harmless`);
- weapons "used in the attack" are its weapons, not a strike of their own (triggers.yaml
  `instrument_verbs`);
- a shelling told twice, once with its author and once with the soldiers of that author it
  killed, is one event whose author is not its own target.
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition


def test_a_strike_that_kills_is_an_air_strike(runtime):
    event = only_event(read(runtime, "Three people were killed in a strike on a tent camp in "
                                     "Rafah on Monday, medics said.", lang="en"))
    assert event.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize("text", [
    "A man was killed during a general strike in Dhaka on Monday, police said.",
    "Workers went on a hunger strike in Lagos on Monday.",
])
def test_a_labour_strike_is_no_air_strike(runtime, text):
    report = read(runtime, text, lang="en")
    assert "Air/drone strike" not in {e.sub_event_type for e in report.events}


@pytest.mark.parametrize(("text", "lang"), [
    ("An Israeli strike on a house in Deir al-Balah killed three people on Tuesday, medics "
     "said. Another strike in Khan Younis killed four people, the health ministry said.", "en"),
    ("Une frappe israélienne a tué trois personnes mardi à Deir al-Balah. Une autre frappe a "
     "tué quatre personnes à Khan Younès, selon le ministère de la Santé.", "fr"),
])
def test_another_strike_is_by_the_author_of_the_last(runtime, text, lang):
    events = read(runtime, text, lang=lang).events
    assert [(e.actor1, e.fatalities.best) for e in events] == [
        ("Military Forces of Israel", 3), ("Military Forces of Israel", 4)]
    assert events[1].evidence["actor1"].basis == "continued"


@pytest.mark.parametrize(("text", "lang", "dead"), [
    ("An Israeli strike on a house in Rafah killed a boy and two women on Tuesday.", "en", 3),
    ("Gunmen killed three farmers and two herders in Makurdi on Monday, police said.", "en", 5),
    ("Seven soldiers and six insurgents were killed in clashes in Kidal on Monday.", "en", 13),
    ("Sept soldats et six assaillants ont été tués lundi dans des combats à Kidal.", "fr", 13),
])
def test_coordinated_counts_make_one_toll(runtime, text, lang, dead):
    report = read(runtime, text, lang=lang)
    assert only_event(report).fatalities.best == dead
    (toll,) = [r for r in report.casualty_reports if r.outcome == "killed"]
    assert toll.total.best == dead and toll.breakdown_sums_to_total
    assert len(toll.breakdown) >= 2


def test_a_killed_and_a_wounded_count_are_not_summed(runtime):
    event = only_event(read(runtime, "Gunmen killed three people and wounded two others in "
                                     "Makurdi on Monday.", lang="en"))
    assert event.fatalities.best == 3


def test_the_noun_a_number_counts_says_what_it_counts(runtime):
    """"12 sustained injuries": the wounded, not the dead of the clause before, even when the
    tagger hangs "injuries" on "died"."""
    event = only_event(read(runtime, "At least four civilians died and more than 12 sustained "
                                     "injuries when a drone hit a market in Kadugli on "
                                     "Monday.", lang="en"))
    assert event.fatalities.best == 4


@pytest.mark.parametrize(("text", "lang"), [
    ("Les défenses ukrainiennes ont abattu lundi trois missiles russes au-dessus de Kiev.",
     "fr"),
    ("La défense antiaérienne ukrainienne a abattu lundi trois missiles russes au-dessus de "
     "Kiev.", "fr"),
    ("Ukrainian air defences shot down ten Russian drones over Kyiv on Monday.", "en"),
])
def test_a_countrys_air_defences_are_its_military(runtime, text, lang):
    """actors.yaml `military_nouns`: air defences and a nationality are that country's
    military, the side that disrupted the weapons."""
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Disrupted weapons use", "Military Forces of Ukraine", "Military Forces of Russia")


@pytest.mark.parametrize(("text", "lang"), [
    ("At least 11 people were killed in Djibo on Saturday in an attack by suspected jihadists. "
     "The attack came two weeks after the military coup. Protesters marched in Ouagadougou "
     "after the attack on Sunday.", "en"),
    ("Au moins 11 personnes ont été tuées samedi à Djibo dans une attaque de jihadistes "
     "présumés. Cette nouvelle attaque survient deux semaines après le coup d'État militaire. "
     "Des manifestants ont défilé dimanche à Ouagadougou après l'attaque.", "fr"),
])
def test_an_event_named_to_date_another_is_none(runtime, text, lang):
    """triggers.yaml `time_relations`: "two weeks after the coup", and once an event is told
    "after the attack", date something else; neither is an event of its own."""
    events = read(runtime, text, lang=lang).events
    assert sorted((e.event_type, e.location) for e in events) == [
        ("Protests", "Ouagadougou"), ("Violence against civilians", "Djibo")]


def test_an_event_told_again_gives_the_first_telling_its_town(runtime):
    text = ("Douze soldats ont été tués vendredi dans une attaque de jihadistes présumés dans le "
            "nord du Burkina Faso, selon l'armée. Cette attaque a visé un détachement "
            "militaire près de Djibo, selon une source sécuritaire.")
    event = only_event(read(runtime, text, lang="fr"))
    assert event.location == "Djibo"
    assert event.evidence["location"].basis == "context"


def test_fire_from_an_actor_is_fired_by_it(runtime):
    """roles.yaml `genitive_markers`: "artillery fire from the RSF" was the RSF's."""
    event = only_event(read(runtime, "Thirteen people were killed on Wednesday when artillery "
                                     "fire from the paramilitary Rapid Support Forces struck a "
                                     "mosque in El Fasher.", lang="en"))
    assert (event.sub_event_type, event.actor1) == (
        "Shelling/artillery/missile attack", "Rapid Support Forces")


def test_two_actors_that_fight_each_other_are_no_alliance(runtime):
    """"The army and the RSF have been fighting a war": two sides. Before, the pair made one
    side led by the army, which then took the RSF's shelling."""
    text = ("Shelling by the paramilitary Rapid Support Forces (RSF) killed at least 18 people "
            "in El Fasher on Monday, medics said.\n\nThe army and RSF have been fighting a war "
            "since April 2023.")
    event = only_event(read(runtime, text, lang="en"))
    assert event.actor1 == "Rapid Support Forces"


def test_the_paramilitary_force_is_the_paramilitary_group_named(runtime):
    """actors.yaml `anaphors`: "the paramilitary force" is the RSF an article names."""
    text = ("Shelling by the Rapid Support Forces killed 12 civilians in El Fasher on Monday. "
            "The paramilitary force shelled Kadugli on Tuesday, killing three people.")
    events = read(runtime, text, lang="en").events
    assert {e.actor1 for e in events} == {"Rapid Support Forces"} and len(events) == 2


def test_a_massacre_a_source_describes_is_the_strike_told_again(runtime):
    """A source "faisant état d'un massacre" after the drone strike it describes tells no
    second event; "Dar" of the shelter "Dar al-Arqam" is no town of its own."""
    text = ("Une frappe de drone contre un centre de déplacés a fait au moins 30 morts samedi à "
            "El-Facher, a annoncé une organisation locale.\n\nSelon elle, les paramilitaires des "
            "Forces de soutien rapide (FSR) ont mené une attaque de drone contre le centre Dar "
            "al-Arqam, faisant état d'un « massacre ».")
    event = only_event(read(runtime, text, lang="fr"))
    assert (event.sub_event_type, event.actor1, event.location, event.fatalities.best) == (
        "Air/drone strike", "Rapid Support Forces", "El Fasher", 30)


@pytest.mark.parametrize(("text", "lang", "dead"), [
    ("Douze gendarmes ont été tués et quatre sont portés disparus après l'assaut d'un poste de "
     "gendarmerie près de Diffa lundi.", "fr", 12),
    ("Trois civils ont été tués et deux ont été blessés dans une attaque à Diffa lundi.", "fr",
     3),
    ("Une attaque a tué trois civils à Diffa lundi et deux autres ont été blessés.", "fr", 3),
    ("Eleven soldiers were killed and nine are missing after an attack on an army post near "
     "Diffa on Monday.", "en", 11),
])
def test_a_number_with_a_verb_of_its_own_is_not_the_toll(runtime, text, lang, dead):
    event = only_event(read(runtime, text, lang=lang))
    assert event.fatalities is not None and event.fatalities.best == dead


@pytest.mark.parametrize("written", ["29 954", "346 912", "12\u00a0000"])
def test_a_number_in_groups_is_its_own_verbs_subject_never(runtime, written):
    event = only_event(read(runtime, f"Une frappe aérienne a tué {written} civils à Alep mardi.",
                            lang="fr"))
    assert event.fatalities is not None
    assert event.fatalities.best == int(written.replace(" ", "").replace("\u00a0", ""))


@pytest.mark.parametrize(("text", "lang"), [
    ("Russian drones struck a fuel depot in Odesa overnight, killing two people, the regional "
     "governor said. In Kharkiv, a strike damaged an apartment building and injured five "
     "residents, officials said.", "en"),
    ("Des drones russes ont frappé un dépôt de carburant à Odessa dans la nuit, tuant deux "
     "personnes, selon le gouverneur. À Kharkiv, des frappes aériennes ont blessé cinq "
     "habitants, d'après la mairie.", "fr"),
])
def test_a_strike_told_without_author_is_the_storys_striker(runtime, text, lang):
    events = {e.location: e for e in read(runtime, text, lang=lang).events}
    assert set(events) == {"Odesa", "Kharkiv"}
    assert {e.actor1 for e in events.values()} == {"Military Forces of Russia"}
    told = events["Kharkiv"].evidence["actor1"]
    assert told.basis == "context" and told.reason
    assert [s.text for s in told.spans] == [events["Odesa"].evidence["actor1"].spans[0].text]


def test_with_two_strikers_named_a_shelling_without_author_is_unidentified(runtime):
    events = read(runtime, "Sudan's army shelled Nyala on Monday, and RSF fighters shelled El "
                           "Fasher on Tuesday. In Omdurman, shelling killed three civilians on "
                           "Wednesday, a medical source said.").events
    assert {(e.location, e.actor1) for e in events} == {
        ("Nyala", "Military Forces of Sudan"), ("El Fasher", "Rapid Support Forces"),
        ("Omdurman", "Unidentified Armed Group (Sudan)")}


def test_a_shelling_by_an_unknown_party_is_an_unidentified_armed_groups(runtime):
    event = only_event(read(runtime, "Mortar rounds fired by an unknown party landed near the "
                                     "port of Misrata on Sunday, residents said."))
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Unidentified Armed Group (Libya)"


@pytest.mark.parametrize(("text", "lang"), [
    ("Police lobbed tear gas shells at protesters in Srinagar on Friday.", "en"),
    ("La police a tiré des obus lacrymogènes sur les manifestants à Dakar vendredi.", "fr"),
])
def test_tear_gas_shells_disperse_a_protest(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Protest with intervention"


def test_a_shelling_told_again_never_targets_its_own_author(runtime):
    event = only_event(read(runtime, "Regime forces shelled Saraqib on Monday. Shells killed "
                                     "four soldiers of the regime forces there."))
    assert event.actor1 == "Military Forces of Syria"
    assert event.actor2 is None


@pytest.mark.parametrize(("text", "lang"), [
    ("Ukrainian air defences shot down seven Russian drones over Kharkiv overnight. One drone "
     "struck a warehouse in the city, killing two residents, the mayor said.", "en"),
    ("L'armée de l'air ukrainienne a intercepté douze drones russes dans la nuit au-dessus de "
     "Kharkiv. Un drone a toutefois frappé un entrepôt de la ville, tuant deux habitants, selon "
     "le maire.", "fr"),
    ("Ukrainian air defences shot down seven Russian drones overnight, but one struck a "
     "warehouse in Kharkiv, killing two residents, the mayor said.", "en"),
    ("Dans la nuit, l'armée de l'air ukrainienne a intercepté douze drones russes, mais l'un "
     "d'eux a frappé un entrepôt à Kharkiv, tuant deux habitants, selon le maire.", "fr"),
])
def test_a_deadly_strike_partly_intercepted_is_a_strike(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 == "Military Forces of Russia"
    assert event.actor2 == "Civilians (Ukraine)"
    assert event.fatalities.best == 2


@pytest.mark.parametrize(("text", "lang"), [
    ("Russian drones hit a market in Kherson on Monday, killing two. Missiles were also used in "
     "the attack but hit no target, the army said.", "en"),
    ("Des drones russes ont frappé un marché de Kherson lundi, tuant deux personnes. Des "
     "missiles ont été employés au cours de l'attaque, sans atteindre de cible.", "fr"),
])
def test_weapons_used_in_the_attack_are_its_own(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Air/drone strike"
