"""The user's marks and their undo: compare-and-set UPDATEs whose allowed sources come from
ALLOWED_TRANSITIONS."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Value, When

from core.exceptions import Conflict
from core.models import is_storable_id
from core.ownership import get_owned_or_404
from habit_instances import sql
from habit_instances.changes import instances_changed
from habit_instances.events import (
    announce_habit_formed,
    announce_instance_mark_undone,
    announce_instance_marked,
)
from habit_instances.models import (
    DONE_STATUSES,
    FINAL_STATUSES,
    USER_MARK_STATUSES,
    HabitInstance,
    InstanceStatus,
    statuses_that_may_become,
)
from habit_instances.schedule import week_start
from habits.models import Habit
from users.timezones import local_today


def _owned_instance(*, user, instance_id) -> HabitInstance:
    return get_owned_or_404(
        HabitInstance.objects.select_related("habit"),
        user=user,
        pk=instance_id,
        owner_field="habit__user",
    )


def _refusal(instance: HabitInstance) -> Conflict:
    """Why a compare-and-set changed nothing, read after the fact."""
    if instance.status in FINAL_STATUSES:
        return Conflict(
            f"This instance is already {instance.get_status_display().lower()}.",
            code="instance_final",
            details={"status": instance.status},
        )
    return Conflict(
        "The fix window of this instance has closed.",
        code="fix_window_closed",
        details={"fix_deadline": instance.fix_deadline.isoformat()},
    )


def _form_habit_if_due(*, habit_id: int, repeat_limit: int, now: datetime) -> None:
    completions = HabitInstance.objects.filter(habit_id=habit_id, status__in=DONE_STATUSES).count()
    if completions < repeat_limit:
        return
    # formed_at IS NULL in the WHERE clause: of two concurrent completions only one announces.
    if Habit.objects.filter(pk=habit_id, formed_at__isnull=True).update(formed_at=now):
        announce_habit_formed(habit_id=habit_id, now=now)


def _as_id(raw) -> int | None:
    """An id the database can compare (raw SQL would fail on "abc" or 10**30), or None."""
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if is_storable_id(value) else None


def habit_skip_limit_check(*, habit_id: int, day: date, excluding_id: int | None = None) -> None:
    """Refuses one more excused skip in the week of `day` once HABIT_SKIPS_PER_WEEK are used
    (live skips and recorded past days alike). The count is read before the mark's UPDATE:
    two skips of one habit on two days of one week in the same instant may both pass."""
    limit = settings.HABIT_SKIPS_PER_WEEK
    monday = week_start(day)
    sunday = monday + timedelta(days=6)
    used = (
        HabitInstance.objects.filter(
            habit_id=habit_id, status=InstanceStatus.SKIPPED, date__range=(monday, sunday)
        )
        .exclude(pk=excluding_id)
        .count()
    )
    if used >= limit:
        raise Conflict(
            f"All {limit} excused skips of the week starting {monday.isoformat()} are used. "
            "Mark it not done instead, or keep the skips for days that really do not apply.",
            code="skip_limit_reached",
            details={"limit": limit, "week_start": monday.isoformat()},
        )


@transaction.atomic
def habit_instance_mark_completed(*, user, instance_id, now: datetime) -> HabitInstance:
    """completed up to grace_deadline, completed_late up to fix_deadline, refused after.
    One statement when it succeeds (its habit is loaded when read); why it did not (404 or 409)
    is read only then."""
    valid_id = _as_id(instance_id)
    sources = sorted(
        set(statuses_that_may_become(InstanceStatus.COMPLETED))
        & set(statuses_that_may_become(InstanceStatus.COMPLETED_LATE))
    )
    instance = (
        sql.complete_owned(user_id=user.pk, instance_id=valid_id, sources=sources, now=now)
        if valid_id is not None
        else None
    )
    if instance is None:
        raise _refusal(_owned_instance(user=user, instance_id=instance_id))
    instances_changed(user_ids=[user.pk], habit_ids=[instance.habit_id])
    # The answer's row (with the habit's current streak) read here, inside the transaction: the
    # caller answers with it instead of reading it again after the commit, and the coins of the
    # completion take the streak from it instead of a query of their own, when the streak it
    # carries (as of the owner's current week) is the one they ask for (as of the week of the
    # instance's day; they differ only for a times_per_week habit across a week boundary).
    this_week = week_start(local_today(user=user, now=now))
    instance.row = sql.instance_rows_by_id(instance_id=instance.pk, this_week=this_week)[0]
    instance_announce_marked(
        instance,
        user_id=user.pk,
        now=now,
        current_streak=instance.row[-1] if week_start(instance.date) == this_week else None,
    )
    if instance.unformed_repeat_limit is not None:  # formed once, for good: nothing to count
        _form_habit_if_due(
            habit_id=instance.habit_id, repeat_limit=instance.unformed_repeat_limit, now=now
        )
    return instance


def instance_announce_marked(
    instance: HabitInstance, *, user_id: int, now: datetime, current_streak: int | None = None
) -> None:
    """INSTANCE_MARKED for the instance as it now is (its status and recorded_late written)."""
    announce_instance_marked(
        instance_id=instance.pk,
        habit_id=instance.habit_id,
        user_id=user_id,
        status=instance.status,
        day=instance.date,
        recorded_late=instance.recorded_late,
        now=now,
        current_streak=current_streak,
    )


def _mark_final(*, instance: HabitInstance, target: str, now: datetime) -> HabitInstance:
    """A mark with one target status, while the fix window is still open."""
    changed = HabitInstance.objects.filter(
        pk=instance.pk,
        status__in=statuses_that_may_become(target),
        fix_deadline__gte=now,
    ).update(status=target, updated_at=now)
    # As in mark_completed: a full refresh would drop the habit the callers show with it.
    instance.refresh_from_db(fields=["status", "updated_at"])
    if not changed:
        raise _refusal(instance)
    instances_changed(user_ids=[instance.habit.user_id], habit_ids=[instance.habit_id])
    instance_announce_marked(instance, user_id=instance.habit.user_id, now=now)
    return instance


@transaction.atomic
def habit_instance_mark_failed(*, user, instance_id, now: datetime) -> HabitInstance:
    """missed: the user says it was not done, while the fix window is still open."""
    instance = _owned_instance(user=user, instance_id=instance_id)
    return _mark_final(instance=instance, target=InstanceStatus.MISSED, now=now)


@transaction.atomic
def habit_instance_mark_skipped(*, user, instance_id, now: datetime) -> HabitInstance:
    """skipped: excused ("not applicable today"), while the fix window is still open and the
    week's excused skips last. Counts as a day that was not due (docs/habits.md)."""
    instance = _owned_instance(user=user, instance_id=instance_id)
    if instance.status in statuses_that_may_become(InstanceStatus.SKIPPED):
        habit_skip_limit_check(habit_id=instance.habit_id, day=instance.date)
    return _mark_final(instance=instance, target=InstanceStatus.SKIPPED, now=now)


