"""The gazetteer file: embedded places, GeoNames dumps added by the user, rebuilds."""

from __future__ import annotations

import shutil

import pytest
from test_extract import only_event, read  # the same helpers, one definition
from typer.testing import CliRunner

from veille.cli import app
from veille.errors import BadGazetteerFile
from veille.resolve.gazetteer import Gazetteer, add_geonames_dump, build_embedded, normalize
from veille.resolve.gazetteer.names import variant_key

# A GeoNames dump in miniature: a village (with alternate names), a mountain (not a populated
# place) and a broken line. Names and ids are made up for the test.
DUMP = (
    "9990001\tTell Zaytun\tTell Zaytun\tTall az Zaytun,Tel Zeitoun\t36.3\t37.2\tP\tPPL\tSY\t\t"
    "09\t\t\t\t1200\t\t400\tAsia/Damascus\t2024-01-01\n"
    "9990002\tJabal Zaytun\tJabal Zaytun\t\t36.31\t37.21\tT\tMT\tSY\t\t09\t\t\t\t0\t\t800\t"
    "Asia/Damascus\t2024-01-01\n"
    "broken line\n"
)


@pytest.fixture
def gazetteer_copy(runtime, tmp_path):
    """A copy of the session's gazetteer file, to change without touching the shared one."""
    path = tmp_path / "gazetteer.sqlite"
    shutil.copy(runtime.gazetteer.path, path)
    return path


@pytest.fixture
def dump(tmp_path):
    path = tmp_path / "SY.txt"
    path.write_text(DUMP, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "expected"), [
    ("Alep", "Aleppo"), ("Idleb", "Idlib"), ("Homs", "Homs"), ("Goma", "Goma"),
])
def test_gazetteer_embedded_alternate_names(runtime, name, expected):
    assert runtime.gazetteer.lookup(name).name == expected


@pytest.mark.parametrize(("a", "b"), [("Al-Bāb", "al bab"), ("Rufā‘a", "Rufa'a")])
def test_gazetteer_normalize_ignores_marks(a, b):
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(("name", "expected"), [
    ("Qamishli", "Al Qamishli"), ("El-Facher", "El Fasher"), ("Hasakeh", "Al Hasakah"),
    ("Maputo", "Maputo"), ("Deir Ezzor", "Deir ez-Zor"),  # an article glued to its word
])
def test_gazetteer_transliterations_found_by_variant(runtime, name, expected):
    place = runtime.gazetteer.lookup(name)
    assert place.name == expected and place.feature_code != "ADM1"


def test_gazetteer_a_name_that_only_looks_like_a_glued_article_stays_whole():
    assert variant_key("Deir Ezzor") == variant_key("Deir ez-Zor")
    assert variant_key("Sheikh Essa") != variant_key("Sheikh Sa")  # too short to be "es-Sa"
    assert variant_key("Ezzor Deir") != variant_key("Zor Deir")  # not the first word


def test_gazetteer_variants_never_replace_an_exact_name(runtime):
    assert not runtime.gazetteer.has_name("Qamishli")
    assert runtime.gazetteer.has_variant("Qamishli")
    assert runtime.gazetteer.lookup("Paris").country_code == "FR"


def test_gazetteer_admin1_names_for_syria(runtime):
    assert runtime.gazetteer.lookup("Alep").admin1 == "Aleppo"


def test_gazetteer_add_dump_counts(gazetteer_copy, dump):
    result = add_geonames_dump(gazetteer_copy, dump)
    assert (result.added, result.skipped, result.malformed) == (1, 1, 1)


def test_gazetteer_added_place_found_by_alternate_name(gazetteer_copy, dump, runtime):
    add_geonames_dump(gazetteer_copy, dump)
    gazetteer = Gazetteer(min_population=runtime.config.gazetteer_min_population,
                          path=gazetteer_copy)
    place = gazetteer.lookup("Tel Zeitoun")
    assert (place.geonameid, place.admin1, place.feature_code) == (9990001, "Aleppo", "PPL")


