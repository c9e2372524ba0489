"""Repair: offset maps back to the original text, and the repair rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veille.document import Document
from veille.model import Article
from veille.repair.offsets import Edit, OffsetMap, RepairChain, apply_edits
from veille.repair.rules import (
    add_missing_spaces,
    collapse_doubled_letters,
    fix_unicode,
    split_glued_words,
    straighten_apostrophes,
    unwrap_hard_lines,
)
from veille.repair.stage import repair_characters, repair_words

PROPERTY = settings(max_examples=300, deadline=None)


def repaired(text: str, edits: list[Edit]) -> str:
    return apply_edits(text, edits)[0]


def reference(text: str, edits: list[Edit]) -> tuple[str, list[int | None]]:
    """An independent model of `apply_edits`: the output text, and for each output character
    the index of the input character it is a copy of (None for replacement text)."""
    out: list[str] = []
    origin: list[int | None] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out += text[pos:edit.start]
        origin += range(pos, edit.start)
        out += edit.replacement
        origin += [None] * len(edit.replacement)
        pos = edit.end
    out += text[pos:]
    origin += range(pos, len(text))
    return "".join(out), origin


def copied_spans(origin: list[int | None]):
    """Every non-empty span `[s, e)` of the output whose characters are an unchanged run of the
    input (all copied, consecutive in the input), with the input span it copies."""
    for s in range(len(origin)):
        if origin[s] is None:
            continue
        e = s + 1
        while True:
            yield s, e, origin[s], origin[e - 1] + 1
            if e == len(origin) or origin[e] is None or origin[e] != origin[e - 1] + 1:
                break
            e += 1


@st.composite
def edit_lists(draw, length: int) -> list[Edit]:
    """Random non-overlapping edits (replacements, insertions, deletions) of a text of
    `length` characters, in random order."""
    points = sorted(draw(st.lists(st.integers(0, length), max_size=12)))
    edits = [Edit(start, end, draw(st.text(max_size=4)), "test")
             for start, end in zip(points[::2], points[1::2], strict=False)]
    return draw(st.permutations(edits))


@st.composite
def texts_with_edits(draw) -> tuple[str, list[Edit]]:
    text = draw(st.text(max_size=40))
    return text, draw(edit_lists(len(text)))


@st.composite
def texts_with_two_passes(draw) -> tuple[str, list[Edit], list[Edit]]:
    text, first = draw(texts_with_edits())
    middle, _ = reference(text, first)
    return text, first, draw(edit_lists(len(middle)))


# Arbitrary text, and text made of what the repair rules act on (mojibake, typographic
# apostrophes, glued sentences), so that the stage really edits.
REPAIRABLE = "aeLé Ã©â€™’‘`´.,;!?\n\r\t0123456789ʼ′\u00a0\u200b\ufeff\x00\x1b"
ANY_TEXT = st.one_of(st.text(max_size=80), st.text(alphabet=REPAIRABLE, max_size=80))


# --- offsets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "edits", "expected"),
    [
        ("abc", [], "abc"),
        ("", [], ""),
        ("ville.Le", [Edit(6, 6, " ", "t")], "ville. Le"),
        ("unn mort", [Edit(2, 3, "", "t")], "un mort"),
        ("touchÃ©", [Edit(5, 7, "é", "t")], "touché"),
        ("a-b-c", [Edit(3, 4, "+", "t"), Edit(1, 2, "+", "t")], "a+b+c"),
        ("ab", [Edit(0, 0, "<", "t"), Edit(2, 2, ">", "t")], "<ab>"),
    ],
)
def test_offsets_apply_edits_result(text, edits, expected):
    assert repaired(text, edits) == expected


def test_offsets_apply_edits_overlapping_raises():
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [Edit(1, 4, "x", "t"), Edit(3, 5, "y", "t")])


@pytest.mark.parametrize(
    ("text", "edits", "span", "expected"),
    [
        # after an inserted space, "Le" still maps to "Le"
        ("ville.Le maire", [Edit(6, 6, " ", "t")], (7, 9), (6, 8)),
        # the inserted space itself maps to the empty point where it was inserted
        ("ville.Le maire", [Edit(6, 6, " ", "t")], (6, 7), (6, 6)),
        # a fixed character maps to the whole mojibake sequence it replaces
        ("touchÃ© ici", [Edit(5, 7, "é", "t")], (5, 6), (5, 7)),
        ("touchÃ© ici", [Edit(5, 7, "é", "t")], (0, 6), (0, 7)),
        ("touchÃ© ici", [Edit(5, 7, "é", "t")], (7, 10), (8, 11)),
        # copied text next to a deleted letter maps to itself, without the deleted letter
        ("unn mort", [Edit(2, 3, "", "t")], (0, 2), (0, 2)),
        ("unn mort", [Edit(2, 3, "", "t")], (0, 3), (0, 4)),
        ("unn mort", [Edit(2, 3, "", "t")], (3, 7), (4, 8)),
    ],
)
def test_offsets_to_source_examples(text, edits, span, expected):
    _, offset_map = apply_edits(text, edits)
    assert offset_map.to_source(*span) == expected


def test_offsets_chain_maps_through_every_pass():
    original = "l’armée à Alepdans la ville.Le"
    first, map1 = apply_edits(original, straighten_apostrophes(original))
    second, map2 = apply_edits(first, [Edit(14, 14, " ", "t"), Edit(28, 28, " ", "t")])
    assert second == "l'armée à Alep dans la ville. Le"
    chain = RepairChain()
    chain.add(map1)
    chain.add(map2)
    start = second.index("Alep")
    assert chain.to_original(start, start + 4) == (10, 14)
    start = second.index("Le")
    assert original[slice(*chain.to_original(start, start + 2))] == "Le"


def test_offsets_empty_chain_is_identity():
    assert RepairChain().to_original(3, 9) == (3, 9)


@PROPERTY
@given(texts_with_edits())
def test_offsets_apply_edits_matches_reference(case):
    text, edits = case
    assert repaired(text, edits) == reference(text, edits)[0]


@PROPERTY
@given(texts_with_edits())
def test_offsets_copied_spans_map_to_same_characters(case):
    """(a) A span of the output inside copied text maps back to exactly those characters."""
    text, edits = case
    new, offset_map = apply_edits(text, edits)
    _, origin = reference(text, edits)
    for s, e, o_start, o_end in copied_spans(origin):
        assert offset_map.to_source(s, e) == (o_start, o_end)
        assert text[o_start:o_end] == new[s:e]


@PROPERTY
@given(texts_with_edits())
def test_offsets_spans_map_inside_original_and_ordered(case):
    """(b) Any span maps to an ordered span of the original, within its bounds."""
    text, edits = case
    new, offset_map = apply_edits(text, edits)
    for s in range(len(new) + 1):
        for e in range(s, len(new) + 1):
            o_start, o_end = offset_map.to_source(s, e)
            assert 0 <= o_start <= o_end <= len(text)


@PROPERTY
@given(texts_with_edits())
def test_offsets_mapping_is_monotone(case):
    """(b) a <= b => map(a) <= map(b), for points, span starts and span ends."""
    text, edits = case
    new, offset_map = apply_edits(text, edits)
    n = len(new)
    points = [offset_map.to_source(p, p)[0] for p in range(n + 1)]
    assert points == sorted(points)
    starts = [offset_map.to_source(s, n)[0] for s in range(n + 1)]
    assert starts == sorted(starts)
    ends = [offset_map.to_source(0, e)[1] for e in range(n + 1)]
    assert ends == sorted(ends)


@PROPERTY
@given(texts_with_two_passes())
def test_offsets_chain_keeps_copied_spans(case):
    """(c) Through two passes, text copied by both maps back to the same characters."""
    text, first_edits, second_edits = case
    middle, map1 = apply_edits(text, first_edits)
    final, map2 = apply_edits(middle, second_edits)
    _, origin1 = reference(text, first_edits)
    _, origin2 = reference(middle, second_edits)
    origin = [None if i is None else origin1[i] for i in origin2]
    chain = RepairChain()
    chain.add(map1)
    chain.add(map2)
    for s, e, o_start, o_end in copied_spans(origin):
        assert chain.to_original(s, e) == (o_start, o_end)
        assert text[o_start:o_end] == final[s:e]


@PROPERTY
@given(ANY_TEXT, st.data())
def test_repair_stage_spans_map_to_original(text, data):
    """(d) The character repair stage never raises on any text, and every span of the repaired
    text is a well-formed span of the original."""
    article = Article(id="prop", text=text)
    doc = repair_characters(Document.from_article(article))
    n = len(doc.text)
    for _ in range(20):
        s = data.draw(st.integers(0, n))
        e = data.draw(st.integers(s, n))
        mapped = doc.chain.to_original(s, e)
        span = doc.span(s, e)
        assert 0 <= span.start <= span.end <= len(text)
        assert (span.start, span.end) == mapped
        assert span.text == article.text[mapped[0]:mapped[1]]


@PROPERTY
@given(ANY_TEXT)
def test_repair_stage_repairs_locate_original_text(text):
    doc = repair_characters(Document.from_article(Article(id="prop", text=text)))
    for repair in doc.repairs:
        assert 0 <= repair.start <= repair.end <= len(text)
        assert repair.original == text[repair.start:repair.end]


# --- character rules -------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["\u2019", "\u2018", "\u02bc", "\u2032", "`", "\u00b4"])
def test_rules_apostrophes_straightened(mark):
    text = f"l{mark}armée d{mark}Alep"
    assert repaired(text, straighten_apostrophes(text)) == "l'armée d'Alep"


@pytest.mark.parametrize("text", ["l'armée", "« des combats »", "\u201cclashes\u201d"])
def test_rules_apostrophes_leave_other_text(text):
    assert straighten_apostrophes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dans la ville.Le maire", "dans la ville. Le maire"),
        ("les combats ont repris;Les habitants", "les combats ont repris; Les habitants"),
        ("pourquoi?Personne ne sait", "pourquoi? Personne ne sait"),
        ("douze morts,dont trois enfants", "douze morts, dont trois enfants"),
        ("On 2 May 2021,Syrian forces shelled", "On 2 May 2021, Syrian forces shelled"),
    ],
)
def test_rules_missing_space_added(text, expected):
    assert repaired(text, add_missing_spaces(text)) == expected


@pytest.mark.parametrize(
    "text",
    ["un taux de 3.5 pour cent", "les U.S. ont frappé", "3,5 millions", "le 12,5e", "voir le site.fr",
     "M.Dupont", "déjà. Le maire"],
)
def test_rules_missing_space_not_added(text):
    assert add_missing_spaces(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les combats touchent Xavier.", "Les combats touchent Xavier."),
        ("Les frappes ont touchÃ© la rÃ©gion", "Les frappes ont touché la région"),
        ("un bilan trÃ¨s lourd", "un bilan très lourd"),
    ],
)
def test_rules_mojibake_fixed(text, expected):
    assert repaired(text, fix_unicode(text)) == expected


def test_rules_mojibake_keeps_typographic_apostrophes():
    assert fix_unicode("l’armée") == []


def test_rules_mojibake_fix_maps_back():
    article = Article(id="t", text="Les frappes ont touchÃ© la rÃ©gion d’Alep.")
    doc = repair_characters(Document.from_article(article))
    assert doc.text == "Les frappes ont touché la région d'Alep."
    start = doc.text.index("région")
    assert doc.span(start, start + len("région")).text == "rÃ©gion"
    start = doc.text.index("Alep")
    assert doc.span(start, start + 4).text == "Alep"


def test_rules_repair_log_locates_original():
    article = Article(id="t", text="touchÃ© à Alep.Le soir")
    doc = repair_characters(Document.from_article(article))
    assert [(r.kind, r.original, r.replacement) for r in doc.repairs] == [
        ("unicode", "Ã©", "é"), ("missing_space", "", " ")]
    assert [(r.start, r.end) for r in doc.repairs] == [(5, 7), (15, 15)]


# --- word rules (need the language's WordKnowledge) ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place the gazetteer knows and wordfreq does not, glued to "dans"
        ("Des frappes sur Saraqibdans la nuit.", "Des frappes sur Saraqib dans la nuit."),
        ("Des frappes sur Kobanidans la nuit.", "Des frappes sur Kobani dans la nuit."),
        ("Les combats à Alepdans la nuit.", "Les combats à Alep dans la nuit."),
        # a name nobody knows glued to "à", which no French name ends with
        ("Des tirs ont visé Abou Khalilà midi.", "Des tirs ont visé Abou Khalil à midi."),
        ("les combattants de Zoubairà Alep", "les combattants de Zoubair à Alep"),
    ],
)
def test_rules_glued_words_split(fr_words, text, expected):
    assert repaired(text, split_glued_words(text, fr_words)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Les soldats sont arrivés à Alep avec des chars.",
        "Il est arrivé déjà.",
        "Voilà ce que disent les habitants.",
        "Cependant les combats continuent.",
        # an unknown word whose start is not a known word or place: left alone
        "Des frappes sur Kafrnabldans la nuit.",
    ],
)
def test_rules_glued_words_not_split(fr_words, text):
    assert split_glued_words(text, fr_words) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il y a unn mort.", "Il y a un mort."),
        ("la frappe a tué unne femme", "la frappe a tué une femme"),
        ("unn blessé et deuxx morts", "un blessé et deux morts"),
    ],
)
def test_rules_doubled_letters_collapsed(fr_words, text, expected):
    assert repaired(text, collapse_doubled_letters(text, fr_words)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Les forces de Ghassann ont attaqué.",  # a proper noun
        "Hassann et Annabelle sont arrivés.",
        "Une attaque massive a frappé la ville.",  # ordinary words with double letters
        "Elle donne des nouvelles de la guerre.",
        "Les affrontements ont cessé.",
    ],
)
def test_rules_doubled_letters_kept(fr_words, text):
    assert collapse_doubled_letters(text, fr_words) == []


def test_rules_glued_word_maps_back_to_place(fr_words):
    article = Article(id="t", text="Des frappes sur Saraqibdans la nuit.")
    doc = repair_words(Document.from_article(article), fr_words)
    assert doc.text == "Des frappes sur Saraqib dans la nuit."
    start = doc.text.index("Saraqib")
    assert doc.span(start, start + len("Saraqib")).text == "Saraqib"
    start = doc.text.index("dans")
    assert doc.span(start, start + 4).text == "dans"
    assert [(r.kind, r.original, r.replacement) for r in doc.repairs] == [
        ("glued_word", "Saraqibdans", "Saraqib dans")]


def test_rules_word_repairs_skipped_without_knowledge():
    article = Article(id="t", text="Il y a unn mort à Alepdans la nuit.")
    doc = repair_words(Document.from_article(article), None)
    assert doc.text == article.text
    assert doc.repairs == []


def test_rules_offset_map_holds_one_segment_for_untouched_text():
    _, offset_map = apply_edits("rien à réparer", [])
    assert isinstance(offset_map, OffsetMap)
    assert offset_map.to_source(0, 14) == (0, 14)


# --- hard-wrapped lines ----------------------------------------------------------------

# A wire story wrapped at a fixed width, with a blank line between lines (written for this test).
_WRAPPED = (
    "Niamey, 3 mars (AFP) - Au moins douze soldats nigériens ont été tués\n\n"
    "lundi dans une embuscade tendue par des jihadistes présumés près de\n\n"
    "Tillabéri, dans l'ouest du pays, a annoncé mardi le ministère de la\n\n"
    "Défense, qui n'a pas donné d'autre précision sur les assaillants.\n\n"
    "Les assaillants, venus à moto, ont attaqué une patrouille qui escortait\n\n"
    "des commerçants vers le marché de la ville, selon la même source.\n"
)


def test_rules_hard_wrapped_lines_are_joined():
    doc = repair_characters(Document.from_article(Article(id="wrap", text=_WRAPPED)))
    paragraphs = [p for p in doc.text.split("\n") if p.strip()]
    assert len(paragraphs) == 2
    assert "tués lundi dans une embuscade" in paragraphs[0]
    assert paragraphs[0].endswith("assaillants.")
    # the joined sentence maps back to the original, its line breaks included
    start = doc.text.index("tués lundi")
    assert doc.span(start, start + len("tués lundi")).text == "tués\n\nlundi"


@pytest.mark.parametrize("text", [
    # paragraphs that end with punctuation, as almost all do
    "Des combats ont éclaté lundi à Goma.\n\nLe bilan est de trois morts, selon la police.\n",
    # a few short lines with no punctuation: headings, a dateline, a caption
    "Mali : attaque près de Gao\n\nGAO (AFP)\n\nDes hommes armés ont attaqué un camp lundi.\n",
    # one long line with no final punctuation is not a wrapped text
    ("Des hommes armés ont attaqué lundi un camp militaire près de Gao dans le nord\n\n"
     "Le bilan est de trois morts.\n"),
])
def test_rules_text_not_hard_wrapped_is_left_alone(text):
    assert unwrap_hard_lines(text) == []


@PROPERTY
@given(st.lists(st.from_regex(r"[a-zé]{3,9}", fullmatch=True), min_size=120, max_size=300),
       st.integers(55, 90), st.sampled_from(["\n", "\n\n", " \n \n"]))
def test_rules_hard_wrapped_text_reads_whole_and_maps_back(words, width, gap):
    """Any text wrapped at a width the rule knows is read as one paragraph, and every span of
    the repaired text maps to the same words in the original."""
    import textwrap
    text = gap.join(textwrap.wrap(" ".join(words), width)) + "."
    doc = repair_characters(Document.from_article(Article(id="prop", text=text)))
    assert "\n" not in doc.text.strip()
    for start in range(0, len(doc.text), 7):
        end = min(len(doc.text), start + 5)
        assert doc.span(start, end).text.split() == doc.text[start:end].split()
