"""The rules of excused skips, undo and recorded past days (docs/habits.md), service by service."""

import datetime as dt

import pytest

from core.events import subscribe, unsubscribe
from core.exceptions import Conflict
from habit_instances.events import HABIT_FORMED, INSTANCE_MARK_UNDONE, INSTANCE_PENDING
from habit_instances.models import HabitInstance, InstanceStatus
from habit_instances.schedule import week_start
from habit_instances.services import (
    habit_day_record,
    habit_instance_mark_completed,
    habit_instance_mark_failed,
    habit_instance_mark_skipped,
    habit_instance_undo,
    habit_instances_advance_statuses,
    mark_may_be_undone,
)
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from notifications.models import Delivery, Notification
from tests_support import bind

pytestmark = pytest.mark.django_db

UTC = dt.UTC
# The default factory instance: Tuesday 2026-03-10, 07:30 UTC, grace until 08:00, fix until 10:00.
TUESDAY = dt.date(2026, 3, 10)
SCHEDULED = dt.datetime(2026, 3, 10, 7, 30, tzinfo=UTC)
GRACE = dt.datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
FIX = dt.datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


@pytest.fixture
def recorded():
    """Every event these tests care about, as (name, payload)."""
    seen = []
    handlers = {}
    for name in (INSTANCE_MARK_UNDONE, INSTANCE_PENDING, HABIT_FORMED):

        def record(_name=name, **payload):
            seen.append((_name, payload))

        handlers[name] = record
        subscribe(name, record)
    yield seen
    for name, handler in handlers.items():
        unsubscribe(name, handler)


# --- excused skips ------------------------------------------------------------------------------


def test_the_week_of_a_day_runs_monday_to_sunday():
    assert week_start(TUESDAY) == dt.date(2026, 3, 9)
    assert week_start(dt.date(2026, 3, 15)) == dt.date(2026, 3, 9)  # its Sunday: the same week


def test_skips_are_limited_per_habit_and_local_week(user, settings):
    settings.HABIT_SKIPS_PER_WEEK = 2
    habit = HabitFactory(user=user)
    # last week's Sunday and another habit's skip do not count
    HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 8), status="skipped")
    HabitInstanceFactory(habit=HabitFactory(user=user), date=TUESDAY, status="skipped")
    HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 9), status="skipped")
    today = HabitInstanceFactory(habit=habit)
    habit_instance_mark_skipped(user=user, instance_id=today.pk, now=GRACE)
    thursday = HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 12))
    with pytest.raises(Conflict) as refused:
        habit_instance_mark_skipped(
            user=user, instance_id=thursday.pk, now=dt.datetime(2026, 3, 12, 8, tzinfo=UTC)
        )
    assert refused.value.code == "skip_limit_reached"
    # "not done" is never limited
    habit_instance_mark_failed(
        user=user, instance_id=thursday.pk, now=dt.datetime(2026, 3, 12, 8, tzinfo=UTC)
    )


def test_recorded_and_live_skips_share_the_weekly_limit(user, settings):
    settings.HABIT_SKIPS_PER_WEEK = 1
    habit = HabitFactory(user=user)
    habit_day_record(
        user=user, habit_id=habit.pk, day=dt.date(2026, 3, 9), status="skipped", now=GRACE
    )
    # recording the same day as skipped again is a correction, not one more skip
    habit_day_record(
        user=user, habit_id=habit.pk, day=dt.date(2026, 3, 9), status="skipped", now=GRACE
    )
    today = HabitInstanceFactory(habit=habit)
    with pytest.raises(Conflict):
        habit_instance_mark_skipped(user=user, instance_id=today.pk, now=GRACE)


def test_the_sweep_never_touches_a_skipped_instance_and_sends_nothing(user, telegram_on):
    bind(user, chat_id=1)
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    habit_instance_mark_skipped(user=user, instance_id=instance.pk, now=SCHEDULED)
    for moment in (SCHEDULED, GRACE + dt.timedelta(minutes=1), FIX + dt.timedelta(minutes=1)):
        habit_instances_advance_statuses(now=moment)
    instance.refresh_from_db()
    assert (instance.status, instance.grace_announced_at) == ("skipped", None)
    assert not Notification.objects.exists()


