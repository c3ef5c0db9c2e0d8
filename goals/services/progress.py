"""The one definition of a goal's progress and of when stages make it complete.

Every stage change (tick, untick, add, delete, accepting drafts) calls goal_progress_refresh in its
own transaction, with the goal's row locked (goal_locked), so two changes to one goal's stages
never count each other's stages half-way.
"""

from datetime import datetime

from django.db.models import Count, Q

from core.ownership import get_owned_or_404
from goals.events import announce_goal_completed
from goals.models import Goal, GoalStage


def goal_locked(*, user, goal_id) -> Goal:
    """The owner's goal, its row locked for the rest of the transaction (another user's: 404).

    SQLite ignores the lock, but its transactions take the database's write lock (IMMEDIATE, see
    docs/architecture.md), which serializes them just as well."""
    return get_owned_or_404(Goal.objects.select_for_update(), user=user, pk=goal_id)


def progress_percent(*, done: int, total: int) -> int:
    """Done stages of all stages, in whole percent rounded down: 100 only when every stage is
    done, so a goal never shows 100 % with a stage still open."""
    return 100 * done // total


def goal_progress_refresh(*, goal: Goal, now: datetime) -> Goal:
    """Sets `progress` from the goal's stages (drafts count for nothing) and follows the rule:
    stages all done means completed (announced once), a stage open means not completed. A goal
    without stages keeps its state: it is completed and reopened by hand (100 % and 0 %)."""
    counts = GoalStage.objects.filter(goal=goal, is_draft=False).aggregate(
        total=Count("id"), done=Count("id", filter=Q(is_completed=True))
    )
    total, done = counts["total"], counts["done"]
    if total == 0:
        progress = 100 if goal.completed_at else 0
        completed_at = goal.completed_at
    else:
        progress = progress_percent(done=done, total=total)
        all_done = done == total
        completed_at = (goal.completed_at or now) if all_done else None
    newly_completed = goal.completed_at is None and completed_at is not None
    if (progress, completed_at) != (goal.progress, goal.completed_at):
        Goal.objects.filter(pk=goal.pk).update(
            progress=progress, completed_at=completed_at, updated_at=now
        )
        goal.progress, goal.completed_at, goal.updated_at = progress, completed_at, now
    if newly_completed:
        announce_goal_completed(goal_id=goal.pk, now=now)
    return goal
