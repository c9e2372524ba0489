"""Pins how toponyms written in the forms of everyday English news are found and placed, each
on short texts written for these tests:

- a possessive is no part of a name ("the United States' lowest rate", "Collier County's
  sheriff");
- a name before a hyphen and a word like "based" or "led" is still the name, qualifying a noun
  (places.yaml `hyphen_suffixes`): "a London-based monitor" is London, not where anything
  happened; "Iran-backed" names Iran as "Iranian" would;
- two places the gazetteer knows, joined by a hyphen into a name it does not, are the two ends
  of a route ("the Gao-Ansongo road"), not the event's place when the sentence names another;
- a capitalised word for a kind of area ends a region's name and belongs to its span ("Benue
  State", "Orange County": places.yaml `name_designators`);
- the wire's abbreviations of US states and Canadian provinces ("HELENA, Mont.", "Severn,
  Md.") are those states and provinces (places.yaml `place_abbreviations`);
- a region's or country's name that the NER takes for a person ("Tamil Nadu said") is the
  region;
- a name only an administrative area bears ("Nuevo Leon") is a region: a town of the sentence
  is the event's place before it;
- one word that only the NER calls a place, unknown to the gazetteer, is a place only after a
  locative, before a word for an area or a road, or as what a verb of attack hits
  (places.yaml `place_verbs`): the small models' NER calls firms and people places;
- a name that closes a list of areas in brackets is looked up by its transliterations too
  ("(Hodan, Banadir)": Banaadir); a town joined by a hyphen to a part of it the gazetteer
  lacks ("Mogadishu-Hodan district") is that town.
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition

from veille.ingest import article_from_text
from veille.pipeline import process_documents


def toponyms(runtime, text: str, lang: str = "en") -> dict[str, tuple[str, str, dict]]:
    """Span -> (kind, label, data) of the places, countries and nationality words of `text`."""
    doc = process_documents([article_from_text(text, name="t", lang=lang)],
                            runtime.every_sentence())[0]
    return {doc.text[m.start:m.end]: (m.kind, m.label, m.data) for m in doc.mentions
            if m.kind in ("place", "country", "demonym")}


def test_a_possessive_is_no_part_of_a_name(runtime):
    found = toponyms(runtime, "Hawaii has the United States' lowest jobless rate, and the "
                              "Islamic Republic's envoy met Collier County’s sheriff.")
    assert found["United States"][:2] == ("country", "US")
    assert "United States'" not in found
    assert not any(span.endswith(("'s", "’s", "'")) for span in found)


def test_a_name_before_based_or_led_still_names_the_place(runtime):
    found = toponyms(runtime, "The Britain-based monitor said a London-based charity and "
                              "Iran-backed militias were there.")
    assert found["Britain"][:2] == ("demonym", "GB")
    assert found["London"][0] == "place"
    assert found["London"][2].get("elsewhere") == "modifier"


def test_a_london_based_monitor_does_not_place_the_event(runtime):
    event = only_event(read(runtime, "Gunmen killed five villagers in Kaduna on Monday, a "
                                     "London-based monitor said.", lang="en"))
    assert event.location == "Kaduna"


def test_the_ends_of_a_route_are_two_places_and_not_the_events_place(runtime):
    found = toponyms(runtime, "Jihadists ambushed a convoy on the Gao-Ansongo road.")
    assert found["Gao"][2].get("route") and found["Ansongo"][2].get("route")
    event = only_event(read(runtime, "Protesters blocked the Dhaka-Mymensingh highway in "
                                     "Gazipur on Monday and clashed with police.", lang="en"))
    assert event.location == "Gazipur"


@pytest.mark.parametrize("name", ["Ar-Raqqa", "Pétion-Ville", "Guinea-Bissau"])
def test_a_hyphenated_name_stays_whole(runtime, name):
    found = toponyms(runtime, f"Fighting was reported in {name} on Monday.")
    assert name in found


def test_a_capitalised_word_for_an_area_ends_the_regions_name(runtime):
    found = toponyms(runtime, "Gunmen attacked a village in Benue State, and police in Orange "
                              "County and Kherson Oblast were on alert.")
    assert {"Benue State", "Orange County", "Kherson Oblast"} <= set(found)
    assert found["Benue State"][2]["name"] == "Benue"
    # Lower case, the word says the region is meant, and stays out of the name.
    assert "Idlib" in toponyms(runtime, "Shelling hit Idlib province on Monday.")


def test_a_district_keeps_its_seats_name(runtime):
    """ACLED places a district's events at its seat: "Zari District" is not extended."""
    found = toponyms(runtime, "Clashes broke out in Kunduz District on Monday.")
    assert "Kunduz" in found and "Kunduz District" not in found