# --- undo ---------------------------------------------------------------------------------------


def test_undo_goes_back_to_pending_once_the_time_has_come(user, recorded):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user), status="pending")
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=GRACE)
    undone = habit_instance_undo(user=user, instance_id=instance.pk, now=GRACE)
    assert (undone.status, undone.completed_at) == ("pending", None)
    (event,) = [payload for name, payload in recorded if name == INSTANCE_MARK_UNDONE]
    assert event == {
        "instance_id": instance.pk,
        "habit_id": instance.habit_id,
        "user_id": user.pk,
        "undone_status": "completed",
        "status": "pending",
        "habit_unformed": False,
        "now": GRACE,
    }


def test_undo_before_the_time_goes_back_to_scheduled(user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    early = SCHEDULED - dt.timedelta(hours=1)
    habit_instance_mark_skipped(user=user, instance_id=instance.pk, now=early)
    assert habit_instance_undo(user=user, instance_id=instance.pk, now=early).status == "scheduled"


@pytest.mark.parametrize("mark", ["completed_late", "missed", "skipped"])
def test_every_user_mark_can_be_undone_until_the_fix_deadline(user, mark):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user), status=mark)
    instance.refresh_from_db()
    assert mark_may_be_undone(instance, now=FIX)
    assert habit_instance_undo(user=user, instance_id=instance.pk, now=FIX).status == "pending"
    instance.refresh_from_db()
    instance.status = mark
    assert not mark_may_be_undone(instance, now=FIX + dt.timedelta(microseconds=1))


@pytest.mark.parametrize(
    ("status", "recorded_late", "code"),
    [
        ("pending", False, "nothing_to_undo"),
        ("fix_expired", False, "not_undoable"),
        ("completed", True, "recorded_late"),
    ],
)
def test_what_cannot_be_undone_says_why(user, status, recorded_late, code, recorded):
    instance = HabitInstanceFactory(
        habit=HabitFactory(user=user), status=status, recorded_late=recorded_late
    )
    with pytest.raises(Conflict) as refused:
        habit_instance_undo(user=user, instance_id=instance.pk, now=GRACE)
    assert refused.value.code == code
    instance.refresh_from_db()
    assert instance.status == status
    assert not recorded


def _formed_habit(user, *, repeat_limit=21):
    """A habit one completion away from formed, and its open instance of today."""
    habit = HabitFactory(user=user, repeat_limit=repeat_limit)
    for n in range(repeat_limit - 1):
        HabitInstanceFactory(
            habit=habit, date=dt.date(2026, 1, 1) + dt.timedelta(days=n), status="completed"
        )
    return habit, HabitInstanceFactory(habit=habit)


def test_undoing_the_completion_that_formed_the_habit_unforms_it(user, recorded):
    habit, instance = _formed_habit(user)
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=GRACE)
    habit.refresh_from_db()
    assert habit.formed_at == GRACE
    habit_instance_undo(user=user, instance_id=instance.pk, now=GRACE)
    habit.refresh_from_db()
    assert habit.formed_at is None
    assert recorded[-1][1]["habit_unformed"] is True
    # completing again forms it again
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=FIX)
    habit.refresh_from_db()
    assert habit.formed_at == FIX


def test_undoing_a_later_completion_keeps_the_habit_formed(user):
    formed = dt.datetime(2026, 2, 1, tzinfo=UTC)
    habit = HabitFactory(user=user, formed_at=formed)
    instance = HabitInstanceFactory(habit=habit)
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=GRACE)
    habit_instance_undo(user=user, instance_id=instance.pk, now=GRACE)
    habit.refresh_from_db()
    assert habit.formed_at == formed


# --- undo and the notifications outbox ----------------------------------------------------------


def _outbox(user, kind):
    notifications = Notification.objects.filter(user=user, kind=kind)
    return notifications.count(), Delivery.objects.filter(notification__in=notifications).count()


def test_undo_then_complete_again_sends_no_second_reminder(user, telegram_on):
    bind(user, chat_id=1)
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    habit_instances_advance_statuses(now=SCHEDULED)  # pending: the reminder
    assert _outbox(user, "reminder") == (1, 1)
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=SCHEDULED)
    habit_instance_undo(user=user, instance_id=instance.pk, now=SCHEDULED)
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=SCHEDULED)
    habit_instances_advance_statuses(now=GRACE + dt.timedelta(minutes=1))
    assert _outbox(user, "reminder") == (1, 1)
    assert _outbox(user, "nudge") == (0, 0)


