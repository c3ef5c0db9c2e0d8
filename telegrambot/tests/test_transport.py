"""The transport's sorting of Telegram errors, with a stand-in Bot (the e2e tests use HTTP)."""

import warnings

import pytest
from asgiref.sync import async_to_sync
from django.utils import timezone
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBDeprecationWarning

from notifications.models import Delivery
from notifications.services import NotificationSpec, notifications_create
from telegrambot.bot.transport import DeliverySender
from telegrambot.models import TelegramProfile
from telegrambot.tests.conftest import bind

pytestmark = pytest.mark.django_db


class StandInBot:
    def __init__(self, error=None):
        self.error = error
        self.sent = []

    async def send_message(self, **kwargs):
        if self.error is not None:
            raise self.error
        self.sent.append(kwargs)


@pytest.fixture
def delivery(user, telegram_on):
    bind(user, chat_id=77)
    spec = NotificationSpec(user=user, kind="reminder", title="T", body="B", dedupe_key="k")
    notifications_create(specs=[spec], now=timezone.now())
    return Delivery.objects.get()


def _deliver(bot, delivery) -> str:
    sender = DeliverySender(bot)
    result = async_to_sync(sender.deliver)(delivery.pk)
    sender.cancel_timers()
    delivery.refresh_from_db()
    return result


def test_a_sent_delivery_is_marked_sent_and_never_sent_again(delivery):
    bot = StandInBot()
    assert _deliver(bot, delivery) == "sent"
    assert (delivery.status, delivery.attempts, bot.sent[0]["chat_id"]) == ("sent", 1, 77)
    assert _deliver(bot, delivery) == "skipped"
    assert len(bot.sent) == 1


@pytest.mark.parametrize(
    "error",
    [
        Forbidden("Forbidden: bot was blocked by the user"),
        BadRequest("Bad Request: chat not found"),
    ],
)
def test_permanent_errors_fail_the_delivery_and_deactivate_the_profile(delivery, user, error):
    assert _deliver(StandInBot(error), delivery) == "failed"
    assert delivery.status == "failed" and delivery.last_error
    assert TelegramProfile.objects.get(user=user).is_active is False


def test_another_bad_request_fails_only_the_delivery(delivery, user):
    _deliver(StandInBot(BadRequest("Bad Request: message is too long")), delivery)
    assert delivery.status == "failed"
    assert TelegramProfile.objects.get(user=user).is_active is True


def test_flood_control_waits_retry_after(delivery):
    before = timezone.now()
    with warnings.catch_warnings():  # PTB 22 warns about retry_after's future type
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        flood = RetryAfter(30)
    assert _deliver(StandInBot(flood), delivery) == "retry_after"
    assert delivery.status == "pending"
    assert (delivery.not_before - before).total_seconds() >= 29


@pytest.mark.parametrize("error", [NetworkError("Bad Gateway"), TimedOut()])
def test_transient_errors_leave_it_pending(delivery, error):
    assert _deliver(StandInBot(error), delivery) == "pending"
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
