"""The transport with a stand-in Bot (the e2e tests use HTTP): error sorting, in the concurrent
pipeline, and what a stopping sender gives back."""

import asyncio
import time
import warnings

import pytest
from asgiref.sync import async_to_sync
from django.utils import timezone
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBDeprecationWarning

from notifications.models import Delivery
from notifications.services import NotificationRow, notifications_write
from telegrambot.bot.limiter import SendLimiter
from telegrambot.bot.transport import DeliverySender
from telegrambot.models import TelegramProfile
from tests_support import bind
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _flood(seconds: int) -> RetryAfter:
    with warnings.catch_warnings():  # PTB 22 warns about retry_after's future type
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        return RetryAfter(seconds)


class StandInBot:
    """Answers every send after `delay`, with the error given for its chat (or for all)."""

    def __init__(self, error=None, *, errors=None, delay=0.0):
        self.error, self.errors, self.delay = error, errors or {}, delay
        self.sent = []
        self.in_flight = self.most_in_flight = 0

    async def send_message(self, **kwargs):
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1
        error = self.errors.get(kwargs["chat_id"], self.error)
        if error is not None:
            raise error
        self.sent.append(kwargs)


def _unlimited():
    return SendLimiter(rate_per_second=0, chat_interval=0)


def _notify(users) -> list[Delivery]:
    notifications_write(
        rows=[
            NotificationRow(user_id=u.pk, kind="reminder", title="T", body="B", dedupe_key="k")
            for u in users
        ],
        now=timezone.now(),
    )
    return list(Delivery.objects.filter(notification__user__in=users).order_by("id"))


@pytest.fixture
def delivery(user, telegram_on):
    bind(user, chat_id=77)
    return _notify([user])[0]


def _run(bot, ids, *, concurrency=4, limiter=None) -> DeliverySender:
    """Runs the sender's pipeline until everything enqueued is claimed, sent and marked."""

    async def go():
        sender = DeliverySender(bot, concurrency=concurrency, limiter=limiter or _unlimited())
        task = asyncio.create_task(sender.run())
        sender.enqueue(ids)
        try:
            await asyncio.wait_for(sender.settle(), timeout=10)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            sender.cancel_timers()
        return sender

    return async_to_sync(go)()


def _deliver(bot, delivery) -> dict:
    outcomes = _run(bot, [delivery.pk]).outcomes
    delivery.refresh_from_db()
    return {name: count for name, count in outcomes.items() if count}


def test_a_sent_delivery_is_marked_sent_and_never_sent_again(delivery):
    bot = StandInBot()
    assert _deliver(bot, delivery) == {"sent": 1}
    assert (delivery.status, delivery.attempts, bot.sent[0]["chat_id"]) == ("sent", 1, 77)
    assert _deliver(bot, delivery) == {"skipped": 1}
    assert len(bot.sent) == 1


@pytest.mark.parametrize(
    "error",
    [
        Forbidden("Forbidden: bot was blocked by the user"),
        BadRequest("Bad Request: chat not found"),
    ],
)
def test_permanent_errors_fail_the_delivery_and_deactivate_the_profile(delivery, user, error):
    assert _deliver(StandInBot(error), delivery) == {"failed": 1}
    assert delivery.status == "failed" and delivery.last_error
    assert TelegramProfile.objects.get(user=user).is_active is False


def test_another_bad_request_fails_only_the_delivery(delivery, user):
    _deliver(StandInBot(BadRequest("Bad Request: message is too long")), delivery)
    assert delivery.status == "failed"
    assert TelegramProfile.objects.get(user=user).is_active is True


def test_flood_control_waits_retry_after(delivery):
    before = timezone.now()
    assert _deliver(StandInBot(_flood(30)), delivery) == {"retry_after": 1}
    assert delivery.status == "pending"
    assert (delivery.not_before - before).total_seconds() >= 29


@pytest.mark.parametrize("error", [NetworkError("Bad Gateway"), TimedOut()])
def test_transient_errors_leave_it_pending(delivery, error):
    assert _deliver(StandInBot(error), delivery) == {"pending": 1}
    assert delivery.status == "pending" and delivery.last_error