def test_a_mark_made_before_the_time_then_undone_after_it_still_gets_its_reminder(
    user, telegram_on
):
    bind(user, chat_id=1)
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    early = SCHEDULED - dt.timedelta(hours=1)
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=early)
    habit_instances_advance_statuses(now=SCHEDULED)  # completed: no reminder
    assert _outbox(user, "reminder") == (0, 0)
    habit_instance_undo(user=user, instance_id=instance.pk, now=SCHEDULED)
    habit_instances_advance_statuses(now=SCHEDULED + dt.timedelta(minutes=1))
    assert _outbox(user, "reminder") == (1, 1)


def test_the_grace_nudge_a_mark_prevented_comes_after_undo_and_only_once(user, telegram_on):
    bind(user, chat_id=1)
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    habit_instances_advance_statuses(now=SCHEDULED)
    habit_instance_mark_failed(user=user, instance_id=instance.pk, now=SCHEDULED)
    after_grace = GRACE + dt.timedelta(minutes=1)
    habit_instances_advance_statuses(now=after_grace)  # marked: no nudge
    assert _outbox(user, "nudge") == (0, 0)
    habit_instance_undo(user=user, instance_id=instance.pk, now=after_grace)
    habit_instances_advance_statuses(now=after_grace)  # open again past its grace: the nudge
    habit_instance_mark_failed(user=user, instance_id=instance.pk, now=after_grace)
    habit_instance_undo(user=user, instance_id=instance.pk, now=after_grace)
    habit_instances_advance_statuses(now=after_grace + dt.timedelta(minutes=1))
    assert _outbox(user, "nudge") == (1, 1)
    assert _outbox(user, "reminder") == (1, 1)


def test_an_unsent_habit_formed_message_is_withdrawn_and_written_once_again(user, telegram_on):
    bind(user, chat_id=1)
    _, instance = _formed_habit(user)
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=GRACE)
    assert _outbox(user, "habit_formed") == (1, 1)
    habit_instance_undo(user=user, instance_id=instance.pk, now=GRACE)
    assert _outbox(user, "habit_formed") == (0, 0)
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=GRACE)
    assert _outbox(user, "habit_formed") == (1, 1)


def test_a_sent_habit_formed_message_stays_and_is_not_sent_twice(user, telegram_on):
    bind(user, chat_id=1)
    _, instance = _formed_habit(user)
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=GRACE)
    Delivery.objects.update(status=Delivery.Status.SENT, sent_at=GRACE)
    habit_instance_undo(user=user, instance_id=instance.pk, now=GRACE)
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=GRACE)
    assert _outbox(user, "habit_formed") == (1, 1)


# --- recorded past days -------------------------------------------------------------------------


def test_a_recorded_day_fires_no_event_and_no_outbox_row(user, telegram_on, recorded):
    bind(user, chat_id=1)
    habit, _ = _formed_habit(user)
    HabitInstance.objects.filter(date=TUESDAY).delete()
    day = dt.date(2026, 3, 9)
    instance = habit_day_record(
        user=user, habit_id=habit.pk, day=day, status="completed", now=GRACE
    )
    assert (instance.status, instance.recorded_late, instance.completed_at) == (
        "completed",
        True,
        GRACE,
    )
    habit_instances_advance_statuses(now=GRACE)
    assert not recorded
    assert not Notification.objects.exists()
    habit.refresh_from_db()
    assert habit.formed_at is None  # formed by the next live completion, which announces it


def test_recording_not_done_clears_a_completion_time(user):
    habit = HabitFactory(user=user)
    day = dt.date(2026, 3, 9)
    HabitInstanceFactory(habit=habit, date=day, status="completed", completed_at=GRACE)
    instance = habit_day_record(user=user, habit_id=habit.pk, day=day, status="missed", now=GRACE)
    instance.refresh_from_db()
    assert (instance.status, instance.completed_at) == (InstanceStatus.MISSED, None)
