"""What habit_instances does when a lower app announces a change (subscribed in apps.py).

Subscribers run inside the announcing transaction (core.events), so today's instance and the
habit it follows commit or roll back together.
"""

from datetime import datetime

from habit_instances.changes import instances_changed
from habit_instances.services import habit_instance_sync_today, habit_instances_follow_timezone
from habits.models import Habit
from users.models import User


def on_habit_saved(*, habit_id: int, now: datetime) -> None:
    """A habit was created, edited or copied: today's instance follows it at once, and its stats
    (which depend on the habit's own fields too, e.g. repeat_limit) and the owner's kept lists
    are recomputed."""
    habit = Habit.objects.select_related("user").get(pk=habit_id)
    habit_instance_sync_today(habit=habit, now=now)
    instances_changed(user_ids=[habit.user_id], habit_ids=[habit_id])


def on_user_timezone_changed(
    *, user_id: int, old_timezone: str, new_timezone: str, now: datetime
) -> None:
    """The user moved to another zone: the open instances follow the new clock at once (the
    rule is habit_instances_follow_timezone's docstring), and the stats are recomputed."""
    habit_instances_follow_timezone(user=User.objects.get(pk=user_id), now=now)


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
    """A mark was undone: the stats and lists computed with it are forgotten."""
    instances_changed(user_ids=[user_id], habit_ids=[habit_id])
