"""Delivers Telegram deliveries from the outbox: the only code that sends notifications.

A pipeline in the bot's event loop, so database hops and HTTP overlap:
- the claimer takes the published ids that are waiting (up to CLAIM_BATCH), claims them with one
  conditional UPDATE ... RETURNING and loads their notifications and chats with one query;
- TELEGRAM_SEND_CONCURRENCY sender tasks send them, each send waiting for its slot of the
  SendLimiter (Telegram's ~30 messages/s per bot and ~1/s per chat);
- the marker marks everything sent since its last hop with one UPDATE.
Claims are taken only a little ahead of sending (the hand-over queue holds CLAIM_BATCH), so a
claim never waits anywhere near the lease.

Like healthchecks' Telegram transport, errors are sorted:
- permanent (403 bot blocked / user deactivated, 400 chat not found, other 400s): the delivery
  is failed; when the chat itself is gone the profile is marked inactive;
- 429 flood control: every send of the bot pauses for `retry_after`, and the delivery goes back
  to pending not before then and is retried by this process once that time has passed;
- everything else (timeouts, network, 5xx): back to pending, the republish task retries it.
"""

import asyncio
import json
import logging
import warnings
from collections import Counter
from dataclasses import dataclass
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
from telegrambot import services as telegram_services
from telegrambot.bot.db import run_sync
from telegrambot.bot.keyboards import markup
from telegrambot.bot.limiter import SendLimiter
from telegrambot.bot.notification_replies import render_notification
from telegrambot.bot.replies import Reply
from telegrambot.channel import TELEGRAM, telegram_pubsub_channel
from telegrambot.selectors import telegram_deliveries_get

logger = logging.getLogger(__name__)

CHAT_GONE = ("chat not found", "user is deactivated", "bot was blocked", "bot was kicked")
CLAIM_BATCH = 50  # ids per claim UPDATE, and claimed deliveries waiting for a sender task
# A delivery whose chat cannot be written to for longer than this gives its claim back and is
# re-queued when the chat's turn comes, instead of holding a sender task while others wait.
CHAT_HOLD_SECONDS = 1.0


def _retry_after_seconds(exc: RetryAfter) -> float:
    # PTB 22 warns that retry_after becomes a timedelta in its next major version; accept both.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


@dataclass(frozen=True)
class Outgoing:
    delivery_id: int
    chat_id: int
    reply: Reply


def _claim(delivery_ids: list[int]) -> list[Outgoing]:
    """Claims what it can of these deliveries; answers the messages to send. Ids someone else
    has, or that are not due, are skipped; a user who can no longer be reached fails."""
    now = timezone.now()
    won = notification_services.deliveries_claim(
        delivery_ids=delivery_ids, channel=TELEGRAM, now=now
    )
    if not won:
        return []
    outgoing = []
    for delivery in telegram_deliveries_get(delivery_ids=won):
        if delivery.chat_id is None:
            notification_services.delivery_mark_failed(
                delivery_id=delivery.pk, error="Telegram is not linked or not reachable"
            )
        else:
            reply = render_notification(delivery.notification)
            outgoing.append(Outgoing(delivery.pk, delivery.chat_id, reply))
    return outgoing


@transaction.atomic
def _permanent_failure(*, delivery_id: int, chat_id: int, error: str, chat_gone: bool) -> None:
    notification_services.delivery_mark_failed(delivery_id=delivery_id, error=error)
    if chat_gone:
        telegram_services.telegram_profile_deactivate_chat(chat_id=chat_id, reason=error)


