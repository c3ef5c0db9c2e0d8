"""The server's VAPID identity (RFC 8292): whether push is configured, and the signer."""

import logging
from functools import cache

from django.conf import settings
from py_vapid import Vapid

from core.exceptions import ServiceUnavailable

logger = logging.getLogger(__name__)

PUSH_DISABLED = "push_disabled"


def push_configured() -> bool:
    """False without a key pair: the channel writes no deliveries and the API answers 503."""
    return bool(settings.WEBPUSH_VAPID_PUBLIC_KEY and settings.WEBPUSH_VAPID_PRIVATE_KEY)


def push_require_configured() -> None:
    if not push_configured():
        logger.warning(
            "Web Push is off: set WEBPUSH_VAPID_PUBLIC_KEY and WEBPUSH_VAPID_PRIVATE_KEY "
            "(manage.py push_vapid_keys makes a pair; make run generates one into var/)"
        )
        raise ServiceUnavailable(
            "Push notifications are not configured on this server (no VAPID keys).",
            code=PUSH_DISABLED,
        )


@cache
def _signer(private_key: str) -> Vapid:
    return Vapid.from_string(private_key=private_key)


def vapid_signer() -> Vapid:
    """The signer of the configured private key, parsed once per key."""
    return _signer(settings.WEBPUSH_VAPID_PRIVATE_KEY)
