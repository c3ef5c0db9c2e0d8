"""Every write of achievements: the catalogue's rows, evaluating and awarding, the seen marks,
the percentages' cache, the backfill and the wipe.

Awarding: the user's measures (achievements.measures) against every definition of the
catalogue; the qualifying codes go to one INSERT … ON CONFLICT DO NOTHING RETURNING
(achievements.sql), and only the rows it returns are announced (ACHIEVEMENT_EARNED: rewards pays
its bonus) and written to the notification outbox, all in one transaction."""

import logging
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, Subquery

from achievements import sql
from achievements.catalogue import BY_CODE, CATALOGUE
from achievements.events import announce_achievement_earned
from achievements.measures import user_measures
from achievements.models import Achievement, AchievementProgress, UserAchievement
from achievements.selectors import PERCENTAGES_CACHE_KEY, percentages_cache_seconds
from core.replicas import replica_reads
from notifications.models import Notification
from notifications.services import NotificationRow, notifications_write

logger = logging.getLogger(__name__)


def achievements_sync(*, model=Achievement) -> dict[str, int]:
    """Writes the catalogue into Achievement rows: new codes are added, known ones updated,
    codes gone from the catalogue unlisted (kept for the rows that hold them). Idempotent.
    `model`: the data migration passes its historical model."""
    known = {row.code: row for row in model.objects.all()}
    created = updated = 0
    for position, definition in enumerate(CATALOGUE):
        values = {
            "name": definition.name,
            "description": definition.description,
            "icon": definition.icon,
            "tier": definition.tier,
            "measure": definition.measure,
            "target": definition.target,
            "position": position,
            "is_listed": True,
        }
        row = known.get(definition.code)
        if row is None:
            model.objects.create(code=definition.code, **values)
            created += 1
        elif any(getattr(row, field) != value for field, value in values.items()):
            model.objects.filter(pk=row.pk).update(**values)
            updated += 1
    unlisted = (
        model.objects.filter(is_listed=True).exclude(code__in=list(BY_CODE)).update(is_listed=False)
    )
    return {"created": created, "updated": updated, "unlisted": unlisted}


def _notification(user_id: int, code: str) -> NotificationRow:
    definition = BY_CODE[code]
    return NotificationRow(
        user_id=user_id,
        kind=Notification.Kind.ACHIEVEMENT_EARNED,
        title=f"🏆 Achievement earned: {definition.name}",
        body=definition.description,
        dedupe_key=f"achievement:{code}",
        payload={"achievement": code, "tier": definition.tier},
    )


@transaction.atomic
def achievements_evaluate_for_user(
    *, user_id: int, now: datetime, announce: bool = True
) -> list[str]:
    """Measures the user's history, keeps the measures as their progress and awards every
    achievement they now qualify for and do not hold. Answers the codes newly earned.

    `announce` False (the backfill): the rows are marked `backfilled` and nothing is announced:
    no coins, no notification (docs/motivation.md)."""
    measures = user_measures(user_id=user_id, now=now)
    if measures is None:
        return []
    AchievementProgress.objects.bulk_create(
        [AchievementProgress(user_id=user_id, measures=measures, updated_at=now)],
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=["measures", "updated_at"],
    )
    qualifying = [d.code for d in CATALOGUE if measures.get(d.measure, 0) >= d.target]
    inserted = sql.user_achievements_insert(
        user_id=user_id, codes=qualifying, now=now, backfilled=not announce
    )
    if not inserted:
        return []
    codes = dict(
        Achievement.objects.filter(pk__in=[a for _, a in inserted]).values_list("pk", "code")
    )
    earned = [(row_id, codes[achievement_id]) for row_id, achievement_id in inserted]
    if announce:
        for row_id, code in earned:
            announce_achievement_earned(
                user_id=user_id,
                achievement_code=code,
                tier=BY_CODE[code].tier,
                user_achievement_id=row_id,
                now=now,
            )
        notifications_write(rows=[_notification(user_id, code) for _, code in earned], now=now)
    return [code for _, code in earned]


def achievements_mark_seen(*, user, codes: list[str], now: datetime) -> int:
    """The web app showed these earned achievements (its toast): answers how many were unseen."""
    return UserAchievement.objects.filter(
        user=user, achievement__code__in=codes, seen_at__isnull=True
    ).update(seen_at=now)


@replica_reads()  # shares of all users, cached for hours: a replica's second of lag is nothing
def achievements_percentages_refresh() -> dict:
    """The share of users holding each achievement, by ONE aggregate query over all of them,
    into the cache for percentages_cache_seconds(). Beat runs it (achievements.refresh_percentages);
    requests only read the cache."""
    active_users = (
        get_user_model()
        .objects.filter(is_active=True)
        .order_by()
        .values("is_active")
        .annotate(count=Count("pk"))
        .values("count")[:1]
    )
    rows = Achievement.objects.annotate(
        holders=Count("earned", filter=Q(earned__user__is_active=True)),
        users=Subquery(active_users),
    ).values_list("code", "holders", "users")
    holders = {code: count for code, count, _ in rows}
    users = next((count for _, _, count in rows), None) or 0
    value = {"users": users, "holders": holders}
    cache.set(PERCENTAGES_CACHE_KEY, value, percentages_cache_seconds())
    return value


def achievements_backfill(*, batch_size: int, now: datetime, after_user_id: int = 0) -> dict:
    """Awards from history, a batch of `batch_size` users (by id, after `after_user_id`) per
    transaction, announcing nothing. Answers how many users and awards, and the last user id."""
    users = awards = 0
    last = after_user_id
    user_ids = get_user_model().objects.order_by("pk").values_list("pk", flat=True)
    while True:
        batch = list(user_ids.filter(pk__gt=last)[:batch_size])
        if not batch:
            break
        with transaction.atomic():
            for user_id in batch:
                awards += len(
                    achievements_evaluate_for_user(user_id=user_id, now=now, announce=False)
                )
        users += len(batch)
        last = batch[-1]
        logger.info(
            "achievements backfill: %s users done, %s awards, up to user %s", users, awards, last
        )
    return {"users": users, "awards": awards, "last_user_id": last}


def achievements_wipe_for_user(user) -> None:
    UserAchievement.objects.filter(user=user).delete()
    AchievementProgress.objects.filter(user=user).delete()


REFRESH_SOON_GUARD_SECONDS = 300


def achievements_percentages_refresh_soon() -> None:
    """The cache is empty (a fresh install before beat's first run, Redis flushed): the request
    answers nulls and queues one refresh, at most one per REFRESH_SOON_GUARD_SECONDS."""
    if not cache.add(f"{PERCENTAGES_CACHE_KEY}:queued", 1, REFRESH_SOON_GUARD_SECONDS):
        return
    from achievements.tasks import achievements_refresh_percentages_task  # tasks import this

    try:
        achievements_refresh_percentages_task.delay()
    except Exception as exc:  # the broker is away: beat's next run fills the cache
        logger.warning("Could not queue the achievements percentages: %s", exc)
