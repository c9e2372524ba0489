"""Pins the names that look like places but are not where an event happened, and the
phrases that hold a trigger but tell no event, each on short texts written for these tests, in
French and English:

- a name a person is introduced by ("une jeune fille nommée Eloïse", "a man named Jackson") is
  that person's, there and wherever the text repeats it (places.yaml `person_markers`);
- common words that begin an organisation's name ("Le Syndicat des Travailleurs Libres") are the
  organisation, not the village of that name;
- a street is not the town it is named after ("rue de Damas" in Beirut, "Lombard Street");
- where someone was born is not where the event happened (places.yaml `origin_markers`);
- in French, "Mexico" is the capital: the country is "le Mexique";
- a withdrawal that names no ground left is a move, not a transfer of territory (triggers.yaml
  `withdrawals`);
- what someone wished or hoped to do did not happen (triggers.yaml `irrealis`);
- weapons someone is accused of stealing, however many are listed, were not used (`held_markers`).
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition


@pytest.mark.parametrize(("text", "town"), [
    ("Une bombe artisanale a explosé mardi dans une station de métro de Detroit. Les caméras "
     "ont permis d'identifier l'auteure, une jeune femme nommée Eloïse. Selon la police, Eloïse "
     "a déclenché l'engin explosif à distance.", "Detroit"),
    ("A homemade bomb exploded on Tuesday at a bus station in Lagos. Police identified the "
     "bomber as a man named Jackson. Investigators said Jackson detonated the device with a "
     "mobile phone.", "Lagos"),
])
def test_a_person_introduced_by_name_is_no_place(runtime, text, town):
    event = only_event(read(runtime, text))
    assert event.location == town


def test_common_words_that_begin_an_organisation_are_no_village(runtime):
    report = read(runtime, "Des milliers de personnes se sont retrouvées samedi sur la place "
                  "centrale pour soutenir les familles des victimes. Le Syndicat des Travailleurs "
                  "Libres s'est joint à l'association. Les manifestants ont ensuite défilé dans "
                  "le calme.")
    assert "Le Syndicat" not in {e.location for e in report.events}


@pytest.mark.parametrize(("text", "town"), [
    ("Des centaines de manifestants se sont rassemblés mardi rue de Damas, à Beyrouth, contre "
     "la hausse des prix.", "Beirut"),
    ("Des milliers de personnes ont manifesté samedi sur Lombard Street, à San Francisco, "
     "contre la guerre.", "San Francisco"),
])
def test_a_street_is_not_the_town_it_is_named_after(runtime, text, town):
    assert only_event(read(runtime, text)).location == town


@pytest.mark.parametrize(("text", "country"), [
    ("Un journaliste né à Rabat a été tué mardi par des hommes armés dans le nord du Mali.",
     "Mali"),
    ("A journalist born in Kano was shot dead on Tuesday by gunmen in northern Niger.", "Niger"),
])
def test_where_someone_was_born_is_not_the_event_place(runtime, text, country):
    event = only_event(read(runtime, text))
    assert event.country == country
    assert event.location != "Rabat" and event.location != "Kano"


def test_mexico_in_french_is_the_capital(runtime):
    event = only_event(read(runtime, "Des milliers de manifestants ont défilé samedi à Mexico "
                                     "contre les disparitions forcées."))
    assert (event.location, event.country) == ("Mexico City", "Mexico")


@pytest.mark.parametrize("text", [
    "Des centaines de femmes ont manifesté lundi à Belgrade. Les policiers se sont retirés afin "
    "de ne pas blesser les manifestantes.",
    "Hundreds of women protested in Belgrade on Monday. Police withdrew to avoid hurting the "
    "protesters.",
])
def test_a_withdrawal_that_leaves_no_ground_is_no_transfer(runtime, text):
    assert only_event(read(runtime, text)).event_type == "Protests"


def test_a_withdrawal_from_a_town_is_a_transfer(runtime):
    event = only_event(read(runtime, "Les troupes russes se sont retirées mercredi de la ville "
                                     "de Kherson."))
    assert event.sub_event_type == "Non-violent transfer of territory"


@pytest.mark.parametrize("text", [
    "Des jihadistes souhaitaient attaquer la ville de Gao, a affirmé l'armée malienne.",
    "Gunmen hoped to attack the town of Gao, the Malian army said.",
])
def test_what_someone_wished_to_do_did_not_happen(runtime, text):
    assert read(runtime, text).events == []


@pytest.mark.parametrize("text", [
    "Un homme a été inculpé mardi à Nantes, accusé de vol d'armes à feu, de munitions et "
    "d'engins explosifs.",
    "A man was charged in Leeds on Tuesday with theft of rifles, ammunition and explosive "
    "devices.",
])
def test_weapons_listed_after_a_theft_were_not_used(runtime, text):
    assert read(runtime, text).events == []
