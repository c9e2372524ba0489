"""Pins the rules that keep one incident one event and a general statement no event, each on
short sentences written for these tests, in French and English:

- weapons named as the means of an action (triggers.yaml `instrument_markers`: "avec des
  fusils et des lance-grenades") are not an event of their own;
- a trigger noun counted as many (`tallies`: "des centaines d'attaques", "more than 300
  strikes", "a year of exchanges of fire") is a tally, no event;
- a trigger noun dated by its own complement to a past year ("le coup d'État de février
  2021", "the 2021 coup") tells the past, whatever its sentence says;
- what people fled (`fled_from`: "chassés par les combats") is the war in general;
- a routine criminal arrest (triggers.yaml `ordinary_crime`: drugs, murder, fraud, a traffic
  stop, with no armed group, crowd or government in the paragraph) is no event, as ACLED codes
  none;
- a habit (background.yaml `habitual_adverbs`) is no event, whether the adverb modifies the
  trigger ("est régulièrement visée"), the verb a trigger noun depends on ("s'exposent
  régulièrement à des enlèvements") or, with no date in the sentence, a clause above it
  ("are commonly blamed on gangs that ... kidnap residents"); "such attacks" are a kind;
- property burned during an attack is part of the attack, and property a crowd burns makes a
  riot (taxonomy.yaml `part_of_another`, `with_crowd`); the people whose property burns are
  actor2 when none is named (`default_actor2`);
- a later sentence that splits an earlier toll by side ("sept soldats et six insurgés") is
  that toll's breakdown, not two more reports;
- a part-of-town noun before a name the gazetteer knows as a town is no sub-location
  ("les quartiers de Kenscoff");
- a verb of killing in the passive with an actor as agent (`killed_by`: "tués par des hommes
  armés") is an attack by that actor, a battle when the dead were soldiers; a noun trigger
  that tells the circumstance of such a verb takes its agent ("tués dans l'attaque ... par");
- the place where a source was reached ("joint par téléphone depuis Bangui") is not the
  event's place, nor is the place the wounded were taken to (places.yaml `care_markers`);
- a suicide bomber's "blast" is the suicide bomb told again (taxonomy.yaml `subsumes`);
- weapons someone carries, stole or trades (triggers.yaml `held_markers`: "armés de
  grenades", "theft of explosives") were not used: no event of their own;
- an event that is only the topic of a meeting or a trial (`irrealis`) is no event;
- a parade (`défilé`) needs a cue of violence or protest (`needs_cue`);
- an attack on a police post is an attack on the police, named again as the dead
  ("tuant deux policiers"): a battle with the police as actor2;
- a strike named without its weapon (triggers.yaml `unspecific`: "des frappes russes") is the
  missile attack a later undated sentence with no author of its own describes ("deux missiles
  balistiques se sont abattus"), and another incident when that sentence names its own
  author ("Israeli tanks also shelled");
- a verb of taking with an aim (triggers.yaml `aims`: "ont pris le poste pour cible") took no
  ground;
- a toll of a whole past year ("L'année 2024 a été la plus meurtrière, avec plus de 1 600
  morts", background.yaml) is no event;
- a trigger noun with a definite article whose sentence names only the place of an event told
  before ("Le bombardement a visé la gare de Kadugli" after a drone strike there) tells that
  event again, and the group a later sentence blames for it ("une tuerie imputée aux FSR") is
  its author.
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition

import veille


@pytest.mark.parametrize("text", [
    "Lundi, des guérilleros ont attaqué une base militaire près de Tame. Ils ont ouvert le feu "
    "avec des fusils d'assaut et des lance-grenades, selon l'armée.",
    "Gunmen attacked an army post near Bannu on Monday. They opened fire with assault rifles "
    "and rocket-propelled grenades, officials said.",
])
def test_weapons_of_an_attack_are_no_event_of_their_own(runtime, text):
    event = only_event(read(runtime, text))
    assert event.event_type == "Battles"


def test_a_grenade_thrown_alone_is_still_an_event(runtime):
    event = only_event(read(runtime, "Un inconnu a lancé une grenade sur un bar de Bujumbura "
                                     "samedi soir, blessant six personnes."))
    assert event.sub_event_type == "Grenade"


@pytest.mark.parametrize("text", [
    "Selon l'ONU, des centaines d'attaques ont visé des écoles dans le pays depuis 2023.",
    "The monitor has recorded hundreds of attacks on health workers across the country.",
    "L'armée dit avoir mené plus de 300 frappes contre des positions rebelles.",
    "La ville avait été épargnée jusque-là, après des mois de combats dans la région.",
    "Tyre had been largely spared until then, after nearly a year of cross-border exchanges "
    "of fire.",
])
def test_a_tally_of_many_events_is_no_event(runtime, text):
    assert read(runtime, text).events == []


@pytest.mark.parametrize("text", [
    "La route de Kaya est régulièrement visée par des engins explosifs, selon des habitants.",
    "Les femmes qui sortent de Djibo s'exposent régulièrement à des enlèvements, selon des ONG.",
    "Farmers near Damboa are frequently attacked by militants, residents say.",
    "Such attacks are commonly blamed on armed gangs that raid villages and kidnap residents "
    "for ransom across northwest Nigeria.",
    "They rarely acknowledge such attacks, officials say.",
])
def test_a_habit_is_no_event(runtime, text):
    assert read(runtime, text).events == []


@pytest.mark.parametrize("text", [
    "La junte dit ne viser que les groupes armés opposés au coup d'État de février 2021.",
    "The junta, which seized power in the 2021 coup, denied the report on Tuesday.",
])
def test_a_trigger_dated_to_a_past_year_is_no_event(runtime, text):
    assert read(runtime, text).events == []


def test_a_trigger_dated_to_this_year_is_still_an_event(runtime):
    text = "L'attaque de mars 2024 contre le camp de Tessit a fait vingt morts parmi les soldats."
    assert read(runtime, text).events


def test_what_people_fled_is_no_event(runtime):
    text = ("Le camp accueille des dizaines de milliers de personnes chassées de leurs foyers "
            "par les combats, selon une ONG.")
    assert read(runtime, text).events == []


def test_property_burned_in_an_attack_is_part_of_it(runtime):
    text = ("Des hommes armés ont attaqué mardi le village de Bocaranga, tuant quatre civils. "
            "Plusieurs maisons ont été incendiées, selon des habitants.")
    event = only_event(read(runtime, text))
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")


def test_property_a_crowd_burns_makes_a_riot(runtime):
    event = only_event(read(runtime, "Des manifestants ont incendié un commissariat à "
                                     "Ziguinchor lundi."))
    assert event.sub_event_type == "Violent demonstration"


def test_burned_homes_hit_civilians(runtime):
    event = only_event(read(runtime, "Des colons ont incendié une maison à Huwara dimanche."))
    assert event.sub_event_type == "Looting/property destruction"
    assert event.actor2 == "Civilians (Palestine)"


@pytest.mark.parametrize(("text", "shares"), [
    ("Des combats ont fait au moins 13 morts lundi près de Beledweyne. Sept soldats et six "
     "insurgés ont été tués, selon un officier.", [7, 6]),
    ("Fighting killed at least 11 people near Marib on Tuesday. Seven soldiers and four rebels "
     "were killed, an officer said.", [7, 4]),
])
def test_a_later_split_of_the_toll_is_its_breakdown(runtime, text, shares):
    reports = [r for r in read(runtime, text).casualty_reports if r.outcome == "killed"]
    assert len(reports) == 1, reports
    assert [item.count for item in reports[0].breakdown] == shares
    assert reports[0].breakdown_sums_to_total


def test_numbers_that_do_not_add_up_stay_reports(runtime):
    text = ("Des combats ont fait au moins 13 morts lundi près de Beledweyne. La veille, deux "
            "soldats et trois civils avaient été tués dans une embuscade.")
    totals = sorted(r.total.best for r in read(runtime, text).casualty_reports)
    assert 13 in totals and len(totals) > 1


def test_part_of_town_noun_before_a_town_is_no_sub_location(runtime):
    text = ("Au moins huit personnes ont été tuées dimanche dans une attaque de gangs contre "
            "plusieurs quartiers de Kenscoff.")
    event = only_event(read(runtime, text))
    assert (event.location, event.sub_location) == ("Kenscoff", None)


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    ("Quatre bergers ont été tués samedi par des hommes armés près de Ménaka.",
     "Unidentified Armed Group (Mali)", "Civilians (Mali)"),
    ("Nine villagers were killed on Friday by suspected Boko Haram fighters near Damboa.",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Civilians (Nigeria)"),
])
def test_killed_by_an_actor_is_an_attack_by_it(runtime, text, actor1, actor2):
    event = only_event(read(runtime, text))
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert (event.actor1, event.actor2) == (actor1, actor2)
    assert event.evidence["actor1"].basis == "agent"


def test_soldiers_killed_by_an_armed_group_is_a_battle(runtime):
    event = only_event(read(runtime, "Six soldats ont été tués mardi par des jihadistes près "
                                     "de Djibo."))
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")


def test_killed_by_no_actor_is_no_attack(runtime):
    assert read(runtime, "Deux randonneurs ont été tués dimanche par la foudre près de "
                         "Chamonix.").events == []


def test_agent_of_the_passive_verb_attacked(runtime):
    text = ("Sept civils ont été tués lundi dans l'attaque d'un village proche de Bocaranga par "
            "des combattants du groupe armé 3R, selon des sources locales.")
    event = only_event(read(runtime, text))
    assert event.actor1 == "3R: Return, Reclamation, Rehabilitation"
    assert event.sub_event_type == "Attack"


def test_where_the_source_was_reached_is_not_the_place(runtime):
    text = ("Des hommes armés ont attaqué lundi un village proche de Bocaranga, tuant sept civils. "
            "Les assaillants ont ouvert le feu sur des agriculteurs, a déclaré un responsable "
            "local joint par téléphone depuis Bangui.")
    event = only_event(read(runtime, text))
    assert event.location == "Bocaranga"


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Un cessez-le-feu entre l'armée et les rebelles est entré en vigueur mercredi à Goma.",
     "Agreement"),
    ("Les soldats français ont remis mardi la base de Gao à l'armée malienne.",
     "Non-violent transfer of territory"),
    ("La défense aérienne de l'armée a abattu lundi six drones des FSR au-dessus de Khartoum.",
     "Disrupted weapons use"),
])
def test_verb_and_its_dependent_trigger_with_words_between(runtime, text, sub_event_type):
    assert only_event(read(runtime, text)).sub_event_type == sub_event_type


def test_a_law_entering_into_force_is_no_agreement(runtime):
    assert read(runtime, "La nouvelle loi sur la presse est entrée en vigueur lundi à "
                         "Bamako.").events == []


def test_interception_names_whose_weapons_it_stopped(runtime):
    text = ("L'armée soudanaise a intercepté lundi plusieurs drones au-dessus de Kassala et a "
            "attribué l'attaque aux Forces de soutien rapide.")
    event = only_event(read(runtime, text))
    assert event.sub_event_type == "Disrupted weapons use"
    assert (event.actor1, event.actor2) == ("Military Forces of Sudan", "Rapid Support Forces")


def test_capital_a_strike_targets_is_the_city(runtime):
    event = only_event(read(runtime, "Des drones qui visaient Khartoum ont frappé lundi une "
                                     "centrale électrique, selon l'armée."))
    assert event.location == "Khartoum"


def test_an_attack_told_again_with_a_demonstrative_is_no_new_event(runtime):
    text = ("Des hommes armés ont attaqué dimanche le village de Tillia, tuant neuf civils. "
            "Les autorités de Niamey n'ont pas commenté cette attaque.")
    assert only_event(read(runtime, text)).location == "Tillia"


def test_a_trigger_after_since_only_dates_something_else(runtime):
    text = ("Au moins six civils ont été tués lundi dans une attaque près de Téra. Le régime "
            "militaire au pouvoir à Niamey depuis le coup d'État de juillet 2023 n'a pas réagi.")
    event = only_event(read(runtime, text))
    assert event.sub_event_type == "Attack"


def test_sides_named_after_between_stay_opponents_whatever_their_phrase(runtime):
    text = ("Des combats entre les rebelles de l'AFC/M23 et l'armée congolaise appuyée par des "
            "miliciens wazalendo ont fait au moins neuf morts lundi près de Lubero.")
    event = only_event(read(runtime, text))
    assert (event.actor1, event.actor2) == ("M23",
                                            "Military Forces of the Democratic Republic of Congo")


@pytest.mark.parametrize("text", [
    "Un kamikaze s'est fait exploser lundi sur le marché de Konduga, au Nigeria, tuant douze "
    "personnes. Les blessés ont été évacués vers Maiduguri.",
    "A suicide bomber blew himself up at a market in Konduga, Nigeria, on Monday, killing 12 "
    "people. The wounded were taken to hospitals in Maiduguri. The blast also destroyed stalls.",
])
def test_where_the_wounded_were_taken_is_not_the_place(runtime, text):
    event = only_event(read(runtime, text))
    assert (event.sub_event_type, event.location) == ("Suicide bomb", "Konduga")


def test_a_perfect_with_since_sums_up_a_period(runtime):
    text = ("Since the fall of the government in December, armed factions have fought the SDF "
            "around the town of Manbij, officials say.")
    assert read(runtime, text).events == []


def test_people_killed_by_a_strike_are_civilians(runtime):
    text = ("At least four people were killed on Monday when Russian drones struck a residential "
            "district of Kharkiv, officials said.")
    event = only_event(read(runtime, text))
    assert (event.sub_event_type, event.actor2) == ("Air/drone strike", "Civilians (Ukraine)")


def test_an_event_in_a_paragraph_dated_years_before_is_recalled(runtime):
    text = ("The war began when militants attacked southern Israel on October 7, 2022, killing "
            "about 1,200 people. Gunmen also took hostages in several villages.")
    assert read(runtime, text).events == []


@pytest.mark.parametrize("text", [
    "Un narco-trafiquant a été arrêté lundi à la frontière entre le Mexique et le Guatemala, "
    "avec quinze kilos de cocaïne.",
    "Police arrested a man suspected of the murder of his neighbour in Nairobi on Monday.",
    "La police a arrêté lundi à Lyon un délinquant en cavale depuis trois mois.",
    # routine policing: the arrest at a traffic stop is no political arrest
    "Un chauffeur a été arrêté lundi à Thiès lors d'un contrôle routier.",
    "Police in Lagos arrested a bus driver at a traffic stop on Monday.",
])
def test_a_routine_criminal_arrest_is_no_event(runtime, text):
    assert read(runtime, text).events == []


def test_an_arrest_of_militants_is_still_an_event(runtime):
    text = ("L'armée malienne a arrêté lundi dix jihadistes présumés du JNIM près de Mopti, en "
            "possession de drogue et d'armes.")
    assert only_event(read(runtime, text)).sub_event_type == "Arrests"


@pytest.mark.parametrize("text", [
    "On Monday, some 75 activists staged a protest in Brussels to commemorate the collapse of a "
    "garment factory in Bangladesh in 2013.",
    "Lundi, quelque 75 militants ont manifesté à Bruxelles pour commémorer l'effondrement d'une "
    "usine textile au Bangladesh en 2013.",
])
def test_a_past_year_dates_only_its_own_clause_in_a_dated_sentence(runtime, text):
    event = only_event(read(runtime, text))
    assert (event.sub_event_type, event.location) == ("Peaceful protest", "Brussels")


def test_a_past_year_of_the_main_clause_still_dates_the_sentence(runtime):
    assert read(runtime, "In 2013, gunmen attacked the town of Bama on a Monday, killing "
                         "dozens of residents.").events == []


@pytest.mark.parametrize("text", [
    "About 30 farmers gathered in Bethune on Monday against a new tax on uncultivated land.",
    "Workers assembled outside the town hall of Rennes on Monday to demand their unpaid wages.",
    "Lundi, une trentaine d'agriculteurs se sont réunis devant la préfecture de Rennes pour "
    "réclamer le paiement de leurs récoltes.",
])
def test_a_gathering_with_a_cause_is_a_protest(runtime, text):
    assert only_event(read(runtime, text)).sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("text", [
    "Thousands of fans gathered in Rennes on Monday to watch the final.",
    "Lundi, des milliers de fidèles se sont réunis à Rennes pour la messe de Pâques.",
])
def test_a_gathering_without_a_cause_is_no_protest(runtime, text):
    assert read(runtime, text).events == []


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("On Monday, Armenian soldiers fired with small arms on the positions of the Azerbaijani "
     "army near Tovuz.", "Armed clash"),
    ("Lundi, des rebelles ont tiré à l'arme lourde sur les positions de l'armée près de Beni.",
     "Armed clash"),
    ("On Monday, suspected JNIM militants burned a telecommunications station in Kaya.",
     "Looting/property destruction"),
    ("Lundi, des hommes armés ont incendié une antenne relais à Kaya.",
     "Looting/property destruction"),
    # The weapon fired at the positions makes it shelling (triggers.yaml `unless`).
    ("On Monday, rebel forces fired 120mm mortars at the positions of the army near Tovuz.",
     "Shelling/artillery/missile attack"),
])
def test_fire_on_positions_and_property_destroyed(runtime, text, sub_event_type):
    assert only_event(read(runtime, text)).sub_event_type == sub_event_type


@pytest.mark.parametrize("text", [
    "Lundi, des voitures ont brûlé ainsi que des maisons à Lyon, après un court-circuit.",
    "Lundi, plusieurs maisons ont été détruites par les inondations à Lyon.",
    "On Monday, several homes were destroyed by the floods in Lyon.",
])
def test_property_that_burns_by_itself_is_no_destruction(runtime, text):
    assert read(runtime, text).events == []


@pytest.mark.parametrize("text", [
    "On Monday, PKK militants carried out a remote explosive attack targeting Turkish soldiers "
    "near Amadiya. The group said two soldiers were killed in the attack.",
    "Lundi, des jihadistes ont fait exploser un engin explosif au passage d'une patrouille près "
    "de Djibo. Deux soldats ont été tués dans l'attaque.",
])
def test_the_attack_told_again_is_the_same_event(runtime, text):
    event = only_event(read(runtime, text))
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.fatalities is not None and event.fatalities.best == 2


@pytest.mark.parametrize("text", [
    "Lundi, un violent cyclone a frappé la ville de Beira, faisant trois morts.",
    "On Monday, floods hit the town of Beira, killing three people.",
    # the hazard is what the verb's relative clause qualifies, or its passive agent
    "La tempête qui a frappé Beira lundi a fait trois morts.",
    "La ville de Beira, frappée lundi par une tempête, compte trois morts.",
    "The town of Beira, struck by a storm on Monday, counts three dead.",
    "Lundi, la directrice a pris son thermomètre et a appelé les secours à Gao, où des "
    "jihadistes avaient attaqué un camp la veille.",
    "Lundi, après le séisme, plusieurs habitants ont quitté la ville de Gao à bord de "
    "camions.",
])
def test_nature_and_everyday_taking_are_no_violence(runtime, text):
    assert [e.sub_event_type for e in read(runtime, text).events
            if e.event_type != "Violence against civilians"] == []


@pytest.mark.parametrize("text", [
    "Les avions qui ont frappé Beira lundi ont fait trois morts.",
    "Le quartier de Beira, frappé lundi par l'aviation, compte trois morts.",
])
def test_a_strike_told_in_a_relative_clause_is_still_a_strike(runtime, text):
    assert [e.sub_event_type for e in read(runtime, text).events] == ["Air/drone strike"]


@pytest.mark.parametrize("text", [
    "Lundi, les jihadistes du JNIM ont pris la ville de Boni après de violents combats.",
    # (a town the gazetteer lacks: its region places it, not the Philippine Bulo)
    "On Monday, al-Shabaab fighters seized the town of Bulo Burde in Hiraan region from "
    "government forces.",
])
def test_taking_a_town_is_still_taking_ground(runtime, text):
    assert "Non-state actor overtakes territory" in [
        e.sub_event_type for e in read(runtime, text).events]


@pytest.mark.parametrize("text", [
    "Lundi, la police a arrêté à Niamey un homme accusé de vol d'engins explosifs dans une "
    "carrière.",
    "On Monday, police in Nairobi arrested a man over the theft of explosives from a quarry.",
])
def test_weapons_stolen_are_no_explosion(runtime, text):
    assert [e.event_type for e in read(runtime, text).events
            if e.event_type == "Explosions/Remote violence"] == []


@pytest.mark.parametrize("text", [
    "Lundi, des combattants armés de fusils et de grenades ont attaqué un poste de police à "
    "Gao, tuant deux policiers.",
    "On Monday, fighters armed with rifles and grenades stormed a police post in Gao, killing "
    "two officers.",
])
def test_weapons_carried_are_no_event_and_a_police_post_is_the_police(runtime, text):
    event = only_event(read(runtime, text))
    assert (event.event_type, event.actor2) == ("Battles", "Police Forces of Mali")


@pytest.mark.parametrize("text", [
    "Lundi, la réunion tenue à Goma portait sur l'enlèvement de trois soldats en mars.",
    "On Monday, a meeting in Goma discussed the abduction of three soldiers in March.",
])
def test_the_topic_of_a_meeting_is_no_event(runtime, text):
    assert read(runtime, text).events == []


def test_a_parade_is_no_protest(runtime):
    assert read(runtime, "Lundi, des milliers de personnes ont assisté au défilé du 14-Juillet "
                         "à Paris.").events == []


def test_what_a_bomb_holds_is_no_shelling(runtime):
    report = read(runtime, "Lundi, une bombe artisanale contenant un obus d'artillerie a explosé "
                           "dans une gare de Maroua, blessant douze personnes.")
    assert [e.sub_event_type for e in report.events] == ["Remote explosive/landmine/IED"]


@pytest.mark.parametrize(("text", "actor2"), [
    ("On Monday, an army vehicle struck an IED near Djibo, injuring several soldiers.",
     "Military Forces of Burkina Faso"),
    ("Lundi, un policier a été tué quand une bombe a explosé dans un marché de Gao.",
     "Police Forces of Mali"),
])
def test_forces_a_planted_bomb_hit_are_its_actor2(runtime, text, actor2):
    event = only_event(read(runtime, text))
    assert (event.actor1 or "").startswith("Unidentified Armed Group") and event.actor2 == actor2


@pytest.mark.parametrize("text", [
    "On Monday, soldiers defused an IED near Gao.",
    "Lundi, des militaires ont désamorcé un engin explosif près de Gao.",
])
def test_a_bomb_defused_is_no_explosion(runtime, text):
    assert [e.sub_event_type for e in read(runtime, text).events] == ["Disrupted weapons use"]


@pytest.mark.parametrize("text", [
    "Des frappes russes ont touché mardi soir un quartier d'Odessa, tuant deux personnes. Trois "
    "missiles se sont abattus sur le centre-ville, endommageant une école.",
    "Russian strikes hit a district of Odesa on Tuesday evening, killing two people. Three "
    "missiles struck the city centre, damaging a school.",
])
def test_a_strike_the_text_then_says_was_missiles_is_one_missile_attack(runtime, text):
    event = only_event(read(runtime, text))
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Military Forces of Russia" and event.fatalities.best == 2


def test_a_shelling_with_its_own_author_beside_a_strike_is_another_incident(runtime):
    text = ("Israeli strikes killed five people in Khan Younis on Monday. Israeli tanks also "
            "shelled eastern Khan Younis.")
    assert sorted(e.sub_event_type for e in read(runtime, text).events) == [
        "Air/drone strike", "Shelling/artillery/missile attack"]


def test_a_post_taken_as_a_target_was_attacked_not_taken(runtime):
    text = ("Mardi soir, des hommes armés ont pris pour cible un poste de police à Bannu, tuant "
            "deux policiers. Ils ont pris le poste pour cible peu après la tombée de la nuit.")
    assert [e.sub_event_type for e in read(runtime, text).events] == ["Armed clash"]


@pytest.mark.parametrize("text", [
    "L'année 2024 a été la plus meurtrière au Pakistan, avec plus de 1 600 morts dans des "
    "attaques, selon un centre de recherche.",
    "The year 2024 was the deadliest in Pakistan, with more than 1,600 people killed in "
    "attacks, a research centre said.",
])
def test_the_toll_of_a_past_year_is_no_event(runtime, text):
    assert veille.extract(text, published="2025-03-12", runtime=runtime).events == []


def test_an_attack_on_other_victims_the_same_morning_is_another_incident(runtime):
    """A nameless attack on a bus is not the attack on an army post of the same day told
    again: each names whom it hit, and they differ."""
    text = ("Jeudi, des hommes armés ont attaqué un détachement militaire dans l'est du "
            "Burkina, tuant sept soldats. Dans la même matinée, des individus armés ont attaqué "
            "un car de voyageurs à Seytenga, dans la province du Séno, tuant un civil.")
    events = read(runtime, text).events
    assert len(events) == 2
    assert {e.actor2 for e in events} == {"Military Forces of Burkina Faso",
                                          "Civilians (Burkina Faso)"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Lundi, des jihadistes ont attaqué un poste de l'armée près de Djibo, a annoncé mardi "
     "l'état-major. Le même jour, des hommes armés ont attaqué un car près de Dori, tuant "
     "trois passagers.", "fr"),
    ("On Monday, jihadists attacked an army post near Djibo, the army said on Tuesday. "
     "Later that day, gunmen attacked a bus near Dori, killing three passengers.", "en"),
])
def test_the_same_day_is_the_day_of_the_event_told_before(runtime, text, lang):
    """"Le même jour": the day of the attack told before, not the day the army spoke."""
    events = read(runtime, text, lang=lang).events
    bus = next(e for e in events if e.location == "Dori")
    assert bus.event_date.isoformat() == "2024-03-11"


def test_an_assault_is_no_ground_taken(runtime):
    event = only_event(read(runtime, "Lundi, des dizaines d'hommes armés ont pris d'assaut le "
                                     "poste de gendarmerie de Dori."))
    assert event.sub_event_type == "Armed clash"


def test_the_definite_bombing_at_the_place_told_is_the_strike_told(runtime):
    text = ("Une frappe de drone a touché jeudi après-midi la gare routière de Kadugli, tuant "
            "onze voyageurs, selon des médecins. Le bombardement a visé la gare de Kadugli à "
            "l'heure des départs. Un collectif d'avocats a condamné une « tuerie » imputée aux "
            "FSR.")
    event = only_event(read(runtime, text))
    assert (event.sub_event_type, event.actor1, event.location, event.fatalities.best) == (
        "Air/drone strike", "Rapid Support Forces", "Kadugli", 11)
