import datetime as dt
import threading

import pytest
from django.core.cache import cache
from django.db import connection

from core.events import subscribe, unsubscribe
from habit_instances.events import INSTANCE_GRACE_PASSED, INSTANCE_PENDING
from habit_instances.models import HabitInstance, InstanceStatus
from habit_instances.services import (
    habit_instance_sync_today,
    habit_instances_advance_statuses,
    habit_instances_generate_for_user,
    habit_instances_generate_for_users,
)
from habit_instances.stats.cache import habit_stats_key
from habit_instances.stats.selectors import habit_stats_get
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC


@pytest.fixture
def announced():
    """The ids each event carried; `seen["now"]` the moments they carried."""
    seen = {INSTANCE_PENDING: [], INSTANCE_GRACE_PASSED: [], "now": set()}

    def recorder(event):
        def record(*, instance_ids, now):
            seen[event].append(instance_ids)
            seen["now"].add(now)

        return record

    handlers = {event: recorder(event) for event in (INSTANCE_PENDING, INSTANCE_GRACE_PASSED)}
    for event, handler in handlers.items():
        subscribe(event, handler)
    yield seen
    for event, handler in handlers.items():
        unsubscribe(event, handler)


def test_sweep_moves_due_instances_to_pending_once_and_announces_them(user, announced):
    due = HabitInstanceFactory(habit=HabitFactory(user=user))
    later = HabitInstanceFactory(habit=HabitFactory(user=user, time_of_day=dt.time(9, 0)))
    now = due.scheduled_at
    first = habit_instances_advance_statuses(now=now)
    second = habit_instances_advance_statuses(now=now)
    assert first["pending"] == 1 and second["pending"] == 0
    assert announced[INSTANCE_PENDING] == [[due.pk]]
    assert announced["now"] == {now}  # subscribers act at the sweep's moment, not their own
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, later.status) == (InstanceStatus.PENDING, InstanceStatus.SCHEDULED)


def test_sweep_announces_the_grace_deadline_once(user, announced):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user), status="pending")
    now = instance.grace_deadline + dt.timedelta(seconds=1)
    habit_instances_advance_statuses(now=now)
    habit_instances_advance_statuses(now=now + dt.timedelta(minutes=1))
    assert announced[INSTANCE_GRACE_PASSED] == [[instance.pk]]
    instance.refresh_from_db()
    assert instance.grace_announced_at == now
    assert instance.status == InstanceStatus.PENDING


def test_sweep_expires_open_instances_after_fix_deadline_and_leaves_final_ones(user, announced):
    habit = HabitFactory(user=user)
    open_one = HabitInstanceFactory(habit=habit, status="pending")
    done = HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 9), status="completed")
    now = open_one.fix_deadline + dt.timedelta(seconds=1)
    assert habit_instances_advance_statuses(now=now)["fix_expired"] == 1
    assert habit_instances_advance_statuses(now=now)["fix_expired"] == 0
    open_one.refresh_from_db()
    done.refresh_from_db()
    assert (open_one.status, done.status) == ("fix_expired", "completed")
    assert announced[INSTANCE_GRACE_PASSED] == []  # the window is over: no nudge any more


