"""Repair rules. Each one reads a text and returns the `Edit`s it would make; none mutates.

Rules that need to know the language's words take a `WordKnowledge`, so the code holds no word
list: glue words come from resources/<lang>/repair.yaml, frequencies from wordfreq, place names
from the gazetteer.
"""

from __future__ import annotations

import difflib
import itertools
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass

import ftfy

from .offsets import Edit

# Typographic apostrophes tokenize badly (spaCy splits "qu’" differently from "qu'").
_APOSTROPHES = re.compile("[\u2019\u2018\u02bc\u2032`\u00b4]")
# A sentence or clause ends and the next starts with no space: "ville.Le", "morts,dont".
_MISSING_SPACE = re.compile(
    r"(?<=[a-zà-ÿ]{2})[.;!?](?=[A-ZÀ-Ý][a-zà-ÿ])"  # "ville.Le": a new sentence glued on
    r"|(?<=[^\W\d_]),(?=[^\W\d_])"  # "morts,dont": a comma between two words
    r"|(?<=\d),(?=[^\W\d_]{2})"  # "On 3 April 2022,Turkish": a comma after a number
)
# A dash used as a bracket but glued to the word it opens or closes: " -allié de Damas- ".
_GLUED_DASH = re.compile(r"(?<=\s)-(?=[^\W\d_])|(?<=[^\W\d_])-(?=\s)")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class WordKnowledge:
    """What the word-level rules know of a language."""

    frequency: Callable[[str], float]  # Zipf frequency of a lower-cased word; 0 when unknown
    is_place: Callable[[str], bool]  # a gazetteer name
    glue_words: tuple[str, ...]  # longest first
    free_glue_words: tuple[str, ...]  # no word of the language ends with them


def fix_unicode(text: str) -> list[Edit]:
    """Mojibake and broken Unicode, fixed line by line by ftfy; quotes are left to `apostrophes`."""
    edits: list[Edit] = []
    # ftfy fixes a text line by line itself: one call tells whether any line changes, faster
    # than a call per line when (as in most articles) none does.
    if ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False) == text:
        return edits
    offset = 0
    for line in text.splitlines(keepends=True):
        fixed = ftfy.fix_text(line, uncurl_quotes=False, fix_line_breaks=False)
        if fixed != line:
            # ftfy does not say where it changed the line: align the two to find out.
            matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag != "equal":
                    edits.append(Edit(offset + i1, offset + i2, fixed[j1:j2], "unicode"))
        offset += len(line)
    return edits


# Hard-wrapped copy (wire stories pasted or scraped line by line, "une patrouille est tombée
# dans une\n\nembuscade lundi"): lines of about one width (this close below and above the
# median of such lines) that end with no sentence punctuation, at least this many and this
# share of the text's lines.
_WRAP_MIN, _WRAP_MAX = 40, 100
_WRAP_BELOW, _WRAP_ABOVE = 20, 10
_WRAP_LINES, _WRAP_SHARE = 3, 0.4
_LINE = re.compile(r"[^\n]*\S[^\n]*")
_LINE_END = re.compile(r"[.!?…:;»\"”)\]]\s*$")


def unwrap_hard_lines(text: str) -> list[Edit]:
    """In a text hard-wrapped at a fixed width, the line breaks (and blank lines) after a line
    of that width that ends no sentence become one space: the sentence split across lines is
    read whole. A text whose paragraphs end with punctuation, as almost all do, is left as it
    is; so are lines of other lengths (headings, datelines) and breaks after punctuation."""
    lines = list(_LINE.finditer(text))
    open_lines = [m for m in lines if _WRAP_MIN <= len(m.group().strip()) <= _WRAP_MAX
                  and not _LINE_END.search(m.group())]
    if len(open_lines) < _WRAP_LINES:
        return []
    width = statistics.median(len(m.group().strip()) for m in open_lines)
    wrapped = [m for m in open_lines
               if width - _WRAP_BELOW <= len(m.group().strip()) <= width + _WRAP_ABOVE]
    if len(wrapped) < _WRAP_LINES or len(wrapped) < _WRAP_SHARE * len(lines):
        return []
    ends = {m.end() for m in wrapped}
    return [Edit(line.end(), following.start(), " ", "line_wrap")
            for line, following in itertools.pairwise(lines) if line.end() in ends]


def straighten_apostrophes(text: str) -> list[Edit]:
    """Typographic apostrophes and primes become ASCII `'`."""
    return [Edit(m.start(), m.end(), "'", "apostrophe") for m in _APOSTROPHES.finditer(text)]


def add_missing_spaces(text: str) -> list[Edit]:
    """A space after sentence punctuation glued to a capitalised word, or after a glued comma."""
    return [Edit(m.end(), m.end(), " ", "missing_space") for m in _MISSING_SPACE.finditer(text)]


def detach_dashes(text: str) -> list[Edit]:
    """A space between a bracketing dash and its word: ` -allié de Damas- ` -> ` - allié de
    Damas - `. Hyphenated words are not touched: their dash has letters on both sides."""
    edits = []
    for m in _GLUED_DASH.finditer(text):
        opening = text[m.start() - 1].isspace()  # " -allié": the space goes after the dash
        at = m.end() if opening else m.start()
        edits.append(Edit(at, at, " ", "glued_dash"))
    return edits


def split_glued_words(text: str, words: WordKnowledge) -> list[Edit]:
    """`Alepdans` -> `Alep dans`: an unknown word that ends in a glue word after a known word."""
    edits = []
    for match in _WORD.finditer(text):
        word = match.group()
        lower = word.lower()
        if len(word) < 4 or words.frequency(lower) > 0 or words.is_place(word):
            continue
        for glue in words.glue_words:
            prefix = word[: -len(glue)]
            if not lower.endswith(glue) or len(prefix) < 3:
                continue
            known = words.frequency(prefix.lower()) >= 3 or words.is_place(prefix)
            free = glue in words.free_glue_words and prefix[0].isupper()
            if known or free:
                cut = match.start() + len(prefix)
                edits.append(Edit(cut, cut, " ", "glued_word", match.start(), match.end()))
                break
    return edits


def collapse_doubled_letters(text: str, words: WordKnowledge) -> list[Edit]:
    """`unn` -> `un`: a rare lower-case word that becomes a common one with one letter less."""
    edits = []
    for match in _WORD.finditer(text):
        word = match.group()
        if not word.islower() or words.frequency(word) >= 2.5:
            continue
        for i in range(1, len(word)):
            if word[i] != word[i - 1]:
                continue
            candidate = word[:i] + word[i + 1:]
            if words.frequency(candidate) >= 4:
                at = match.start() + i
                edits.append(Edit(at, at + 1, "", "doubled_letter", match.start(), match.end()))
                break
    return edits
