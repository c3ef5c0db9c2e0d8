"""Goal reminders: when they are due (DST, far zones, every 2 and 3 days), exactly once, only for
open goals, through the real outbox tables (notifications and their deliveries)."""

import threading
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django_celery_beat.models import PeriodicTask

from core.exceptions import ValidationFailed
from goals import services
from goals.models import GoalReminder
from goals.services.reminders import REMINDER_WINDOW
from goals.tasks import GOAL_REMINDERS_SEND, goal_reminders_send_task
from goals.tests.factories import GoalFactory, GoalStageFactory
from notifications.models import Delivery, Notification, NotificationSettings
from tests_support import bind
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BERLIN = "Europe/Berlin"
MINUTE = timedelta(minutes=1)


def _goal_with_reminder(*, zone=BERLIN, at=time(9, 0), every=1, saved_at, user=None, **goal):
    user = user or UserFactory(timezone=zone)
    goal = GoalFactory(user=user, **goal)
    services.goal_reminder_put(
        user=user, goal_id=goal.pk, remind_time=at, every_n_days=every, active=True, now=saved_at
    )
    return goal


def _send(now) -> int:
    return services.goal_reminders_send(now=now)


def _sent_moments(goal) -> list[str]:
    return list(
        Notification.objects.filter(payload__goal_id=goal.pk)
        .order_by("created_at")
        .values_list("dedupe_key", flat=True)
    )


def _local(day: date, at: time, zone: str) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone))


def test_due_at_the_local_time_with_the_goals_progress_and_a_button():
    saved = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)  # 08:00 in Berlin, before 09:00
    goal = _goal_with_reminder(saved_at=saved, title="Run a marathon")
    GoalStageFactory(goal=goal, is_completed=True, completed_at=saved)
    GoalStageFactory(goal=goal)
    GoalStageFactory(goal=goal, is_draft=True)  # drafts count for nothing
    due = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)  # 09:00 CEST

    assert _send(due - MINUTE) == 0
    assert _send(due) == 1

    notification = Notification.objects.get()
    assert notification.user == goal.user and notification.kind == "reminder"
    assert notification.title == "Goal: Run a marathon — 1 of 2 stages done"
    assert notification.payload == {"goal_id": goal.pk, "actions": ["open_stages"]}
    assert notification.created_at == due
    assert GoalReminder.objects.get(goal=goal).last_sent_for == due


def test_saving_after_todays_time_starts_tomorrow_and_sends_nothing_now():
    saved = datetime(2026, 6, 1, 7, 30, tzinfo=UTC)  # 09:30 in Berlin: today's 09:00 is gone
    goal = _goal_with_reminder(saved_at=saved)
    assert _send(saved) == 0
    assert _send(datetime(2026, 6, 2, 7, 0, tzinfo=UTC)) == 1
    assert len(_sent_moments(goal)) == 1


