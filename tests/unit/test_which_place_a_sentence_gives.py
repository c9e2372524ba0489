"""Which of the places a report names is its event's, in constructions of everyday reports and
of ACLED's notes (each sentence written for these tests):

- a town that opens the clause of what happened, after a locative and before a comma ("On
  Friday, in Bouake, ...", "Vendredi, à Bouaké, ...") is its scene, over a town told later
  in what the crowd denounced; not over a town the verb of the event itself places it in
  ("À Gao, ... ont tué deux civils à Ansongo");
- of a list of places named before what happened ("villagers of Gusau LGA and Tsafe"),
  the event's is the first, as ACLED codes it (places.yaml `list_joins`);
- an event told in a later sentence is at the last town named before, not at the area in
  brackets that says where that town lies ("Ariha (Idlib)");
- "X (X)" is the namesake in the article's country ("San Juan (San Juan)" of Argentina,
  not of Puerto Rico);
- the places of a list that a region after a comma closes lie in that region ("between
  Escobedo and Monterrey, Nuevo Leon"): a namesake elsewhere is not meant;
- a town's name that holds a person's ("Tando Muhammad Khan", "Toba Tek Singh") is the
  town; a name the NER reads as a person with a word for its area ("Anka LGA") is the
  place; a code that numbers a part of a city ("PD5 Kandahar") leaves the city's name.
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition


@pytest.mark.parametrize(("text", "lang", "town"), [
    ("On Friday, in Bouake, hundreds of traders protested to denounce the murder of a vendor "
     "in Korhogo.", "en", "Bouake"),
    ("Vendredi, à Bouaké, des centaines de commerçants ont manifesté pour dénoncer le meurtre "
     "d'un vendeur à Korhogo.", "fr", "Bouake"),
])
def test_a_town_that_opens_the_clause_is_its_scene(runtime, text, lang, town):
    assert only_event(read(runtime, text, lang=lang)).location == town


def test_a_town_the_verb_places_the_event_in_beats_the_opening_one(runtime):
    event = only_event(read(runtime, "À Gao, des hommes armés ont tué deux civils à Ansongo.",
                            lang="fr"))
    assert event.location == "Ansongo"


@pytest.mark.parametrize(("text", "lang"), [
    ("More than 2,000 villagers from Gusau LGA and Tsafe fled on Monday after bandits "
     "attacked their farms.", "en"),
    ("Plus de 2 000 villageois de Gusau et de Tsafe ont fui lundi après que des bandits ont "
     "attaqué leurs fermes.", "fr"),
])
def test_of_a_list_named_before_the_event_the_first_place_is_its(runtime, text, lang):
    assert only_event(read(runtime, text, lang=lang)).location == "Gusau"


@pytest.mark.parametrize(("text", "lang"), [
    ("Ariha (Idlib) has seen growing anger over bread prices. On Saturday, several hundred "
     "residents demonstrated against the prices.", "en"),
    ("Ariha (Idlib) connaît une colère croissante contre le prix du pain. Samedi, plusieurs "
     "centaines d'habitants ont manifesté contre ces prix.", "fr"),
])
def test_a_later_event_is_at_the_town_not_at_its_area_in_brackets(runtime, text, lang):
    assert only_event(read(runtime, text, lang=lang)).location == "Ariha"


@pytest.mark.parametrize(("text", "lang"), [
    ("Teachers protested on Thursday in San Juan (San Juan) against a wage freeze decided by "
     "Argentina's government.", "en"),
    ("Des enseignants ont manifesté jeudi à San Juan (San Juan) contre le gel des salaires "
     "décidé par le gouvernement de l'Argentine.", "fr"),
])
def test_a_town_in_its_namesake_area_is_the_one_of_the_articles_country(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.country, event.location) == ("Argentina", "San Juan")


@pytest.mark.parametrize(("text", "town", "admin1"), [
    ("Police fired tear gas at teachers protesting in Tando Muhammad Khan on Tuesday.",
     "Tando Muhammad Khan", "Sindh"),
    ("More than 2,000 villagers from Anka LGA (Zamfara) fled on Monday after bandits attacked "
     "their farms.", "Anka", "Zamfara"),
    ("Gunmen shot dead a shopkeeper in PD5 Kandahar city on Friday.", "Kandahar", "Kandahar"),
])
def test_a_town_whose_name_the_ner_splits_or_extends_is_found(runtime, text, town, admin1):
    event = only_event(read(runtime, text, lang="en"))
    assert (event.location, event.admin1, event.geo_precision) == (town, admin1, 1)
