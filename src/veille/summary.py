"""A compact, stable view of a report: the values, without evidence. Used by golden tests."""

from __future__ import annotations

from .model import Report


def summarize(report: Report) -> dict:
    """Events, casualty reports and repairs of `report` as plain JSON-ready values."""
    events = [{
        "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "event_date": e.event_date.isoformat() if e.event_date else None,
        "date_precision": e.date_precision, "actor1": e.actor1, "assoc_actor1": e.assoc_actor1,
        "actor2": e.actor2, "country": e.country, "admin1": e.admin1, "location": e.location,
        "fatalities": e.fatalities.model_dump() if e.fatalities else None,
        "attributed_to": e.sources[0].attributed_to if e.sources else None,
    } for e in report.events]
    casualties = [{
        "outcome": c.outcome, "total": c.total.model_dump(), "cumulative": c.cumulative,
        "period_start": c.period_start.isoformat() if c.period_start else None,
        "breakdown": [b.count for b in c.breakdown],
        "breakdown_sums_to_total": c.breakdown_sums_to_total,
    } for c in report.casualty_reports]
    repairs = [[r.kind, r.original, r.replacement] for r in report.repairs
               if r.kind != "apostrophe"]
    return {"lang": report.lang, "events": events, "casualty_reports": casualties,
            "repairs": repairs}
