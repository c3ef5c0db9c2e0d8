"""Notifications caused by the habits domain: reminders, grace nudges, formed habits, digests.

The functions named on_* are the event subscribers (registered in NotificationsConfig.ready());
they run inside the transaction that changed the instances, so the outbox rows commit with it.
"""

import logging
from datetime import datetime, timedelta

from django.db import connection

from habit_instances.models import DONE_STATUSES, OPEN_STATUSES
from notifications.models import Notification, NotificationSettings
from notifications.services import (
    NotificationRow,
    NotificationSpec,
    notifications_create,
    notifications_write,
    notifications_write_selected,
)
from notifications.sql import ids_subquery, rows_of
from users.timezones import zone_named

logger = logging.getLogger(__name__)

DIGEST_WINDOW = timedelta(hours=1)  # a digest missed by more than this (beat down) is skipped


def _instance_rows(instance_ids, *columns, open_only: bool = False):
    """The instances' ids, habit ids, owners and habit texts (plus `columns`) as tuples: one
    query, no model objects, the ids passed as one parameter."""
    from habit_instances.models import HabitInstance

    instances = HabitInstance.objects.filter(pk__in=ids_subquery(instance_ids))
    if open_only:
        instances = instances.filter(status__in=OPEN_STATUSES)
    return rows_of(
        instances.order_by("pk").values_list(
            "pk", "habit_id", "habit__user_id", "habit__action", "habit__place", *columns
        )
    )


def _payload(instance_id: int, habit_id: int) -> dict:
    return {"instance_id": instance_id, "habit_id": habit_id, "actions": ["done", "skip"]}


def _afterwards(*, reward_text: str, pleasant_id, pleasant_name, pleasant_action) -> str:
    if reward_text:
        return f"Your reward: {reward_text}."
    if pleasant_id is not None:
        return f"Then enjoy: {pleasant_name or pleasant_action}."
    return ""


def reminder_rows(*, instance_ids: list[int]) -> list[NotificationRow]:
    """The reminders of these instances, built in Python: the definition of their text (SQLite
    writes these; PostgreSQL builds the same text in SQL, REMINDERS_SQL, tested equal)."""
    rows = []
    for pk, habit_id, user_id, action, place, reward, p_id, p_name, p_action in _instance_rows(
        instance_ids,
        "habit__reward_text",
        "habit__related_pleasant_habit_id",
        "habit__related_pleasant_habit__name",
        "habit__related_pleasant_habit__action",
    ):
        body = f"Time to {action} at {place}."
        extra = _afterwards(
            reward_text=reward, pleasant_id=p_id, pleasant_name=p_name, pleasant_action=p_action
        )
        if extra:
            body += f"\n{extra}"
        rows.append(
            NotificationRow(
                user_id,
                Notification.Kind.REMINDER,
                f"Time to {action}",
                body,
                f"reminder:{pk}",
                _payload(pk, habit_id),
            )
        )
    return rows


# reminder_rows in SQL: (user_id, kind, title, body, payload, dedupe_key) per instance. No ORDER
# BY: sorting 100,000 wide rows spilled to disk (~0.1 s, EXPLAIN ANALYZE); the feed orders by
# created_at, the same for the whole batch, then id.
REMINDERS_SQL = """
    SELECT h.user_id, 'reminder', left('Time to ' || h.action, 200),
        'Time to ' || h.action || ' at ' || h.place || '.' || CASE
            WHEN h.reward_text <> '' THEN chr(10) || 'Your reward: ' || h.reward_text || '.'
            WHEN p.id IS NOT NULL
                THEN chr(10) || 'Then enjoy: ' || COALESCE(NULLIF(p.name, ''), p.action) || '.'
            ELSE '' END,
        jsonb_build_object('instance_id', i.id, 'habit_id', i.habit_id,
                           'actions', jsonb_build_array('done', 'skip')),
        'reminder:' || i.id
    FROM habit_instances_habitinstance i
    JOIN habits_habit h ON h.id = i.habit_id
    LEFT JOIN habits_habit p ON p.id = h.related_pleasant_habit_id
    WHERE i.id = ANY(%b::bigint[])
"""


