"""The events that may earn an achievement (subscribed in AchievementsConfig.ready()). Each
queues an evaluation of the user once the change has committed: the measures read the committed
history, and a slow evaluation never holds up a mark. The evaluation is total over the user's
history, so a lost one (the broker away) is made good by the user's next event."""

import logging

from django.db import transaction

from goals.models import Goal
from habits.models import Habit

logger = logging.getLogger(__name__)


def _evaluate_after_commit(user_id: int | None) -> None:
    if user_id is None:
        return

    def send():
        from achievements.tasks import achievements_evaluate_user_task  # tasks import services

        try:
            achievements_evaluate_user_task.delay(user_id)
        except Exception as exc:  # the broker is away: the user's next event evaluates again
            logger.warning("Could not queue the achievements of user %s: %s", user_id, exc)

    transaction.on_commit(send)


def on_instance_marked(*, user_id, **_) -> None:
    _evaluate_after_commit(user_id)


def on_habit_saved(*, habit_id, **_) -> None:
    _evaluate_after_commit(
        Habit.objects.filter(pk=habit_id).values_list("user_id", flat=True).first()
    )


def on_habit_formed(*, habit_id, **_) -> None:
    _evaluate_after_commit(
        Habit.objects.filter(pk=habit_id).values_list("user_id", flat=True).first()
    )


def on_goal_completed(*, goal_id, **_) -> None:
    _evaluate_after_commit(
        Goal.objects.filter(pk=goal_id).values_list("user_id", flat=True).first()
    )
