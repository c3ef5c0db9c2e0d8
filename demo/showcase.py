"""The demo account as a newcomer should meet it (issue 12, item 20): a real-looking name,
notification settings chosen and a feed with history, a few public habits whose descriptions tell
their real progress (so Explore has something to show), and today's list full whatever the hour
(demo_history_create records today's windows that already closed).

Only the demo account (the first user `seed_demo` makes) gets this; scale users for `make bench`
stay as lean as before.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q

from habit_instances.models import DONE_STATUSES, FINAL_STATUSES, HabitInstance
from habits.models import Habit
from notifications.models import Notification, NotificationSettings
from users.models import User
from users.timezones import local_today

FIRST_NAMES = [
    "Maya",
    "Jonas",
    "Aiko",
    "Rafael",
    "Priya",
    "Tomás",
    "Leila",
    "Sven",
    "Amara",
    "Kenji",
]
LAST_NAMES = ["Lindqvist", "Okafor", "Moreau", "Tanaka", "Haddad", "Novak", "Reyes", "Kowalski"]
DEMO_NAME = "Maya Lindqvist"
DEMO_DISPLAY_NAME = "Maya L."
PUBLIC_HABITS = 3


def demo_person_name(number: int) -> str:
    """A real-looking full name for demo user `number`; the demo account is Maya Lindqvist."""
    first = FIRST_NAMES[number % len(FIRST_NAMES)]
    last = LAST_NAMES[(number // len(FIRST_NAMES) + number) % len(LAST_NAMES)]
    return f"{first} {last}"


def _progress_note(*, habit: Habit, done: int) -> str:
    """The description of a shared demo habit: its true count, in the owner's words."""
    since = habit.start_date.strftime("%B %Y")
    if done >= habit.repeat_limit:
        return (
            f"Done {done} times since {since}. "
            f"Formed after {habit.repeat_limit}: now it is simply what I do."
        )
    return (
        f"Done {done} of {habit.repeat_limit} times since {since}: "
        "still building it, one day at a time."
    )


@transaction.atomic
def demo_account_showcase(*, user: User, now: datetime) -> None:
    User.objects.filter(pk=user.pk).update(name=DEMO_NAME, display_name=DEMO_DISPLAY_NAME)
    NotificationSettings.objects.update_or_create(
        user=user,
        defaults={
            # Telegram reaches the demo once someone binds a chat; email works wherever mail is
            # configured (make run prints it in the log).
            "telegram_enabled": True,
            "email_enabled": True,
            "quiet_hours_start": time(22, 0),
            "quiet_hours_end": time(7, 0),
            "digest_time": time(21, 0),
        },
    )
    useful = list(
        Habit.objects.filter(user=user, is_pleasant=False)
        .annotate(done=Count("instances", filter=Q(instances__status__in=DONE_STATUSES)))
        .order_by("-done", "pk")
    )
    for habit in useful[:PUBLIC_HABITS]:
        habit.is_public = True
        habit.description = _progress_note(habit=habit, done=habit.done)
    Habit.objects.bulk_update(useful[:PUBLIC_HABITS], ["is_public", "description"])
    _feed_history(user=user, habits=useful, now=now)


def _feed_history(*, user: User, habits: list[Habit], now: datetime) -> None:
    """Read notifications as the outbox would have written them: a reminder for each of today's
    windows that already closed, and "habit formed" (with `formed_at`, so the real announcement
    never repeats it) for habits whose completions reached their repeat limit. History only: no
    deliveries, nothing is sent."""
    rows = []
    today = local_today(user=user, now=now)
    closed_today = HabitInstance.objects.filter(
        habit__user=user, date=today, status__in=FINAL_STATUSES
    ).select_related("habit")
    for instance in closed_today:
        habit = instance.habit
        rows.append(
            Notification(
                user=user,
                kind=Notification.Kind.REMINDER,
                title=f"Time to {habit.action}",
                body=f"Time to {habit.action} at {habit.place}.",
                payload={
                    "instance_id": instance.pk,
                    "habit_id": habit.pk,
                    "actions": ["done", "skip"],
                },
                dedupe_key=f"reminder:{instance.pk}",
                created_at=instance.scheduled_at,
                read_at=instance.scheduled_at + timedelta(minutes=5),
            )
        )
    for habit in habits:
        if habit.done < habit.repeat_limit:
            continue
        reached = (
            HabitInstance.objects.filter(habit=habit, status__in=DONE_STATUSES)
            .order_by("date")
            .values_list("completed_at", flat=True)[habit.repeat_limit - 1]
        )
        Habit.objects.filter(pk=habit.pk).update(formed_at=reached)
        rows.append(
            Notification(
                user=user,
                kind=Notification.Kind.HABIT_FORMED,
                title=f"Habit formed: {habit.name or habit.action}",
                body=(
                    f"You did {habit.action} {habit.repeat_limit} times. "
                    "It is part of who you are now. Congratulations!"
                ),
                payload={"habit_id": habit.pk},
                dedupe_key=f"habit_formed:{habit.pk}",
                created_at=reached,
                read_at=reached + timedelta(hours=1),
            )
        )
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
