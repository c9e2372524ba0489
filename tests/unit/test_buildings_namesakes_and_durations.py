"""Where a report places its event when a name is a building's, a town's in another language or
a town's with its word for a settlement; and a duration in a sentence dated to the report's own
time (each sentence written for these tests):

- a building named after a place ("the Saint-Pierre Hospital in Brussels", "l'hôpital
  Saint-Luc, à Bruxelles") is where the event is only when its sentence names no other town
  (places.yaml `building_nouns_after` in English, `building_nouns` in French);
- the NER's one name "Tarrytown Middle School in Tarrytown" leaves the town after "in" a
  place;
- a town of note that bears a name as its own ("Valence" in France) is not crowded out of the
  votes by a larger place only another language calls so (Valencia);
- "Amara city" is a town, not a region that some also call Amara;
- "for three years", "depuis trois ans" (background.yaml `durations`) tell how long a grievance
  lasted in a sentence dated to the report's own time, and the past elsewhere.
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition


@pytest.mark.parametrize(("text", "lang", "town"), [
    ("Nurses protested on Tuesday outside the Saint-Pierre Hospital in Brussels against staff "
     "cuts.", "en", "Brussels"),
    ("Mardi, des infirmiers ont manifesté devant l'hôpital Saint-Luc, à Bruxelles, contre la "
     "baisse des effectifs.", "fr", "Brussels"),
])
def test_a_building_named_after_a_place_is_in_the_town_the_sentence_names(
        runtime, text, lang, town):
    assert only_event(read(runtime, text, lang=lang)).location == town


def test_a_building_name_is_the_place_when_no_other_town_is_named(runtime):
    event = only_event(read(runtime, "Gunmen attacked Goma hospital on Tuesday, killing two "
                                     "guards.", lang="en"))
    assert (event.location, event.country) == ("Goma", "Democratic Republic of Congo")


def test_a_town_after_in_inside_the_ners_name_of_a_school_is_a_place(runtime):
    event = only_event(read(runtime, "On Friday, pupils rallied at Tarrytown Middle School in "
                                     "Tarrytown (New York) against gun violence.", lang="en"))
    assert (event.location, event.admin1) == ("Tarrytown", "New York")


@pytest.mark.parametrize(("text", "lang"), [
    ("On Saturday, about 60 French farmers protested in Valence against fuel prices.", "en"),
    ("Samedi, une soixantaine d'agriculteurs français ont manifesté à Valence contre le prix "
     "du gazole.", "fr"),
])
def test_a_town_named_by_its_own_name_beats_a_city_another_language_calls_so(
        runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.location, event.country) == ("Valence", "France")


def test_a_name_before_city_is_a_town_not_a_region_called_so(runtime):
    event = only_event(read(runtime, "On Sunday, unemployed graduates protested outside the "
                                     "oil ministry office in Amara city.", lang="en"))
    assert event.country == "Iraq"


@pytest.mark.parametrize(("text", "lang"), [
    ("On 11 March 2024, nurses protested in Srinagar against salaries unpaid for three years.",
     "en"),
    ("Le 11 mars 2024, des infirmiers ont manifesté à Bamako contre des salaires impayés "
     "depuis trois ans.", "fr"),
])
def test_a_duration_in_a_sentence_dated_today_is_no_background(runtime, text, lang):
    assert only_event(read(runtime, text, lang=lang)).event_date.isoformat() == "2024-03-11"


@pytest.mark.parametrize(("text", "lang"), [
    ("Rebels have attacked the town for years.", "en"),
    ("Les rebelles attaquent la ville depuis des années.", "fr"),
    ("Rebels attacked the town for years before the army took it back.", "en"),
])
def test_a_duration_in_an_undated_sentence_is_still_the_past(runtime, text, lang):
    assert read(runtime, text, lang=lang).events == []
