"""The Redis cache of habits-mood reports (docs/reports.md, "Cache").

An entry is keyed by user, range and the user's *report version* (a core.versions token, kind
"reports"). Every writer that changes what a report reads renews it (reports.services.invalidation:
marks, undos, habit edits, journal changes), so the user's older entries are never read again and
expire by their timeout. The
deadline sweep changes instances of many users at once and announces nothing per user: like the
habit stats, an entry carries `valid_until`, the earliest fix deadline among the open instances
it read (the moment the sweep may turn one into fix_expired), and a reader compares it with the
later of its own clock and the sweep's mark (habits.data_version.BULK_WRITTEN_KEY).
"""

from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache

from core.versions import version_current, version_key, versions_renew
from habits.data_version import BULK_WRITTEN_KEY

KIND = "reports"


def _report_key(user_id: int, version: str, date_from: date, date_to: date) -> str:
    return f"reports_habits_mood:{user_id}:{version}:{date_from.isoformat()}:{date_to.isoformat()}"


def report_version(user_id: int) -> str:
    return version_current(KIND, owner_id=user_id, found=cache.get(version_key(KIND, user_id)))


def reports_invalidate(*, user_id: int) -> None:
    """Forgets the user's cached reports: a new version now and again after commit."""
    versions_renew(KIND, owner_ids=[user_id])


def report_cache_get(*, user_id: int, date_from: date, date_to: date, now: datetime):
    """(the cached report or None, the version it would be stored under)."""
    version = report_version(user_id)
    key = _report_key(user_id, version, date_from, date_to)
    found = cache.get_many([key, BULK_WRITTEN_KEY])
    entry = found.get(key)
    if entry is None:
        return None, version
    valid_until = entry["valid_until"]
    latest = max(now, found.get(BULK_WRITTEN_KEY) or now)
    if valid_until is not None and latest >= valid_until:
        return None, version
    return entry["report"], version


def report_cache_set(
    *,
    user_id: int,
    version: str,
    date_from: date,
    date_to: date,
    report: dict,
    valid_until: datetime | None,
) -> None:
    cache.set(
        _report_key(user_id, version, date_from, date_to),
        {"report": report, "valid_until": valid_until},
        timeout=settings.REPORTS_CACHE_SECONDS,
    )
