"""Responses kept whole in Redis per user: the rendered body of a list a user opens all the time
(Today's instances, the habit list), answered again without the database until it changes.

An entry answers a read only while all of these hold:
1. **The user's data version is the one it was stored under.** Every writer of the user's habits
   or instances sets a new one (habits.data_version says how, and why no write can be missed).
2. **No moment has passed at which the rows change without a write** (`valid_until`): the sweep
   moves instances at their `scheduled_at` and `fix_deadline` without telling anyone, and a
   habit's next due date moves on at today's fix deadline. The reader computes that moment from
   the rows it renders, read by the same statement, and compares it with the later of its own
   clock and the bulk writers' mark (`habits.data_version.BULK_WRITTEN_KEY`), so a sweep whose
   clock runs ahead still ends the entry. A body whose moment has passed already (the sweep, each
   minute, has not moved it yet) is not kept at all.
3. **The local day and the zone are those it was computed for.**

The stats cache (habit_instances/stats/freshness.py) applies the same test, `is_fresh`, without
a version: its writers delete its keys instead. A view reads its entry's keys in the token
check's own Redis round trip (`cache_keys_read_with_user`, users.authentication).
"""

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.http import HttpResponse
from rest_framework import serializers

from core.rendering import prerendered_json, render_json
from habits.data_version import BULK_WRITTEN_KEY, habit_data_version, habit_data_version_key
from users.timezones import zone_named

ENTRY_SECONDS = 3600


def stamp(*, today: date, zone_name: str, valid_until: datetime | None) -> dict:
    """The freshness fields of a new entry (the cache adds the body)."""
    return {"as_of": today.isoformat(), "zone": zone_name, "valid_until": valid_until}


def is_fresh(
    entry: dict, *, today: date, zone_name: str, now: datetime, written: datetime | None
) -> bool:
    """Whether a cached entry may answer a read at `now`; `written` is the bulk writers' mark."""
    horizon = max(now, written) if written else now
    return (
        isinstance(entry.get("body"), bytes)  # an entry of an earlier format (a dict) is a miss
        and entry.get("as_of") == today.isoformat()
        and entry.get("zone") == zone_name
        and (entry.get("valid_until") is None or horizon < entry["valid_until"])
    )


def _entry_key(name: str, user_id: int) -> str:
    return f"kept:{name}:{user_id}"


def kept_keys(name: str, user_id: int) -> list[str]:
    """What a read of the list `name` needs: the user's data version, the entry, the mark."""
    return [habit_data_version_key(user_id), _entry_key(name, user_id), BULK_WRITTEN_KEY]


@dataclass(frozen=True)
class KeptRead:
    """What one read found: the body when the entry may answer, and what a new entry needs."""

    body: bytes | None
    name: str
    user_id: int
    version: str
    now: datetime
    today: date
    zone_name: str


def kept_read(*, name: str, user, now: datetime, found: dict | None = None) -> KeptRead:
    """The user's kept body of the list `name` if it may answer at `now`. `found`: the values of
    kept_keys already read (with the token check); else one Redis round trip here."""
    version_key, entry_key, _ = keys = kept_keys(name, user.pk)
    if found is None:
        found = cache.get_many(keys)
    version = habit_data_version(user_id=user.pk, found=found.get(version_key))
    zone_name = user.timezone
    today = now.astimezone(zone_named(zone_name)).date()
    entry = found.get(entry_key)
    fresh = (
        isinstance(entry, dict)
        and entry.get("version") == version
        and is_fresh(
            entry, today=today, zone_name=zone_name, now=now, written=found.get(BULK_WRITTEN_KEY)
        )
    )
    return KeptRead(
        body=entry["body"] if fresh else None,
        name=name,
        user_id=user.pk,
        version=version,
        now=now,
        today=today,
        zone_name=zone_name,
    )


def kept_store(read: KeptRead, *, valid_until: datetime | None, body: bytes) -> None:
    """Keeps the body computed after `read` under the version `read` saw, unless it is over
    already."""
    if valid_until is not None and valid_until <= read.now:
        return
    entry = {
        **stamp(today=read.today, zone_name=read.zone_name, valid_until=valid_until),
        "version": read.version,
        "body": body,
    }
    cache.set(_entry_key(read.name, read.user_id), entry, timeout=ENTRY_SECONDS)


@functools.cache
def _shape_of(serializer_class) -> str:
    """A digest of the field names the list renders, nested ones too: a release that adds or
    removes a field keeps its lists under new keys instead of sending the old shape for up to
    ENTRY_SECONDS."""

    def names(serializer) -> list:
        return [
            (name, names(field) if isinstance(field, serializers.Serializer) else None)
            for name, field in serializer.fields.items()
        ]

    return hashlib.sha256(repr(names(serializer_class())).encode()).hexdigest()[:12]


# A list view whose list, as the client first asks for it, is kept: `kept_name` names it,
# `kept_response` answers. Its entry's keys come with the token check (users.authentication).
# (A comment, not a docstring: drf-spectacular would publish it as each view's description.)
class KeptListView:
    kept_name: str

    def _kept_key_name(self) -> str:
        return f"{self.kept_name}:{_shape_of(self.serializer_class)}"

    @staticmethod
    def _is_kept(request) -> bool:
        """Only the list as the client first asks for it: a GET without query parameters (a
        page, a page size or a filter is computed and not kept)."""
        return request.method == "GET" and not request.query_params

    def cache_keys_read_with_user(self, user_id: int) -> list[str]:
        # self.request is set by dispatch before authentication
        return kept_keys(self._kept_key_name(), user_id) if self._is_kept(self.request) else []

    def kept_response(
        self, request, *, now: datetime, compute: Callable[[], tuple[object, datetime | None]]
    ) -> HttpResponse:
        """The kept body, or `compute()`'s paginated response (and the moment its rows change
        without a write), kept when it is the whole list (not a list longer than a page, whose
        links hold the request's host)."""
        if not self._is_kept(request):
            return compute()[0]
        found = getattr(request, "cache_read_with_user", None)
        read = kept_read(name=self._kept_key_name(), user=request.user, now=now, found=found)
        if read.body is not None:
            return prerendered_json(request, read.body)
        response, valid_until = compute()
        if response.data["next"] is None and response.data["previous"] is None:
            kept_store(read, valid_until=valid_until, body=render_json(response.data))
        return response
