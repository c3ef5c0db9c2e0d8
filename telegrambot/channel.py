"""The Telegram channel of the notifications outbox, registered in TelegramBotConfig.ready().

Only the bot process talks to Telegram, so publishing a delivery means telling the bot: its id
goes over Redis pub/sub to the bot's listener (bot/transport.py), which claims and sends it.
"""

import functools
import json

import redis
from django.conf import settings

from notifications.channels import Channel
from telegrambot.selectors import telegram_is_configured, telegram_reachable_user_ids

TELEGRAM = "telegram"


def telegram_pubsub_channel() -> str:
    """The Redis pub/sub channel the bot listens on for delivery ids."""
    return f"{settings.REDIS_NAMESPACE}:notifications:telegram"


@functools.lru_cache(maxsize=4)
def _redis_client(url: str) -> redis.Redis:
    """One client (and its connection pool) per process and URL: publishing happens after every
    transition that notifies someone, so it must not open a new connection each time."""
    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)


def telegram_deliveries_publish(delivery_ids: list[int]) -> None:
    _redis_client(settings.REDIS_URL).publish(
        telegram_pubsub_channel(), json.dumps({"delivery_ids": list(delivery_ids)})
    )


def telegram_channel() -> Channel:
    return Channel(
        name=TELEGRAM,
        preference="telegram_enabled",
        is_configured=telegram_is_configured,
        publish=telegram_deliveries_publish,
        reachable_user_ids=telegram_reachable_user_ids,
        default_rank=0,
    )
