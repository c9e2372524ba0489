"""Pins the extraction and evaluation rules added together, each on short sentences written for
these tests:

- trigger exclusions (fr/triggers.yaml `not_triggers`): `a pris feu`, `se sont arrêtés` report
  no event, while `ont pris la ville` still does;
- fusion by subsumption (taxonomy.yaml `subsumes`): a protest, then its dispersal with tear
  gas, is one "Protest with intervention" event;
- arrests by an actor that is not the country's own state forces are abductions
  (taxonomy.yaml `needs_own_state`);
- a place name must be a whole word ("Al" of "Al-Xxx" is no place), and an unknown town falls
  back to the region the sentence names;
- eval matching pairs a gold place given by name only through the gazetteer
  (`Marrakech` against GeoNames' `Marrakesh`);
- English places without NER: country aliases as written (`U.S.`, `UK`), countries and large
  cities that are also frequent words (`China`, `London`), a capital after a locative word is
  the city (`in Damascus`), not its government; countries sit at their conventional centre;
- the article's country: an ambiguous town (`Nawa`) takes the country its region names;
- a protest or riot has the crowd as actor1 and the police facing it as actor2, and a protest
  that turns into a riot is one riot; a person the NER names is no place.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_extract import only_event, read  # the same helpers, one definition

import veille
from veille.evaluate.actor_names import ActorNames
from veille.evaluate.admin_names import AdminNames
from veille.evaluate.matching import match, place_agrees
from veille.pipeline import process_documents

# --- trigger exclusions --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "L'entrepôt a pris feu à Lyon hier.",  # not "a pris" (territory taken)
        "Les participants se sont arrêtés à Lyon.",  # not "arrêtés" (arrests)
        "Une épidémie s'est manifestée à Lyon la semaine dernière.",  # appeared: no protest
    ],
)
def test_not_trigger_phrase_gives_no_event(runtime, text):
    assert read(runtime, text).events == []


def test_taking_a_town_is_still_a_trigger(runtime):
    event = only_event(read(runtime, "Des rebelles ont pris la ville de Goma lundi."))
    assert (event.event_type, event.sub_event_type) == (
        "Battles", "Non-state actor overtakes territory")
    assert [s.text for s in event.evidence["sub_event_type"].spans] == ["ont pris"]


# --- fusion by subsumption -----------------------------------------------------------------

PROTEST_THEN_TEAR_GAS = ("Des manifestants ont défilé à Rabat lundi. La police a dispersé le "
                         "rassemblement au gaz lacrymogène à Rabat.")


def test_dispersed_protest_fuses_into_one_intervention(runtime):
    event = only_event(read(runtime, PROTEST_THEN_TEAR_GAS))
    assert (event.event_type, event.sub_event_type) == ("Protests", "Protest with intervention")
    assert event.location == "Rabat"
    # the date comes from the first sentence ("lundi"), the type from the second
    assert event.event_date == dt.date(2024, 3, 11)


def test_dispersed_protest_type_evidence_quotes_the_intervention(runtime):
    event = only_event(read(runtime, PROTEST_THEN_TEAR_GAS))
    spans = [s.text for s in event.evidence["sub_event_type"].spans]
    assert spans and set(spans) <= {"dispersé le rassemblement", "gaz lacrymogène"}


# --- arrests need the country's own state forces -------------------------------------------


def test_arrest_by_armed_group_is_an_abduction(runtime):
    event = only_event(read(runtime, "On 3 May 2024, the SDF detained five men in Raqqa.",
                            lang="en"))
    assert (event.event_type, event.sub_event_type) == (
        "Violence against civilians", "Abduction/forced disappearance")
    assert event.actor1 == "Syrian Democratic Forces"
    assert event.actor2 is not None and event.actor2.startswith("Civilians")
    assert event.civilian_targeting is True


def test_arrest_by_police_stays_an_arrest(runtime):
    # Aleppo, not Damascus: "Damascus" is read as the government (a metonym), not as a place.
    event = only_event(read(runtime, "On 3 May 2024, police arrested five men in Aleppo.",
                            lang="en"))
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Arrests")
    assert event.actor1 == "Police Forces of Syria"


# --- a place is a whole word; unknown town -> region ---------------------------------------


def test_prefix_of_unknown_town_is_no_place(runtime):
    text = "On 5 April 2024, regime forces shelled Al-Zzzqwerty town in Hama countryside."
    event = only_event(read(runtime, text, lang="en"))
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.location != "Al"
    assert (event.admin1, event.country) == ("Hama", "Syria")
    assert event.geo_precision == 3
    assert [s.text for s in event.evidence["location"].spans] == ["Hama"]


# --- eval matching by gold place name ------------------------------------------------------


@pytest.fixture(scope="module")
def marrakesh_event(runtime) -> veille.Event:
    event = only_event(read(runtime, "Des manifestants ont défilé à Marrakech lundi."))
    assert event.location == "Marrakesh"  # GeoNames' spelling, not the text's
    return event


def test_gold_place_name_pairs_through_the_gazetteer(runtime, marrakesh_event):
    assert place_agrees(marrakesh_event, {"location": "Marrakech"}, AdminNames(runtime.gazetteer))


def test_gold_place_name_of_a_far_city_does_not_pair(runtime, marrakesh_event):
    assert not place_agrees(marrakesh_event, {"location": "Oslo"}, AdminNames(runtime.gazetteer))


def test_match_pairs_by_gold_place_name(runtime, marrakesh_event):
    golds = [{"location": "Oslo", "event_type": "Protests", "sub_event_type": "Peaceful protest"},
             {"location": "Marrakech", "event_type": "Protests",
              "sub_event_type": "Peaceful protest"}]
    pairs = match([marrakesh_event], golds, ActorNames(), AdminNames(runtime.gazetteer))
    assert pairs == [(0, 1)]


# --- places without NER ---------------------------------------------------------------------

def _places(runtime: veille.Runtime, text: str, lang: str = "en") -> dict[str, str]:
    """Surface text -> kind of every place and country mention of a text (every sentence read:
    these sentences report no event, so the first pass would parse none)."""
    doc = process_documents([veille.Article(id="t", text=text, lang=lang)],
                            runtime.every_sentence())[0]
    return {doc.text[m.start:m.end]: m.kind for m in doc.mentions if m.kind in ("place", "country")}


def test_country_aliases_and_famous_places_found_without_ner(runtime):
    found = _places(runtime, "Envoys of the U.S. and the UK met in London, then flew to China.")
    assert found == {"U.S.": "country", "UK": "country", "London": "place", "China": "country"}


def test_frequent_word_region_is_not_a_famous_place(runtime):
    # "nord" is a frequent French word, and Haiti's Nord department is no city.
    assert "Nord" not in _places(runtime, "Les troupes ont gagné le Darfour-Nord hier.", "fr")


def test_capital_after_locative_is_the_city(runtime):
    event = only_event(read(runtime, "On 3 May 2024, police arrested five men in Damascus.",
                            lang="en"))
    assert (event.sub_event_type, event.location, event.geo_precision) == ("Arrests", "Damascus", 1)


def test_country_sits_at_its_conventional_centre(runtime):
    syria = runtime.gazetteer.country("SY")
    assert (syria.latitude, syria.longitude) == (35.0, 38.0)


def test_country_of_an_ambiguous_town_comes_from_its_region(runtime):
    # "Nawa" is a town of Dara and, as Naha, a larger city of Japan: the region decides.
    event = only_event(read(runtime, "On 19 May 2024, gunmen shot and killed a soldier in "
                                     "Nawa town in Dara countryside.", lang="en"))
    assert (event.country, event.admin1) == ("Syria", "Daraa")


@pytest.mark.parametrize(("predicted", "gold", "same"), [
    ("Ar-Raqqah", "Ar Raqqa", True), ("Al-Hasakah", "Al Hasakeh", True), ("Homs", "Hama", False),
])
def test_admin1_spellings_compare(runtime, predicted, gold, same):
    assert AdminNames(runtime.gazetteer).same(predicted, gold, "SY") is same


def test_police_dispersing_a_protest_faces_the_protesters(runtime):
    # The police are the subject, yet ACLED codes the crowd as actor1 and the police as actor2.
    event = only_event(read(runtime, "Des manifestants ont défilé à Rabat lundi. La police les a "
                                     "dispersés à coups de gaz lacrymogène à Rabat."))
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Protest with intervention", "Protesters (Morocco)", "Police Forces of Morocco")


def test_protest_that_turns_into_a_riot_is_one_riot(runtime):
    report = read(runtime, "Des manifestants se sont rassemblés à Tunis lundi. La manifestation "
                           "a dégénéré en émeutes à Tunis.")
    assert [e.sub_event_type for e in report.events] == ["Violent demonstration"]


def test_person_named_by_ner_is_no_place(runtime):
    found = _places(runtime, "À Belgrade, des manifestants ont frappé M. Eric Samara.", "fr")
    assert "Samara" not in found and "Belgrade" in found


def test_source_after_the_recipient_of_a_speech_verb(runtime):
    # "à l'AFP" is whom it was said to; the source is the noun phrase after it.
    event = only_event(read(runtime, "« Les rebelles ont pris le contrôle de Goma », a déclaré "
                                     "à l'AFP un responsable local, lundi."))
    assert event.sources[0].attributed_to == "un responsable local"
