"""Notifications caused by the habits domain: reminders, grace nudges, formed habits, digests.

The functions named on_* are the event subscribers (registered in NotificationsConfig.ready());
they run inside the transaction that changed the instances, so the outbox rows commit with it.
"""

from datetime import datetime, timedelta

from django.db.models import Case, CharField, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, JSONArray, JSONObject, Left, NullIf

from core.sql import among_ids
from habit_instances.models import (
    DONE_STATUSES,
    EXCUSED_STATUSES,
    OPEN_STATUSES,
    HabitInstance,
    InstanceStatus,
)
from habit_instances.selectors import habit_instances_today_for_user
from habits.models import Habit
from notifications.models import Delivery, Notification, NotificationSettings
from notifications.services import (
    NotificationRow,
    notifications_write,
    notifications_write_computed,
)
from users.timezones import zone_named

DIGEST_WINDOW = timedelta(hours=1)  # a digest missed by more than this (beat down) is skipped


# the buttons a reminder or a nudge carries (the payload's "actions"), in both payload builders
ACTIONS = ("done", "skip")


def _payload(instance_id: int, habit_id: int) -> dict:
    return {"instance_id": instance_id, "habit_id": habit_id, "actions": list(ACTIONS)}


def _reminder() -> dict:
    """The reminder of a HabitInstance, field by field, as expressions over the instance: the one
    definition of its text. The database evaluates it, on PostgreSQL and SQLite alike, so a
    sweep's reminders are written without a round trip through Python.

    "Time to <action>" / "Time to <action> at <place>." and, on a second line, the reward
    ("Your reward: <reward>.") or else the pleasant habit to pair it with ("Then enjoy: <its
    name, or its action when unnamed>."); the payload carries the Done/Skip buttons' target.
    """
    habit = "habit__"
    pleasant = f"{habit}related_pleasant_habit__"
    time_to = Concat(Value("Time to "), F(f"{habit}action"))
    afterwards = Case(
        When(
            ~Q(**{f"{habit}reward_text": ""}),
            then=Concat(Value("\nYour reward: "), F(f"{habit}reward_text"), Value(".")),
        ),
        When(
            **{f"{habit}related_pleasant_habit__isnull": False},
            then=Concat(
                Value("\nThen enjoy: "),
                Coalesce(NullIf(F(f"{pleasant}name"), Value("")), F(f"{pleasant}action")),
                Value("."),
            ),
        ),
        default=Value(""),
    )
    return {
        "user": F(f"{habit}user_id"),
        "kind": Value(Notification.Kind.REMINDER.value),
        "title": Left(time_to, Notification._meta.get_field("title").max_length),
        "body": Concat(time_to, Value(" at "), F(f"{habit}place"), Value("."), afterwards),
        "payload": JSONObject(
            instance_id=F("pk"),
            habit_id=F("habit_id"),
            actions=JSONArray(*(Value(action) for action in ACTIONS)),
        ),
        "dedupe_key": Concat(Value("reminder:"), Cast(F("pk"), CharField())),
    }


def notifications_reminders_create(*, instance_ids: list[int], now: datetime) -> int:
    """A reminder for each of these instances (their time has come); answers how many were new."""
    source = HabitInstance.objects.filter(among_ids("pk", instance_ids))
    return len(notifications_write_computed(source=source, values=_reminder(), now=now))


def notifications_nudges_create(*, instance_ids: list[int], now: datetime) -> int:
    """A nudge for each of these instances still open (their grace has passed): one query for
    the instances, as tuples."""
    still_open = HabitInstance.objects.filter(
        among_ids("pk", instance_ids), status__in=OPEN_STATUSES
    ).order_by("pk")
    rows = []
    for pk, habit_id, user_id, action, place, grace, fix, zone in still_open.values_list(
        "pk",
        "habit_id",
        "habit__user_id",
        "habit__action",
        "habit__place",
        "grace_deadline",
        "fix_deadline",
        "habit__user__timezone",
    ):
        minutes = max(0, round((fix - grace).total_seconds() / 60))
        until = fix.astimezone(zone_named(zone)).strftime("%H:%M")
        rows.append(
            NotificationRow(
                user_id=user_id,
                kind=Notification.Kind.NUDGE,
                title=f"Still time to {action}",
                body=(
                    f"The grace period for {action} at {place} is over. "
                    f"The fix window lasts {minutes} minutes: mark it done until {until}."
                ),
                dedupe_key=f"nudge:{pk}",
                payload=_payload(pk, habit_id),
            )
        )
    return len(notifications_write(rows=rows, now=now))