def test_transient_errors_give_up_after_the_attempt_limit(delivery, settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    _deliver(StandInBot(NetworkError("down")), delivery)
    _deliver(StandInBot(NetworkError("down")), delivery)
    assert delivery.status == "failed" and "gave up" in delivery.last_error


def test_an_unbound_user_fails_the_delivery_without_sending(delivery, user):
    TelegramProfile.objects.filter(user=user).update(is_bound=False)
    bot = StandInBot()
    _deliver(bot, delivery)
    assert delivery.status == "failed" and bot.sent == []


def test_concurrent_sends_sort_each_error_to_its_own_delivery(telegram_on):
    users = UserFactory.create_batch(12)
    for number, user in enumerate(users):
        bind(user, chat_id=1000 + number)
    deliveries = _notify(users)
    bot = StandInBot(
        delay=0.01,
        errors={
            1000: Forbidden("Forbidden: bot was blocked by the user"),
            1001: BadRequest("Bad Request: message is too long"),
            1002: NetworkError("Bad Gateway"),
            1011: _flood(30),  # the last one: a 429 holds back every send reserved after it
        },
    )
    limiter = _unlimited()
    sender = _run(bot, [d.pk for d in deliveries] * 2, concurrency=4, limiter=limiter)

    assert 1 < bot.most_in_flight <= 4
    statuses = dict(
        Delivery.objects.values_list("notification__user__telegram_profile__chat_id", "status")
    )
    assert [statuses[chat] for chat in (1000, 1001, 1002, 1011)] == [
        "failed",
        "failed",
        "pending",
        "pending",
    ]
    assert {statuses[chat] for chat in range(1003, 1011)} == {"sent"}
    assert sorted(call["chat_id"] for call in bot.sent) == list(range(1003, 1011))  # once each
    assert dict(sender.outcomes) == {
        "sent": 8,
        "failed": 2,
        "retry_after": 1,
        "pending": 1,
        "skipped": 12,  # the second publication of every id
    }
    active = dict(TelegramProfile.objects.values_list("chat_id", "is_active"))
    assert (active[1000], active[1001]) == (False, True)
    assert limiter.pause_left() > 25  # the 429 paused every send of the bot


def test_a_busy_chat_gives_its_claim_back_until_its_turn(user, telegram_on):
    bind(user, chat_id=55)
    notifications_write(
        rows=[
            NotificationRow(user_id=user.pk, kind="reminder", title="T", body="B", dedupe_key=key)
            for key in ("a", "b", "c")
        ],
        now=timezone.now(),
    )
    ids = list(Delivery.objects.order_by("id").values_list("id", flat=True))
    bot = StandInBot()
    sender = _run(bot, ids, concurrency=1, limiter=SendLimiter(rate_per_second=0, chat_interval=5))

    assert len(bot.sent) == 1 and sender.outcomes["deferred"] == 2
    waiting = Delivery.objects.exclude(status="sent")
    assert [(d.status, d.attempts) for d in waiting] == [("pending", 0), ("pending", 0)]
    assert all((d.not_before - timezone.now()).total_seconds() > 3 for d in waiting)


def test_a_stopping_sender_gives_back_the_claims_it_never_tried(telegram_on):
    users = UserFactory.create_batch(3)
    for number, user in enumerate(users):
        bind(user, chat_id=2000 + number)
    deliveries = _notify(users)

    async def go():
        bot = StandInBot(delay=60)  # the first send never comes back
        sender = DeliverySender(bot, concurrency=1, limiter=_unlimited())
        task = asyncio.create_task(sender.run())
        sender.enqueue([d.pk for d in deliveries])
        while bot.in_flight == 0:
            await asyncio.sleep(0.01)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    async_to_sync(go)()
    rows = [(d.status, d.attempts) for d in Delivery.objects.order_by("id")]
    # the one in flight may have reached Telegram: it stays claimed for the lease to decide
    assert rows == [("sending", 1), ("pending", 0), ("pending", 0)]


class TimedBot(StandInBot):
    """Notes when each send began and when Telegram's answer came back (monotonic seconds)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.spans = []

    async def send_message(self, **kwargs):
        began = time.monotonic()
        await super().send_message(**kwargs)
        self.spans.append((began, time.monotonic()))


def test_a_chats_next_message_starts_a_second_after_telegram_answered_the_last(user, telegram_on):
    """Telegram may receive a message as late as its answer: spacing counted from the answer
    keeps one message a second per chat whatever the latency of each request."""
    bind(user, chat_id=56)
    notifications_write(
        rows=[
            NotificationRow(user_id=user.pk, kind="reminder", title="T", body="B", dedupe_key=key)
            for key in ("a", "b")
        ],
        now=timezone.now(),
    )
    ids = list(Delivery.objects.order_by("id").values_list("id", flat=True))
    bot = TimedBot(delay=0.4)  # a slow request: in flight for 0.4 s
    _run(bot, ids, concurrency=2, limiter=SendLimiter(rate_per_second=0, chat_interval=1))

    (_, first_answered), (second_began, _) = sorted(bot.spans)
    assert second_began - first_answered >= 0.99  # asyncio's timer resolution, no more
