"""Background: sentences that speak of the past (`depuis 2016`, `il y a 13 ans`, `en 2015`)."""

from __future__ import annotations

from ..document import Document

# A sentence dated before this year tells history, whatever else it says (`le 12 mars 1850`).
HISTORY_BEFORE = 1900


def is_background_sentence(doc: Document, sent: int) -> bool:
    """Whether sentence `sent` holds a background marker dated before the publication year
    (a marker with no year, such as `il y a dix ans`, always counts), or a date before 1900."""
    if any(int(m.data.get("y1") or m.data.get("y2") or HISTORY_BEFORE) < HISTORY_BEFORE
           for m in doc.of_kind("date", sent)):
        return True
    published = doc.article.published
    for marker in doc.of_kind("background", sent):
        years = [int(v) for k, v in marker.data.items() if k.startswith("year")]
        if not years or published is None or min(years) < published.year:
            return True
    return False