def test_sweep_invalidates_the_stats_cache(user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    now = instance.fix_deadline + dt.timedelta(minutes=1)
    assert habit_stats_get(habit=instance.habit, now=now)["counts"]["scheduled"] == 1
    assert cache.get(habit_stats_key(instance.habit_id)) is not None
    habit_instances_advance_statuses(now=now)
    assert habit_stats_get(habit=instance.habit, now=now)["counts"]["fix_expired"] == 1


def test_generation_follows_periodicity_from_start_date(user):
    habit = HabitFactory(user=user, periodicity_days=3, start_date=dt.date(2026, 3, 1))
    made = {}
    for day in range(1, 11):
        local_date = dt.date(2026, 3, day)
        now = dt.datetime(2026, 3, day, 0, 1, tzinfo=UTC)
        made[day] = habit_instances_generate_for_user(user=user, local_date=local_date, now=now)
    assert [day for day, count in made.items() if count] == [1, 4, 7, 10]
    assert HabitInstance.objects.filter(habit=habit).count() == 4


def test_generation_skips_inactive_habits_and_days_before_start(user):
    HabitFactory(user=user, is_active=False)
    HabitFactory(user=user, start_date=dt.date(2026, 4, 1))
    now = dt.datetime(2026, 3, 10, 0, 1, tzinfo=UTC)
    assert habit_instances_generate_for_user(user=user, local_date=now.date(), now=now) == 0


def test_generation_for_users_twice_gives_the_same_rows(user, other_user):
    HabitFactory(user=user)
    HabitFactory(user=other_user)
    now = dt.datetime(2026, 3, 10, 1, 0, tzinfo=UTC)
    assert habit_instances_generate_for_users(user_ids=[user.pk, other_user.pk], now=now) == 2
    assert habit_instances_generate_for_users(user_ids=[user.pk, other_user.pk], now=now) == 0
    assert HabitInstance.objects.count() == 2


def test_generation_skips_a_window_that_is_already_over(user):
    HabitFactory(user=user, time_of_day=dt.time(7, 0), grace_minutes=0, fix_minutes=60)
    late = dt.datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    assert habit_instances_generate_for_users(user_ids=[user.pk], now=late) == 0


def test_generation_makes_tomorrows_midnight_instance_before_midnight():
    user = UserFactory(timezone="Europe/Moscow")
    HabitFactory(user=user, time_of_day=dt.time(0, 0), grace_minutes=0, fix_minutes=10)
    # 23:50 in Moscow on March 9th
    now = dt.datetime(2026, 3, 9, 20, 50, tzinfo=UTC)
    habit_instances_generate_for_users(user_ids=[user.pk], now=now)
    assert list(HabitInstance.objects.values_list("date", "scheduled_at")) == [
        (dt.date(2026, 3, 10), dt.datetime(2026, 3, 9, 21, 0, tzinfo=UTC))
    ]


def test_sync_today_reschedules_the_open_instance_when_the_time_changes(user):
    habit = HabitFactory(user=user)
    instance = HabitInstanceFactory(habit=habit, status="pending")
    instance.grace_announced_at = instance.grace_deadline
    instance.save()
    now = dt.datetime(2026, 3, 10, 8, 30, tzinfo=UTC)
    habit.time_of_day = dt.time(20, 0)
    habit.save()
    habit_instance_sync_today(habit=habit, now=now)
    instance.refresh_from_db()
    assert instance.scheduled_at == dt.datetime(2026, 3, 10, 20, 0, tzinfo=UTC)
    assert instance.fix_deadline == dt.datetime(2026, 3, 10, 22, 30, tzinfo=UTC)
    assert instance.grace_announced_at is None
    assert instance.status == InstanceStatus.PENDING


def test_sync_today_never_touches_a_final_instance(user):
    habit = HabitFactory(user=user)
    done = HabitInstanceFactory(habit=habit, status="completed")
    habit.time_of_day = dt.time(20, 0)
    habit.save()
    habit_instance_sync_today(habit=habit, now=dt.datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    done.refresh_from_db()
    assert done.scheduled_at == dt.datetime(2026, 3, 10, 7, 30, tzinfo=UTC)
    assert HabitInstance.objects.count() == 1


def test_sync_today_removes_the_open_instance_of_a_deactivated_habit(user):
    habit = HabitFactory(user=user)
    HabitInstanceFactory(habit=habit)
    habit.is_active = False
    habit.save()
    habit_instance_sync_today(habit=habit, now=dt.datetime(2026, 3, 10, 6, 0, tzinfo=UTC))
    assert not HabitInstance.objects.exists()


def test_generation_makes_cached_stats_stale(user):
    habit = HabitFactory(user=user, time_of_day=dt.time(9, 0))
    now = dt.datetime(2026, 3, 10, 1, 0, tzinfo=UTC)
    assert habit_stats_get(habit=habit, now=now)["counts"]["scheduled"] == 0
    assert habit_instances_generate_for_users(user_ids=[user.pk], now=now) == 1
    assert habit_stats_get(habit=habit, now=now)["counts"]["scheduled"] == 1


def test_a_sweep_ahead_of_the_readers_clock_still_refreshes_stats(user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    before = instance.scheduled_at - dt.timedelta(minutes=5)
    assert habit_stats_get(habit=instance.habit, now=before)["counts"]["scheduled"] == 1
    habit_instances_advance_statuses(now=instance.scheduled_at)
    assert habit_stats_get(habit=instance.habit, now=before)["counts"]["pending"] == 1


def test_cached_stats_stay_cached_while_no_sweep_can_change_them(user, django_assert_num_queries):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    before = instance.scheduled_at - dt.timedelta(minutes=5)
    habit_stats_get(habit=instance.habit, now=before)
    with django_assert_num_queries(0):
        habit_stats_get(habit=instance.habit, now=before)
    with django_assert_num_queries(1):  # its time has come: the sweep may move it any moment
        habit_stats_get(habit=instance.habit, now=instance.scheduled_at)


@pytest.mark.postgresql_only(reason="SQLite has one writer at a time: nothing runs concurrently")
@pytest.mark.django_db(transaction=True)
def test_generation_run_concurrently_inserts_each_instance_once():
    users = UserFactory.create_batch(4)
    for owner in users:
        HabitFactory.create_batch(5, user=owner)
    now = dt.datetime(2026, 3, 10, 1, 0, tzinfo=UTC)
    ids = [owner.pk for owner in users]
    barrier = threading.Barrier(3)
    created = []

    def run():
        try:
            barrier.wait()
            created.append(habit_instances_generate_for_users(user_ids=ids, now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(created) == 20
    assert HabitInstance.objects.count() == 20