def test_gazetteer_dump_without_places_is_an_error(gazetteer_copy, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("not a dump\n", encoding="utf-8")
    with pytest.raises(BadGazetteerFile, match="no populated place found"):
        add_geonames_dump(gazetteer_copy, bad)


def test_gazetteer_rebuild_keeps_user_places(gazetteer_copy, dump, runtime):
    add_geonames_dump(gazetteer_copy, dump)
    build_embedded(gazetteer_copy, runtime.config.gazetteer_min_population)
    gazetteer = Gazetteer(min_population=runtime.config.gazetteer_min_population,
                          path=gazetteer_copy)
    assert gazetteer.lookup("Tall az Zaytun").geonameid == 9990001
    assert gazetteer.lookup("Alep").name == "Aleppo"


def test_gazetteer_cli_add(gazetteer_copy, dump, tmp_path):
    config = tmp_path / "veille.toml"
    config.write_text(f'[gazetteer]\npath = "{gazetteer_copy}"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["gazetteer", "add", str(dump), "--config", str(config)])
    assert result.exit_code == 0
    assert result.stdout == (f"added 1 places from {dump} to {gazetteer_copy} "
                             "(1 not populated places, 1 malformed lines)\n")


def test_gazetteer_continents_are_at_geonames_point_and_beat_small_towns(runtime):
    africa = runtime.gazetteer.lookup("Africa")
    assert (africa.feature_code, africa.country_code) == ("CONT", "")  # not Mahdia, Tunisia
    europe = runtime.gazetteer.lookup("Europe")
    assert (round(europe.latitude, 2), round(europe.longitude, 2)) == (48.69, 9.14)


@pytest.mark.parametrize(("name", "point"), [("Middle East", (33.14, 35.86)),
                                             ("Moyen-Orient", (33.14, 35.86)),
                                             ("Corne de l'Afrique", (8.0, 45.0))])
def test_gazetteer_a_part_of_the_world_is_a_region_of_no_country(runtime, name, point):
    # Not the hamlet of that name in Maryland (regions.yaml `world_regions`).
    place = runtime.gazetteer.lookup(name)
    assert (place.feature_code, place.country_code) == ("RGN", "")
    assert (place.latitude, place.longitude) == point


@pytest.mark.parametrize(("text", "lang"), [
    ("Crowds marched in Chicago on Sunday against the war in the Middle East.", "en"),
    ("Des milliers de personnes ont défilé dimanche à Lyon contre la guerre au Moyen-Orient.",
     "fr"),
])
def test_a_part_of_the_world_is_no_event_place(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.country in ("United States", "France")
    assert event.location in ("Chicago", "Lyon")


def test_a_story_that_names_only_a_part_of_the_world_gives_no_event(runtime):
    text = "Des milliers de manifestants ont défilé dimanche contre la guerre au Moyen-Orient."
    assert read(runtime, text, lang="fr").events == []


@pytest.mark.parametrize(("code", "point"), [("CA", (60.10867, -113.64258)),
                                             ("US", (39.76, -98.5)), ("JP", (35.68536, 139.75309))])
def test_gazetteer_a_country_is_at_geonames_point_for_its_geonameid(runtime, code, point):
    # Not the CIA Factbook's (Canada at 60N 95W, 1,000 km east): the point GeoNames gives the
    # very feature whose geonameid the place carries.
    country = runtime.gazetteer.country(code)
    assert (country.latitude, country.longitude) == point
    assert country.geonameid == {"CA": 6251999, "US": 6252001, "JP": 1861060}[code]


def test_gazetteer_a_country_geonames_gives_no_point_keeps_another(runtime):
    palestine = runtime.gazetteer.country("PS")
    assert palestine.latitude is not None and 31 < palestine.latitude < 33


def test_gazetteer_a_capital_beats_a_region_of_its_name(runtime):
    assert runtime.gazetteer.lookup("Washington").name == "Washington, D.C."


def test_gazetteer_a_world_city_beats_a_small_namesake_at_home(runtime):
    assert runtime.gazetteer.lookup("London", country_code="US").country_code == "GB"
    # A namesake at home of some size stays: Tripoli in a story about Lebanon.
    assert runtime.gazetteer.lookup("Tripoli", country_code="LB").country_code == "LB"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Russian and British diplomats met Chinese envoys in Geneva.", "en",
     [("Russian", "RU"), ("British", "GB"), ("Chinese", "CN")]),
    ("The regime forces shelled the town.", "en", []),  # lowercase: no nationality here
    ("European leaders met African envoys.", "en", [("European", "Europe"), ("African", "Africa")]),
    ("Des diplomates russes ont rencontré des émissaires maliens.", "fr",
     [("russes", "RU"), ("maliens", "ML")]),
])
def test_nationality_words_are_toponyms_of_their_country(runtime, text, lang, expected):
    """GeoWebNews counts "Russian" in "Russian diplomats" as Russia: a `demonym` mention,
    which names no event's place."""
    from veille.ingest import article_from_text
    from veille.pipeline import process_documents

    doc = process_documents([article_from_text(text, name="t", lang=lang)],
                            runtime.every_sentence())[0]
    found = [(doc.text[m.start:m.end], m.label) for m in doc.mentions if m.kind == "demonym"]
    assert found == expected