@pytest.mark.parametrize(("text", "admin1", "country"), [
    ("Traders staged a sit-in on Monday in Bannu (Bannu, KPK) against new taxes.",
     "Khyber Pakhtunkhwa", "Pakistan"),
    ("Two militants died in a gunfight with troops on Friday in Sopore, J&K.", "Kashmir",
     "India"),
])
def test_the_south_asian_press_abbreviations_of_states_are_those_states(runtime, text, admin1,
                                                                         country):
    event = only_event(read(runtime, text, lang="en"))
    assert (event.admin1, event.country) == (admin1, country)


def test_the_wires_abbreviations_of_states_are_those_states(runtime):
    found = toponyms(runtime, "HELENA, Mont. (AP) - A 55-year-old Severn, Md. man was "
                              "arrested near the B.C. border. CAMP MURRAY, Wash. - Troops left.")
    assert found["Mont."][:2] == ("place", "Montana")
    assert found["Md."][2].get("container")
    assert found["Severn"][2]["inside"] == ["Maryland"]
    assert found["B.C."][1] == "British Columbia"
    # "Wash." is the state, not the capital called Washington.
    doc = process_documents([article_from_text("Fresno, Calif., and Spokane, Wash., were hit.",
                                               name="t", lang="en")],
                            runtime.every_sentence())[0]
    from veille.resolve.places import country_support, resolve_place
    support = country_support(doc, runtime.gazetteer)
    (wash,) = [m for m in doc.of_kind("place") if doc.text[m.start:m.end] == "Wash."]
    place, _, _ = resolve_place(wash, doc, runtime.gazetteer, support)
    assert (place.feature_code, place.admin1) == ("ADM1", "Washington")


def test_a_short_word_abbreviation_needs_a_town_before_it(runtime):
    """"Pa." or "Miss." alone may be anything; after a town and a comma it is the state."""
    found = toponyms(runtime, "Miss. Jones spoke. Then Pittsburgh, Pa. voted.")
    assert "Miss." not in found
    assert found["Pa."][1] == "Pennsylvania"


def test_a_region_the_ner_takes_for_a_person_is_the_region(runtime):
    text = ("The dispute over the river's water went to court. Tamil Nadu said the Centre had "
            "refused to act, and Tamil Nadu wants the board set up.")
    found = toponyms(runtime, text)
    assert found["Tamil Nadu"][0] == "place"


def test_a_town_beats_a_name_only_a_state_bears(runtime):
    event = only_event(read(runtime, "On Monday, at the border between Escobedo and Monterrey, "
                                     "Nuevo Leon, a man was found shot dead.", lang="en"))
    assert event.location in ("Monterrey", "Escobedo")


def test_a_province_the_gazetteer_has_no_town_of_is_its_region(runtime):
    """ISO 3166-2 knows Sanmatenga, a province of Burkina Faso's Centre-Nord; the embedded
    gazetteer has no town it can tell is in it: the event is placed in Centre-Nord, at region
    precision, with no point made up for the province."""
    event = only_event(read(runtime, "Des jihadistes présumés ont attaqué vendredi un "
                                     "détachement militaire dans la province du Sanmatenga, "
                                     "tuant douze soldats.", lang="fr"))
    assert (event.country, event.admin1, event.geo_precision) == (
        "Burkina Faso", "Centre-Nord", 3)


def test_a_town_on_the_road_between_two_others_is_the_events_place(runtime):
    """"The road linking Mopti to Gao": the road's ends; the town the convoy was near is
    where it happened."""
    event = only_event(read(runtime, "Gunmen ambushed an army convoy on Monday on the road "
                                     "linking Mopti to Gao near Douentza, killing four "
                                     "soldiers.", lang="en"))
    assert event.location == "Douentza"


def test_of_a_roads_two_ends_the_one_the_story_names_again_places_it(runtime):
    text = ("Des hommes armés ont attaqué lundi un car sur la route reliant Djibo à Dori, "
            "tuant sept passagers.\n\nLe car avait quitté Dori le matin. Les blessés ont été "
            "soignés au centre de santé de Dori.")
    assert only_event(read(runtime, text, lang="fr")).location == "Dori"


def test_where_flights_were_diverted_to_is_no_events_place(runtime):
    text = ("Des combats ont éclaté mardi autour de l'aéroport de Tripoli, où tous les vols ont "
            "été détournés vers Misrata.")
    assert only_event(read(runtime, text, lang="fr")).location == "Tripoli"


