"""The casualty numbers, on any number a report may write: digits (with thousands spaces,
no-break spaces or dots), words, ranges, qualifiers, signs, exponents, decimals, huge values
and junk around them. Whatever the text, every toll veille records is a whole number between
0 and `[events] max_casualties`, its low <= best <= high, quoted from the text; a plain number
is read exactly; a number over the limit is never recorded."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

import veille

LIMIT = 1_000_000  # the default [events] max_casualties
SENTENCE = "Une frappe aérienne de l'armée syrienne a tué {n} civils à Alep mardi.\n"


def grouped(n: int, sep: str) -> str:
    """`n` with its thousands separated by `sep` (`12 000`, `1.500.000`)."""
    return f"{n:,}".replace(",", sep)


NUMBERS = st.integers(min_value=0, max_value=10**30)
WRITTEN = st.one_of(
    NUMBERS.map(str),
    st.tuples(NUMBERS, st.sampled_from([" ", "\u00a0", "\u202f", ".", ","])).map(
        lambda t: grouped(*t)),
    NUMBERS.map(lambda n: f"-{n}"),
    NUMBERS.map(lambda n: f"{n}e9"),
    st.tuples(NUMBERS, NUMBERS).map(lambda t: f"{t[0]},{t[1]}"),
    st.tuples(NUMBERS, NUMBERS).map(lambda t: f"entre {t[0]} et {t[1]}"),
    NUMBERS.map(lambda n: f"au moins {n}"),
    NUMBERS.map(lambda n: f"au plus {n}"),
    NUMBERS.map(lambda n: f"environ {n}"),
    st.sampled_from(["un", "une", "deux", "dix", "vingt-trois", "cent", "mille", "un million",
                     "un milliard", "trois milliards", "des dizaines", "des centaines",
                     "plusieurs", "zéro", "quelques", "1e9", "-5", "NaN", "∞", "٣", "三"]),
    st.text(max_size=8),
)


def check(report: veille.Report, text: str) -> None:
    tolls = [(c.total, c.evidence["total"]) for c in report.casualty_reports]
    tolls += [(e.fatalities, e.evidence.get("fatalities")) for e in report.events
              if e.fatalities is not None]
    for toll, evidence in tolls:
        values = [v for v in (toll.low, toll.best, toll.high) if v is not None]
        assert all(isinstance(v, int) and 0 <= v <= LIMIT for v in values), toll
        assert values == sorted(values), toll
        assert evidence is not None and evidence.spans
        for span in evidence.spans:
            assert text[span.start:span.end] == span.text


@given(WRITTEN, st.sampled_from(["morts", "blessés", "tués", "victimes", "personnes tuées"]))
@example("99999999999999999999999", "morts")
@example("3\u202f200\u202f000", "morts")
@example("-5", "blessés")
@example("entre 604024 et 604024", "tués")  # equal bounds are one number, never a sum
@example("entre 900000 et 20", "morts")
def test_any_written_number_gives_a_bounded_quoted_toll(runtime, written, outcome):
    text = f"Une frappe aérienne de l'armée syrienne a fait {written} {outcome} à Alep mardi.\n"
    check(veille.extract(text, published="2024-03-05", lang="fr", runtime=runtime), text)


@given(st.integers(min_value=2, max_value=LIMIT),
       st.sampled_from(["", " ", "\u00a0", "\u202f"]))
@example(1_000_000, " ")
@example(12_000, "\u00a0")
@example(29_954, " ")  # "29 954": the second group is no verb with the number its subject
def test_a_plain_number_is_read_exactly(runtime, n, separator):
    text = SENTENCE.format(n=grouped(n, separator) if separator else str(n))
    report = veille.extract(text, published="2024-03-05", lang="fr", runtime=runtime)
    check(report, text)
    assert [c.total.best for c in report.casualty_reports] == [n]


@given(st.integers(min_value=LIMIT + 1, max_value=10**40),
       st.sampled_from(["", " ", "\u00a0"]))
@example(3_000_000_000, "")
@example(2**63, "")
def test_a_number_over_the_limit_is_never_recorded(runtime, n, separator):
    text = SENTENCE.format(n=grouped(n, separator) if separator else str(n))
    report = veille.extract(text, published="2024-03-05", lang="fr", runtime=runtime)
    assert report.casualty_reports == []
    assert all(e.fatalities is None for e in report.events)
    assert report.events  # the strike itself is still read
