"""What the store keeps for alerts: the alerts, and the log of their deliveries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..alerts.rules import Alert
from ..errors import BadParameter, StoreError
from . import schema
from .db import Store


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    """One delivery of the log."""

    alert: str
    event_id: str
    ok: bool
    attempts: int
    detail: str | None
    at: dt.datetime


def add_alert(store: Store, alert: Alert) -> None:
    """Store a new alert; a name already taken is refused (V403)."""
    try:
        with store.writer.begin() as conn:
            conn.execute(insert(schema.alerts).values(
                name=alert.name, filters=alert.filters, webhook=alert.webhook,
                secret=alert.secret, email=alert.email, created_at=dt.datetime.now(dt.UTC)))
    except IntegrityError as exc:
        raise BadParameter(detail=f"an alert named {alert.name!r} exists already") from exc
    except SQLAlchemyError as exc:
        raise StoreError(url=store.url, detail=str(exc).splitlines()[0]) from exc


def remove_alert(store: Store, name: str) -> bool:
    """Remove an alert (and its log); whether there was one."""
    with store.writer.begin() as conn:
        conn.execute(delete(schema.alert_deliveries)
                     .where(schema.alert_deliveries.c.alert == name))
        return conn.execute(delete(schema.alerts).where(schema.alerts.c.name == name)).rowcount > 0


def alerts(store: Store) -> list[Alert]:
    """The stored alerts, by name."""
    t = schema.alerts.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.alerts).order_by(t.name)).all()
    return [Alert(name=r.name, webhook=r.webhook, secret=r.secret, email=r.email,
                  **r.filters) for r in rows]


def delivered(store: Store, alert: str, event_id: str) -> str | None:
    """The fingerprint of the event's last successful delivery to this alert, if any."""
    t = schema.alert_deliveries.c
    query = (select(t.fingerprint).where(t.alert == alert, t.event_id == event_id, t.ok)
             .order_by(t.id.desc()).limit(1))
    with store.engine.connect() as conn:
        return conn.execute(query).scalar()


def log_delivery(store: Store, *, alert: str, event_id: str, fingerprint: str, ok: bool,
                 attempts: int, detail: str) -> None:
    try:
        with store.writer.begin() as conn:
            conn.execute(insert(schema.alert_deliveries).values(
                alert=alert, event_id=event_id, fingerprint=fingerprint, ok=ok,
                attempts=attempts, detail=detail, at=dt.datetime.now(dt.UTC)))
    except SQLAlchemyError as exc:
        raise StoreError(url=store.url, detail=str(exc).splitlines()[0]) from exc


def deliveries(store: Store, *, limit: int | None = None) -> list[DeliveryRecord]:
    """The delivery log, newest first."""
    t = schema.alert_deliveries.c
    query = select(t.alert, t.event_id, t.ok, t.attempts, t.detail, t.at).order_by(t.id.desc())
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        return [DeliveryRecord(**row._mapping) for row in conn.execute(query)]
