"""The version of a user's habit data: what lets a response that shows them (Today's list) be kept
whole in Redis and still never show a change late.

Every writer of a user's habits or instances calls `habit_data_changed` inside its transaction.
A version is a token of core.versions (kind "habit_data"): its docstring says why a token and
why no write between a reader's two reads can leave a stale entry.

Writers that move many users' rows at moments known in advance (the deadline sweep) set no
version: the readers bound their entries by those moments (habits.kept), and the sweep records how
far it has moved things (`habit_data_bulk_written`), so a reader whose clock is behind the sweep's
still sees an entry end.
"""

from collections.abc import Iterable
from datetime import datetime

from django.core.cache import cache

from core.versions import version_current, version_key, versions_renew

# The latest `now` at which a bulk writer (the sweep, the generation) changed instances.
BULK_WRITTEN_KEY = "habit_stats_bulk_written"
KIND = "habit_data"


def habit_data_version_key(user_id: int) -> str:
    return version_key(KIND, user_id)


def habit_data_changed(*, user_ids: Iterable[int]) -> None:
    """These users' habits or instances changed (or are changing in this transaction)."""
    versions_renew(KIND, owner_ids=user_ids)


def habit_data_version(*, user_id: int, found: str | None) -> str:
    """The user's current version, given what a read of its key `found`."""
    return version_current(KIND, owner_id=user_id, found=found)


def habit_data_bulk_written(*, now: datetime) -> None:
    """The sweep or the generation changed instances at `now`: entries valid only until `now` or
    earlier are stale even for a reader whose own clock is behind. Set at once, inside the
    writer's transaction: a reader that then recomputes from the old rows gets an entry that is
    already out of date by the same rule."""
    latest = cache.get(BULK_WRITTEN_KEY)
    if latest is None or latest < now:
        cache.set(BULK_WRITTEN_KEY, now, None)
