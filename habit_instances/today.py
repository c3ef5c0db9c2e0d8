"""Today's list kept whole in Redis: the rendered body of `GET /api/instances/today/` per user.

Today's list is what users open most, and it changes only when something writes the user's habits
or instances, or when a deadline passes. A warm request costs one Redis read beside the token
check: the entry, the user's data version and the bulk writers' mark, in one round trip.

An entry answers a read only while all of these hold:
1. **The version is the one it was stored under.** Every writer of the user's habits or
   instances sets a new one (habits.data_version says how, and why no write can be missed).
2. **No deadline of the user's open instances has passed.** The sweep moves instances at their
   `scheduled_at` and `fix_deadline` without telling anyone (it moves thousands at once), so an
   entry carries `valid_until`: the earliest such moment among the user's open instances of the
   last OPEN_DAYS_BACK days (not only today's: an open instance of yesterday that expires
   breaks a streak shown today), read by the rows' own statement, so from the same snapshot.
   The rule is the stats cache's (stats/freshness.py), its mark against clock skew included.
   With no rows there is nothing the sweep can change.
3. **The local day and the zone are those it was computed for.**

The generation adds instances for a chunk of users: it sets their versions like any writer.
Only the list as the client first asks for it (no query parameters) and only when it fits on its
page is kept: a page link holds the request's host.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache

from habit_instances.stats import freshness
from habit_instances.stats.cache import BULK_WRITTEN_KEY
from habits.data_version import habit_data_version, habit_data_version_key
from users.timezones import zone_named

ENTRY_SECONDS = 3600


def _entry_key(user_id: int) -> str:
    return f"instances_today:{user_id}"


@dataclass(frozen=True)
class TodayRead:
    """What one read found: the body when the entry is fresh, and what a new entry needs."""

    body: bytes | None
    user_id: int
    version: str
    now: datetime
    today: date
    zone_name: str


def today_cache_keys(user_id: int) -> list[str]:
    """What a read needs: the user's data version, the entry, the bulk writers' mark."""
    return [habit_data_version_key(user_id), _entry_key(user_id), BULK_WRITTEN_KEY]


def today_cached(*, user, now: datetime, found: dict | None = None) -> TodayRead:
    """The user's cached Today body if it may answer at `now`. `found`: the values of
    today_cache_keys already read (with the token check, users.authentication); else one Redis
    round trip here."""
    version_key, entry_key, _ = keys = today_cache_keys(user.pk)
    if found is None:
        found = cache.get_many(keys)
    version = habit_data_version(user_id=user.pk, found=found.get(version_key))
    zone_name = user.timezone
    today = now.astimezone(zone_named(zone_name)).date()
    entry = found.get(entry_key)
    fresh = (
        isinstance(entry, dict)
        and entry.get("version") == version
        and freshness.is_fresh(
            entry, today=today, zone_name=zone_name, now=now, written=found.get(BULK_WRITTEN_KEY)
        )
    )
    return TodayRead(
        body=entry["body"] if fresh else None,
        user_id=user.pk,
        version=version,
        now=now,
        today=today,
        zone_name=zone_name,
    )


def today_store(read: TodayRead, *, valid_until: datetime | None, body: bytes) -> None:
    """Keeps the body read after `read`, unless it is over already: an instance past its
    deadline that the sweep has not moved yet (it runs each minute) would end it at once."""
    if valid_until is not None and valid_until <= read.now:
        return
    entry = {
        **freshness.stamp(today=read.today, zone_name=read.zone_name, valid_until=valid_until),
        "version": read.version,
        "body": body,
    }
    cache.set(_entry_key(read.user_id), entry, timeout=ENTRY_SECONDS)
