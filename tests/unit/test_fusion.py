"""Fusion across articles (store/fusion.py): when two reports are one event, and what the
living record says once they are."""

from __future__ import annotations

import datetime as dt

import pytest

from builders import BINNISH, KAFR_NUBL, strike, toll
from veille.model import Source
from veille.resources import load_taxonomy
from veille.store.fusion import SourceEvent, changes, fatalities_over, merge, same_event

TAX = load_taxonomy()


# --- when two reports are one event ------------------------------------------------------


def test_same_strike_reported_next_day_is_one_event():
    assert same_event(strike(), strike("a2", day=4), TAX)


def test_dates_two_days_apart_are_two_events():
    assert not same_event(strike(), strike("a2", day=5), TAX)


def test_a_vague_date_widens_the_window():
    assert same_event(strike(), strike("a2", day=8, date_precision=2), TAX)


def test_undated_event_is_dated_by_its_publication():
    undated = strike("a2", day=4, event_date=None, date_precision=None)
    assert same_event(strike(), undated, TAX)


def test_strike_40_km_away_is_another_event():
    assert not same_event(strike(), strike("a2", at=KAFR_NUBL, location="Kafr Nubl"), TAX)


def test_imprecise_places_fuse_on_the_same_admin1():
    region = strike("a2", geo_precision=3, location=None)
    assert same_event(strike(), region, TAX)
    assert not same_event(strike(), strike("a2", geo_precision=3, admin1="Aleppo"), TAX)


def test_actor_names_with_and_without_acleds_period_are_one_actor():
    """ACLED dates state forces (`Military Forces of Russia (2000-)`); an article's reading
    names them without the period: one side, in either order."""
    dated = strike("a2", actor1="Military Forces of Russia (2000-)")
    assert same_event(strike(), dated, TAX)
    clash = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    one = strike(actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Syria", **clash)
    other = strike("a2", actor1="Military Forces of Syria (2000-2024)",
                   actor2="Hayat Tahrir al-Sham", **clash)
    assert same_event(one, other, TAX)
    assert not same_event(one, strike("a2", actor1="Military Forces of Turkey (2016-)",
                                      actor2="Hayat Tahrir al-Sham", **clash), TAX)


def test_other_country_is_another_event():
    assert not same_event(strike(), strike("a2", iso="TR", country="Turkey"), TAX)


def test_other_sub_event_type_is_another_event():
    shelling = strike("a2", sub_event_type="Shelling/artillery/missile attack")
    assert not same_event(strike(), shelling, TAX)


def test_subsumed_types_fuse():
    protest = strike(event_type="Protests", sub_event_type="Peaceful protest",
                     actor1="Protesters (Syria)")
    dispersed = strike("a2", event_type="Protests", sub_event_type="Protest with intervention",
                       actor1="Protesters (Syria)")
    assert same_event(protest, dispersed, TAX)


@pytest.mark.parametrize("actor", [None, "Unidentified Armed Group (Syria)",
                                   "Military Forces of Russia"])
def test_unknown_or_same_actor_fuses(actor):
    assert same_event(strike(), strike("a2", actor1=actor), TAX)


def test_other_actor_is_another_event():
    assert not same_event(strike(), strike("a2", actor1="Military Forces of Syria"), TAX)


def test_sides_named_the_other_way_round_fuse():
    a = strike(actor1="Military Forces of Syria", actor2="Hayat Tahrir al-Sham")
    b = strike("a2", actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Syria")
    assert same_event(a, b, TAX)


# --- fatalities over the sources --------------------------------------------------------


def sources(*tolls) -> list[SourceEvent]:
    return [SourceEvent(strike(f"a{i}", toll=t), dt.date(2025, 3, 3 + i))
            for i, t in enumerate(tolls)]


def test_rising_tolls_are_not_added():
    fatalities, latest = fatalities_over(sources(toll(9, 9, 9), toll(12, 12, 12),
                                                 toll(14, 14, None)))
    assert fatalities == toll(9, 14, 14)
    assert latest.event_id == "a2-e"


def test_best_is_the_latest_report_whatever_the_order_stored():
    found = sources(toll(9, 9, 9), toll(12, 12, 12), toll(14, 14, None))
    assert fatalities_over(found[::-1])[0] == toll(9, 14, 14)


def test_an_earlier_higher_toll_widens_high_only():
    assert fatalities_over(sources(toll(20, 20, 20), toll(15, 15, 15)))[0] == toll(15, 15, 20)


def test_sources_without_a_toll_leave_it_unknown():
    assert fatalities_over(sources(None, None)) == (None, None)
    assert fatalities_over(sources(None, toll(3, 3, 3)))[0] == toll(3, 3, 3)


def test_a_range_keeps_its_bounds():
    assert fatalities_over(sources(toll(10, 12, 15)))[0] == toll(10, 12, 15)


# --- the merged record --------------------------------------------------------------------


def test_merge_adds_the_source_and_updates_the_toll():
    first = strike(toll=toll(9, 9, 9))
    second = strike("a2", day=4, toll=toll(12, 12, 12))
    merged = merge(first, second, sources(toll(9, 9, 9), toll(12, 12, 12)), TAX)
    assert [s.article_id for s in merged.sources] == ["a1", "a2"]
    assert merged.fatalities == toll(9, 12, 12)
    assert merged.event_date == first.event_date  # a later report does not move the event
    assert first.sources == [Source(article_id="a1", published=dt.date(2025, 3, 3))]


def test_merge_fills_what_the_first_report_lacked():
    first = strike(actor2=None)
    second = strike("a2", actor2="Civilians (Syria)", inter2=7)
    merged = merge(first, second, sources(None, None), TAX)
    assert (merged.actor2, merged.inter2) == ("Civilians (Syria)", 7)


def test_merge_takes_a_sharper_place():
    region = strike(geo_precision=3, location=None, at=(35.9, 36.6))
    merged = merge(region, strike("a2"), sources(None, None), TAX)
    assert (merged.location, merged.geo_precision, merged.latitude) == ("Binnish", 1, BINNISH[0])


def test_merge_takes_the_subsuming_type():
    protest = strike(event_type="Protests", sub_event_type="Peaceful protest")
    dispersed = strike("a2", event_type="Protests", sub_event_type="Protest with intervention")
    assert merge(protest, dispersed, sources(None, None), TAX).sub_event_type == (
        "Protest with intervention")


def test_changes_list_only_what_differs():
    a, b = strike(toll=toll(9, 9, 9)), strike(toll=toll(9, 12, 12))
    assert changes(a, b) == {"fatalities": {"old": {"low": 9, "best": 9, "high": 9},
                                            "new": {"low": 9, "best": 12, "high": 12}}}
    assert changes(a, a) == {}
