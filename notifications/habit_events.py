"""Notifications caused by the habits domain: reminders, grace nudges, formed habits, digests.

The functions named on_* are the event subscribers (registered in NotificationsConfig.ready());
they run inside the transaction that changed the instances, so the outbox rows commit with it.
"""

import logging
from datetime import datetime, timedelta

from django.utils import timezone

from notifications.models import Notification, NotificationSettings
from notifications.services import NotificationSpec, _user_zone, notifications_create

logger = logging.getLogger(__name__)

OPEN_STATUSES = ("scheduled", "pending")
DIGEST_WINDOW = timedelta(hours=1)  # a digest missed by more than this (beat down) is skipped


def _instances(instance_ids):
    from habit_instances.models import HabitInstance

    return HabitInstance.objects.select_related(
        "habit", "habit__user", "habit__related_pleasant_habit"
    ).filter(pk__in=instance_ids)


def _payload(instance) -> dict:
    return {"instance_id": instance.pk, "habit_id": instance.habit_id, "actions": ["done", "skip"]}


def _afterwards(habit) -> str:
    if habit.reward_text:
        return f"Your reward: {habit.reward_text}."
    pleasant = habit.related_pleasant_habit
    if pleasant is not None:
        return f"Then enjoy: {pleasant.name or pleasant.action}."
    return ""


def notifications_reminders_create(*, instance_ids: list[int], now: datetime) -> int:
    specs = []
    for instance in _instances(instance_ids):
        habit = instance.habit
        body = f"Time to {habit.action} at {habit.place}."
        if extra := _afterwards(habit):
            body += f"\n{extra}"
        specs.append(
            NotificationSpec(
                user=habit.user,
                kind=Notification.Kind.REMINDER,
                title=f"Time to {habit.action}",
                body=body,
                dedupe_key=f"reminder:{instance.pk}",
                payload=_payload(instance),
            )
        )
    return len(notifications_create(specs=specs, now=now))


def notifications_nudges_create(*, instance_ids: list[int], now: datetime) -> int:
    specs = []
    for instance in _instances(instance_ids).filter(status__in=OPEN_STATUSES):
        habit = instance.habit
        minutes = max(
            0, round((instance.fix_deadline - instance.grace_deadline).total_seconds() / 60)
        )
        until = instance.fix_deadline.astimezone(_user_zone(habit.user)).strftime("%H:%M")
        specs.append(
            NotificationSpec(
                user=habit.user,
                kind=Notification.Kind.NUDGE,
                title=f"Still time to {habit.action}",
                body=(
                    f"The grace period for {habit.action} at {habit.place} is over. "
                    f"The fix window lasts {minutes} minutes: mark it done until {until}."
                ),
                dedupe_key=f"nudge:{instance.pk}",
                payload=_payload(instance),
            )
        )
    return len(notifications_create(specs=specs, now=now))


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
    done = sum(1 for i in instances if i.status in ("completed", "completed_late"))
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
        local = now.astimezone(_user_zone(prefs.user))
        at = datetime.combine(local.date(), prefs.digest_time, tzinfo=local.tzinfo)
        if at <= local < at + DIGEST_WINDOW:
            specs.append(_digest_spec(user=prefs.user, now=now, local_date=local.date()))
    return len(notifications_create(specs=specs, now=now))


# --- event subscribers: adapters from core.events to the services above -----------------------


def on_instance_pending(*, instance_ids, **_):
    notifications_reminders_create(instance_ids=list(instance_ids), now=timezone.now())


def on_grace_passed(*, instance_ids, **_):
    notifications_nudges_create(instance_ids=list(instance_ids), now=timezone.now())


def on_habit_formed(*, habit_id, **_):
    notifications_habit_formed_create(habit_id=habit_id, now=timezone.now())
