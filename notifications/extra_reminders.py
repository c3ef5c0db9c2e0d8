"""A habit's extra reminders: up to three more nudges on a due day, at local times the owner
chose (habits.models.Habit.extra_reminders), while the instance is still open and before its
grace deadline. The instance's own deadlines never change (docs/notifications.md, "Check-ins and
extra reminders").

One beat task (extra_reminders_send) writes them through the outbox; each (instance, time) has
its own dedupe key, so every nudge is sent once however often, and however concurrently, the
task runs. Wall-clock times resolve as the instances' own do
(habit_instances.schedule.local_moment): a time in a spring-forward gap fires once after the
jump, a repeated time at its first occurrence.
"""

from datetime import datetime, timedelta

from django.db.models import F, Q

from habit_instances.models import OPEN_STATUSES, HabitInstance
from habit_instances.schedule import local_moment
from habits.models import reminder_times
from notifications.models import Notification
from notifications.services import NotificationRow, notifications_write
from users.timezones import zone_named

# A nudge found later than this after its time (the worker was down) is dropped: a "still time
# to run" an hour late is noise. The task runs every minute, so the window only covers outages.
EXTRA_REMINDER_WINDOW = timedelta(minutes=30)


def _open_with_extras(*, now: datetime):
    """Open instances of active, unarchived habits with extra reminders whose grace deadline is
    still ahead and whose day has begun somewhere (scheduled within a day): the only ones a
    nudge can be due for. Paused days have no instance; a pause starting today is checked
    below, as the instance may predate it."""
    return (
        HabitInstance.objects.filter(
            status__in=OPEN_STATUSES,
            grace_deadline__gt=now - EXTRA_REMINDER_WINDOW,
            # implied by the line above (fix >= grace), written out so the planner can range-scan
            # the open instances' partial index on fix_deadline instead of every instance
            fix_deadline__gt=now - EXTRA_REMINDER_WINDOW,
            scheduled_at__lte=now + timedelta(days=1),
            habit__is_active=True,
            habit__is_archived=False,
        )
        .exclude(habit__extra_reminders="")
        .exclude(
            Q(habit__paused_from__lte=F("date"))
            & (Q(habit__paused_until__isnull=True) | Q(habit__paused_until__gte=F("date")))
        )
        .values_list(
            "pk",
            "habit_id",
            "habit__user_id",
            "habit__user__timezone",
            "habit__action",
            "scheduled_at",
            "habit__extra_reminders",
            "date",
            "grace_deadline",
        )
        .order_by("pk")
    )


def extra_reminders_send(*, now: datetime) -> int:
    """Writes every extra reminder due at `now` (its time passed less than
    EXTRA_REMINDER_WINDOW ago, before the grace deadline, the instance still open); answers how
    many were new."""
    rows = []
    for pk, habit_id, user_id, zone, action, own, extras, day, grace in _open_with_extras(now=now):
        tz = zone_named(zone)
        for at in reminder_times(extras):
            moment = local_moment(day=day, at=at, zone=tz)
            if not (moment <= now < moment + EXTRA_REMINDER_WINDOW and moment < grace):
                continue
            if moment < own:
                title = f"Coming up at {own.astimezone(tz):%H:%M}: {action}"
            else:
                title = f"Still time to {action}"
            rows.append(
                NotificationRow(
                    user_id=user_id,
                    kind=Notification.Kind.EXTRA_REMINDER,
                    title=title,
                    body=f"Mark it done until {grace.astimezone(tz):%H:%M} to keep it on time.",
                    dedupe_key=f"extra:{pk}:{at:%H:%M}",
                    payload={
                        "instance_id": pk,
                        "habit_id": habit_id,
                        "actions": ["done", "skip"],
                    },
                )
            )
    return len(notifications_write(rows=rows, now=now))