def test_a_route_written_with_a_spaced_dash_has_two_ends(runtime):
    text = ("Un minibus a sauté lundi sur une mine sur l'axe Kaya - Dori, à hauteur du village "
            "de Korsimoro, faisant six morts.")
    assert only_event(read(runtime, text, lang="fr")).location == "Korsimoro"


def test_a_country_that_qualifies_a_thing_is_not_where_it_happened(runtime):
    """"the US dollar", "the Ukraine war": a country's name before a common noun says whose or
    what about; a protest about the dollar in a town the gazetteer lacks is not in the US."""
    found = toponyms(runtime, "Shopkeepers angry at the weak US dollar rate marched on Monday.")
    assert found["US"][:2] == ("country", "US")
    assert found["US"][2].get("elsewhere") == "modifier"
    report = read(runtime, "Shopkeepers angry at the weak US dollar rate protested in Bhamdoun "
                           "on Monday.", lang="en")
    assert all(e.country != "United States" for e in report.events)
    event = only_event(read(runtime, "Shopkeepers angry at the weak US dollar rate protested "
                                     "in Zahle on Monday.", lang="en"))
    assert event.location == "Zahle"
    # In a place, the country is still where it happened.
    assert "elsewhere" not in toponyms(runtime, "Protests spread in Lebanon.")["Lebanon"][2]


def test_a_name_in_apposition_to_a_place_is_a_place_not_a_government(runtime):
    """"in Kecioren district, Ankara": the capital holds the district; "Ankara said" is the
    government."""
    found = toponyms(runtime, "Students rallied outside a school in Kecioren district, Ankara, "
                              "on Friday against the fees.")
    assert found["Ankara"][0] == "place"
    doc = process_documents([article_from_text("Meanwhile, Ankara said it would respond.",
                                               name="t", lang="en")],
                            runtime.every_sentence())[0]
    assert [m.label for m in doc.of_kind("actor")] == ["Government of Turkey"]


def test_the_eu_is_europe_and_the_holy_see_the_vatican(runtime):
    found = toponyms(runtime, "EU ministers met an envoy of the Holy See in Brussels.")
    assert found["EU"][:2] == ("demonym", "Europe")
    assert found["Holy See"][:2] == ("country", "VA")


def test_a_short_word_in_capitals_is_initials_not_a_place(runtime):
    """"AMLO" is not Amloh in India, nor "APC" a village in Hungary; a dateline in capitals
    is still a place."""
    found = toponyms(runtime, "The president, known as AMLO, told APC delegates to vote.")
    assert "AMLO" not in found and "APC" not in found
    found = toponyms(runtime, "GAZA (AFP) - An air strike hit a house in Khan Younis.")
    assert found["GAZA"][2].get("dateline")


def test_an_unknown_spot_is_placed_at_the_sentences_town_before_its_countries(runtime):
    """Kirni is known to the gazetteer only in the United States: not this Kirni."""
    event = only_event(read(runtime, "On Monday, the armies of India and Pakistan exchanged "
                                     "fire at Kirni sector (Poonch district).", lang="en"))
    assert event.country == "India" and event.location == "Pūnch"
    assert event.geo_precision == 2


def test_a_large_town_abroad_named_after_in_is_where_it_happened(runtime):
    event = only_event(read(runtime, "On Saturday, hundreds gathered in Nottingham to protest "
                                     "a plan to send asylum seekers to Rwanda.", lang="en"))
    assert (event.country, event.location) == ("United Kingdom", "Nottingham")


def test_the_words_for_a_region_are_no_part_of_its_name(runtime):
    """The NER's "province de la Kompienga" is the region of Kompienga; "Burkina" alone is
    the country, as French reports write it."""
    found = toponyms(runtime, "Le poste de Pama, dans la province de la Kompienga (région de "
                              "l'Est du Burkina), a été attaqué.", lang="fr")
    assert found["Kompienga"][0] == "place" and found["Kompienga"][2].get("region")
    assert found["Burkina"][:2] == ("country", "BF")
    assert not any(span.lower().startswith(("province", "région")) for span in found)


def test_a_name_towns_of_many_countries_bear_is_no_city_abroad(runtime):
    """"in San Jose canton" of a story about El Salvador is not San Jose, California: towns of
    that name lie in three countries or more. A name only one country's large town bears is
    meant even abroad ("in Nottingham", above)."""
    report = read(runtime, "On Monday, near San Francisco Gotera, Morazan, a man was shot dead "
                           "by gunmen in San Jose canton.", lang="en")
    assert all(e.country != "United States" for e in report.events)


