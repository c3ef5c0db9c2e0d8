"""Runs synchronous ORM code from the bot's event loop.

Every call runs in Django's one sync thread (thread_sensitive) and is framed by
close_old_connections(), as a web request is, so a restarted database or an expired
connection does not poison the long-running bot.
"""

from asgiref.sync import sync_to_async
from django.db import close_old_connections, connection


def _recycle() -> None:
    # Inside a transaction (only ever a test's) the connection is not ours to close.
    if not connection.in_atomic_block:
        close_old_connections()


def _framed(fn, *args, **kwargs):
    _recycle()
    try:
        return fn(*args, **kwargs)
    finally:
        _recycle()


async def run_sync(fn, /, *args, **kwargs):
    return await sync_to_async(_framed, thread_sensitive=True)(fn, *args, **kwargs)