class DeliverySender:
    def __init__(self, bot: Bot, *, concurrency: int | None = None, limiter=None):
        self.bot = bot
        self.concurrency = max(concurrency or settings.TELEGRAM_SEND_CONCURRENCY, 1)
        self.limiter = limiter or SendLimiter(
            rate_per_second=settings.TELEGRAM_SEND_RATE_PER_SECOND,
            chat_interval=settings.TELEGRAM_SEND_CHAT_INTERVAL_SECONDS,
        )
        self.queue: asyncio.Queue[int] = asyncio.Queue()  # published ids, not yet claimed
        self._outgoing: asyncio.Queue[Outgoing] = asyncio.Queue(maxsize=CLAIM_BATCH)
        self._sent: asyncio.Queue[int] = asyncio.Queue()  # accepted by Telegram, not yet marked
        self._unsent: set[int] = set()  # claimed here, not yet handed to Telegram
        self._timers: set[asyncio.TimerHandle] = set()
        self.outcomes: Counter[str] = Counter()

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
        """The claimer, the sender tasks and the marker, until cancelled; then gives back the
        claims it never tried and marks what Telegram already accepted."""
        tasks = [
            asyncio.create_task(self._claim_loop(), name="outbox-claimer"),
            asyncio.create_task(self._mark_loop(), name="outbox-marker"),
            *(
                asyncio.create_task(self._send_loop(), name=f"outbox-sender-{number}")
                for number in range(self.concurrency)
            ),
        ]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await self._hand_back()

    async def settle(self) -> None:
        """Until every id enqueued so far is claimed, sent and marked (or sorted out)."""
        await self.queue.join()
        await self._outgoing.join()
        await self._sent.join()

    async def _claim_loop(self) -> None:
        while True:
            ids = [await self.queue.get()]
            while len(ids) < CLAIM_BATCH and not self.queue.empty():
                ids.append(self.queue.get_nowait())
            try:
                outgoing = await run_sync(_claim, sorted(set(ids)))
                self._unsent.update(item.delivery_id for item in outgoing)
                self.outcomes["skipped"] += len(ids) - len(outgoing)
                for item in outgoing:
                    await self._outgoing.put(item)
            except asyncio.CancelledError:
                raise
            except Exception:  # the database is away: the rows stay pending, republish retries
                logger.exception("Could not claim deliveries %s", ids)
            finally:
                for _ in ids:
                    self.queue.task_done()

    async def _send_loop(self) -> None:
        while True:
            item = await self._outgoing.get()
            try:
                self.outcomes[await self.send(item)] += 1
            except asyncio.CancelledError:
                raise
            except Exception:  # one broken delivery must not stop the others
                logger.exception("Unexpected error delivering %s", item.delivery_id)
            finally:
                self._outgoing.task_done()

    async def _mark_loop(self) -> None:
        while True:
            ids = [await self._sent.get()]
            while not self._sent.empty():
                ids.append(self._sent.get_nowait())
            try:
                await run_sync(self._mark_sent, ids)
            except asyncio.CancelledError:
                raise
            except Exception:  # they stay `sending`: the lease sends them again (the one window)
                logger.exception("Could not mark deliveries %s sent", ids)
            finally:
                for _ in ids:
                    self._sent.task_done()

    @staticmethod
    def _mark_sent(ids: list[int]) -> None:
        notification_services.deliveries_mark_sent(delivery_ids=ids, now=timezone.now())

    async def send(self, item: Outgoing) -> str:
        """Sends one claimed delivery when the limiter allows; answers what became of it."""
        delivery_id, chat_id = item.delivery_id, item.chat_id
        busy = self.limiter.chat_wait(chat_id)
        if busy > CHAT_HOLD_SECONDS:
            await run_sync(
                notification_services.deliveries_unclaim,
                delivery_ids=[delivery_id],
                not_before=timezone.now() + timedelta(seconds=busy),
            )
            self._unsent.discard(delivery_id)
            self._retry_later(delivery_id, busy)
            return "deferred"
        while True:
            epoch = self.limiter.epoch
            await asyncio.sleep(self.limiter.reserve(chat_id))
            await asyncio.sleep(self.limiter.owed(chat_id))  # the last send to it went late
            if not self.limiter.slot_void(epoch):
                break  # else a 429 arrived while it waited: a fresh slot, after the pause
        self.limiter.sent(chat_id)
        self._unsent.discard(delivery_id)
        try:
            try:
                await self.bot.send_message(
                    chat_id=chat_id, text=item.reply.text, reply_markup=markup(item.reply)
                )
            finally:
                # Again once Telegram answered: it received the message at the latest now, so the
                # chat's next one, a second after this, reaches it a second later whatever the
                # latency of either request (the mark above covers the time in flight).
                self.limiter.sent(chat_id)
        except RetryAfter as exc:
            wait = _retry_after_seconds(exc)
            logger.warning("Telegram flood control: delivery %s waits %ss", delivery_id, wait)
            self.limiter.pause(wait)
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
        self._sent.put_nowait(delivery_id)
        return "sent"

    async def _hand_back(self) -> None:
        """On the way out: what Telegram accepted is marked sent, and claims never handed to
        Telegram go back to pending at once rather than after the lease. A send that was in
        flight stays `sending`: whether Telegram took it is unknown, so the lease decides."""
        sent = []
        while not self._sent.empty():
            sent.append(self._sent.get_nowait())
        unsent, self._unsent = sorted(self._unsent), set()
        try:
            if sent:
                await run_sync(self._mark_sent, sent)
            if unsent:
                await run_sync(
                    notification_services.deliveries_unclaim,
                    delivery_ids=unsent,
                    not_before=timezone.now(),
                )
                logger.info("Gave back %d claimed deliveries on the way out", len(unsent))
        except Exception:  # the lease recovers them
            logger.exception("Could not hand back deliveries on the way out")

    def _retry_later(self, delivery_id: int, wait: float) -> None:
        def requeue() -> None:
            self._timers.discard(handle)
            self.queue.put_nowait(delivery_id)

        handle = asyncio.get_running_loop().call_later(wait + 0.05, requeue)
        self._timers.add(handle)

    def cancel_timers(self) -> None:
        for handle in self._timers:
            handle.cancel()
        self._timers.clear()


async def listen(sender: DeliverySender, *, ready: asyncio.Event | None = None) -> None:
    """Subscribes to the outbox channel and feeds the sender; reconnects with backoff."""
    backoff = 1.0
    channel = telegram_pubsub_channel()
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