def test_an_events_place_says_why_it_won(runtime):
    """Every resolved place records why it won, in the evidence (`reason`)."""
    import veille

    def place(text):
        (event,) = veille.extract(text, published="2024-03-14", lang="fr",
                                  runtime=runtime).events
        assert event.evidence["country"].reason == event.evidence["location"].reason
        return event.country, event.evidence["location"].reason

    assert place("Une frappe aérienne a tué trois civils à Alep mardi.") == (
        "Syria", "the only place of that name")
    country, reason = place("Des affrontements ont fait deux morts à Tripoli mardi, a indiqué "
                            "l'armée libanaise. Le Liban est en deuil.")
    assert country == "Lebanon" and "(LB)" in reason, reason


def test_place_spans_leave_out_the_article_and_keep_whole_names(runtime):
    """The NER's "the United States" is the toponym "United States"; a common word that
    starts a longer name ("West Zone") is no place of its own."""
    from veille.ingest import article_from_text
    from veille.pipeline import process_documents

    text = ("Officials in the United States said on Monday that shoot-outs took place in the "
            "West Zone of Rio de Janeiro.")
    doc = process_documents([article_from_text(text, name="t", lang="en")],
                            runtime.every_sentence())[0]
    spans = {doc.text[m.start:m.end] for m in doc.mentions if m.kind in ("place", "country")}
    assert "United States" in spans and "the United States" not in spans
    assert "West" not in spans and "Rio de Janeiro" in spans


def test_a_persons_surname_is_no_place_but_after_a_locative(runtime):
    """Named in full once ("Mohamed Salah"), a person is then named by the surname alone:
    that word is no place, unless a locative comes before it."""
    from veille.ingest import article_from_text
    from veille.pipeline import process_documents

    def places(text):
        doc = process_documents([article_from_text(text, name="t", lang="en")],
                                runtime.every_sentence())[0]
        return [doc.text[m.start:m.end] for m in doc.mentions if m.kind == "place"]

    assert runtime.gazetteer.has_name("Salah")  # the word is a town too
    assert "Salah" not in places("Mohamed Salah scored twice on Sunday. Salah said he was "
                                 "happy with the win.")
    assert "Salah" in places("Mohamed Salah scored twice on Sunday. Fighting broke out in "
                             "Salah on Monday.")


def test_a_namesake_near_the_articles_other_places_is_the_one_meant(runtime):
    """Yenisehir is a town of Bursa and a district of Diyarbakir: next to Diyarbakir, it is
    Diyarbakir's, and the reason says so."""
    from veille.ingest import article_from_text
    from veille.pipeline import process_documents
    from veille.resolve.places import country_support, resolve_place

    text = ("Police detained 12 people in Diyarbakir on Monday. Protesters also gathered in "
            "Yenisehir, lawyers said.")
    doc = process_documents([article_from_text(text, name="t", lang="en")],
                            runtime.every_sentence())[0]
    support = country_support(doc, runtime.gazetteer)
    (mention,) = [m for m in doc.of_kind("place") if doc.text[m.start:m.end] == "Yenisehir"]
    place, _, reason = resolve_place(mention, doc, runtime.gazetteer, support)
    assert place.admin1 == "Diyarbakir", (place, reason)
    assert reason == "the namesake near Diyarbakir, another place the article names"
    assert runtime.gazetteer.lookup("Yenisehir", country_code="TR").admin1 != "Diyarbakir"


def _places_of(runtime, text, lang="en"):
    from veille.ingest import article_from_text
    from veille.pipeline import process_documents

    doc = process_documents([article_from_text(text, name="t", lang=lang)],
                            runtime.every_sentence())[0]
    return doc, {doc.text[m.start:m.end]: m for m in doc.mentions
                 if m.kind in ("place", "country")}