def notifications_reminders_create(*, instance_ids: list[int], now: datetime) -> int:
    if connection.vendor == "postgresql":
        # a sweep's 100,000 reminders: the rows never travel to Python and back
        ids = sorted({int(pk) for pk in instance_ids})
        if not ids:
            return 0
        return len(notifications_write_selected(select_sql=REMINDERS_SQL, params=[ids], now=now))
    return len(notifications_write(rows=reminder_rows(instance_ids=instance_ids), now=now))


def notifications_nudges_create(*, instance_ids: list[int], now: datetime) -> int:
    rows = []
    for pk, habit_id, user_id, action, place, grace, fix, zone in _instance_rows(
        instance_ids, "grace_deadline", "fix_deadline", "habit__user__timezone", open_only=True
    ):
        minutes = max(0, round((fix - grace).total_seconds() / 60))
        until = fix.astimezone(zone_named(zone)).strftime("%H:%M")
        rows.append(
            NotificationRow(
                user_id,
                Notification.Kind.NUDGE,
                f"Still time to {action}",
                (
                    f"The grace period for {action} at {place} is over. "
                    f"The fix window lasts {minutes} minutes: mark it done until {until}."
                ),
                f"nudge:{pk}",
                _payload(pk, habit_id),
            )
        )
    return len(notifications_write(rows=rows, now=now))


def notifications_habit_formed_create(*, habit_id: int, now: datetime) -> int:
    from habits.models import Habit

    habit = Habit.objects.select_related("user").filter(pk=habit_id).first()
    if habit is None:
        return 0
    name = habit.name or habit.action
    spec = NotificationSpec(
        user=habit.user,
        kind=Notification.Kind.HABIT_FORMED,
        title=f"Habit formed: {name}",
        body=(
            f"You did {habit.action} {habit.repeat_limit} times. "
            "It is part of who you are now. Congratulations!"
        ),
        dedupe_key=f"habit_formed:{habit.pk}",
        payload={"habit_id": habit.pk},
    )
    return len(notifications_create(specs=[spec], now=now))


STATUS_MARKS = {
    "scheduled": "·",
    "pending": "…",
    "completed": "✓",
    "completed_late": "✓",
    "missed": "✗",
    "fix_expired": "✗",
}


def _digest_spec(*, user, now: datetime, local_date) -> NotificationSpec:
    from habit_instances.selectors import habit_instances_today_for_user

    instances = list(habit_instances_today_for_user(user=user, now=now))
    done = sum(1 for i in instances if i.status in DONE_STATUSES)
    lines = [
        f"{STATUS_MARKS.get(i.status, '·')} {i.habit.name or i.habit.action} ({i.status})"
        for i in instances
    ]
    body = "\n".join(lines) if lines else "Nothing is due today."
    return NotificationSpec(
        user=user,
        kind=Notification.Kind.DIGEST,
        title=f"Your day: {done} of {len(instances)} done",
        body=body,
        dedupe_key=f"digest:{local_date.isoformat()}",
        payload={"date": local_date.isoformat(), "done": done, "total": len(instances)},
    )


def notifications_digests_create(*, now: datetime) -> int:
    """A digest for each user whose chosen local time passed within the last hour; once a day."""
    wanted = NotificationSettings.objects.filter(
        digest_time__isnull=False, user__is_active=True
    ).select_related("user")
    specs = []
    for prefs in wanted:
        local = now.astimezone(zone_named(prefs.user.timezone))
        at = datetime.combine(local.date(), prefs.digest_time, tzinfo=local.tzinfo)
        if at <= local < at + DIGEST_WINDOW:
            specs.append(_digest_spec(user=prefs.user, now=now, local_date=local.date()))
    return len(notifications_create(specs=specs, now=now))


# --- event subscribers: adapters from core.events to the services above -----------------------


def on_instance_pending(*, instance_ids: list[int], now: datetime) -> None:
    notifications_reminders_create(instance_ids=instance_ids, now=now)


def on_grace_passed(*, instance_ids: list[int], now: datetime) -> None:
    notifications_nudges_create(instance_ids=instance_ids, now=now)


def on_habit_formed(*, habit_id: int, now: datetime) -> None:
    notifications_habit_formed_create(habit_id=habit_id, now=now)
