import contextlib
import datetime as dt
import itertools

import pytest

from core.events import subscribe, unsubscribe
from core.exceptions import Conflict, NotFound
from habit_instances.events import HABIT_FORMED
from habit_instances.models import ALLOWED_TRANSITIONS, HabitInstance, InstanceStatus
from habit_instances.services import (
    habit_instance_mark_completed,
    habit_instance_mark_failed,
    habit_instance_mark_skipped,
    habit_instance_undo,
    habit_instances_advance_statuses,
)
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
# The default factory instance: 2026-03-10 07:30 UTC, grace 30 min, fix 120 min.
SCHEDULED = dt.datetime(2026, 3, 10, 7, 30, tzinfo=UTC)
GRACE = dt.datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
FIX = dt.datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


def _drive(instance, target, user):
    """Attempts to move `instance` to `target` through the service that produces it."""
    if target == InstanceStatus.COMPLETED:
        habit_instance_mark_completed(user=user, instance_id=instance.pk, now=GRACE)
    elif target == InstanceStatus.COMPLETED_LATE:
        habit_instance_mark_completed(user=user, instance_id=instance.pk, now=FIX)
    elif target == InstanceStatus.MISSED:
        habit_instance_mark_failed(user=user, instance_id=instance.pk, now=GRACE)
    elif target == InstanceStatus.SKIPPED:
        habit_instance_mark_skipped(user=user, instance_id=instance.pk, now=GRACE)
    elif target == InstanceStatus.PENDING:
        habit_instances_advance_statuses(now=SCHEDULED)
        with contextlib.suppress(Conflict):  # a mark goes back to pending by undo, after its time
            habit_instance_undo(user=user, instance_id=instance.pk, now=GRACE)
    elif target == InstanceStatus.SCHEDULED:  # by undo, before its time
        habit_instance_undo(
            user=user, instance_id=instance.pk, now=SCHEDULED - dt.timedelta(hours=1)
        )
    elif target == InstanceStatus.FIX_EXPIRED:
        habit_instances_advance_statuses(now=FIX + dt.timedelta(seconds=1))


@pytest.mark.parametrize(
    ("source", "target"),
    [(s, t) for s, t in itertools.product(InstanceStatus, InstanceStatus) if s != t],
)
def test_every_status_pair_moves_only_when_the_table_allows_it(user, source, target):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user), status=source)
    with contextlib.suppress(Conflict):  # a refused move answers 409; the status must stay
        _drive(instance, target, user)
    instance.refresh_from_db()
    if target in ALLOWED_TRANSITIONS[source]:
        assert instance.status == target
    else:
        assert instance.status == source


def test_only_a_users_mark_moves_back_to_an_open_status():
    back = {
        source
        for source, targets in ALLOWED_TRANSITIONS.items()
        if targets & {InstanceStatus.SCHEDULED, InstanceStatus.PENDING}
        and source != InstanceStatus.SCHEDULED
    }
    assert back == {"completed", "completed_late", "missed", "skipped"}


def test_mark_completed_up_to_the_grace_deadline_is_completed(user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    result = habit_instance_mark_completed(user=user, instance_id=instance.pk, now=GRACE)
    assert (result.status, result.completed_at) == (InstanceStatus.COMPLETED, GRACE)


def test_mark_completed_early_is_completed(user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    early = SCHEDULED - dt.timedelta(hours=3)
    assert habit_instance_mark_completed(user=user, instance_id=instance.pk, now=early).status == (
        InstanceStatus.COMPLETED
    )


def test_mark_completed_after_grace_is_completed_late(user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user), status="pending")
    late = GRACE + dt.timedelta(seconds=1)
    result = habit_instance_mark_completed(user=user, instance_id=instance.pk, now=late)
    assert result.status == InstanceStatus.COMPLETED_LATE


def test_mark_completed_after_fix_deadline_is_refused(user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user), status="pending")
    with pytest.raises(Conflict) as caught:
        habit_instance_mark_completed(
            user=user, instance_id=instance.pk, now=FIX + dt.timedelta(seconds=1)
        )
    assert caught.value.code == "fix_window_closed"
    instance.refresh_from_db()
    assert instance.status == InstanceStatus.PENDING


@pytest.mark.parametrize(
    ("mark", "status", "reads"),
    [
        (habit_instance_mark_completed, InstanceStatus.COMPLETED, 1),
        (habit_instance_mark_failed, InstanceStatus.MISSED, 0),
    ],
)
def test_a_mark_answers_the_new_status_with_its_habit(
    user, mark, status, reads, django_assert_num_queries
):
    """The Telegram reply shows the marked instance with its habit. mark_failed loaded it with
    the owner check; mark_completed checks the owner inside its UPDATE (the API's hot path
    needs no habit), so the reply reads the habit once."""
    instance = HabitInstanceFactory(habit=HabitFactory(user=user, name="Read"))
    marked = mark(user=user, instance_id=instance.pk, now=GRACE)
    with django_assert_num_queries(reads):
        assert (marked.status, marked.habit.name, marked.updated_at) == (status, "Read", GRACE)
    assert marked.date == instance.date and marked.fix_deadline == instance.fix_deadline


@pytest.mark.parametrize("mark", [habit_instance_mark_completed, habit_instance_mark_failed])
def test_a_second_mark_is_instance_final(user, mark):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    mark(user=user, instance_id=instance.pk, now=GRACE)
    with pytest.raises(Conflict) as caught:
        mark(user=user, instance_id=instance.pk, now=GRACE)
    assert caught.value.code == "instance_final"


@pytest.mark.parametrize("mark", [habit_instance_mark_completed, habit_instance_mark_failed])
@pytest.mark.parametrize("instance_id", ["other", 10**30, "abc", None])
def test_marking_another_users_or_a_missing_instance_is_not_found(
    user, other_user, mark, instance_id
):
    instance = HabitInstanceFactory(habit=HabitFactory(user=other_user))
    target = instance.pk if instance_id == "other" else instance_id
    with pytest.raises(NotFound):
        mark(user=user, instance_id=target, now=GRACE)
    instance.refresh_from_db()
    assert instance.status == InstanceStatus.SCHEDULED


def test_reaching_repeat_limit_announces_formed_once(user):
    formed = []

    def record(*, habit_id, now):
        formed.append((habit_id, now))

    subscribe(HABIT_FORMED, record)
    habit = HabitFactory(user=user, repeat_limit=21)
    start = dt.date(2026, 3, 1)
    instances = [
        HabitInstanceFactory(habit=habit, date=start + dt.timedelta(days=n)) for n in range(22)
    ]
    for instance in instances[:20]:
        instance.status = InstanceStatus.COMPLETED
    HabitInstance.objects.bulk_update(instances[:20], ["status"])
    now = instances[20].scheduled_at
    habit_instance_mark_completed(user=user, instance_id=instances[20].pk, now=now)
    assert formed == [(habit.pk, now)]
    habit_instance_mark_completed(
        user=user, instance_id=instances[21].pk, now=instances[21].scheduled_at
    )
    unsubscribe(HABIT_FORMED, record)
    assert formed == [(habit.pk, now)]
    habit.refresh_from_db()
    assert habit.formed_at == now