def test_a_longer_place_name_holds_what_the_ner_calls_a_person(runtime):
    """The NER reads "Mato Grosso" as a person: the state's whole name is still the place,
    and "Sul" alone is none."""
    _, spans = _places_of(runtime, "On Friday, in Dourados, Mato Grosso do Sul, federal "
                                   "police arrested four men.")
    assert "Mato Grosso do Sul" in spans and "Sul" not in spans


def test_the_articles_armed_groups_point_at_their_country(runtime):
    """Puli is a town of Taiwan and a word of an Afghan place name: beside Taliban fighters
    and Pul-e-Alam, it is no Taiwanese town, and Pul-e-Alam is found in Afghanistan."""
    from veille.resolve.places import country_support, resolve_place

    doc, spans = _places_of(runtime, "Taliban fighters ambushed a police convoy near Puli, "
                                     "a village outside Pul-e-Alam, on Sunday.")
    support = country_support(doc, runtime.gazetteer, runtime.actors)
    puli, _, reason = resolve_place(spans["Puli"], doc, runtime.gazetteer, support)
    assert puli is None, reason
    town, _, _ = resolve_place(spans["Pul-e-Alam"], doc, runtime.gazetteer, support)
    assert town is not None and town.country_code == "AF"
    # Without the catalogue's word on the Taliban, Taiwan's larger town wins the tie.
    alone = country_support(doc, runtime.gazetteer)
    assert alone.most_common(1)[0][0] == "TW"


@pytest.mark.parametrize(("written", "region", "country"), [
    ("Logar", "Lowgar", "AF"),               # ISO's name of GeoNames' Lowgar
    ("Extrême-Nord", "Far North", "CM"),     # ISO's name, French
    ("West Darfur", "Western Darfur", "SD"),
    ("Diyarbakır", "Diyarbakir", "TR"),      # a dotless i is an i
])
def test_gazetteer_knows_regions_by_their_iso_names(runtime, written, region, country):
    place = runtime.gazetteer.lookup(written, country_code=country)
    assert place is not None and place.country_code == country
    assert region in (place.name, place.admin1)


def test_gazetteer_a_province_of_iso_and_geonames_admin2_is_a_region(runtime):
    """Burkina Faso's provinces are GeoNames' admin2: `Loroum` is a region of its own, in
    its admin1, at the mean point of its towns."""
    place = runtime.gazetteer.lookup("Loroum")
    assert place.feature_code == "ADM2" and place.country_code == "BF"
    assert place.admin1 == "Nord" and place.admin2 == "Loroum"


def test_gazetteer_a_close_iso_name_is_not_its_neighbours():
    """`Zanzibar South` is as close to `Zanzibar North` as to `Zanzibar Central/South`:
    neither is taken."""
    from veille.resolve.gazetteer.build import _bare, _closest

    regions = [(1, _bare("Zanzibar North")), (2, _bare("Zanzibar Central/South"))]
    assert _closest({_bare("Zanzibar South")}, regions) is None
    assert _closest({_bare("Bingöl")}, [(3, _bare("Bingoel")), (4, _bare("Bolu"))]) == 3


@pytest.mark.parametrize(("text", "lang", "kept", "dropped"), [
    # The end of a longer name is no place of its own ...
    ("On Tuesday, shells hit houses in Abu Salim, in southern Tripoli.", "en",
     {"Tripoli"}, {"Salim"}),
    ("Des obus sont tombés lundi sur des maisons à Abou Salim, dans le sud de Tripoli.", "fr",
     {"Tripoli"}, {"Salim"}),
    # ... but the start of one is, and so is a place after "of" or a word of direction.
    ("Students marched at Kabul University and outside the University of Chicago.", "en",
     {"Kabul", "Chicago"}, set()),
    ("Russian drones struck North Kharkiv on Monday, the Washington Post reported.", "en",
     {"Kharkiv", "Washington"}, set()),
])
def test_a_place_inside_a_longer_name(runtime, text, lang, kept, dropped):
    _, spans = _places_of(runtime, text, lang)
    assert kept <= set(spans), spans
    assert not dropped & set(spans), spans


@pytest.mark.parametrize(("text", "country", "location"), [
    ("On 4 March, protesters against Russia's invasion of Ukraine rallied and marched in "
     "Athens.", "Greece", "Athens"),
    ("Samedi, des centaines de personnes ont manifesté à Berlin contre la guerre en "
     "Ukraine, à l'appel d'associations ukrainiennes.", "Germany", "Berlin"),
])
def test_a_capital_abroad_named_by_its_own_name_is_the_events_place(runtime, text, country,
                                                                     location):
    """The story is about another country, yet "rallied in Athens" happened in Athens: a
    national capital or a world city named by its own name is no gap of the gazetteer."""
    from test_extract import only_event, read

    event = only_event(read(runtime, text))
    assert (event.country, event.location) == (country, location)


