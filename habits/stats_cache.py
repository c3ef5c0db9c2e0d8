"""The Redis cache of per-habit stats and how it is kept fresh.

Kept apart from habits.services so habit_instances can invalidate without importing the habit
services (which themselves call the instance services).

An entry `habit_stats:<habit_id>` is used only while all of these hold (see docs/habits.md):
- it was computed for the owner's current local day and zone (`as_of`, `zone`);
- it was not deleted: a mark, a habit edit or a single-habit sync deletes the key
  (`habit_stats_invalidate`), now and again after commit;
- its zone's generation token is the one it was computed under: the generation beat replaces
  the token of every zone it inserted instances for (`habit_stats_zones_changed`), one key per
  zone instead of one delete per habit;
- its `valid_until` is still ahead. The deadline sweep only changes an open instance once a time
  stored on that instance has passed (scheduled_at for scheduled -> pending, fix_deadline for
  open -> fix_expired), so an entry is valid until the earliest such time among the open
  instances it was computed from. The sweep invalidates nothing per habit; it only records the
  latest `now` it moved anything at (`habit_stats_swept`), so a sweep whose clock runs ahead of
  a reader's still wins.
"""

import uuid
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

SWEPT_UNTIL_KEY = "habit_stats_swept_until"


def habit_stats_key(habit_id: int) -> str:
    return f"habit_stats:{habit_id}"


def habit_stats_zone_key(timezone: str) -> str:
    return f"habit_stats_zone:{timezone}"


def habit_stats_invalidate(*, habit_ids: Iterable[int]) -> None:
    """Forgets the cached stats of these habits: now and again after commit.

    Now, so a read later in the same transaction (or a test) sees fresh numbers; after commit,
    because a concurrent request may have cached the old rows between the two moments.
    For a handful of habits (marks, edits); bulk writers use the zone token or the sweep mark.
    """
    keys = [habit_stats_key(habit_id) for habit_id in set(habit_ids)]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def habit_stats_zones_changed(*, timezones: Iterable[str]) -> None:
    """New instances were inserted for habits of owners in these zones: every entry of those
    zones is stale. A fresh random token per zone, now and again after commit."""
    zones = sorted(set(timezones))
    if not zones:
        return

    def replace_tokens():
        cache.set_many({habit_stats_zone_key(zone): uuid.uuid4().hex for zone in zones}, None)

    replace_tokens()
    transaction.on_commit(replace_tokens)


def habit_stats_swept(*, now: datetime) -> None:
    """The sweep moved instances at `now`: entries valid only until `now` or earlier are stale
    even for a reader whose own clock is behind. Set now (the sweep's own transaction may still
    be open, readers then recompute from the old rows and mark them stale the same way)."""
    latest = cache.get(SWEPT_UNTIL_KEY)
    if latest is None or latest < now:
        cache.set(SWEPT_UNTIL_KEY, now, None)


def habit_stats_cache_read(
    habit_ids: Iterable[int], *, timezone: str
) -> tuple[dict[int, dict], str | None, datetime | None]:
    """The cached entries, the zone's generation token and the sweep mark: one round trip."""
    zone_key = habit_stats_zone_key(timezone)
    found = cache.get_many(
        [habit_stats_key(habit_id) for habit_id in habit_ids] + [zone_key, SWEPT_UNTIL_KEY]
    )
    token = found.pop(zone_key, None)
    swept_until = found.pop(SWEPT_UNTIL_KEY, None)
    entries = {int(key.rsplit(":", 1)[1]): value for key, value in found.items()}
    return entries, token, swept_until


def habit_stats_cache_set_many(entries: dict[int, dict]) -> None:
    if entries:
        cache.set_many(
            {habit_stats_key(habit_id): value for habit_id, value in entries.items()},
            timeout=settings.HABIT_STATS_CACHE_SECONDS,
        )
