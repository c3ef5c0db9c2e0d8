"""Goal reminders: saving one, and the beat's send of the due ones through the outbox.

When a reminder is due is goals.reminder_schedule's; here it also takes an open goal (not
completed, not archived) and a due day not after the goal's deadline.

Exactly once: a due moment is sent only when it is later than `last_sent_for`, and the sender sets
`last_sent_for` by a compare-and-set UPDATE in the transaction that writes the notification, so
two runs (one late, or two at once) never both send it. The outbox's dedupe key, which names the
moment, backs that up.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, F, Q

from core.exceptions import ValidationFailed
from goals.models import TITLE_MAX_LENGTH, Goal, GoalReminder
from goals.reminder_schedule import ReminderSchedule, reminder_first_day, reminder_latest_due
from goals.services.progress import goal_locked
from notifications.models import Notification
from notifications.services import NotificationRow, notifications_write
from users.timezones import user_zone, zone_named

# A due moment missed by more than this (beat or workers down) is skipped, not sent late.
REMINDER_WINDOW = timedelta(hours=1)
# the button a goal reminder carries in its payload's "actions": open the goal's stages
OPEN_STAGES = "open_stages"


@transaction.atomic
def goal_reminder_put(
    *, user, goal_id, remind_time: time, every_n_days: int, active: bool, now: datetime
) -> GoalReminder:
    """Creates or replaces the goal's reminder (another user's goal: 404). A change of time or
    period, or switching it on, starts the schedule again on the first day whose time is still
    ahead; saving the same values keeps it, so a PUT repeated never moves or repeats a reminder."""
    goal = goal_locked(user=user, goal_id=goal_id)
    if every_n_days not in GoalReminder.Every.values:
        raise ValidationFailed(
            fields={"every_n_days": ["Every 1, 2 or 3 days (every day, every other day, every 3)."]}
        )
    remind_time = remind_time.replace(second=0, microsecond=0, tzinfo=None)
    current = GoalReminder.objects.filter(goal=goal).first()
    unchanged = current is not None and (
        current.remind_time,
        current.every_n_days,
        current.active,
    ) == (remind_time, every_n_days, active)
    if unchanged:
        return current
    reminder = current or GoalReminder(goal=goal)
    restarts = current is None or (
        (current.remind_time, current.every_n_days) != (remind_time, every_n_days)
        or (active and not current.active)
    )
    if restarts:
        reminder.anchor_date = reminder_first_day(
            remind_time=remind_time, zone=user_zone(user), now=now
        )
    reminder.remind_time, reminder.every_n_days, reminder.active = (
        remind_time,
        every_n_days,
        active,
    )
    reminder.updated_at = now
    reminder.save()
    return reminder


def _goal_reminder_row(goal: Goal, *, moment: datetime) -> NotificationRow:
    """ "Goal: <title> — N of M stages done", with the button that opens its stages."""
    progress = (
        f" — {goal.completed_stages_count} of {goal.stages_count} stages done"
        if goal.stages_count
        else " — no stages yet"
    )
    room = TITLE_MAX_LENGTH - len("Goal: ") - len(progress)
    title = goal.title if len(goal.title) <= room else goal.title[: room - 1] + "…"
    return NotificationRow(
        user_id=goal.user_id,
        kind=Notification.Kind.REMINDER,
        title=f"Goal: {title}{progress}",
        body=f"Deadline: {goal.deadline.isoformat()}." if goal.deadline else "",
        dedupe_key=f"goal_reminder:{goal.pk}:{moment:%Y%m%dT%H%MZ}",
        payload={"goal_id": goal.pk, "actions": [OPEN_STAGES]},
    )


def _due_reminders(*, now: datetime) -> dict[int, datetime]:
    """reminder id -> the due moment to send now, read in one query: the active reminders of open
    goals whose latest due moment is within the window, not yet sent and not past the deadline."""
    candidates = GoalReminder.objects.filter(
        active=True,
        goal__completed_at__isnull=True,
        goal__is_archived=False,
        goal__user__is_active=True,
    ).values_list(
        "pk",
        "anchor_date",
        "every_n_days",
        "remind_time",
        "last_sent_for",
        "goal__deadline",
        "goal__user__timezone",
    )
    due = {}
    for pk, anchor, every, at, last_sent_for, deadline, zone in candidates:
        schedule = ReminderSchedule(anchor_date=anchor, every_n_days=every, remind_time=at)
        latest = reminder_latest_due(schedule=schedule, zone=zone_named(zone), now=now)
        if latest is None:
            continue
        day, moment = latest
        fresh = last_sent_for is None or moment > last_sent_for
        if fresh and now < moment + REMINDER_WINDOW and (deadline is None or day <= deadline):
            due[pk] = moment
    return due


def goal_reminders_send(*, now: datetime) -> int:
    """The beat task's work: writes a notification for every reminder due now, each due moment
    once however often or concurrently this runs. Answers how many were written."""
    due = _due_reminders(now=now)
    if not due:
        return 0
    with transaction.atomic():
        # in id order, so that two concurrent runs take the row locks in the same order
        claimed = {
            pk: moment
            for pk, moment in sorted(due.items())
            if GoalReminder.objects.filter(pk=pk, active=True)
            .filter(Q(last_sent_for__isnull=True) | Q(last_sent_for__lt=moment))
            .update(last_sent_for=moment)
        }
        if not claimed:
            return 0
        non_draft = Q(stages__is_draft=False)
        goals = Goal.objects.filter(
            reminder__pk__in=claimed, completed_at__isnull=True, is_archived=False
        ).annotate(
            reminder_pk=F("reminder__pk"),
            stages_count=Count("stages", filter=non_draft),
            completed_stages_count=Count("stages", filter=non_draft & Q(stages__is_completed=True)),
        )
        rows = [_goal_reminder_row(goal, moment=claimed[goal.reminder_pk]) for goal in goals]
        return len(notifications_write(rows=rows, now=now))