def test_a_world_citys_name_in_another_language_is_no_place_abroad(runtime):
    """"Colonia" is Cologne in Spanish, and a neighbourhood in a Mexican story: never Germany."""
    from test_extract import only_event, read

    event = only_event(read(runtime, "On Sunday, in Morelia, Michoacan, a man was shot dead by "
                                     "gunmen in Colonia Camino Real."))
    assert event.country == "Mexico"


def test_a_name_several_armed_groups_bear_points_at_all_their_countries(runtime):
    """"Al Shabaab" is Somalia's group and, in Cabo Delgado, Mozambique's insurgents: alone,
    it is no vote for either (their four countries say little), so a village the gazetteer
    lacks is placed nowhere rather than in Mozambique."""
    from veille.resolve.places import country_support

    doc, _ = _places_of(runtime, "Al Shabaab fighters stormed a police post in Warmadoob "
                                 "village on Tuesday.")
    actor = next(m for m in doc.mentions if m.kind == "actor" and "alternatives" in m.data)
    assert {"Al Shabaab", "Islamist Militia (Mozambique)"} <= set(actor.data["alternatives"])
    assert not country_support(doc, runtime.gazetteer, runtime.actors)


@pytest.mark.parametrize(("name", "country", "admin1", "feature_code"), [
    ("Donbass", "UA", None, "RGN"),
    ("Ghouta orientale", "SY", "Rif-dimashq", "RGN"),
    ("Darfour", "SD", None, "RGN"),
    ("Sinai", "EG", None, "RGN"),  # not a hamlet of Chiapas
    ("Cisjordanie", "PS", "West Bank", "ADM1"),
    ("Nord-Darfour", "SD", "Northern Darfur", "ADM1"),
    ("Kurdistan irakien", "IQ", "Iqlim Kurdistan", "ADM1"),
    ("Thi Qar", "IQ", "Dhi Qar", "ADM1"),  # ACLED's spellings
    ("Ninewa", "IQ", "Ninawa", "ADM1"),
])
def test_named_areas_and_other_names_of_regions(runtime, name, country, admin1, feature_code):
    """resources/regions.yaml: an area that is no division is a place of its own (RGN), with
    the admin1 it lies in when it lies in one; a French name of a region finds that region."""
    place = runtime.gazetteer.lookup(name)
    assert (place.country_code, place.admin1, place.feature_code) == (country, admin1,
                                                                      feature_code)
    assert place.is_area


def test_an_admin1_the_gazetteer_lacks_is_an_error_of_the_regions_file(tmp_path):
    """A typo in regions.yaml names no region: the build says so rather than dropping it."""
    import sqlite3

    from veille.resolve.gazetteer.build import _insert_named_areas
    from veille.resolve.gazetteer.schema import SCHEMA
    from veille.resources.schemas import RegionsFile

    conn = sqlite3.connect(tmp_path / "g.sqlite")
    conn.executescript(SCHEMA)
    conn.execute("INSERT INTO places VALUES (-1, 'Donetsk', 48, 37.8, 'UA', 'Donetsk', NULL, "
                 "NULL, 1000, 'ADM1', 'embedded')")
    regions = RegionsFile.model_validate({"areas": {"Donbas": {
        "country": "UA", "covers": ["Donetsk", "Luhanks"], "point": [48.2, 38.5],
        "names": ["Donbass"]}}, "admin1_names": {}})
    with pytest.raises(ValueError, match="Luhanks"):
        _insert_named_areas(conn, regions)


@pytest.mark.parametrize(("text", "lang", "country", "location"), [
    ("Mardi, des bombardements russes ont frappé le Donbass.", "fr", "Ukraine", "Donbas"),
    ("Mercredi, des hommes armés ont tué trois bergers au Darfour.", "fr", "Sudan", "Darfur"),
    ("On Monday, Syrian jets bombed several towns in Eastern Ghouta.", "en", "Syria",
     "Eastern Ghouta"),
])
def test_an_event_in_a_named_area_is_there_at_region_precision(runtime, text, lang, country,
                                                                location):
    from test_extract import only_event, read

    event = only_event(read(runtime, text, lang=lang))
    assert (event.country, event.location, event.geo_precision) == (country, location, 3)


