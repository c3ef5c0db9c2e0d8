"""Writes on goals themselves: create, edit, delete, archive, and completing by hand."""

from datetime import datetime

from django.db import transaction
from django.db.models import Max, QuerySet

from core.exceptions import Conflict, ValidationFailed
from core.storage import storage_objects_delete_on_commit
from goals.events import announce_goal_completed
from goals.models import MAX_POSITION, Goal, GoalStage
from goals.selectors import attachment_keys_for_goals
from goals.services.progress import goal_locked
from habits.models import Habit

# What an owner may set on a goal (the habits besides: a list of ids).
EDITABLE_FIELDS = ("title", "description", "deadline", "position")


def _owned_habits(*, user, habit_ids: list[int]) -> list[int]:
    """The ids, each a habit of `user`; any other id (missing, or someone else's) is a 400 that
    names it, alike for both so that nobody learns which ids exist."""
    wanted = list(dict.fromkeys(habit_ids))
    found = set(Habit.objects.filter(user=user, pk__in=wanted).values_list("pk", flat=True))
    unknown = [habit_id for habit_id in wanted if habit_id not in found]
    if unknown:
        listed = ", ".join(str(habit_id) for habit_id in unknown)
        raise ValidationFailed(fields={"habits": [f"No habit of yours has the id {listed}."]})
    return wanted


def _cleaned(data: dict) -> dict:
    return {
        key: value.strip() if isinstance(value, str) else value
        for key, value in data.items()
        if key in EDITABLE_FIELDS
    }


def _check_title(state: dict) -> None:
    if "title" in state and not state["title"]:
        raise ValidationFailed(fields={"title": ["This field may not be blank."]})


@transaction.atomic
def goal_create(*, user, data: dict, now: datetime) -> Goal:
    """A new open goal, placed after the owner's other goals unless a position is given."""
    state = _cleaned(data)
    if "title" not in state:
        raise ValidationFailed(fields={"title": ["This field is required."]})
    _check_title(state)
    habit_ids = _owned_habits(user=user, habit_ids=data.get("habits") or [])
    if "position" not in state:
        last = Goal.objects.filter(user=user).aggregate(last=Max("position"))["last"]
        # a goal someone placed at the very end keeps new ones level with it (then by id)
        state["position"] = 0 if last is None else min(last + 1, MAX_POSITION)
    goal = Goal.objects.create(user=user, **state)
    goal.habits.set(habit_ids)
    return goal


@transaction.atomic
def goal_update(*, user, goal_id, data: dict, now: datetime) -> Goal:
    """PUT and PATCH alike: `data` holds the fields sent, the others keep their values."""
    goal = goal_locked(user=user, goal_id=goal_id)
    state = _cleaned(data)
    _check_title(state)
    if "habits" in data:
        goal.habits.set(_owned_habits(user=user, habit_ids=data["habits"] or []))
    for field, value in state.items():
        setattr(goal, field, value)
    goal.updated_at = now
    goal.save()
    return goal


@transaction.atomic
def goal_delete(*, user, goal_id) -> None:
    """The goal and its stages and attachments (CASCADE) and links to habits; the habits stay.
    The attachments' files leave the storage once the deletion has committed."""
    goals_delete_with_files(
        goals=Goal.objects.filter(pk=goal_locked(user=user, goal_id=goal_id).pk)
    )


@transaction.atomic
def goals_delete_with_files(*, goals: QuerySet[Goal]) -> None:
    """Deletes these goals (the API's one, the admin's selection) and, once that has committed,
    their attachments' files."""
    keys = attachment_keys_for_goals(goals=goals)
    goals.delete()
    storage_objects_delete_on_commit(keys=keys)


@transaction.atomic
def goal_archive(*, user, goal_id, now: datetime) -> Goal:
    """Idempotent: archiving an archived goal keeps its first archived_at."""
    goal = goal_locked(user=user, goal_id=goal_id)
    Goal.objects.filter(pk=goal.pk, is_archived=False).update(
        is_archived=True, archived_at=now, updated_at=now
    )
    goal.refresh_from_db()
    return goal


@transaction.atomic
def goal_unarchive(*, user, goal_id, now: datetime) -> Goal:
    """Idempotent, like goal_archive."""
    goal = goal_locked(user=user, goal_id=goal_id)
    Goal.objects.filter(pk=goal.pk, is_archived=True).update(
        is_archived=False, archived_at=None, updated_at=now
    )
    goal.refresh_from_db()
    return goal


def _stage_counts(goal: Goal) -> tuple[int, int]:
    stages = GoalStage.objects.filter(goal=goal, is_draft=False)
    return stages.count(), stages.filter(is_completed=False).count()


@transaction.atomic
def goal_complete(*, user, goal_id, now: datetime) -> Goal:
    """Completing by hand, for a goal without stages (one with stages is completed by ticking
    them: its completion always matches them). Compare-and-set: a second completion is 409."""
    goal = goal_locked(user=user, goal_id=goal_id)
    total, open_stages = _stage_counts(goal)
    if open_stages:
        raise Conflict(
            f"This goal has {open_stages} open stage(s): tick them to complete it.",
            code="goal_has_open_stages",
            details={"open_stages": open_stages},
        )
    changed = Goal.objects.filter(pk=goal.pk, completed_at__isnull=True).update(
        completed_at=now, progress=100, updated_at=now
    )
    if not changed:
        raise Conflict("This goal is already completed.", code="goal_already_completed")
    goal.refresh_from_db()
    announce_goal_completed(goal_id=goal.pk, now=now)
    return goal


@transaction.atomic
def goal_reopen(*, user, goal_id, now: datetime) -> Goal:
    """Reopening by hand, for a goal without stages (one with stages reopens when a stage is
    unticked or added). Compare-and-set: reopening an open goal is 409."""
    goal = goal_locked(user=user, goal_id=goal_id)
    total, _ = _stage_counts(goal)
    if total and goal.completed_at is not None:
        raise Conflict(
            "Every stage of this goal is done: untick or add a stage to reopen it.",
            code="goal_stages_all_done",
        )
    changed = Goal.objects.filter(pk=goal.pk, completed_at__isnull=False).update(
        completed_at=None, progress=0, updated_at=now
    )
    if not changed:
        raise Conflict("This goal is not completed.", code="goal_not_completed")
    goal.refresh_from_db()
    return goal


@transaction.atomic
def goals_wipe_for_user(user) -> None:
    """The account data wipe: stages, attachments and habit links go with their goals (CASCADE);
    the attachments' files are removed by the account services (core.user_data stored_files)."""
    Goal.objects.filter(user=user).delete()
