"""The Redis cache of per-habit stats: keys, reads, writes and deletion.

When an entry may be used is the freshness rule, in habit_instances/stats/freshness.py.
"""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from core.rendering import render_json
from habits.data_version import BULK_WRITTEN_KEY


def habit_stats_key(habit_id: int) -> str:
    return f"habit_stats:{habit_id}"


def habit_stats_invalidate(*, habit_ids: Iterable[int]) -> None:
    """Forgets the cached stats of these habits: now and again after commit.

    Now, so a read later in the same transaction (or a test) sees fresh numbers; after commit,
    because a concurrent request may have cached the old rows between the two moments.
    For a handful of habits (marks, edits); the bulk writers rely on `valid_until` instead
    (stats/freshness.py).
    """
    keys = [habit_stats_key(habit_id) for habit_id in set(habit_ids)]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def habit_stats_cache_read(habit_ids: Iterable[int]) -> tuple[dict[int, dict], datetime | None]:
    """The cached entries and the bulk writers' mark, in one round trip."""
    found = cache.get_many(
        [habit_stats_key(habit_id) for habit_id in habit_ids] + [BULK_WRITTEN_KEY]
    )
    written = found.pop(BULK_WRITTEN_KEY, None)
    return {int(key.rsplit(":", 1)[1]): value for key, value in found.items()}, written


def habit_stats_render(stats: dict) -> bytes:
    """The stats as /api/habits/{id}/stats/ sends them: DRF's JSONRenderer with the project's
    settings and no indentation, exactly the bytes a `Response(stats)` would render. Entries keep
    these bytes (and only these: the stats are plain JSON types, so `json.loads` gives them back
    equal), so a warm request answers without rendering 30 KB again."""
    return render_json(stats)


def habit_stats_cache_set_many(entries: dict[int, dict]) -> None:
    if entries:
        cache.set_many(
            {habit_stats_key(habit_id): value for habit_id, value in entries.items()},
            timeout=settings.HABIT_STATS_CACHE_SECONDS,
        )


# Who a habit's stats belong to, as the last read that asked the database found it: (owner id,
# the owner's data version then). While the owner's version is still that one, nothing of theirs
# has been written since, so the habit is still theirs and still there (a delete sets a new
# version), and a read answers from the cache without asking again (selectors).
def habit_stats_owner_key(habit_id: int) -> str:
    return f"habit_stats_owner:{habit_id}"


def habit_stats_owner_set(*, habit_id: int, user_id: int, version: str) -> None:
    cache.set(
        habit_stats_owner_key(habit_id),
        (user_id, version),
        timeout=settings.HABIT_STATS_CACHE_SECONDS,
    )