@pytest.mark.parametrize(
    ("at", "day", "expected_utc"),
    [
        # spring forward on 29 March 2026: 02:30 does not exist, it moves on by the gap
        (time(2, 30), date(2026, 3, 29), datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        (time(9, 0), date(2026, 3, 28), datetime(2026, 3, 28, 8, 0, tzinfo=UTC)),  # CET
        (time(9, 0), date(2026, 3, 29), datetime(2026, 3, 29, 7, 0, tzinfo=UTC)),  # CEST
        # fall back on 25 October 2026: 02:30 happens twice, the first (CEST) one counts
        (time(2, 30), date(2026, 10, 25), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        (time(9, 0), date(2026, 10, 25), datetime(2026, 10, 25, 8, 0, tzinfo=UTC)),  # CET
    ],
)
def test_due_at_the_right_utc_instant_across_berlin_dst(at, day, expected_utc):
    goal = _goal_with_reminder(at=at, saved_at=datetime(2026, 3, 1, tzinfo=UTC))
    assert _send(expected_utc - MINUTE) == 0
    assert _send(expected_utc) == 1
    assert _sent_moments(goal) == [f"goal_reminder:{goal.pk}:{expected_utc:%Y%m%dT%H%MZ}"]


def test_the_autumn_folds_second_0230_sends_nothing_more():
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    goal = _goal_with_reminder(at=time(2, 30), saved_at=first - timedelta(hours=2))
    assert _send(first) == 1
    assert _send(first + timedelta(hours=1)) == 0  # 02:30 CET, the same wall-clock time again
    assert len(_sent_moments(goal)) == 1


@pytest.mark.parametrize(
    ("zone", "expected_utc"),
    [
        ("Pacific/Kiritimati", datetime(2026, 6, 30, 19, 0, tzinfo=UTC)),  # +14: the day before
        ("Pacific/Pago_Pago", datetime(2026, 7, 1, 20, 0, tzinfo=UTC)),  # -11
    ],
)
def test_due_in_the_owners_zone_far_from_utc(zone, expected_utc):
    saved = _local(date(2026, 7, 1), time(6, 0), zone)
    goal = _goal_with_reminder(zone=zone, saved_at=saved)
    assert _send(expected_utc - MINUTE) == 0
    assert _send(expected_utc) == 1
    assert goal.user.notifications.get().created_at == expected_utc


@pytest.mark.parametrize(("every", "due_days"), [(1, [0, 1, 2, 3, 4, 5, 6]), (2, [0, 2, 4, 6])])
def test_every_n_days_counts_from_the_first_day(every, due_days):
    start = date(2026, 3, 25)  # across the spring change, which must not shift the days
    goal = _goal_with_reminder(every=every, saved_at=_local(start, time(7, 0), BERLIN))
    sent_days = []
    for offset in range(7):
        if _send(_local(start + timedelta(days=offset), time(9, 0), BERLIN)):
            sent_days.append(offset)
    assert sent_days == due_days
    assert len(_sent_moments(goal)) == len(due_days)


def test_every_three_days():
    start = date(2026, 6, 1)
    goal = _goal_with_reminder(every=3, saved_at=_local(start, time(7, 0), BERLIN))
    sent = [
        offset
        for offset in range(10)
        if _send(_local(start + timedelta(days=offset), time(9, 30), BERLIN))
    ]
    assert sent == [0, 3, 6, 9]
    assert len(_sent_moments(goal)) == 4


def test_a_moment_missed_by_more_than_the_window_is_skipped():
    saved = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    goal = _goal_with_reminder(saved_at=saved)
    due = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    assert _send(due + REMINDER_WINDOW) == 0
    assert _send(due + REMINDER_WINDOW - MINUTE) == 1  # late but in the window: sent
    assert len(_sent_moments(goal)) == 1


def test_not_sent_for_completed_archived_or_inactive_or_after_the_deadline():
    saved = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    due = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    completed = _goal_with_reminder(saved_at=saved, completed_at=saved, progress=100)
    archived = _goal_with_reminder(saved_at=saved, is_archived=True, archived_at=saved)
    past_deadline = _goal_with_reminder(saved_at=saved, deadline=date(2026, 5, 31))
    on_deadline = _goal_with_reminder(saved_at=saved, deadline=date(2026, 6, 1))
    switched_off = _goal_with_reminder(saved_at=saved)
    services.goal_reminder_put(
        user=switched_off.user,
        goal_id=switched_off.pk,
        remind_time=time(9, 0),
        every_n_days=1,
        active=False,
        now=saved,
    )
    assert _send(due) == 1
    assert Notification.objects.get().payload["goal_id"] == on_deadline.pk
    for goal in (completed, archived, past_deadline, switched_off):
        assert _sent_moments(goal) == []


def test_a_reopened_goal_is_reminded_again_from_its_next_due_moment():
    saved = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    goal = _goal_with_reminder(saved_at=saved, completed_at=saved, progress=100)
    assert _send(datetime(2026, 6, 1, 7, 0, tzinfo=UTC)) == 0
    services.goal_reopen(user=goal.user, goal_id=goal.pk, now=saved + timedelta(hours=3))
    assert _send(datetime(2026, 6, 1, 10, 0, tzinfo=UTC)) == 0  # the missed one stays missed
    assert _send(datetime(2026, 6, 2, 7, 0, tzinfo=UTC)) == 1


def test_running_twice_sends_each_due_moment_once():
    saved = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    goal = _goal_with_reminder(saved_at=saved)
    due = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    assert _send(due) == 1
    assert _send(due) == 0
    assert _send(due + 30 * MINUTE) == 0
    assert _send(due + timedelta(days=1)) == 1
    assert len(_sent_moments(goal)) == 2


def test_the_beat_task_sends_through_the_outbox(telegram_on):
    saved = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    goal = _goal_with_reminder(saved_at=saved)
    bind(goal.user, chat_id=77)
    with time_machine.travel(datetime(2026, 6, 1, 7, 0, 20, tzinfo=UTC), tick=False):
        assert goal_reminders_send_task.apply().get() == 1
        assert goal_reminders_send_task.apply().get() == 0
    delivery = Delivery.objects.get(notification__payload__goal_id=goal.pk)
    assert (delivery.channel, delivery.status) == ("telegram", "pending")


def test_quiet_hours_hold_the_delivery_until_they_end(telegram_on):
    saved = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)
    goal = _goal_with_reminder(at=time(7, 0), saved_at=saved)  # 07:00 CEST = 05:00 UTC
    bind(goal.user, chat_id=77)
    NotificationSettings.objects.create(
        user=goal.user, quiet_hours_start=time(22, 0), quiet_hours_end=time(8, 0)
    )
    due = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)
    assert _send(due) == 1
    delivery = Delivery.objects.get()
    assert delivery.not_before == datetime(2026, 6, 1, 6, 0, tzinfo=UTC)  # 08:00 CEST
    assert Notification.objects.get().created_at == due  # the feed has it at once


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_send_each_due_moment_once():
    saved = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    goals = [_goal_with_reminder(saved_at=saved) for _ in range(5)]
    due = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    written: list[int] = []
    start = threading.Barrier(2)

    def runner() -> None:
        try:
            start.wait(timeout=5)
            written.append(_send(due))
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert sorted(written) == [0, 5]
    assert Notification.objects.count() == 5
    assert {n.payload["goal_id"] for n in Notification.objects.all()} == {g.pk for g in goals}


