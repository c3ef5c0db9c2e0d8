"""Hands new deliveries to their channels' senders, after the transaction that wrote them
commits (Telegram's bot over Redis pub/sub, email as Celery tasks: see notifications.channels).

Losing a message here loses nothing: the rows are the truth, and the republish beat task
publishes whatever is still pending a minute later.
"""

import logging

from django.db import transaction

from notifications.channels import channel_named

logger = logging.getLogger(__name__)


def _publish_now(due: dict[str, list[int]]) -> None:
    for name, delivery_ids in due.items():
        channel = channel_named(name)
        if channel is None:
            logger.warning("Deliveries %s are for an unregistered channel %r", delivery_ids, name)
            continue
        try:
            channel.publish(delivery_ids)
        except Exception as exc:  # Redis or the broker is away: the republish task tries again
            logger.warning(
                "Could not publish %s deliveries %s (%s); republish will", name, delivery_ids, exc
            )


def deliveries_publish_on_commit(*, due: dict[str, list[int]]) -> None:
    """Publishes `due` (channel name -> delivery ids) once the current transaction commits."""
    due = {name: sorted(ids) for name, ids in due.items() if ids}
    if due:
        transaction.on_commit(lambda: _publish_now(due))