def mark_may_be_undone(instance: HabitInstance, *, now: datetime) -> bool:
    """Whether habit_instance_undo would take this instance's mark back at `now` (for showing an
    Undo button; the service's compare-and-set below is the same test)."""
    return (
        instance.status in USER_MARK_STATUSES
        and not instance.recorded_late
        and instance.fix_deadline >= now
    )


def _undo_refusal(instance: HabitInstance) -> Conflict:
    if instance.status not in FINAL_STATUSES:
        return Conflict("This instance has no mark to undo.", code="nothing_to_undo")
    if instance.status not in USER_MARK_STATUSES:
        return Conflict(
            "Its fix window closed without a mark; that cannot be undone.",
            code="not_undoable",
            details={"status": instance.status},
        )
    if instance.recorded_late:
        return Conflict(
            "This day was recorded afterwards: correct or clear it on the habit's day instead.",
            code="recorded_late",
        )
    return Conflict(
        "The fix window of this instance has closed: its mark can no longer be undone.",
        code="fix_window_closed",
        details={"fix_deadline": instance.fix_deadline.isoformat()},
    )


@transaction.atomic
def habit_instance_undo(*, user, instance_id, now: datetime) -> HabitInstance:
    """Takes back the owner's mark while the fix window is open: the instance is open again,
    `pending` if its time has come, else `scheduled`. What the mark caused is reversed by the
    subscribers of INSTANCE_MARK_UNDONE; the habit's formed state here, beside its forming."""
    instance = _owned_instance(user=user, instance_id=instance_id)
    undone_status, undone_completed_at = instance.status, instance.completed_at
    # The marks that may go back to either open status: the user's, never the sweep's.
    sources = set(statuses_that_may_become(InstanceStatus.PENDING)) & set(
        statuses_that_may_become(InstanceStatus.SCHEDULED)
    )
    changed = HabitInstance.objects.filter(
        pk=instance.pk,
        status=undone_status,  # compare-and-set on what was read: the event names the undone mark
        status__in=sources,
        recorded_late=False,
        fix_deadline__gte=now,
    ).update(
        status=Case(
            When(scheduled_at__lte=now, then=Value(InstanceStatus.PENDING)),
            default=Value(InstanceStatus.SCHEDULED),
        ),
        completed_at=None,
        updated_at=now,
    )
    instance.refresh_from_db(fields=["status", "completed_at", "updated_at"])
    if not changed:
        raise _undo_refusal(instance)
    # The completion that formed the habit stamped formed_at with its own `now`: only undoing
    # that one un-forms it (a later completion keeps the habit formed).
    habit_unformed = bool(
        undone_status in DONE_STATUSES
        and undone_completed_at is not None
        and Habit.objects.filter(pk=instance.habit_id, formed_at=undone_completed_at).update(
            formed_at=None
        )
    )
    if habit_unformed:
        instance.habit.formed_at = None
    announce_instance_mark_undone(
        instance_id=instance.pk,
        habit_id=instance.habit_id,
        user_id=instance.habit.user_id,  # the habit is loaded with the instance: no query
        undone_status=undone_status,
        status=instance.status,
        habit_unformed=habit_unformed,
        now=now,
    )
    return instance
