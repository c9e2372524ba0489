"""Where and when, and what is no demonstration, in constructions of everyday reports (each
sentence written for these tests):

- a bombardment whose weapon a later sentence names ("un bombardement ... des avions ont
  largué des bombes") is one strike of that weapon: "bombardement" says guns or aircraft;
- a day after "né le", "born on" is a birthday, no event's date;
- a lake, a river or a mountain ("le lac Tchad", "le lac « Bourget »", "Mount Kenya") is no
  town of its name and not the country it is named after;
- a dated or deadly incident told with no place ("sur un hameau isolé") happened in the
  country the article names, at region precision; nationality words alone, or a country
  qualifying a thing ("the US dollar"), place nothing;
- "cet après-midi", "ce soir" are the report's day;
- a crowd gathered for a festivity ("pour la fête du quartier", "to celebrate the victory") is no
  demonstration;
- what a negated infinitive would have made ("pour ne pas déclencher une émeute", "so as not to
  provoke clashes") is an outcome avoided;
- power seized or a government overthrown is a coup (ACLED: Strategic developments, Other);
  a coup only attempted, in English as in French, is no event of its own;
- what is seized ("se sont emparés de plusieurs véhicules") must be ground for a capture;
- an angry crowd that kills is a mob; "forces de défense et sécurité" are the army;
- "IS militants" are the Islamic State branch of the event's country, wherever it is;
- a people, a faith or a party qualifying people in digits ("2 Malay Muslim insurgent
  suspects") are counted people, and the word for the people no town of that name;
- ACLED's halves of a Myanmar state ("Shan-North") are the state;
- a second bomber of a twin bombing ("un second kamikaze", "a second suicide bomber") is one
  more attacker of the same incident, not another one;
- what is captured ("ont capturé deux bergers") must be ground for a capture;
- a trigger noun capitalised after a name ("the Sabra Massacre") names an event of history,
  not one told; a headline's capitals and an actor's name before it do not;
- a name right after a building noun ("l'école Kerbala") is the building's, no town and no
  vote for a country; "l'hôpital de Goma" is in Goma;
- trigger nouns a verb of a trend takes as subject ("se multiplient", "have multiplied") are
  many events over no one day, no event;
- people who open fire are armed, an unidentified armed group, never a mob, unless a state
  force in the sentence may have fired;
- "un attentat" with no means named is an attack, on civilians or on soldiers by its target;
  "des attentats", plural and bare, sum up a campaign;
- who made an attack sets off the bomb that tells it more precisely ("ont mené une attaque
  ... avec une voiture piégée");
- an event in a village the gazetteer lacks, placed at a town told before, is near that town
  (geo precision 2), and its reason names the village;
- a capital after words of allegiance ("alliés à Ankara", "loyal to Tripoli") is its
  government, no place of the event;
- a bare definite noun a group claims ("ont revendiqué l'attentat") is the event told before,
  whatever day the claim was made, not one more;
- an explosion that names no cause ("une explosion", "an explosion") is a bomb when it hits
  people, unless the article tells an accident ("de gaz", "dans une usine", "a coal mine",
  "l'explosion résulte d'une fuite"), and no event when it was only heard or counted;
- a country in what a protest is against ("contre la guerre en Ukraine", "against the war in
  Ukraine") is its topic, not where the crowd was, when the sentence names the town;
- a village burnt with people killed in it is an attack on civilians, not property
  destruction (ACLED codes destruction as such only where no other violence occurs).
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_extract import only_event, read  # the same helpers, one definition

from veille.ingest import article_from_text
from veille.pipeline import process_documents
from veille.resolve.places import country_support


@pytest.mark.parametrize(("text", "lang"), [
    ("Un bombardement a frappé lundi matin la ville de Kutum. Des avions ont largué plusieurs "
     "bombes sur le marché, selon des habitants.", "fr"),
    ("A bombardment hit the town of Kutum on Monday morning. Jets dropped several bombs on the "
     "market, residents said.", "en"),
])
def test_a_bombardment_whose_weapon_is_named_after_is_one_strike_of_it(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Air/drone strike"


def test_a_bombardment_alone_stays_shelling(runtime):
    event = only_event(read(runtime, "Un bombardement a frappé lundi la ville de Kutum.",
                            lang="fr"))
    assert event.sub_event_type == "Shelling/artillery/missile attack"


@pytest.mark.parametrize(("text", "lang"), [
    ("Des ouvriers, dont un jeune homme né le 31 décembre 1986, ont manifesté à Sfax.", "fr"),
    ("Workers, among them a man born on 31 December 1986, were shot and injured by police in "
     "Sfax.", "en"),
])
def test_a_birthday_is_no_date_of_the_event(runtime, text, lang):
    events = read(runtime, text, lang=lang).events
    assert events and all(e.event_date != dt.date(1986, 12, 31) for e in events)


@pytest.mark.parametrize(("text", "lang", "country"), [
    ("Des pêcheurs ont manifesté lundi au bord du lac « Bourget », en Savoie.", "fr", "France"),
])
def test_a_lake_is_no_town(runtime, text, lang, country):
    event = only_event(read(runtime, text, lang=lang))
    assert event.country == country
    assert event.location != "Le Bourget"


@pytest.mark.parametrize(("text", "lang"), [
    ("Des jihadistes ont attaqué lundi une île du lac Tchad, a indiqué l'armée nigériane.", "fr"),
    ("Jihadists attacked an island on Lake Chad on Monday, the Nigerian army said.", "en"),
])
def test_a_lake_named_after_a_country_is_not_the_country(runtime, text, lang):
    assert all(e.country != "Chad" for e in read(runtime, text, lang=lang).events)


def test_a_dated_incident_with_no_place_is_in_the_country_the_article_names(runtime):
    # the country is named too far after the strike for its place: the article's names say
    event = only_event(read(runtime, "Cet après-midi, des avions militaires ont largué "
                                     "plusieurs bombes sur un hameau isolé. Les dégâts sont "
                                     "considérables. Des enfants pleuraient dans les rues. Une "
                                     "infirmière soignait une fillette. Le lendemain, une ONG du "
                                     "Soudan a dénoncé ces crimes.", lang="fr"))
    assert (event.country, event.geo_precision, event.location) == ("Sudan", 3, None)
    assert event.event_date == dt.date(2024, 3, 12)  # "cet après-midi"
    assert event.evidence["country"].basis == "context"
    assert event.evidence["country"].spans[0].text == "Soudan"


@pytest.mark.parametrize("text", [
    # nothing dates it: a generality
    "Des avions militaires larguent des bombes sur les villages. Une ONG du Soudan le dénonce.",
    # nationality words alone point at no country strongly enough
    "Cet après-midi, des avions soudanais ont largué plusieurs bombes sur un hameau isolé.",
])
def test_an_incident_with_no_place_and_little_to_place_it_is_left_out(runtime, text):
    assert read(runtime, text, lang="fr").events == []


def test_a_country_that_qualifies_a_thing_gives_no_vote(runtime):
    article = article_from_text("Protesters angry at the rise of the US dollar blocked a road "
                                "on Monday.", name="t", lang="en", published=dt.date(2024, 3, 12))
    doc = process_documents([article], runtime)[0]
    assert "US" not in country_support(doc, runtime.gazetteer, runtime.actors)


@pytest.mark.parametrize(("text", "lang"), [
    ("Lundi, quelque 600 habitants se sont rassemblés à Caen pour la fête du quartier.", "fr"),
    ("Lundi, des centaines d'habitants ont défilé à Caen afin de célébrer la victoire de leur "
     "club.", "fr"),
    ("Thousands of people gathered in Nairobi on Monday to celebrate the election victory.",
     "en"),
])
def test_a_crowd_gathered_for_a_festivity_is_no_demonstration(runtime, text, lang):
    assert read(runtime, text, lang=lang).events == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Lundi, des centaines de personnes ont manifesté à Caen contre l'annulation du festival.",
     "fr"),
    ("Hundreds protested in Nairobi on Monday against the cancellation of the festival.", "en"),
])
def test_a_protest_about_a_festivity_is_a_protest(runtime, text, lang):
    assert only_event(read(runtime, text, lang=lang)).sub_event_type == "Peaceful protest"


@pytest.mark.parametrize(("text", "lang"), [
    ("Lundi, des centaines de femmes ont manifesté à Belgrade. Les gendarmes ont reculé pour ne "
     "pas déclencher une émeute.", "fr"),
    ("Hundreds of women protested in Belgrade on Monday. The police withdrew so as not to "
     "provoke clashes.", "en"),
])
def test_an_outcome_avoided_is_no_event(runtime, text, lang):
    assert only_event(read(runtime, text, lang=lang)).sub_event_type == "Peaceful protest"


@pytest.mark.parametrize(("text", "lang"), [
    ("Lundi soir à Niamey, des militaires ont renversé le président.", "fr"),
    ("Des soldats ont pris le pouvoir lundi à Niamey.", "fr"),
    ("Soldiers overthrew the president in Niamey on Monday.", "en"),
    ("Soldiers seized power in Niamey on Monday.", "en"),
])
def test_power_seized_is_a_coup(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Other")


@pytest.mark.parametrize(("text", "lang"), [
    ("Lundi à Niamey, un passant a été renversé par un camion.", "fr"),
    ("Des manifestants ont renversé lundi des poubelles à Niamey.", "fr"),
])
def test_a_thing_overturned_is_no_coup(runtime, text, lang):
    assert all(e.sub_event_type != "Other" for e in read(runtime, text, lang=lang).events)


def test_a_thing_seized_is_no_ground_taken(runtime):
    assert read(runtime, "Lundi à Goma, des hommes armés se sont emparés de plusieurs "
                         "véhicules.").events == []
    event = only_event(read(runtime, "Lundi, les rebelles du M23 se sont emparés de Sake, près "
                                     "de Goma."))
    assert event.sub_event_type == "Non-state actor overtakes territory"


def test_a_crowd_that_kills_is_a_mob(runtime):
    event = only_event(read(runtime, "Dimanche à Calabar, une foule a battu à mort un voleur "
                                     "présumé."))
    assert (event.sub_event_type, event.actor1) == ("Mob violence", "Rioters (Nigeria)")


def test_the_defence_and_security_forces_without_de_are_the_army(runtime):
    event = only_event(read(runtime, "Lundi, une patrouille des forces de défense et sécurité "
                                     "est tombée dans une embuscade près de Natiaboani, dans "
                                     "l'est du Burkina Faso."))
    assert (event.sub_event_type, event.actor2) == ("Armed clash",
                                                    "Military Forces of Burkina Faso")


def test_a_coup_the_detained_attempted_is_no_event_of_its_own(runtime):
    event = only_event(read(runtime, "Security forces detained 13 armed men in Caracas on "
                                     "Monday. The government accused them of attempting a coup "
                                     "d'etat.", lang="en"))
    assert event.sub_event_type == "Arrests"


@pytest.mark.parametrize(("place", "branch"), [
    ("near Marawi, in the southern Philippines", "Islamic State (Philippines)"),
    ("in Jalalabad, eastern Afghanistan", "Islamic State (Afghanistan)"),
    ("near Kirkuk, northern Iraq", "Islamic State (Iraq)"),
])
def test_is_militants_are_the_branch_of_the_events_country(runtime, place, branch):
    event = only_event(read(runtime, f"IS militants attacked an army post {place} on Monday, "
                                     "killing two soldiers.", lang="en"))
    assert event.actor1 == branch


def test_a_people_qualifying_the_counted_is_no_name_and_no_town(runtime):
    """"2 Malay" is no name like "400 Mawozo", and "Malay" no Philippine village."""
    event = only_event(read(runtime, "In Yala province on Friday, 2 Malay Muslim insurgent "
                                     "suspects were killed in a gunfight with rangers.",
                            lang="en"))
    assert (event.country, event.admin1, event.fatalities.best) == ("Thailand", "Yala", 2)
    assert event.actor2 == "Malay Muslim Separatists (Thailand)"


def test_a_people_the_ner_reads_in_a_town_name_stays_a_town(runtime):
    """The small English model calls some towns a people ("the desert near Tadmor"): a name
    that qualifies no plural noun is still looked up."""
    event = only_event(read(runtime, "On Monday, IS fighters attacked a bus in the desert near "
                                     "Tadmor, in Homs governorate.", lang="en"))
    assert (event.admin1, event.location) == ("Homs", "Tadmur")


@pytest.mark.parametrize("state", ["Shan-North", "Shan-South"])
def test_acleds_halves_of_a_state_are_the_state(runtime, state):
    event = only_event(read(runtime, f"On Tuesday, the army clashed with the TNLA in a village "
                                     f"of Namhsan township ({state} state).", lang="en"))
    assert (event.country, event.admin1, event.geo_precision) == ("Myanmar", "Shan", 3)


@pytest.mark.parametrize(("text", "lang"), [
    ("Deux kamikazes ont frappé mardi matin le marché aux poissons de Maiduguri, tuant au "
     "moins 12 personnes. Le premier a actionné sa charge près des étals. Quelques minutes "
     "plus tard, un second kamikaze s'est fait sauter au milieu des secouristes.", "fr"),
    ("Two suicide bombers hit the fish market in Maiduguri on Tuesday morning, killing at "
     "least 12 people. The first set off his charge near the stalls. Minutes later, a second "
     "suicide bomber struck among the rescuers.", "en"),
])
def test_the_second_bomber_of_a_twin_bombing_is_the_same_incident(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.location, event.fatalities.best) == (
        "Suicide bomb", "Maiduguri", 12)


@pytest.mark.parametrize(("text", "taken"), [
    ("Vendredi, des hommes armés ont attaqué un poste de gardes-frontières à Zhob et ont "
     "capturé deux bergers qui passaient.", False),
    ("Vendredi, les rebelles du M23 ont capturé la ville de Sake.", True),
])
def test_what_is_captured_must_be_ground(runtime, text, taken):
    events = read(runtime, text).events
    assert any(e.sub_event_type == "Non-state actor overtakes territory" for e in events) is taken


@pytest.mark.parametrize(("text", "events"), [
    ("Survivors laid wreaths on Sunday at the memorial to the victims of the Sabra Massacre in "
     "Beirut.", 0),
    ("Suspected Al-Shabaab Attack on a hotel in Mogadishu kills nine", 1),
    ("Gunmen Kill Four Guards on Tuesday in Kidal Raid.", 1),
    ("Jihadist Ambush Kills Eleven Soldiers Near Djibo\nEleven soldiers were killed on Sunday "
     "in an ambush near Djibo, the army said.", 1),
])
def test_a_capitalised_trigger_after_a_name_names_an_event_of_history(runtime, text, events):
    assert len(read(runtime, text, lang="en").events) == events


@pytest.mark.parametrize(("text", "country", "location"), [
    ("Mardi, trois personnes ont été tuées dans une frappe israélienne contre l'école Kerbala, "
     "à Khan Younès.", "Palestine", "Khan Yunis"),
    ("Mercredi, des hommes armés ont attaqué l'hôpital de Goma, tuant deux gardiens.",
     "Democratic Republic of Congo", "Goma"),
])
def test_a_name_after_a_building_noun_is_the_buildings(runtime, text, country, location):
    event = only_event(read(runtime, text))
    assert (event.country, event.location) == (country, location)


@pytest.mark.parametrize(("text", "lang"), [
    ("Dans la province du Soum, les enlèvements et les pillages se multiplient depuis le "
     "début de l'année.", "fr"),
    ("Kidnappings and attacks have multiplied in Zamfara state in recent weeks.", "en"),
])
def test_acts_that_multiply_are_a_trend_not_an_event(runtime, text, lang):
    assert read(runtime, text, lang=lang).events == []


def test_acts_that_multiply_on_a_day_named_are_that_days(runtime):
    event = only_event(read(runtime, "Lundi, les attaques se sont multipliées autour de Djibo, "
                                     "faisant trois morts parmi les civils."))
    assert (event.location, event.fatalities.best) == ("Djibo", 3)


@pytest.mark.parametrize(("text", "lang"), [
    ("Mercredi, un groupe d'hommes a fait irruption dans un bar d'Iguala et a ouvert le feu "
     "sur les clients. Neuf personnes ont été tuées.", "fr"),
    ("On Wednesday, a group of men opened fire on a bar in Iguala, killing nine people.", "en"),
])
def test_people_who_open_fire_are_armed_not_a_mob(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.actor1) == ("Attack", "Unidentified Armed Group (Mexico)")


def test_a_mob_stays_a_mob_when_the_police_fire(runtime):
    event = only_event(read(runtime, "Mercredi à Abidjan, des jeunes ont saccagé des voitures "
                                     "avant que les policiers n'ouvrent le feu."))
    assert event.sub_event_type == "Mob violence"


@pytest.mark.parametrize(("text", "sub_event_type", "actor2", "dead"), [
    ("Mardi, un attentat a tué onze personnes devant la gare routière de Maroua.",
     "Attack", "Civilians (Cameroon)", 11),
    ("Mardi, un attentat contre un poste de gendarmerie a tué quatre gendarmes près de Maroua.",
     "Armed clash", "Police Forces of Cameroon", 4),
])
def test_an_attentat_is_an_attack_by_its_target(runtime, text, sub_event_type, actor2, dead):
    event = only_event(read(runtime, text))
    assert (event.sub_event_type, event.actor2, event.fatalities.best) == (
        sub_event_type, actor2, dead)
    assert event.location == "Maroua"


def test_bare_attentats_in_the_plural_sum_up_a_campaign(runtime):
    assert read(runtime, "Depuis sa création, le groupe a commis des attentats dans tout "
                         "le nord du Cameroun.").events == []


def test_who_made_the_attack_set_off_its_bomb(runtime):
    event = only_event(read(runtime, "Samedi, les shebab ont mené une attaque contre un "
                                     "restaurant de Kismayo avec une voiture piégée."))
    assert (event.sub_event_type, event.actor1) == ("Remote explosive/landmine/IED",
                                                     "Al Shabaab")


@pytest.mark.parametrize(("text", "lang"), [
    ("Lundi, un drone a frappé une voiture à Bint Jbeil. Plus tard, une autre frappe de drone "
     "a touché un tracteur dans le hameau de Ouadi Zerqaoui, blessant deux agriculteurs.", "fr"),
    ("On Monday, a drone struck a car in Bint Jbeil. Later, another drone strike hit a tractor "
     "in the hamlet of Wadi Zerqawi, wounding two farmers.", "en"),
])
def test_a_village_the_gazetteer_lacks_is_near_the_town_told_before(runtime, text, lang):
    first, second = read(runtime, text, lang=lang).events
    assert (first.location, first.geo_precision) == (second.location, 1)
    assert second.geo_precision == 2
    assert "is not in the gazetteer" in second.evidence["location"].reason


@pytest.mark.parametrize(("text", "lang"), [
    ("Mardi, onze combattants syriens fidèles à Ankara sont morts lorsque leur convoi est "
     "tombé dans une embuscade dans la province de Raqqa.", "fr"),
    ("On Tuesday, eleven fighters loyal to Tripoli died when gunmen ambushed their convoy "
     "near Gharyan, in western Libya.", "en"),
])
def test_a_capital_after_words_of_allegiance_is_no_place(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.location not in ("Ankara", "Tripoli")
    assert event.country in ("Syria", "Libya")


@pytest.mark.parametrize(("text", "lang"), [
    ("Mardi soir, une voiture piégée a explosé devant un café de Baidoa, tuant six personnes. "
     "Les shebab ont revendiqué l'attentat dans un communiqué publié mercredi.", "fr"),
    ("On Tuesday evening, a car bomb went off outside a cafe in Baidoa, killing six people. "
     "Al-Shabaab claimed responsibility for the attack in a statement on Wednesday.", "en"),
])
def test_the_attack_a_group_claims_is_the_one_told(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.actor1, event.event_date, event.fatalities.best) == (
        "Al Shabaab", dt.date(2024, 3, 12), 6)


@pytest.mark.parametrize(("text", "lang"), [
    ("Jeudi, une explosion a tué quatre gendarmes au passage de leur patrouille près de Dori.",
     "fr"),
    ("On Thursday, an explosion hit a police patrol near Dera Ismail Khan, killing four "
     "officers.", "en"),
])
def test_an_explosion_that_kills_is_a_bomb(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.fatalities.best) == ("Remote explosive/landmine/IED", 4)
    assert event.actor2.startswith("Police Forces of")


@pytest.mark.parametrize(("text", "lang"), [
    ("Jeudi, une explosion de gaz dans un immeuble de Dakar a tué quatre personnes.", "fr"),
    ("Une explosion a soufflé un entrepôt de Dakar jeudi, tuant quatre ouvriers. Selon les "
     "pompiers, l'explosion résulte d'une fuite dans une citerne. L'explosion a été entendue "
     "à des kilomètres.", "fr"),
    ("On Thursday, a gas cylinder explosion in a restaurant in Lahore killed four people.",
     "en"),
    ("A coal mine explosion killed four miners in Quetta on Thursday.", "en"),
])
def test_an_explosion_the_article_tells_as_an_accident_is_no_event(runtime, text, lang):
    assert read(runtime, text, lang=lang).events == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Des explosions ont été entendues à Kharkiv tard mercredi soir.", "fr"),
    ("On Wednesday, monitors recorded a total of 40 explosions near Horlivka.", "en"),
])
def test_explosions_only_heard_or_counted_are_no_event(runtime, text, lang):
    assert read(runtime, text, lang=lang).events == []


@pytest.mark.parametrize(("text", "lang", "country", "town"), [
    ("Samedi, quelque 300 personnes ont manifesté à Annecy contre la guerre en Ukraine, à "
     "l'appel de la communauté ukrainienne.", "fr", "France", "Annecy"),
    ("On Saturday, some 300 people rallied in Munchen, called out by Ukrainian associations, "
     "against the war in Ukraine.", "en", "Germany", "Munich"),
])
def test_the_country_a_protest_is_against_is_no_place_of_it(runtime, text, lang, country,
                                                             town):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.country, event.location) == (
        "Peaceful protest", country, town)


def test_a_protest_against_a_war_in_its_own_country_stays_there(runtime):
    event = only_event(read(runtime, "Samedi, des habitants ont manifesté contre "
                                     "l'insécurité au Burkina Faso.", lang="fr"))
    assert event.country == "Burkina Faso"


@pytest.mark.parametrize(("text", "lang"), [
    ("Mercredi, des soldats ont mis le feu au village de Kyaukse, tuant trois habitants qui "
     "n'avaient pas pu fuir, selon des témoins.", "fr"),
    ("On Wednesday, soldiers set fire to homes in Kyaukse, killing three residents who could "
     "not flee, witnesses said.", "en"),
])
def test_a_village_burnt_with_people_killed_in_it_is_an_attack(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.actor2, event.fatalities.best) == (
        "Attack", "Civilians (Myanmar)", 3)
    assert event.actor1.startswith("Military Forces of Myanmar")
