"""Writes on a goal's stages. Each locks the goal's row (goal_locked) and keeps its progress in the
same transaction (goal_progress_refresh)."""

from collections import Counter
from datetime import datetime

from django.db import transaction
from django.db.models import Max

from core.exceptions import Conflict, NotFound, ValidationFailed
from goals.events import announce_stage_completed
from goals.models import Goal, GoalStage
from goals.services.progress import goal_locked, goal_progress_refresh

EDITABLE_FIELDS = ("title", "details", "due_date")


def _stage_of(goal: Goal, stage_id) -> GoalStage:
    """A stage of this (already owner-checked) goal; any other id is a 404 like a missing one."""
    try:
        return GoalStage.objects.get(pk=stage_id, goal=goal)
    except (GoalStage.DoesNotExist, ValueError, TypeError):
        raise NotFound("Goal stage not found.") from None


def _cleaned(data: dict) -> dict:
    state = {
        key: value.strip() if isinstance(value, str) else value
        for key, value in data.items()
        if key in EDITABLE_FIELDS
    }
    if "title" in state and not state["title"]:
        raise ValidationFailed(fields={"title": ["This field may not be blank."]})
    return state


def _next_position(goal: Goal) -> int:
    last = GoalStage.objects.filter(goal=goal).aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def goal_stage_create(
    *, user, goal_id, data: dict, now: datetime, is_draft: bool = False
) -> tuple[GoalStage, Goal]:
    """A new open stage at the end of the goal (a completed goal reopens: a stage is open)."""
    goal = goal_locked(user=user, goal_id=goal_id)
    state = _cleaned(data)
    if "title" not in state:
        raise ValidationFailed(fields={"title": ["This field is required."]})
    stage = GoalStage.objects.create(
        goal=goal, position=_next_position(goal), is_draft=is_draft, **state
    )
    return stage, goal_progress_refresh(goal=goal, now=now)


@transaction.atomic
def goal_stage_update(*, user, goal_id, stage_id, data: dict, now: datetime) -> GoalStage:
    """Title, details and due date; ticking is goal_stage_complete's."""
    goal = goal_locked(user=user, goal_id=goal_id)
    stage = _stage_of(goal, stage_id)
    for field, value in _cleaned(data).items():
        setattr(stage, field, value)
    stage.updated_at = now
    stage.save()
    return stage


@transaction.atomic
def goal_stage_delete(*, user, goal_id, stage_id, now: datetime) -> Goal:
    goal = goal_locked(user=user, goal_id=goal_id)
    _stage_of(goal, stage_id).delete()
    return goal_progress_refresh(goal=goal, now=now)


def _mark_refusal(stage: GoalStage) -> Conflict:
    if stage.is_draft:
        return Conflict("Accept this draft stage before ticking it.", code="stage_is_draft")
    if stage.is_completed:
        return Conflict("This stage is already completed.", code="stage_already_completed")
    return Conflict("This stage is not completed.", code="stage_not_completed")


@transaction.atomic
def goal_stage_complete(*, user, goal_id, stage_id, now: datetime) -> tuple[GoalStage, Goal]:
    """Ticks a stage (compare-and-set: a second tick is 409); the last one completes the goal."""
    goal = goal_locked(user=user, goal_id=goal_id)
    stage = _stage_of(goal, stage_id)
    changed = GoalStage.objects.filter(pk=stage.pk, is_draft=False, is_completed=False).update(
        is_completed=True, completed_at=now, updated_at=now
    )
    stage.refresh_from_db()
    if not changed:
        raise _mark_refusal(stage)
    announce_stage_completed(stage_id=stage.pk, goal_id=goal.pk, now=now)
    return stage, goal_progress_refresh(goal=goal, now=now)


@transaction.atomic
def goal_stage_uncomplete(*, user, goal_id, stage_id, now: datetime) -> tuple[GoalStage, Goal]:
    """Unticks a stage (compare-and-set: unticking an open stage is 409); a completed goal
    reopens."""
    goal = goal_locked(user=user, goal_id=goal_id)
    stage = _stage_of(goal, stage_id)
    changed = GoalStage.objects.filter(pk=stage.pk, is_draft=False, is_completed=True).update(
        is_completed=False, completed_at=None, updated_at=now
    )
    stage.refresh_from_db()
    if not changed:
        raise _mark_refusal(stage)
    return stage, goal_progress_refresh(goal=goal, now=now)


def _ids_mismatch(
    *, given: list[int], expected: set[int], what: str, every: bool
) -> dict[str, list[str]]:
    """Field errors naming the ids that are repeated, not expected, or (when `every` is asked
    for) missing; empty when the ids pass."""

    def listed(ids) -> str:
        return ", ".join(str(i) for i in sorted(ids))

    errors = []
    repeated = {i for i, times in Counter(given).items() if times > 1}
    if repeated:
        errors.append(f"Repeated ids: {listed(repeated)}.")
    missing = expected - set(given) if every else set()
    if missing:
        errors.append(f"Missing ids: {listed(missing)}.")
    extra = set(given) - expected
    if extra:
        errors.append(f"Not {what} of this goal: {listed(extra)}.")
    return {"ids": errors} if errors else {}


@transaction.atomic
def goal_stages_reorder(*, user, goal_id, ids: list[int], now: datetime) -> list[GoalStage]:
    """Puts the goal's stages in the order of `ids`, which must name every stage once (drafts are
    not ordered with them)."""
    goal = goal_locked(user=user, goal_id=goal_id)
    stages = {stage.pk: stage for stage in GoalStage.objects.filter(goal=goal, is_draft=False)}
    errors = _ids_mismatch(given=ids, expected=set(stages), what="stages", every=True)
    if errors:
        raise ValidationFailed("The ids must be every stage of the goal, once each.", fields=errors)
    ordered = [stages[stage_id] for stage_id in ids]
    for position, stage in enumerate(ordered):
        stage.position, stage.updated_at = position, now
    GoalStage.objects.bulk_update(ordered, ["position", "updated_at"])
    return ordered


@transaction.atomic
def goal_stages_accept_drafts(*, user, goal_id, ids: list[int], now: datetime) -> Goal:
    """Keeps the draft stages named in `ids` (in that order, after the goal's stages) and
    discards the goal's other drafts. Ids of non-draft stages or other goals are a 400."""
    goal = goal_locked(user=user, goal_id=goal_id)
    drafts = set(GoalStage.objects.filter(goal=goal, is_draft=True).values_list("pk", flat=True))
    errors = _ids_mismatch(given=ids, expected=drafts, what="draft stages", every=False)
    if errors:
        raise ValidationFailed("The ids must be draft stages of the goal.", fields=errors)
    position = _next_position(goal)
    kept = [
        GoalStage(pk=stage_id, is_draft=False, position=position + offset, updated_at=now)
        for offset, stage_id in enumerate(ids)
    ]
    GoalStage.objects.bulk_update(kept, ["is_draft", "position", "updated_at"])
    GoalStage.objects.filter(goal=goal, is_draft=True).delete()
    return goal_progress_refresh(goal=goal, now=now)
