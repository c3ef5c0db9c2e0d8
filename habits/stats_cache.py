"""The Redis cache of per-habit stats: one key per habit, one invalidation function.

Kept apart from habits.services so habit_instances can invalidate without importing the habit
services (which themselves call the instance services).
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction


def habit_stats_key(habit_id: int) -> str:
    return f"habit_stats:{habit_id}"


def habit_stats_invalidate(*, habit_ids: Iterable[int]) -> None:
    """Forgets the cached stats of these habits: now and again after commit.

    Now, so a read later in the same transaction (or a test) sees fresh numbers; after commit,
    because a concurrent request may have cached the old rows between the two moments.
    """
    keys = [habit_stats_key(habit_id) for habit_id in set(habit_ids)]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def habit_stats_cache_get_many(habit_ids: Iterable[int]) -> dict[int, dict]:
    found = cache.get_many([habit_stats_key(habit_id) for habit_id in habit_ids])
    return {int(key.rsplit(":", 1)[1]): value for key, value in found.items()}


def habit_stats_cache_set_many(entries: dict[int, dict]) -> None:
    if entries:
        cache.set_many(
            {habit_stats_key(habit_id): value for habit_id, value in entries.items()},
            timeout=settings.HABIT_STATS_CACHE_SECONDS,
        )
