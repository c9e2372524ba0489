"""Background: sentences that speak of the past (`depuis 2016`, `il y a 13 ans`, `en 2015`)."""

from __future__ import annotations

from ..document import Document


def is_background_sentence(doc: Document, sent: int) -> bool:
    """Whether sentence `sent` holds a background marker dated before the publication year
    (a marker with no year, such as `il y a dix ans`, always counts)."""
    published = doc.article.published
    for marker in doc.of_kind("background", sent):
        years = [int(v) for k, v in marker.data.items() if k.startswith("year")]
        if not years or published is None or min(years) < published.year:
            return True
    return False
