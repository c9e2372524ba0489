"""Repair stages: fix what scraping and machine translation break, keeping a map back."""

from __future__ import annotations

from collections.abc import Callable

from ..document import Document
from ..model import Repair
from .offsets import Edit, apply_edits
from .rules import (
    WordKnowledge,
    add_missing_spaces,
    collapse_doubled_letters,
    detach_dashes,
    fix_unicode,
    split_glued_words,
    straighten_apostrophes,
    unwrap_hard_lines,
)


def apply_pass(doc: Document, edits: list[Edit]) -> None:
    """Apply one pass of edits to `doc.text`, log each as a `Repair` of the original text."""
    if not edits:
        return
    for edit in sorted(edits, key=lambda e: e.start):
        w_start = edit.start if edit.word_start is None else edit.word_start
        w_end = edit.end if edit.word_end is None else edit.word_end
        start, end = doc.chain.to_original(w_start, w_end)
        replacement = doc.text[w_start:edit.start] + edit.replacement + doc.text[edit.end:w_end]
        doc.repairs.append(Repair(kind=edit.kind, start=start, end=end,
                                  original=doc.article.text[start:end], replacement=replacement))
    doc.text, offset_map = apply_edits(doc.text, edits)
    doc.chain.add(offset_map)


def repair_characters(doc: Document) -> Document:
    """Language-independent repairs: Unicode, hard-wrapped lines, apostrophes, missing spaces,
    glued dashes."""
    for rule in (fix_unicode, unwrap_hard_lines, straighten_apostrophes, add_missing_spaces,
                 detach_dashes):
        apply_pass(doc, rule(doc.text))
    return doc


def repair_words(doc: Document, words: WordKnowledge | None) -> Document:
    """Word-level repairs that need the language: glued words, doubled letters."""
    if words is None:
        return doc
    rules: tuple[Callable[[str, WordKnowledge], list[Edit]], ...] = (
        split_glued_words, collapse_doubled_letters)
    for rule in rules:
        apply_pass(doc, rule(doc.text, words))
    return doc