def test_one_word_only_the_ner_calls_a_place_needs_a_locative_or_a_verb_of_attack(runtime):
    firm = "Each file kept on Quobox shows up in the browser, the firm said."
    assert [e.label_ for e in runtime.nlp("en")(firm).ents] == ["GPE"]  # the NER's guess
    assert "Quobox" not in toponyms(runtime, firm)
    for text in ("Gunmen raided Kelmaso overnight, residents said.",
                 "Farmers fled to Kelmaso, where soldiers arrived later."):
        assert toponyms(runtime, text)["Kelmaso"][0] == "place", text


def test_a_town_the_text_puts_in_another_region_is_not_its_namesake_there(runtime):
    # Al Mulayhah of Rif Dimashq is no Maliha "in Dara countryside": the region of the town
    # Dar'a (Daraa) says where it lies; the event is placed at that region.
    event = only_event(read(runtime, "A farmer was shot dead on Tuesday in Maliha town in Dara "
                                     "countryside, a local monitor said.", lang="en"))
    assert (event.admin1, event.geo_precision) == ("Daraa", 3)


def test_a_name_before_district_is_that_area_even_spelled_otherwise(runtime):
    event = only_event(read(runtime, "Soldiers and rebels clashed on Sunday in Baramulla "
                                     "district, police said.", lang="en"))
    assert (event.location, event.admin1, event.geo_precision) == ("Baramula", "Kashmir", 3)


def test_a_state_the_ner_takes_for_a_person_is_the_state(runtime):
    text = "A bomb went off on Monday near a market in Paletwa, Rakhine State, witnesses said."
    assert "PERSON" in [e.label_ for e in runtime.nlp("en")(text).ents]  # the NER's guess
    event = only_event(read(runtime, text, lang="en"))
    assert (event.admin1, event.country) == ("Rakhine", "Myanmar")


def test_a_region_found_by_a_transliteration_says_little_and_small_regions_vote(runtime):
    # "Al Maton" is no Mattoon, Illinois, whose half vote cannot outweigh the Houthis' and
    # Yemen's Al Jawf (a region the embedded gazetteer counts 18,000 people in, Saudi
    # Arabia's 300,000); nor is Al Jawf the town Jawf al Maqbabah, which bears the name too.
    event = only_event(read(runtime, "Houthi gunmen killed a shepherd on Friday in Al Maton "
                                     "district, in Al Jawf.", lang="en"))
    assert (event.country, event.admin1, event.geo_precision) == ("Yemen", "Al Jawf", 3)


def test_a_bracketed_area_and_a_town_joined_to_its_district_place_the_event(runtime):
    event = only_event(read(runtime, "On Tuesday, gunmen shot dead a shopkeeper near a "
                                     "mosque in Mogadishu-Hodan district (Hodan, Banadir).",
                            lang="en"))
    assert (event.location, event.admin1, event.country) == ("Mogadishu", "Banaadir", "Somalia")


def test_a_person_the_ner_sees_before_a_word_for_an_area_is_the_place(runtime):
    """The small English model calls "Al Hazm" a person; before "district" it is the place
    the gazetteer knows by that name."""
    text = "Warplanes of the coalition struck Al Hazm district (Al Jawf) on Tuesday."
    assert ("Al Hazm", "PERSON") in [(e.text, e.label_) for e in runtime.nlp("en")(text).ents]
    assert toponyms(runtime, text)["Al Hazm"][:2] == ("place", "Al Hazm")


def test_a_sahel_cercle_or_a_congolese_territoire_is_the_area_around_its_seat(runtime):
    """"dans le cercle de Niafunké", "le territoire de Djugu": the area, at region
    precision, not the town of that name."""
    found = toponyms(runtime, "Mardi, des hommes armés ont tué six civils dans le territoire "
                              "de Djugu, en Ituri.", lang="fr")
    assert found["Djugu"][2].get("region")


def test_a_place_at_the_start_of_a_longer_place_name_is_no_place_of_its_own(runtime):
    """"Aïn Baal" is a Lebanese village the gazetteer lacks: its first word is no Ain of
    France."""
    found = toponyms(runtime, "Dimanche, une frappe a tué sept personnes à Aïn Baal, dans le "
                              "sud du Liban.", lang="fr")
    assert "Aïn" not in found and found["Aïn Baal"][2].get("unresolved")
