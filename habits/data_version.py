"""The version of a user's habit data: what lets a response that shows them (Today's list) be kept
whole in Redis and still never show a change late.

Every writer of a user's habits or instances calls `habit_data_changed` inside its transaction.
A version is a random token, never a counter: a version key lost to eviction or a Redis restart
comes back as a token no entry was stored under, so a lost key can only cost a miss.

A reader reads the version together with its entry and keeps an entry only while the two match.
When it computes a new entry it stores it under the version it read *before* reading the
database. The writer sets a new version inside its transaction and again once it commits, so
whatever a reader read in between is stored under a version that is already gone:
- read the version, then the rows before the commit: the commit's new version orphans the entry;
- read the version set inside the transaction, then the new rows: orphaned too, only wasted;
- read the version after the commit: the rows are the committed ones.

Writers that move many users' rows at moments known in advance (the deadline sweep) set no
version: the readers bound their entries by those moments (habits.kept), and the sweep records how
far it has moved things (`habit_data_bulk_written`), so a reader whose clock is behind the sweep's
still sees an entry end.
"""

import uuid
from collections.abc import Iterable
from datetime import datetime

from django.core.cache import cache
from django.db import transaction

# The latest `now` at which a bulk writer (the sweep, the generation) changed instances.
BULK_WRITTEN_KEY = "habit_stats_bulk_written"
# Longer than any entry lives: an expired version only costs each of its user's entries one miss.
VERSION_SECONDS = 2 * 24 * 3600


def habit_data_version_key(user_id: int) -> str:
    return f"habit_data_version:{user_id}"


def _new_versions(user_ids: list[int]) -> None:
    cache.set_many(
        {habit_data_version_key(user_id): uuid.uuid4().hex for user_id in user_ids},
        timeout=VERSION_SECONDS,
    )


def habit_data_changed(*, user_ids: Iterable[int]) -> None:
    """These users' habits or instances changed (or are changing in this transaction): a new
    version now, and another once the transaction commits."""
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return
    _new_versions(user_ids)
    transaction.on_commit(lambda: _new_versions(user_ids))


def habit_data_version(*, user_id: int, found: str | None) -> str:
    """The user's current version, given what a read of its key `found`: a missing one is created
    (or, when another reader created it first, that one is used)."""
    if found is not None:
        return found
    key = habit_data_version_key(user_id)
    token = uuid.uuid4().hex
    if cache.add(key, token, timeout=VERSION_SECONDS):
        return token
    return cache.get(key) or token


def habit_data_bulk_written(*, now: datetime) -> None:
    """The sweep or the generation changed instances at `now`: entries valid only until `now` or
    earlier are stale even for a reader whose own clock is behind. Set at once, inside the
    writer's transaction: a reader that then recomputes from the old rows gets an entry that is
    already out of date by the same rule."""
    latest = cache.get(BULK_WRITTEN_KEY)
    if latest is None or latest < now:
        cache.set(BULK_WRITTEN_KEY, now, None)
