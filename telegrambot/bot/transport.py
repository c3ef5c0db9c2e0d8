"""Delivers Telegram deliveries from the outbox: the only code that sends notifications.

Like healthchecks' Telegram transport, errors are sorted:
- permanent (403 bot blocked / user deactivated, 400 chat not found, other 400s): the delivery
  is failed; when the chat itself is gone the profile is marked inactive;
- 429 flood control: the delivery goes back to pending not before `retry_after`, and is retried
  by this process once that time has passed;
- everything else (timeouts, network, 5xx): back to pending, the republish task retries it.
"""

import asyncio
import json
import logging
import warnings
from datetime import timedelta

import redis.asyncio as aioredis
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from notifications import selectors as notification_selectors
from notifications import services as notification_services
from notifications.models import Delivery
from notifications.publisher import telegram_channel_name
from telegrambot import services as telegram_services
from telegrambot.bot.db import run_sync
from telegrambot.bot.keyboards import markup
from telegrambot.bot.replies import render_notification
from telegrambot.selectors import telegram_reachable_user_ids

logger = logging.getLogger(__name__)

TELEGRAM = Delivery.Channel.TELEGRAM
CHAT_GONE = ("chat not found", "user is deactivated", "bot was blocked", "bot was kicked")


def _retry_after_seconds(exc: RetryAfter) -> float:
    # PTB 22 warns that retry_after becomes a timedelta in its next major version; accept both.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _prepare(delivery_id: int):
    """Claims the delivery; answers (chat_id, Reply) to send, or None when there is nothing to
    send (someone else has it, it is not due, or the user can no longer be reached)."""
    now = timezone.now()
    if not notification_services.delivery_claim(delivery_id=delivery_id, channel=TELEGRAM, now=now):
        return None
    delivery = notification_selectors.delivery_get_for_sending(delivery_id=delivery_id)
    user_id = delivery.notification.user_id
    chat_id = telegram_reachable_user_ids(user_ids=[user_id]).get(user_id)
    if chat_id is None:
        notification_services.delivery_mark_failed(
            delivery_id=delivery_id, error="Telegram is not linked or not reachable", now=now
        )
        return None
    return chat_id, render_notification(delivery.notification)


@transaction.atomic
def _permanent_failure(*, delivery_id: int, chat_id: int, error: str, chat_gone: bool) -> None:
    now = timezone.now()
    notification_services.delivery_mark_failed(delivery_id=delivery_id, error=error, now=now)
    if chat_gone:
        telegram_services.telegram_profile_deactivate_chat(chat_id=chat_id, reason=error)


class DeliverySender:
    def __init__(self, bot: Bot):
        self.bot = bot
        self.queue: asyncio.Queue[int] = asyncio.Queue()
        self._timers: set[asyncio.TimerHandle] = set()

    def enqueue(self, delivery_ids) -> None:
        for delivery_id in delivery_ids:
            self.queue.put_nowait(int(delivery_id))

    async def sweep(self) -> None:
        """Everything pending and due: at start-up and after every (re)subscription."""
        ids = await run_sync(
            notification_selectors.delivery_ids_due, channel=TELEGRAM, now=timezone.now()
        )
        if ids:
            logger.info("Picking up %d pending Telegram deliveries", len(ids))
        self.enqueue(ids)

    async def run(self) -> None:
        while True:
            delivery_id = await self.queue.get()
            try:
                await self.deliver(delivery_id)
            except asyncio.CancelledError:
                raise
            except Exception:  # one broken delivery must not stop the others
                logger.exception("Unexpected error delivering %s", delivery_id)

    async def deliver(self, delivery_id: int) -> str:
        prepared = await run_sync(_prepare, delivery_id)
        if prepared is None:
            return "skipped"
        chat_id, reply = prepared
        try:
            await self.bot.send_message(
                chat_id=chat_id, text=reply.text, reply_markup=markup(reply)
            )
        except RetryAfter as exc:
            wait = _retry_after_seconds(exc)
            logger.warning("Telegram flood control: delivery %s waits %ss", delivery_id, wait)
            await run_sync(
                notification_services.delivery_release,
                delivery_id=delivery_id,
                error=str(exc),
                now=timezone.now(),
                retry_at=timezone.now() + timedelta(seconds=wait),
            )
            self._retry_later(delivery_id, wait)
            return "retry_after"
        except Forbidden as exc:
            await run_sync(
                _permanent_failure,
                delivery_id=delivery_id,
                chat_id=chat_id,
                error=f"Forbidden: {exc.message}",
                chat_gone=True,
            )
            return "failed"
        except BadRequest as exc:
            gone = any(marker in exc.message.lower() for marker in CHAT_GONE)
            await run_sync(
                _permanent_failure,
                delivery_id=delivery_id,
                chat_id=chat_id,
                error=f"BadRequest: {exc.message}",
                chat_gone=gone,
            )
            return "failed"
        except TelegramError as exc:  # network, timeouts, 5xx: try again later
            await run_sync(
                notification_services.delivery_release,
                delivery_id=delivery_id,
                error=f"{type(exc).__name__}: {exc.message}",
                now=timezone.now(),
            )
            return "pending"
        await run_sync(
            notification_services.delivery_mark_sent, delivery_id=delivery_id, now=timezone.now()
        )
        return "sent"

    def _retry_later(self, delivery_id: int, wait: float) -> None:
        loop = asyncio.get_running_loop()
        handle = loop.call_later(wait + 0.05, self.queue.put_nowait, delivery_id)
        self._timers.add(handle)

    def cancel_timers(self) -> None:
        for handle in self._timers:
            handle.cancel()
        self._timers.clear()


async def listen(sender: DeliverySender, *, ready: asyncio.Event | None = None) -> None:
    """Subscribes to the outbox channel and feeds the sender; reconnects with backoff."""
    backoff = 1.0
    channel = telegram_channel_name()
    while True:
        client = aioredis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=5)
        try:
            async with client.pubsub() as pubsub:
                await pubsub.subscribe(channel)
                logger.info("Listening for deliveries on %s", channel)
                await sender.sweep()  # after subscribing, so nothing falls between the two
                if ready is not None:
                    ready.set()
                backoff = 1.0
                async for message in pubsub.listen():
                    if message.get("type") != "message":
                        continue
                    try:
                        sender.enqueue(json.loads(message["data"])["delivery_ids"])
                    except (ValueError, KeyError, TypeError):
                        logger.warning("Ignoring a malformed outbox message: %r", message["data"])
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # Redis or the database is away: wait, reconnect, sweep
            logger.warning(
                "Outbox listener lost its connection (%s); retrying in %.0fs", exc, backoff
            )
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 30)
        finally:
            await client.aclose()
