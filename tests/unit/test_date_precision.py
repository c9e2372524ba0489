"""Dates known only to the week or the month: ACLED's time precision 2 and 3, in French and
English (real models), on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from test_extract import only_event  # the same helper, one definition

import veille

PUBLISHED = dt.date(2024, 12, 10)  # a Tuesday


def event_of(runtime: veille.Runtime, text: str, lang: str,
             published: dt.date = PUBLISHED) -> veille.Event:
    return only_event(veille.extract(text, published=published, lang=lang, runtime=runtime))


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("En novembre, des hommes armés ont tué quatre bergers près de Djibo.", "fr",
         "En novembre"),
        ("Au mois de novembre, des jihadistes ont incendié l'école de Djibo.", "fr",
         "Au mois de novembre"),
        ("In November, gunmen killed four herders near Djibo.", "en", "In November"),
        ("Gunmen burned the school in Djibo in late November, residents said.", "en",
         "in late November"),
    ],
)
def test_a_month_without_its_day_is_its_fifteenth_at_month_precision(runtime, text, lang,
                                                                     words):
    event = event_of(runtime, text, lang)
    assert (event.event_date, event.date_precision) == (dt.date(2024, 11, 15), 3)
    assert [s.text for s in event.evidence["event_date"].spans] == [words]
    assert event.evidence["event_date"].basis == "text"


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Début décembre, l'armée a affronté des jihadistes près de Gao.", "fr"),
     ("Earlier this month, soldiers clashed with militants near Gao.", "en")],
)
def test_the_reports_own_month_is_never_dated_after_the_report(runtime, text, lang):
    event = event_of(runtime, text, lang)
    assert (event.event_date, event.date_precision) == (PUBLISHED, 3)


def test_a_month_without_a_year_or_a_publication_date_stays_unknown(runtime):
    report = veille.extract("In November, gunmen killed four herders near Djibo.", lang="en",
                            runtime=runtime)
    assert only_event(report).event_date is None


def test_a_month_with_its_year_takes_that_year(runtime):
    event = event_of(runtime, "In December 2024, gunmen killed four herders near Djibo.", "en",
                     published=dt.date(2025, 1, 2))
    assert (event.event_date, event.date_precision) == (dt.date(2024, 12, 15), 3)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("La semaine dernière, des hommes armés ont tué quatre bergers près de Djibo.", "fr"),
     ("Last week, gunmen killed four herders near Djibo.", "en")],
)
def test_last_week_is_a_week_before_at_week_precision(runtime, text, lang):
    event = event_of(runtime, text, lang)
    assert (event.event_date, event.date_precision) == (dt.date(2024, 12, 3), 2)


@pytest.mark.parametrize(
    ("text", "lang", "precision"),
    [("Vers le 3 décembre, des hommes armés ont tué quatre bergers près de Djibo.", "fr", 2),
     ("Around 3 December 2024, gunmen killed four herders near Djibo.", "en", 2),
     ("On 3 December 2024 (week of), gunmen killed four herders near Djibo.", "en", 2),
     ("Around 3 December 2024 (month of), gunmen killed four herders near Djibo.", "en", 3),
     ("On 3 December 2024, gunmen killed four herders near Djibo.", "en", 1)],
)
def test_an_approximate_day_keeps_its_day_and_says_how_sure_it_is(runtime, text, lang,
                                                                   precision):
    event = event_of(runtime, text, lang)
    assert (event.event_date, event.date_precision) == (dt.date(2024, 12, 3), precision)


def test_a_month_told_in_a_later_report_is_not_recalled_before_its_end(runtime):
    # 36 days after the 15th, 20 after the month's end: news told late, kept.
    event = event_of(runtime, "Around 15 October 2023 (month of), gunmen killed four herders "
                     "near Djibo.", "en", published=dt.date(2023, 11, 20))
    assert (event.event_date, event.date_precision) == (dt.date(2023, 10, 15), 3)


def test_a_month_and_a_day_in_it_are_one_incident_dated_by_the_day(runtime):
    event = event_of(runtime, "In December, gunmen attacked the market of Djibo. On 4 December, "
                     "the gunmen killed four traders at the market of Djibo, residents said.", "en")
    assert (event.event_date, event.date_precision) == (dt.date(2024, 12, 4), 1)


def test_a_month_after_since_starts_a_running_total_and_dates_no_event(runtime):
    report = veille.extract(
        "Protesters threw stones at police in Maputo on Monday. More than 60 people have "
        "been killed since the protests began in late October, a rights group says.",
        published=PUBLISHED, lang="en", runtime=runtime)
    assert [(e.sub_event_type, e.event_date) for e in report.events] == [
        ("Violent demonstration", dt.date(2024, 12, 9))]