def test_a_named_area_abroad_that_only_its_own_name_points_at_is_no_place(runtime):
    """A region gives its country two votes: that it names itself is no sign the story is
    there. "Sinai" in a Colombian story is a village the gazetteer lacks, not Egypt."""
    from veille.resolve.places import country_support, resolve_place

    doc, spans = _places_of(runtime, "On Sunday, in Cauca, FARC dissidents said they had set "
                                     "off a car bomb in Sinai a week before.")
    support = country_support(doc, runtime.gazetteer, runtime.actors)
    place, _, reason = resolve_place(spans["Sinai"], doc, runtime.gazetteer, support)
    assert place is None and reason.startswith("abstained")


def test_the_home_of_a_group_is_the_events_place_only_when_nothing_else_is(runtime):
    """"Darfur" in "Darfur communal militia" is where the group comes from: the region the
    sentence names after it places the looting; alone, it still places the event."""
    from test_extract import only_event, read

    event = only_event(read(runtime, "On Tuesday, armed men (reportedly a Darfur communal "
                                     "militia) looted cattle near Kulbus (Kulbus locality, "
                                     "West Darfur state).", lang="en"))
    assert event.admin1 == "Western Darfur"
    alone = only_event(read(runtime, "On Tuesday, Darfur militiamen looted a market, "
                                     "residents said.", lang="en"))
    assert alone.country == "Sudan"


@pytest.mark.parametrize(("region", "country", "seat"), [
    ("Muthanna", "IQ", "As Samawah"), ("Dhi Qar", "IQ", "An Nasiriyah"),
    ("Sindh", "PK", "Karachi"), ("Loroum", "BF", "Titao"),
])
def test_gazetteer_an_area_is_coded_at_its_seat(runtime, region, country, seat):
    """ACLED codes an event known only to a province at the provincial capital: without a
    dump's feature codes, the largest town of the area, a province (ADM1) or a province of
    ISO that is GeoNames' admin2 (`Loroum`)."""
    area = runtime.gazetteer.lookup(region, country_code=country)
    assert area.is_area
    assert runtime.gazetteer.seat(area).name == seat


def test_gazetteer_a_named_area_or_a_town_has_no_seat(runtime):
    """Darfur is no division the towns know they lie in; a town is its own point."""
    assert runtime.gazetteer.seat(runtime.gazetteer.lookup("Darfur")) is None
    assert runtime.gazetteer.seat(runtime.gazetteer.lookup("Aleppo")) is None


def test_gazetteer_a_dumps_admin_seat_beats_a_larger_town(gazetteer_copy, runtime, tmp_path):
    """A GeoNames dump names the seat (PPLA): it wins over a larger town of its region."""
    seat = ("9990003\tQaryat al Maqarr\tQaryat al Maqarr\t\t35.2\t36.9\tP\tPPLA\tSY\t\t09\t\t\t"
            "\t800\t\t300\tAsia/Damascus\t2024-01-01\n")
    (tmp_path / "seat.txt").write_text(seat, encoding="utf-8")
    add_geonames_dump(gazetteer_copy, tmp_path / "seat.txt")
    gazetteer = Gazetteer(min_population=runtime.config.gazetteer_min_population,
                          path=gazetteer_copy)
    region = next(p for p in gazetteer.candidates("Aleppo") if p.feature_code == "ADM1")
    assert runtime.gazetteer.seat(region).name == "Aleppo"
    assert gazetteer.seat(region).name == "Qaryat al Maqarr"


@pytest.mark.parametrize(("text", "lang", "seat"), [
    ("On Monday, gunmen killed two farmers in Muthanna province.", "en", "As Samawah"),
    ("Lundi, des hommes armés ont tué deux cultivateurs dans la province du Sindh.", "fr",
     "Karachi"),
])
def test_an_event_known_only_to_its_province_is_at_the_provincial_capital(runtime, text, lang,
                                                                           seat):
    event = only_event(read(runtime, text, lang=lang))
    town = runtime.gazetteer.lookup(seat)
    area = runtime.gazetteer.lookup(event.location, country_code=event.iso)
    assert event.geo_precision == 3 and area.is_area and event.admin1 == area.admin1
    assert (event.latitude, event.longitude) == (town.latitude, town.longitude)
    assert event.evidence["location"].reason.endswith(f"at its seat, {seat}")
