"""Pins how veille reads the shape of a wire story, on short reports written for these tests,
in English and French:

- a lede that names no place, with none before it, happened where the next sentences say
  (the first town there, else region, else country); its actors and toll stay the lede's;
- the day a source spoke ("locals said on Wednesday") dates the event only when nothing else
  does, so a later sentence's own day wins;
- a trigger a negation denies ("there was no fighting", "aucun affrontement n'a été
  signalé") is no event, but an attack nobody claimed still is (triggers.yaml `negations`,
  `negation_hosts`);
- an attack on an idea ("an attack on media freedom") is no event (`abstract_targets`);
- a town said to lie in a region ("X village in the central Magway region") is looked for
  there: a namesake elsewhere in the country is not it (places.yaml `inside_words`);
- the tagger's span of a state may hold the word "State" ("Nigeria's Zamfara State");
- the words after a speech verb say who spoke ("said X, the police spokesperson"): the
  police there took no part, nor are police who tell of a blast ("a bomb went off ...,
  police said") what it hit;
- a province in the brackets after an unknown village places it at region precision, a
  district named after its town near that town;
- "dropped three bombs" is an air strike, "invaded a village" an attack;
- a strike word naming no weapon, by a rebel group or a militia, with no weapon in the
  paragraph, is an attack on the ground (taxonomy.yaml `unspecific_on_ground`);
- a killing the doer is accused of ("sont accusés d'avoir tué") is that doer's;
- a toll whose clause names its own cause is not that of a trigger in a relative clause
  beside it ("tués dans deux attaques ..., où des combats ont repris");
- a town after "near", "près de", "à 20 km de" (places.yaml `near_markers`) is the event's
  reference point: geo precision 2, as ACLED codes "near X";
- "suspected militants" are an unidentified armed group, "the militants" the group named
  before;
- the people a verb of killing hits ("an attack that killed three police officers") and every
  member of a passive's subject ("a security chief and 12 police officers were shot dead")
  were hit, never actor1;
- "a similar attack", "une précédente attaque", in a sentence that dates nothing, is an
  incident recalled (triggers.yaml `earlier_incident`): no event of this report;
- people an actor rounds up and kills in its deadly attack were taken in it (taxonomy.yaml
  `taken_in`): no abduction of its own;
- a country that is the subject of a trigger ("Israël a mené des frappes", "Russia launched a
  missile attack") is its state's forces, and one that speaks ("Israël a déclaré") its state:
  neither is where anything happened;
- "Israel struck a tent camp" is a strike whose weapon is unsaid (`unspecific`); by a militia
  it is an attack on the ground, unless the paragraph names a weapon of remote violence
  (`remote_weapons`: "struck a hospital with drones");
- a country after "près du", "à la frontière avec", "near the border with" (places.yaml
  `neighbour_markers`) is a neighbour of the scene, not where it happened: the soldiers'
  nationality says where, else that neighbour, the one country told;
- the dead named first are the target of the doer the parse names ("Cinq militaires ont été
  tués ... lors d'un assaut mené par Boko Haram"), and soldiers of a country the
  catalogue has no forces of are that country's military, inter 1 (`Military Forces of
  {country}`): an attack on them is a battle;
- "des combats opposent X aux Y", "opposant X à Y" name both sides (roles.yaml
  `pair_markers`, `pair_joins`); "des groupes armés", "armed groups" are unidentified armed
  groups.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_extract import only_event, read  # the same helpers, one definition


@pytest.mark.parametrize(("text", "lang"), [
    ("An army airstrike on a village killed nine civilians, residents said on Wednesday.\n\n"
     "Fighting has spread across the country since the coup.\n\n"
     "A jet dropped two bombs on Koro, in the Mopti region, on Tuesday morning, a local "
     "official said.", "en"),
    ("Une frappe aérienne de l'armée a tué neuf civils dans un village, ont indiqué mercredi "
     "des habitants.\n\nLes combats se sont étendus à tout le pays depuis le coup d'État.\n\n"
     "Un avion a largué mardi matin deux bombes sur Koro, dans la région de Mopti, selon un "
     "élu local.", "fr"),
])
def test_a_lede_with_no_place_happened_where_the_next_sentences_say(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Air/drone strike"
    assert (event.location, event.country) == ("Koro", "Mali")
    assert event.fatalities is not None and event.fatalities.best == 9
    assert event.actor2 == "Civilians (Mali)"
    assert event.event_date == dt.date(2024, 3, 12)  # Tuesday, not the day residents spoke
    assert event.evidence["location"].basis in ("context", "text")


@pytest.mark.parametrize(("text", "lang"), [
    ("Soldiers clashed with rebels near Tame on Monday. There was no fighting in Arauca, the "
     "army said.", "en"),
    ("Soldiers clashed with rebels near Tame on Monday. No clashes were reported in Arauca.",
     "en"),
    ("Des soldats ont affronté des rebelles près de Tame lundi. Aucun affrontement n'a été "
     "signalé à Arauca.", "fr"),
    ("Des soldats ont affronté des rebelles près de Tame lundi. Il n'y a pas eu de combats à "
     "Arauca, selon l'armée.", "fr"),
])
def test_a_denied_clash_is_no_event(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.location == "Tame"


@pytest.mark.parametrize(("text", "lang"), [
    ("Gunmen attacked a bus near Tame on Monday, killing two passengers. No group has claimed "
     "the attack.", "en"),
    ("Des hommes armés ont attaqué un bus près de Tame lundi, tuant deux passagers. Le groupe "
     "n'a pas revendiqué l'attaque.", "fr"),
])
def test_an_attack_nobody_claimed_still_happened(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Attack"


@pytest.mark.parametrize(("text", "lang"), [
    ("Reporters marched in Lahore on Monday against the arrest of an editor, which they called "
     "an attack on media freedom.", "en"),
    ("Des journalistes ont manifesté lundi à Dakar contre l'arrestation d'un confrère, une "
     "attaque contre la liberté de la presse selon eux.", "fr"),
])
def test_an_attack_on_an_idea_is_no_event(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.event_type == "Protests"


def test_a_town_said_to_lie_in_a_region_is_not_its_namesake_elsewhere(runtime):
    event = only_event(read(runtime, "Junta jets bombed Pyay village in the central Magway "
                                     "region on Monday, residents said.", lang="en"))
    assert (event.admin1, event.geo_precision) == ("Magway", 3)


def test_a_village_said_to_lie_in_a_region_is_found_there(runtime):
    event = only_event(read(runtime, "Des hommes armés ont attaqué lundi le village de Koro "
                                     "dans la région de Mopti, tuant trois civils."))
    assert (event.location, event.country) == ("Koro", "Mali")


def test_a_state_the_tagger_spans_with_its_word_is_that_state(runtime):
    event = only_event(read(runtime, "Eleven people were killed on Monday when gunmen attacked "
                                     "Tudun Wada community in northwest Nigeria's Zamfara "
                                     "State, officials said.", lang="en"))
    assert event.admin1 == "Zamfara"


def test_who_spoke_after_the_speech_verb_took_no_part(runtime):
    event = only_event(read(runtime, "Gunmen attacked a village in the Jibia area on Monday, "
                                     "killing four farmers, said Musa Bello, the police "
                                     "spokesperson in the state.", lang="en"))
    assert (event.sub_event_type, event.actor2) == ("Attack", "Civilians (Nigeria)")


@pytest.mark.parametrize(("text", "precision"), [
    ("On Monday, Houthi forces shelled farms in Bani Hammad area in western Yemen (Wadi Rima, "
     "Al Hudaydah).", 3),
    ("On Monday, Houthi forces shelled farms in Bani Hammad area in western Yemen (Mawza, "
     "Taizz).", 2),
])
def test_a_province_in_brackets_is_the_province(runtime, text, precision):
    event = only_event(read(runtime, text, lang="en"))
    assert (event.country, event.geo_precision) == ("Yemen", precision)


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("A military jet dropped three bombs on Kani on Monday, residents said.", "Air/drone strike"),
    ("Armed men invaded a farming village near Jibia on Monday and shot five residents.",
     "Attack"),
])
def test_what_a_verb_does_to_its_object_says_the_event(runtime, text, sub_event_type):
    event = only_event(read(runtime, text, lang="en"))
    assert event.sub_event_type == sub_event_type


@pytest.mark.parametrize("text", [
    "Les rebelles de la CODECO ont frappé mardi deux villages du territoire de Djugu, tuant "
    "sept civils.",
    "Dans la nuit de lundi à mardi, des jihadistes ont frappé la localité de Douentza, selon "
    "un élu.",
])
def test_a_strike_word_by_a_militia_is_an_attack_on_the_ground(runtime, text):
    event = only_event(read(runtime, text))
    assert event.sub_event_type == "Attack"


def test_a_strike_word_by_a_militia_beside_its_drones_stays_a_drone_strike(runtime):
    event = only_event(read(runtime, "Les rebelles ont frappé mardi l'aéroport de Goma. Deux "
                                     "drones kamikazes ont touché la piste, selon l'armée."))
    assert event.event_type == "Explosions/Remote violence"


def test_a_killing_the_doer_is_accused_of_is_the_doers(runtime):
    event = only_event(read(runtime, "Au Nord-Kivu, ce sont les rebelles ADF qui sont accusés "
                                     "d'avoir tué lundi au moins six personnes dans le village "
                                     "de Mbau, près de Beni."))
    assert (event.actor1, event.sub_event_type) == ("ADF: Allied Democratic Forces", "Attack")
    assert event.fatalities is not None and event.fatalities.best == 6


def test_a_toll_with_its_own_cause_is_not_the_relative_clauses_clash(runtime):
    report = read(runtime, "Une trentaine de civils ont été tués dimanche dans trois attaques "
                           "distinctes dans l'est du Congo, où des combats ont repris entre "
                           "l'armée et les rebelles du M23.")
    assert all(e.fatalities is None for e in report.events if e.event_type == "Battles")


@pytest.mark.parametrize(("text", "lang", "precision"), [
    ("Gunmen attacked a village near Tame on Monday.", "en", 2),
    ("Gunmen attacked Tame on Monday.", "en", 1),
    ("Des hommes armés ont attaqué lundi un village près de Niafunké.", "fr", 2),
    ("Des hommes armés ont attaqué lundi un camp situé à 15 km de Niafunké.", "fr", 2),
])
def test_a_town_the_event_was_near_has_precision_two(runtime, text, lang, precision):
    assert only_event(read(runtime, text, lang=lang)).geo_precision == precision


@pytest.mark.parametrize(("text", "actor1"), [
    ("On Tuesday, suspected militants shot and killed two police officers in the district of "
     "Bannu.", "Unidentified Armed Group (Pakistan)"),
    ("The TTP claimed the raid on Monday. The militants stormed a police station in Bannu, "
     "killing four officers.", "TTP: Tehreek-i-Taliban Pakistan"),
])
def test_militants(runtime, text, actor1):
    event = only_event(read(runtime, text, lang="en"))
    assert event.actor1 == actor1
    assert event.actor2.startswith("Police Forces of Pakistan")


def test_who_a_killing_hit_is_never_actor1(runtime):
    report = read(runtime, "Gunmen attacked a police post in Charsadda late Saturday, killing "
                           "two officers. It came two days after a similar attack in Khyber "
                           "district that killed three police officers.", lang="en")
    event = only_event(report)
    assert event.actor1 == "Unidentified Armed Group (Pakistan)"
    assert event.actor2.startswith("Police Forces of Pakistan")


def test_every_member_of_a_passive_subject_was_hit(runtime):
    event = only_event(read(runtime, "A municipal security chief and nine police officers were "
                                     "shot dead in Guerrero state on Monday, officials said.",
                                     lang="en"))
    assert (event.event_type, event.actor2) == ("Battles", "Police Forces of Mexico (2018-2024)")


def test_an_earlier_incident_recalled_is_no_event(runtime):
    report = read(runtime, "Des hommes armés ont attaqué lundi un poste de police à Kaya, tuant "
                           "deux policiers. Cette attaque survient trois jours après une "
                           "précédente attaque contre la gendarmerie de Kongoussi.")
    assert only_event(report).location == "Kaya"


def test_people_rounded_up_then_killed_were_taken_in_the_attack(runtime):
    report = read(runtime, "Suspected Boko Haram fighters killed nine herders near Konduga on "
                           "Sunday. The militants rounded up the herders at a well and shot "
                           "them, a vigilante leader said.", lang="en")
    assert only_event(report).sub_event_type == "Attack"


@pytest.mark.parametrize(("text", "lang", "actor1", "location"), [
    ("Israël a mené des frappes aériennes sur Rafah jeudi, tuant quatre personnes.", "fr",
     "Military Forces of Israel", "Rafaḩ"),
    ("Russia launched a missile attack on Odesa overnight, killing two people.", "en",
     "Military Forces of Russia", "Odesa"),
])
def test_a_country_that_acts_is_its_forces_not_a_place(runtime, text, lang, actor1, location):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.actor1, event.location) == (actor1, location)


def test_a_country_that_speaks_is_no_place(runtime):
    event = only_event(read(runtime, "Une frappe a tué sept personnes mardi dans un camp de "
                                     "déplacés à Khan Younès. Israël a déclaré avoir visé un "
                                     "commandant du Hamas."))
    assert event.location == "Khan Yunis"


@pytest.mark.parametrize(("text", "sub_event_type", "actor1"), [
    ("Israel struck a tent camp in Rafah on Tuesday, killing 11 people, medics said.",
     "Air/drone strike", "Military Forces of Israel"),
    ("The RSF struck a hospital in El Fasher with drones on Monday, killing six patients.",
     "Air/drone strike", "Rapid Support Forces"),
    ("Gunmen struck a village near Gusau on Monday, killing nine farmers.", "Attack",
     "Unidentified Armed Group (Nigeria)"),
])
def test_a_strike_on_a_place_people_live_in(runtime, text, sub_event_type, actor1):
    event = only_event(read(runtime, text, lang="en"))
    assert (event.sub_event_type, event.actor1) == (sub_event_type, actor1)


def test_lightning_that_struck_a_house_is_no_event(runtime):
    assert read(runtime, "Lightning struck a house in Kano on Monday, killing two children.",
                lang="en").events == []


@pytest.mark.parametrize(("text", "lang", "country"), [
    ("Six soldats nigériens ont été tués lundi dans une attaque à la frontière avec le Nigeria.",
     "fr", "Niger"),
    ("Six Nigerien soldiers were killed on Monday in an attack near the border with Nigeria.",
     "en", "Niger"),
    ("Six soldats nigériens ont été tués lundi dans une attaque dans le sud-est du pays, près "
     "du Nigeria.", "fr", "Niger"),
    # with nothing else to go on, the neighbour is the one country told
    ("Six soldats ont été tués lundi dans une attaque près de la frontière avec le Nigeria.",
     "fr", "Nigeria"),
])
def test_a_country_near_the_scene_is_its_neighbour(runtime, text, lang, country):
    event = only_event(read(runtime, text, lang=lang))
    assert event.country == country
    assert event.actor2 == f"Military Forces of {country}"


def test_the_dead_named_first_are_the_target_of_the_doer_the_parse_names(runtime):
    text = ("Cinq militaires tchadiens ont été tués et neuf autres blessés samedi soir près "
            "de Bol lors d'un assaut mené par des combattants de Boko Haram, a indiqué l'armée.")
    event = only_event(read(runtime, text, lang="fr"))
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.actor1.startswith("Boko Haram")
    assert event.actor2 == "Military Forces of Chad (2021-)"
    assert event.fatalities is not None and event.fatalities.best == 5


def test_soldiers_of_a_country_without_catalogue_forces_are_its_military(runtime):
    event = only_event(read(runtime, "Trois soldats colombiens ont été tués dimanche lors "
                                     "d'une attaque de l'ELN à Tame.", lang="fr"))
    assert (event.sub_event_type, event.actor2) == ("Armed clash", "Military Forces of Colombia")
    assert (event.inter2, event.interaction) == (1, 12)


@pytest.mark.parametrize(("text", "lang", "sides"), [
    ("Lundi, de violents combats ont opposé l'armée aux rebelles du M23 près de Goma.", "fr",
     ("Military Forces of the Democratic Republic of Congo", "M23")),
    ("Des combats opposant des groupes armés au M23 ont fait dix morts lundi près de Goma.",
     "fr", ("Unidentified Armed Group (Democratic Republic of Congo)", "M23")),
    ("Armed groups clashed with M23 rebels near Goma on Monday.", "en",
     ("Unidentified Armed Group (Democratic Republic of Congo)", "M23")),
])
def test_fighting_that_opposes_two_sides_names_both(runtime, text, lang, sides):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Armed clash"
    assert (event.actor1, event.actor2) == sides



@pytest.mark.parametrize(("text", "lang"), [
    ("A roadside bomb went off on Monday near a bus stop in Mardan, police said.", "en"),
    ("Police said a roadside bomb went off on Monday near a bus stop in Mardan.", "en"),
    ("Une bombe a explosé lundi près d'un arrêt de bus à Mardan, a indiqué la police.", "fr"),
])
def test_police_who_tell_of_a_blast_are_not_what_it_hit(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor2 is None


def test_police_a_blast_hit_are_its_target_whoever_tells_of_it(runtime):
    event = only_event(read(runtime, "A bomb struck a police van on Monday in Mardan, "
                                     "officials said.", lang="en"))
    assert event.actor2.startswith("Police Forces of Pakistan")
