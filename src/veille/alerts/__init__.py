"""Alerts: records that match a user's filters, sent to a webhook (signed) or by email."""

from .notify import notify
from .rules import Alert, fingerprint
from .send import SIGNATURE_HEADER, Delivery, Smtp, signature

__all__ = ["SIGNATURE_HEADER", "Alert", "Delivery", "Smtp", "fingerprint", "notify", "signature"]
