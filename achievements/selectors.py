"""Reads of achievements: the catalogue as one user sees it, the cached percentages, the export."""

from django.conf import settings
from django.core.cache import cache

from achievements.catalogue import AchievementDefinition
from achievements.models import AchievementProgress, UserAchievement

PERCENTAGES_CACHE_KEY = "achievements:percentages"


def percentages_cache_seconds() -> int:
    return settings.ACHIEVEMENTS_PERCENT_CACHE_SECONDS


def achievement_percentages_cached() -> dict | None:
    """{"users": n, "holders": {code: n}} as the beat task last computed it; None when the cache
    has nothing (before the first run, or Redis lost it). Never computed here."""
    return cache.get(PERCENTAGES_CACHE_KEY)


def _percent(code: str, cached: dict | None) -> float | None:
    """Null when unknown, and on an instance with fewer users than the setting: a percentage of
    three people tells each of them what the others did."""
    if cached is None or cached["users"] < settings.ACHIEVEMENTS_MIN_USERS_FOR_PERCENT:
        return None
    return round(100 * cached["holders"].get(code, 0) / cached["users"], 1)


def achievement_rows_for_user(
    *, user, definitions: list[AchievementDefinition], percentages: dict | None
) -> list[dict]:
    """The definitions as the user sees them: earned or not and when, seen or not, progress
    toward a countable one, the share of users holding it. Two queries whatever the number."""
    earned = {
        code: (earned_at, seen_at)
        for code, earned_at, seen_at in UserAchievement.objects.filter(user=user).values_list(
            "achievement__code", "earned_at", "seen_at"
        )
    }
    measures = (
        AchievementProgress.objects.filter(user=user).values_list("measures", flat=True).first()
        or {}
    )
    rows = []
    for definition in definitions:
        earned_at, seen_at = earned.get(definition.code, (None, None))
        current = measures.get(definition.measure, 0)
        if earned_at is not None:  # held for good, whatever the measure says today
            current = max(current, definition.target)
        rows.append(
            {
                "code": definition.code,
                "name": definition.name,
                "description": definition.description,
                "icon": definition.icon,
                "tier": definition.tier,
                "earned": earned_at is not None,
                "earned_at": earned_at,
                "seen": seen_at is not None,
                "progress": (
                    {"current": min(current, definition.target), "target": definition.target}
                    if definition.countable
                    else None
                ),
                "percent_of_users": _percent(definition.code, percentages),
            }
        )
    return rows


def achievements_export_for_user(user) -> dict:
    return {
        "earned": [
            {
                "code": code,
                "earned_at": earned_at.isoformat(),
                "seen_at": seen_at.isoformat() if seen_at else None,
                "backfilled": backfilled,
            }
            for code, earned_at, seen_at, backfilled in UserAchievement.objects.filter(user=user)
            .order_by("earned_at", "id")
            .values_list("achievement__code", "earned_at", "seen_at", "backfilled")
        ],
        "measures": AchievementProgress.objects.filter(user=user)
        .values_list("measures", flat=True)
        .first()
        or {},
    }
