"""Tells the senders about new deliveries, after the transaction that wrote them commits.

Telegram deliveries go to the bot over Redis pub/sub (only the bot process talks to Telegram);
email deliveries become Celery tasks. Losing a message here loses nothing: the rows are the
truth and the republish beat task publishes whatever is still pending a minute later.
"""

import functools
import json
import logging

import redis
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def telegram_channel_name() -> str:
    return f"{settings.REDIS_NAMESPACE}:notifications:telegram"


@functools.lru_cache(maxsize=4)
def _redis_client(url: str) -> redis.Redis:
    """One client (and its connection pool) per process and URL: publishing happens after every
    transition that notifies someone, so it must not open a new connection each time."""
    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)


def _publish_now(*, telegram_ids: list[int], email_ids: list[int]) -> None:
    if telegram_ids:
        try:
            _redis_client(settings.REDIS_URL).publish(
                telegram_channel_name(), json.dumps({"delivery_ids": telegram_ids})
            )
        except redis.RedisError as exc:
            logger.warning(
                "Could not publish deliveries %s (%s); republish will", telegram_ids, exc
            )
    if email_ids:
        from notifications.tasks import delivery_send_email_task

        for delivery_id in email_ids:
            try:
                delivery_send_email_task.delay(delivery_id)
            except Exception as exc:  # broker down: the republish task tries again
                logger.warning("Could not enqueue email delivery %s (%s)", delivery_id, exc)


def deliveries_publish_on_commit(*, telegram_ids: list[int], email_ids: list[int]) -> None:
    if telegram_ids or email_ids:
        transaction.on_commit(
            lambda: _publish_now(telegram_ids=list(telegram_ids), email_ids=list(email_ids))
        )
