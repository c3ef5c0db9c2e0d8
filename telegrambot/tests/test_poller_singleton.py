"""One poller per bot token, proven with real `runbot` processes against the fake Bot API: a
second bot waits as a standby and never polls, takes over at once when the first stops on
SIGTERM (which releases the lease), and within the lease's TTL when the first is killed."""

import time

import pytest
import redis
from django.conf import settings

from telegrambot.bot.poller_lock import poller_lock_key
from telegrambot.tests.conftest import BotProcess

pytestmark = [pytest.mark.slow]
START_SECONDS = 45  # Django's start-up on a loaded 2-core box (as conftest's bound)


def wait_for_output(process: BotProcess, text: str, *, timeout: float = START_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while text not in process.output():
        if time.monotonic() > deadline:
            raise AssertionError(f"no {text!r} within {timeout}s:\n{process.output()}")
        time.sleep(0.2)


def lease_holder() -> str | None:
    value = redis.Redis.from_url(settings.REDIS_URL).get(poller_lock_key())
    return value.decode() if value is not None else None


@pytest.fixture
def standby(fake_telegram):
    process = BotProcess(fake_telegram)
    yield process
    process.kill()


def test_a_second_bot_waits_and_takes_over_as_soon_as_the_first_stops_on_sigterm(
    bot, standby, fake_telegram
):
    bot.start()
    standby.start(wait=False)
    wait_for_output(standby, "waiting as a standby")
    assert f":{bot.process.pid}:" in lease_holder()

    # Only the holder polls: one start-up against Telegram, one answer to a command.
    fake_telegram.push_text(chat_id=501, text="/help")
    fake_telegram.wait_for("sendMessage", chat_id=501)
    time.sleep(1)
    assert len(fake_telegram.calls_of("setMyCommands")) == 1
    assert len(fake_telegram.calls_of("sendMessage", chat_id=501)) == 1

    stopped_at = time.monotonic()
    assert bot.stop() == 0, bot.output()
    assert "Released the poller lease" in bot.output()
    fake_telegram.wait_for("setMyCommands", count=2, timeout=START_SECONDS)
    # The lease was released, not left to expire: the standby did not wait out the TTL.
    assert time.monotonic() - stopped_at < settings.TELEGRAM_POLLER_LOCK_SECONDS / 2
    assert f":{standby.process.pid}:" in lease_holder()
    fake_telegram.push_text(chat_id=502, text="/help")
    fake_telegram.wait_for("sendMessage", chat_id=502)

    assert standby.stop() == 0, standby.output()
    assert lease_holder() is None


def test_a_standby_takes_over_within_the_ttl_when_the_holder_dies_without_releasing(
    bot, standby, fake_telegram
):
    short_lease = {"TELEGRAM_POLLER_LOCK_SECONDS": "3"}
    bot.start(extra_env=short_lease)
    standby.start(wait=False, extra_env=short_lease)
    wait_for_output(standby, "waiting as a standby")
    # Renewed while it polls: still the first bot's well after one TTL.
    time.sleep(5)
    assert f":{bot.process.pid}:" in lease_holder()
    assert len(fake_telegram.calls_of("setMyCommands")) == 1

    bot.process.kill()  # SIGKILL: no release, the lease has to expire
    bot.process.wait(timeout=5)
    fake_telegram.wait_for("setMyCommands", count=2, timeout=20)
    assert f":{standby.process.pid}:" in lease_holder()
    fake_telegram.push_text(chat_id=503, text="/help")  # polling, not only started
    fake_telegram.wait_for("sendMessage", chat_id=503, timeout=20)
    assert standby.stop() == 0, standby.output()


def test_a_standby_stopped_by_sigterm_exits_cleanly_without_ever_polling(
    bot, standby, fake_telegram
):
    bot.start()
    standby.start(wait=False)
    wait_for_output(standby, "waiting as a standby")
    assert standby.stop() == 0, standby.output()
    assert "Stopped while waiting for the poller lease" in standby.output()
    assert len(fake_telegram.calls_of("setMyCommands")) == 1
    assert f":{bot.process.pid}:" in lease_holder()