def test_the_beat_runs_the_task_every_minute():
    registered = PeriodicTask.objects.select_related("interval").get(task=GOAL_REMINDERS_SEND)
    assert registered.enabled
    assert (registered.interval.every, registered.interval.period) == (1, "minutes")
    assert registered.expire_seconds < 60


def test_a_goal_without_stages_or_with_a_long_title_keeps_its_reminder_readable():
    saved = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    bare = _goal_with_reminder(saved_at=saved, title="Learn Dutch", deadline=date(2026, 9, 1))
    long = _goal_with_reminder(saved_at=saved, title="x" * 200)
    GoalStageFactory(goal=long)
    assert _send(datetime(2026, 6, 1, 7, 0, tzinfo=UTC)) == 2
    bare_reminder = Notification.objects.get(payload__goal_id=bare.pk)
    assert bare_reminder.title == "Goal: Learn Dutch — no stages yet"
    assert bare_reminder.body == "Deadline: 2026-09-01."
    long_title = Notification.objects.get(payload__goal_id=long.pk).title
    assert len(long_title) == 200 and long_title.endswith("… — 0 of 1 stages done")


def test_a_period_other_than_1_2_or_3_days_is_refused_by_the_service():
    user = UserFactory()
    goal = GoalFactory(user=user)
    with pytest.raises(ValidationFailed) as refused:
        services.goal_reminder_put(
            user=user,
            goal_id=goal.pk,
            remind_time=time(9, 0),
            every_n_days=7,
            active=True,
            now=datetime(2026, 6, 1, tzinfo=UTC),
        )
    assert "every_n_days" in refused.value.fields
    assert not GoalReminder.objects.exists()
