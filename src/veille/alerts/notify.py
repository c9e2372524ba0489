"""Tell the alerts about new or updated records: each alert an event matches receives it,
once per state of what the alert can see (an update that changes none of it is not sent
again; one that failed is tried again at the next update)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..model import Event
from ..store import alerts as book
from ..store.db import Store
from ..watch.fetch import Fetcher
from .rules import Alert, fingerprint
from .send import Delivery, Smtp, post_webhook, send_email


def notify(store: Store, event_ids: Iterable[str], *, fetcher: Fetcher, smtp: Smtp,
           retries: int = 3, delay: float = 2.0) -> list[tuple[str, str, Delivery]]:
    """Deliver the events of `event_ids` to the alerts they match; (alert, event id,
    delivery) of each delivery attempted, all logged."""
    rules = book.alerts(store)
    done = []
    if not rules:
        return done
    for event_id in dict.fromkeys(event_ids):
        event = store.event(event_id)
        if event is None:
            continue
        mark = fingerprint(event)
        for alert in rules:
            if not alert.matches(event) or book.delivered(store, alert.name, event_id) == mark:
                continue
            outcome = _deliver(alert, event, fetcher=fetcher, smtp=smtp, retries=retries,
                               delay=delay)
            book.log_delivery(store, alert=alert.name, event_id=event_id, fingerprint=mark,
                              ok=outcome.ok, attempts=outcome.attempts, detail=outcome.detail)
            done.append((alert.name, event_id, outcome))
    return done


def _deliver(alert: Alert, event: Event, *, fetcher: Fetcher, smtp: Smtp, retries: int,
             delay: float) -> Delivery:
    record = event.model_dump_json(exclude={"evidence"})
    if alert.webhook:
        body = f'{{"alert": {json.dumps(alert.name)}, "event": {record}}}'.encode()
        return post_webhook(alert.webhook, body, secret=alert.secret, fetcher=fetcher,
                            retries=retries, delay=delay)
    where = ", ".join(p for p in (event.location, event.admin1, event.country) if p)
    deaths = event.fatalities.best if event.fatalities and event.fatalities.best else None
    subject = (f"veille alert {alert.name}: {event.sub_event_type} in {where or 'unknown place'}"
               f" ({event.event_date or 'undated'})" + (f", {deaths} dead" if deaths else ""))
    return send_email(alert.email or "", subject, f"{event.notes or subject}\n\n{record}\n",
                      smtp=smtp, retries=retries, delay=delay)
