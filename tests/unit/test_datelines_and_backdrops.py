"""Pins how veille reads the frame of a wire story around its news, on short reports written
for these tests, in English and French:

- a dateline ends with a dash, two hyphens or a colon ("BEIRUT (AP) --", "NAIROBI:", "ETHIOPIA
  –Five civilians"), and a
  capital that opens one is where the story was filed, not its government speaking; it
  still says which country the story is about;
- a town the gazetteer lacks, or knows only abroad, in a story whose names point at one
  country (twice as strongly as at any other, and with half a vote at least: an armed group
  of that one country is enough) places its event in that country, at region precision with
  no admin1, rather than nowhere;
- a trigger noun after "amid ongoing", "sur fond de" (triggers.yaml `backdrops`), in a sentence that
  tells its news with another trigger, is the situation around it, no event;
- a country named as a side ("the fighting between Israel and Hezbollah") is that
  state's forces, not where anything happened;
- vehicles, houses, villages counted ("huit véhicules volés", "attacked two villages") are
  never the dead (casualties.yaml `units`);
- a trigger noun that names a kind of act ("daily acts of extortion, kidnapping and rape")
  is no event (triggers.yaml `tallies`);
- a name made of compass words before a place ("North-Eastern Amhara") says which part of it;
- a running total "since then" is never an event's toll; "a military airstrike" is the
  country's forces;
- the people who report fighting ("des habitants ont fait état de combats") are its source,
  not a side of it (attribution.yaml `speech_verbs`);
- a month two or more calendar months before the report ("en août" in a December story,
  "in November" in a March one: the latest such month) dates background; the month before
  may be news told late; "the last march" is no month (background.yaml `{month}`);
- a country after "au", "aux", "en" ("une embuscade au Niger") is where the sentence's event
  happened, not the town of the sentence before in another country (places.yaml
  `country_locatives`), and a country where an organisation that speaks sits ("un
  observatoire basé au Royaume-Uni") is no place of the event (`origin_markers`).
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition

import veille


@pytest.mark.parametrize("opening", ["BEIRUT (AP) --", "BEIRUT:", "BEIRUT (Reuters) -",
                                     "SYRIA –", "(Gulf Wire Service) BEIRUT, March 3 (SANA) –"])
def test_a_dateline_is_where_the_story_was_filed(runtime, opening):
    text = (f"{opening} Artillery fire killed eight civilians on Saturday in Ibleen, a village "
            "in Idlib province, rescue workers said.")
    event = only_event(read(runtime, text, lang="en"))
    assert (event.country, event.admin1) == ("Syria", "Idlib")


def test_a_capital_opening_a_dateline_is_no_government(runtime):
    text = ("NAIROBI: Police shot dead three people in the town of Lessos on Tuesday after a "
            "moto-taxi riders gathered to denounce the detention of a colleague, a police "
            "statement said.")
    report = read(runtime, text, lang="en")
    assert report.events
    for event in report.events:
        assert event.country == "Kenya"
        assert "Government" not in (event.actor1 or "") + (event.actor2 or "")


def test_a_town_the_gazetteer_lacks_is_placed_in_the_storys_country(runtime):
    text = ("NAIROBI (Reuters) - Kenyan police shot dead three people in Lessos on Tuesday, a "
            "police statement said.")
    event = only_event(read(runtime, text, lang="en"))
    assert (event.country, event.admin1, event.location) == ("Kenya", None, None)
    assert event.geo_precision == 3
    assert "article's country" in event.evidence["country"].reason


@pytest.mark.parametrize(("text", "lang"), [
    ("Des combats opposent depuis mardi des miliciens aux rebelles du M23 à Nyabikeri, selon "
     "des sources locales.", "fr"),
    ("Fighting broke out on Tuesday between local militiamen and M23 rebels in Nyabikeri, "
     "residents said.", "en"),
])
def test_a_village_unknown_in_a_story_of_one_countrys_armed_group_is_in_that_country(
        runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.country, event.admin1, event.geo_precision) == (
        "Democratic Republic of Congo", None, 3)
    assert {event.actor1, event.actor2} == {"M23", "Unidentified Armed Group (Democratic "
                                                   "Republic of Congo)"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Two farmers died on Monday when an Israeli drone strike hit their pickup near Marjayoun, "
     "in south Lebanon, amid continuing cross-border fire between Israel and Hezbollah.", "en"),
    ("Deux agriculteurs ont été tués lundi par une frappe de drone israélienne près de "
     "Marjayoun, dans le sud du Liban, sur fond de tirs transfrontaliers entre Israël et le "
     "Hezbollah.", "fr"),
])
def test_a_backdrop_is_no_event_and_a_side_no_place(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Air/drone strike"
    assert event.country == "Lebanon"


@pytest.mark.parametrize(("text", "lang"), [
    ("Two people were killed amid clashes between police and protesters in Dhaka on Sunday.",
     "en"),
])
def test_amid_with_no_other_news_is_the_event(runtime, text, lang):
    assert only_event(read(runtime, text, lang=lang)).fatalities.best == 2


@pytest.mark.parametrize(("text", "lang"), [
    ("Lundi, des hommes armés ont attaqué deux villages près de Beni, tuant sept civils.", "fr"),
    ("On Monday, gunmen attacked two villages near Beni, killing seven civilians.", "en"),
    ("Sept civils ont été tués et huit véhicules volés lundi dans une attaque près de Beni.",
     "fr"),
])
def test_things_counted_are_never_the_dead(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.fatalities is not None and event.fatalities.best == 7


def test_those_who_report_fighting_are_no_side(runtime):
    text = ("Des milices se sont affrontées lundi soir à Tripoli. Des habitants ont fait état "
            "de combats dans plusieurs quartiers de la capitale.")
    for event in read(runtime, text, lang="fr").events:
        assert event.actor2 != "Civilians (Libya)"
        assert event.sub_event_type == "Armed clash"


def test_acts_of_violence_are_no_event(runtime):
    text = ("The gangs that hold most of the capital are blamed for daily acts of extortion, "
            "kidnapping and rape, a rights group said on Monday.")
    assert read(runtime, text, lang="en").events == []


def test_compass_words_before_a_place_say_which_part(runtime):
    text = ("Five civilians were killed on Tuesday when a drone strike hit an ambulance in the "
            "town of Wogel Tena in North-Eastern Amhara, witnesses said. The attack was "
            "confirmed on Wednesday.")
    for event in read(runtime, text, lang="en").events:
        assert event.country == "Ethiopia"
        assert "Iceland" not in (event.actor1 or "")


def test_a_total_since_then_is_no_toll_and_a_military_airstrike_is_the_army(runtime):
    text = ("A military airstrike on a village near Bhamo, in Myanmar's Kachin state, killed 21 "
            "people on Thursday, a rebel group said. The army seized power in 2021. More than "
            "6,000 civilians have died at the hands of the security forces since then, "
            "monitors say.")
    event = only_event(read(runtime, text, lang="en"))
    assert event.actor1 == "Military Forces of Myanmar"
    assert event.fatalities is not None and event.fatalities.best == 21



def test_a_province_holds_only_its_own_towns(runtime):
    """The two clashes are in two provinces of one region of the Philippines: the one in
    Iloilo province is not the one at La Castellana, which lies in Negros Occidental."""
    report = read(runtime, "Army troops killed two rebels in a clash at La Castellana town on "
                           "Tuesday, the military said. Three soldiers were wounded in another "
                           "clash with rebels in Iloilo province on Tuesday.", lang="en")
    assert sorted(e.location for e in report.events) == ["Iloilo", "La Castellana"]


@pytest.mark.parametrize(("text", "lang"), [
    ("En août, des hommes armés ont attaqué le village de Kaya, tuant trois habitants.", "fr"),
    ("Fin septembre, des hommes armés ont attaqué le village de Kaya, tuant trois habitants.",
     "fr"),
    ("In August, gunmen attacked a village near Kaya, killing three residents.", "en"),
    ("In late September, gunmen attacked a village near Kaya, killing three residents.", "en"),
])
def test_a_month_long_before_the_report_is_background(runtime, text, lang):
    report = veille.extract(text, published="2025-12-10", lang=lang, runtime=runtime)
    assert report.events == []


@pytest.mark.parametrize(("text", "lang", "published"), [
    ("En novembre, des hommes armés ont attaqué le village de Kaya, tuant trois habitants.",
     "fr", "2025-12-10"),
    ("In November, gunmen attacked a village near Kaya, killing three residents.", "en",
     "2025-12-10"),
    # the January just before a February report
    ("In January, gunmen attacked a village near Kaya, killing three residents.", "en",
     "2025-02-03"),
    ("Protesters marched in Nairobi on Monday, the last march before the vote.", "en",
     "2025-12-10"),
])
def test_the_month_before_the_report_may_be_news(runtime, text, lang, published):
    report = veille.extract(text, published=published, lang=lang, runtime=runtime)
    assert len(report.events) == 1


@pytest.mark.parametrize(("text", "published"), [
    ("In November, gunmen attacked a village near Kaya, killing three residents.", "2025-03-10"),
    # with no publication date, a year still says it is past
    ("In May 2019, gunmen attacked a village near Kaya, killing three residents.", None),
])
def test_a_month_of_an_earlier_year_is_background(runtime, text, published):
    report = veille.extract(text, published=published, lang="en", runtime=runtime)
    assert report.events == []


@pytest.mark.parametrize("text", [
    "L'armée a ratissé les environs de Gao mardi. Au Niger, une embuscade a coûté la vie à "
    "neuf soldats le même jour.",
    "L'armée a ratissé les environs de Gao mardi. Une embuscade jihadiste au Niger a coûté la "
    "vie à neuf soldats le même jour.",
])
def test_a_country_after_au_places_the_sentences_event(runtime, text):
    event = only_event(read(runtime, text, lang="fr"))
    assert event.country == "Niger"


@pytest.mark.parametrize("text", [
    "Selon un observatoire basé au Royaume-Uni, des combattants ont attaqué mardi un poste des "
    "FDS en Syrie, faisant six morts.",
    "Des combattants ont attaqué mardi un poste des FDS près de Raqqa. L'Observatoire, basé au "
    "Royaume-Uni, a précisé que les assaillants avaient pris le contrôle du poste.",
])
def test_where_a_monitor_sits_is_no_place_of_the_event(runtime, text):
    report = read(runtime, text, lang="fr")
    assert report.events
    assert {e.country for e in report.events} == {"Syria"}
