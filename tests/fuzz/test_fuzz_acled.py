"""`veille import acled` on any file and any values: a file that is no ACLED export is one clear
error (V115); in one that is, every row gives an event or a reject (V116) naming its line, never
an exception, and an event's values stay within what the store and ACLED allow."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from veille.errors import NotAnAcledFile
from veille.export.acled import ACLED_COLUMNS
from veille.ingest.acled import read_acled
from veille.model import Rejected, Report
from veille.resources import load_taxonomy

TAX = load_taxonomy()
# Values as ACLED writes them, mixed with anything: each column gets one or the other.
LIKELY = st.sampled_from(["", "0", "1", "12", "-3", "1e400", "nan", "inf", "2022-02-25",
                          "25 February 2022", "Syria", "Battles", "Armed clash",
                          "Civilian targeting", "State forces", "760", "36.2", "SYR1",
                          "A; B", "1733000000"])
VALUE = LIKELY | st.text(max_size=30)


def _read(data: bytes) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "acled.csv"
        path.write_bytes(data)
        try:
            return list(read_acled(path, TAX))
        except NotAnAcledFile as exc:
            assert exc.code == "V115"
            return []


@given(st.binary(max_size=2000))
def test_any_bytes_give_rows_rejects_or_one_clear_error(data):
    for item in _read(data):
        assert isinstance(item, Report | Rejected)


@given(st.lists(st.fixed_dictionaries({name: VALUE for name in ACLED_COLUMNS}), max_size=5))
def test_any_values_under_acleds_header_give_an_event_or_a_reject(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    items = _read(buffer.getvalue().encode("utf-8", "surrogatepass"))
    assert len(items) <= len(rows)  # a value holding a line break may join two rows
    for item in items:
        if isinstance(item, Rejected):
            assert item.code == "V116" and ":" in item.source
            continue
        (event,) = item.events
        assert event.sources[0].acled_event_id and event.event_date is not None
        assert event.fatalities is None or 0 < event.fatalities.best < 2**31
        assert event.inter1 is None or 0 <= event.inter1 <= 8
        assert (event.latitude is None) == (event.longitude is None)
