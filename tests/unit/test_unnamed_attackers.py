"""Pins how veille reads the everyday wire report of an attack whose authors are not named, and
the tolls around it, each on short texts written for these tests, in French and English:

- "des jihadistes présumés", "une attaque jihadiste", "the rebels" with no group named in the
  article are ACLED's unidentified armed group (actors.yaml `stands_in_for`), and a nationality
  adjective of the attack ("attaque jihadiste") names its author;
- the dead of a passive ("douze soldats ont été tués dans une attaque") were hit: never actor1;
  a battle whose text names only the side attacked was fought by an unidentified armed group
  (taxonomy.yaml `unknown_attacker`); "X a été la cible d'une attaque" makes X actor2 (roles.yaml
  `target_nouns`); "une attaque menée/perpétrée par X" makes X actor1;
- "un raid jihadiste" is a ground attack, not an air strike;
- a story that names no place but speaks of "the country" happened in the country its
  nationality words name, less the attacker's ("frappes israéliennes sur le sud du pays");
- the same attack told at country level and at a town is one event, at the town;
- one actor is never its own opponent;
- tolls: "a total of 18 killed late Tuesday" is Tuesday's toll (casualties.yaml `totals`); the
  verb a number is the subject or object of counts it ("killing at least 12 villagers and
  injuring several others"); "deux attaques" counts attacks, not people; "une quinzaine" is 15;
  "a 12-year-old boy" is an age (casualties.yaml `ages`), "Delmas 30" a name, and "25
  Palestinians" a count (a plural name after a number names people);
- "the city of Kryvyi Rih" is a place the gazetteer knows, though the NER calls it a person,
  and "Ukrainian" is a nationality, not a place; "Democratic Republic of the Congo" in full is
  the DRC, not the Republic of the Congo inside it, and a country is spelt as ACLED does;
- a relative clause in the simple present and the participles it coordinates tell what an
  actor habitually does ("gangs who raid villages, looting and killing residents"): no event;
  "vigilantes" names a kind of actor, not mob violence.
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition


@pytest.mark.parametrize("text", [
    "Une vingtaine de soldats maliens ont été tués jeudi dans une attaque jihadiste dans le "
    "centre du pays, selon des sources sécuritaires.",
    "Au moins vingt soldats ont été tués jeudi lors d'une attaque de jihadistes présumés contre "
    "un camp militaire près de Boni, dans le centre du Mali.",
])
def test_suspected_jihadists_are_an_unidentified_armed_group(runtime, text):
    event = only_event(read(runtime, text))
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.actor1 == "Unidentified Armed Group (Mali)"
    assert event.actor2 == "Military Forces of Mali"
    assert event.country == "Mali"
    assert event.fatalities.best == 20


def test_the_dead_of_a_passive_are_never_the_attackers(runtime):
    event = only_event(read(runtime, "Au moins douze soldats nigériens ont été tués mardi dans "
                                     "une attaque contre un poste de l'armée près de Téra."))
    assert event.event_type == "Battles"
    assert event.actor1 == "Unidentified Armed Group (Niger)"
    assert event.actor2 == "Military Forces of Niger"


@pytest.mark.parametrize("text", [
    "Lundi soir, le détachement de Diapaga a été la cible d'une violente attaque, a indiqué une "
    "source sécuritaire.",
    "On Monday night the army post in Diapaga was the target of a violent attack, a security "
    "source said.",
])
def test_the_target_of_an_attack_is_its_actor2(runtime, text):
    event = only_event(read(runtime, text))
    assert event.event_type == "Battles"
    assert event.actor2 == "Military Forces of Burkina Faso"


@pytest.mark.parametrize(("text", "actor1"), [
    ("Mercredi, deux attaques menées par les Forces de soutien rapide ont tué au moins 25 civils "
     "à El-Fasher.", "Rapid Support Forces"),
    ("Mardi, une attaque à l'engin explosif a été perpétrée par des djihadistes présumés près de "
     "Djibo. Une quinzaine de soldats ont été tués.", "Unidentified Armed Group (Burkina Faso)"),
    ("The attack was carried out by Boko Haram fighters near Maiduguri on Monday.",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
])
def test_an_attack_carried_out_by_names_its_author(runtime, text, actor1):
    event = only_event(read(runtime, text))
    assert event.actor1 == actor1
    assert event.actor2 != event.actor1


def test_a_jihadist_raid_is_a_ground_attack(runtime):
    event = only_event(read(runtime, "Vendredi, un raid jihadiste contre l'armée a tué neuf "
                                     "soldats près de Djibo."))
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")


def test_the_country_of_the_story_is_not_the_attackers(runtime):
    event = only_event(read(runtime, "Le ministère libanais de la Santé a annoncé que douze "
                                     "personnes avaient été tuées lundi dans des frappes "
                                     "israéliennes sur le sud du pays."))
    assert event.country == "Lebanon"
    assert event.actor1 == "Military Forces of Israel"


def test_an_attack_told_for_the_country_then_for_its_town_is_one_event(runtime):
    report = read(runtime, "Au moins quinze soldats ont été tués lundi soir dans une attaque de "
                           "jihadistes présumés dans le nord du Burkina Faso. Lundi soir, le "
                           "détachement de Djibo a été la cible d'une violente attaque, a indiqué "
                           "une source sécuritaire.")
    event = only_event(report)
    assert event.location == "Djibo"
    assert event.fatalities.best == 15


def test_an_attack_blamed_on_a_group_does_not_target_it(runtime):
    event = only_event(read(runtime, "Vendredi, une attaque de drone attribuée à des "
                                     "paramilitaires a tué douze personnes dans une mosquée près "
                                     "d'El-Fasher. Les Forces de soutien rapide assiègent la "
                                     "ville depuis des mois."))
    assert event.actor1 == "Rapid Support Forces"
    assert event.actor2 != event.actor1


@pytest.mark.parametrize(("text", "killed"), [
    ("A total of 18 people were killed late Tuesday in an attack on a village in Zamfara State, "
     "officials said.", 18),
    ("Gunmen stormed a village in Katsina State on Tuesday, killing at least 12 villagers and "
     "injuring several others.", 12),
    ("À El-Fasher, au moins 25 civils ont perdu la vie et 47 autres ont été blessés mercredi lors "
     "de deux attaques menées par les Forces de soutien rapide.", 25),
])
def test_the_verb_a_number_belongs_to_counts_it(runtime, text, killed):
    assert only_event(read(runtime, text)).fatalities.best == killed


def test_a_total_over_months_is_still_a_running_total(runtime):
    report = read(runtime, "Au total, 1 520 personnes ont été tuées entre janvier et juin dans "
                           "les violences des gangs, selon l'ONU.")
    assert all(e.fatalities is None or e.fatalities.best != 1520 for e in report.events)


@pytest.mark.parametrize("text", [
    "Gunmen opened fire on villagers in Bali district of Taraba State on Sunday, killing twelve "
    "people, police said. Taraba is one of several states struggling with criminal gangs, who "
    "raid villages, looting and killing residents or kidnapping them for ransom. The attackers "
    "were dressed as local vigilantes.",
])
def test_what_gangs_habitually_do_is_no_event(runtime, text):
    event = only_event(read(runtime, text))
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert event.fatalities.best == 12


def test_a_city_named_after_city_of_is_a_place_even_when_the_ner_says_person(runtime):
    event = only_event(read(runtime, "An overnight Russian missile strike on the central "
                                     "Ukrainian city of Kryvyi Rih killed two elderly women, the "
                                     "regional governor said on Saturday."))
    assert (event.location, event.country) == ("Kryvyy Rih", "Ukraine")
    assert event.fatalities.best == 2


@pytest.mark.parametrize("text", [
    "A Russian drone strike on Kherson killed a 12-year-old boy on Saturday, officials said.",
    "Une frappe de drone russe a tué samedi à Kherson un garçon de 12 ans, selon les autorités.",
])
def test_an_age_is_no_count(runtime, text):
    event = only_event(read(runtime, text))
    assert event.fatalities is None or event.fatalities.best != 12


def test_a_number_that_ends_a_name_is_no_count(runtime):
    event = only_event(read(runtime, "Mardi, des gangs armés ont attaqué le quartier de Delmas "
                                     "30, à Port-au-Prince, faisant des victimes."))
    assert event.fatalities is None


@pytest.mark.parametrize("text", [
    "At least 11 people were killed on Sunday in clashes between M23 and Wazalendo militias in "
    "northeastern Democratic Republic of the Congo, media reported.",
    "Au moins onze personnes ont été tuées dimanche dans des affrontements entre le M23 et des "
    "miliciens wazalendo dans l'est de la République démocratique du Congo.",
])
def test_the_drc_named_in_full_is_the_drc_spelt_as_acled_does(runtime, text):
    assert only_event(read(runtime, text)).country == "Democratic Republic of Congo"


@pytest.mark.parametrize(("text", "lang"), [
    ("Israeli airstrikes killed at least 25 Palestinians in Khan Younis on Tuesday, health "
     "officials said.", "en"),
    ("Des frappes israéliennes ont tué mardi au moins 25 Palestiniens à Khan Younès, selon les "
     "autorités sanitaires.", "fr"),
])
def test_a_number_before_a_plural_nationality_counts_people(runtime, text, lang):
    assert only_event(read(runtime, text, lang=lang)).fatalities.best == 25


def test_myanmars_military_junta_is_its_military(runtime):
    event = only_event(read(runtime, "Myanmar's military junta carried out airstrikes on a "
                                     "village in Sagaing region on Monday, killing at least 30 "
                                     "people, residents said."))
    assert event.actor1.startswith("Military Forces of Myanmar")