def notifications_habit_formed_create(*, habit_id: int, now: datetime) -> int:
    habit = Habit.objects.filter(pk=habit_id).first()
    if habit is None:
        return 0
    name = habit.name or habit.action
    row = NotificationRow(
        user_id=habit.user_id,
        kind=Notification.Kind.HABIT_FORMED,
        title=f"Habit formed: {name}",
        body=(
            f"You did {habit.action} {habit.repeat_limit} times. "
            "It is part of who you are now. Congratulations!"
        ),
        dedupe_key=f"habit_formed:{habit.pk}",
        payload={"habit_id": habit.pk},
    )
    return len(notifications_write(rows=[row], now=now))


def notifications_habit_formed_withdraw(*, habit_id: int) -> int:
    """The completion that formed the habit was undone: its "habit formed" message is taken
    back while no channel has begun sending it, so the completion that forms the habit again
    writes it anew (one message). Once sent it stays, and its dedupe key keeps a second
    formation silent (still one message). Answers how many were withdrawn."""
    started = Delivery.objects.filter(
        notification=OuterRef("pk"), status__in=[Delivery.Status.SENDING, Delivery.Status.SENT]
    )
    withdrawn, _ = (
        Notification.objects.filter(
            kind=Notification.Kind.HABIT_FORMED, dedupe_key=f"habit_formed:{habit_id}"
        )
        .exclude(Exists(started))
        .delete()
    )
    return withdrawn


STATUS_MARKS = {
    "scheduled": "·",
    "pending": "…",
    "completed": "✓",
    "completed_late": "✓",
    "missed": "✗",
    "fix_expired": "✗",
    "skipped": "–",
}


def _digest(*, user, now: datetime, local_date) -> NotificationRow:
    instances = list(habit_instances_today_for_user(user=user, now=now))
    done = sum(1 for i in instances if i.status in DONE_STATUSES)
    due = sum(1 for i in instances if i.status not in EXCUSED_STATUSES)  # excused: not due
    lines = [
        f"{STATUS_MARKS.get(i.status, '·')} {i.habit.name or i.habit.action} ({i.status})"
        for i in instances
    ]
    body = "\n".join(lines) if lines else "Nothing is due today."
    return NotificationRow(
        user_id=user.pk,
        kind=Notification.Kind.DIGEST,
        title=f"Your day: {done} of {due} done",
        body=body,
        dedupe_key=f"digest:{local_date.isoformat()}",
        payload={"date": local_date.isoformat(), "done": done, "total": due},
    )


def notifications_digests_create(*, now: datetime) -> int:
    """A digest for each user whose chosen local time passed within the last hour; once a day."""
    wanted = NotificationSettings.objects.filter(
        digest_time__isnull=False, user__is_active=True
    ).select_related("user")
    rows = []
    for prefs in wanted:
        local = now.astimezone(zone_named(prefs.user.timezone))
        at = datetime.combine(local.date(), prefs.digest_time, tzinfo=local.tzinfo)
        if at <= local < at + DIGEST_WINDOW:
            rows.append(_digest(user=prefs.user, now=now, local_date=local.date()))
    return len(notifications_write(rows=rows, now=now))


# --- event subscribers: adapters from core.events to the services above -----------------------


def on_instance_pending(*, instance_ids: list[int], now: datetime) -> None:
    notifications_reminders_create(instance_ids=instance_ids, now=now)


def on_grace_passed(*, instance_ids: list[int], now: datetime) -> None:
    notifications_nudges_create(instance_ids=instance_ids, now=now)


def on_habit_formed(*, habit_id: int, now: datetime) -> None:
    notifications_habit_formed_create(habit_id=habit_id, now=now)


def on_instance_mark_undone(
    *,
    instance_id: int,
    habit_id: int,
    user_id: int,
    undone_status: str,
    status: str,
    habit_unformed: bool,
    now: datetime,
) -> None:
    """An undone mark owes what it prevented and takes back what it caused (docs/habits.md,
    "Undo"): open again after its time, the instance gets its reminder — written once per
    instance (dedupe key), so one already sent is not sent again. The grace nudge needs nothing
    here: the sweep announces it for an open instance whose grace_announced_at is still empty,
    and undo leaves that column as it was."""
    if status == InstanceStatus.PENDING:
        notifications_reminders_create(instance_ids=[instance_id], now=now)
    if habit_unformed:
        notifications_habit_formed_withdraw(habit_id=habit_id)
