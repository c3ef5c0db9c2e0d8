"""One long-polling bot per token: a lease in Redis that only its holder polls under.

Telegram answers a second getUpdates client with 409 Conflict, and two pollers would each take
some of the updates; so a second `runbot` waits as a standby instead of polling. The lease is a
Redis key with a TTL (SET NX PX) that the holder renews while it polls and deletes when it
stops. A holder that dies without releasing (SIGKILL, a lost host) stops renewing, the key
expires after TELEGRAM_POLLER_LOCK_SECONDS, and a standby takes over.
"""

import logging
import os
import signal
import socket
import threading
import uuid

import redis
from django.conf import settings

logger = logging.getLogger(__name__)

# Compare-and-act on the holder's token, so a holder whose lease already expired (and was taken
# by another) never extends or deletes the new holder's lease.
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0"""


def poller_lock_key() -> str:
    """Per bot (the numeric id before the token's colon) and per deployment namespace."""
    bot_id = settings.TELEGRAM_BOT_TOKEN.split(":", 1)[0]
    return f"{settings.REDIS_NAMESPACE}:telegrambot:poller:{bot_id}"


class PollerLock:
    def __init__(self, *, client: redis.Redis, key: str, ttl_seconds: float):
        self.client = client
        self.key = key
        self.ttl_ms = int(ttl_seconds * 1000)
        # who holds it, for the standby's log line and for operators reading the key
        self.token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    @property
    def ttl_seconds(self) -> float:
        return self.ttl_ms / 1000

    def acquire(self) -> bool:
        return bool(self.client.set(self.key, self.token, nx=True, px=self.ttl_ms))

    def renew(self) -> bool:
        """False when the lease is no longer ours (it expired and someone else took it)."""
        return bool(self.client.eval(_RENEW, 1, self.key, self.token, self.ttl_ms))

    def release(self) -> bool:
        return bool(self.client.eval(_RELEASE, 1, self.key, self.token))

    def holder(self) -> str | None:
        value = self.client.get(self.key)
        return value.decode() if value is not None else None

    def wait_until_acquired(self, *, stop: threading.Event) -> bool:
        """Blocks until the lease is ours (True) or `stop` is set (False). Redis being away
        is waited out the same way."""
        interval = max(0.2, min(5.0, self.ttl_seconds / 3))
        announced = False
        while not stop.is_set():
            try:
                if self.acquire():
                    logger.info("Holding the Telegram poller lease %s as %s", self.key, self.token)
                    return True
                if not announced:
                    logger.warning(
                        "Another bot (%s) is polling this token; waiting as a standby",
                        self.holder(),
                    )
                    announced = True
            except redis.RedisError as exc:
                logger.warning("Cannot reach Redis for the poller lease (%s); retrying", exc)
            stop.wait(interval)
        return False


def poller_lock() -> PollerLock:
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=5, socket_timeout=5)
    return PollerLock(
        client=client, key=poller_lock_key(), ttl_seconds=settings.TELEGRAM_POLLER_LOCK_SECONDS
    )


def wait_for_lease(lock: PollerLock) -> bool:
    """wait_until_acquired, with SIGTERM and SIGINT ending the wait cleanly (exit status 0).
    The handlers are put back afterwards: python-telegram-bot installs its own for polling."""
    stop = threading.Event()
    previous = {
        sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        return lock.wait_until_acquired(stop=stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
