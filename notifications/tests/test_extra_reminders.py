"""A habit's extra reminders (notifications.extra_reminders): once per (instance, time), only
while the instance is open and before its grace deadline, never for paused or archived habits,
local times resolved across DST."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from habit_instances.models import InstanceStatus
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from notifications.extra_reminders import extra_reminders_send
from notifications.models import Notification
from notifications.tasks import extra_reminders_send_task
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
DAY = date(2026, 6, 1)


def _instance(tz="Europe/Berlin", *, day=DAY, at=time(18), extras="09:00,17:30", **habit):
    user = UserFactory(timezone=tz)
    habit = HabitFactory(
        user=user,
        time_of_day=at,
        grace_minutes=60,
        start_date=day,
        extra_reminders=extras,
        **habit,
    )
    return HabitInstanceFactory(habit=habit, date=day)


def _sent(instance) -> list[tuple[str, str]]:
    return list(
        Notification.objects.filter(kind=Notification.Kind.EXTRA_REMINDER)
        .filter(payload__instance_id=instance.pk)
        .order_by("dedupe_key")
        .values_list("dedupe_key", "title")
    )


def test_each_extra_reminder_is_sent_once_at_its_time():
    instance = _instance()
    morning = datetime(2026, 6, 1, 9, 0, tzinfo=BERLIN)
    assert extra_reminders_send(now=morning - timedelta(minutes=1)) == 0
    assert extra_reminders_send(now=morning) == 1
    assert extra_reminders_send(now=morning) == 0  # twice: idempotent
    assert extra_reminders_send(now=morning + timedelta(minutes=5)) == 0
    evening = datetime(2026, 6, 1, 17, 30, tzinfo=BERLIN)
    assert extra_reminders_send(now=evening) == 1
    assert extra_reminders_send(now=evening + timedelta(minutes=1)) == 0
    assert _sent(instance) == [
        (f"extra:{instance.pk}:09:00", "Coming up at 18:00: read 10 pages"),
        (f"extra:{instance.pk}:17:30", "Coming up at 18:00: read 10 pages"),
    ]
    notification = Notification.objects.get(dedupe_key=f"extra:{instance.pk}:09:00")
    assert notification.body == "Mark it done until 19:00 to keep it on time."
    assert notification.payload["actions"] == ["done", "skip"]


def test_a_reminder_inside_the_grace_period_says_there_is_still_time():
    instance = _instance(at=time(8), extras="08:45")
    extra_reminders_send(now=datetime(2026, 6, 1, 8, 45, tzinfo=BERLIN))
    assert _sent(instance) == [(f"extra:{instance.pk}:08:45", "Still time to read 10 pages")]


def test_the_instances_deadlines_do_not_change():
    instance = _instance()
    before = (instance.scheduled_at, instance.grace_deadline, instance.fix_deadline)
    extra_reminders_send(now=datetime(2026, 6, 1, 9, 0, tzinfo=BERLIN))
    instance.refresh_from_db()
    assert (instance.scheduled_at, instance.grace_deadline, instance.fix_deadline) == before


@pytest.mark.parametrize(
    "status",
    [
        InstanceStatus.COMPLETED,
        InstanceStatus.COMPLETED_LATE,
        InstanceStatus.SKIPPED,
        InstanceStatus.MISSED,
    ],
)
def test_none_after_a_mark(status):
    instance = _instance()
    instance.status = status
    instance.save()
    assert extra_reminders_send(now=datetime(2026, 6, 1, 9, 0, tzinfo=BERLIN)) == 0


def test_none_for_paused_archived_or_inactive_habits():
    paused = _instance(paused_from=DAY, paused_until=DAY + timedelta(days=3))
    paused_open_ended = _instance(paused_from=DAY - timedelta(days=1))
    archived = _instance(is_archived=True)
    inactive = _instance(is_active=False)
    assert extra_reminders_send(now=datetime(2026, 6, 1, 9, 0, tzinfo=BERLIN)) == 0
    pause_ended = _instance(paused_from=DAY - timedelta(days=5), paused_until=DAY - timedelta(1))
    assert extra_reminders_send(now=datetime(2026, 6, 1, 9, 1, tzinfo=BERLIN)) == 1
    assert _sent(pause_ended)
    assert not any(_sent(i) for i in (paused, paused_open_ended, archived, inactive))


def test_a_reminder_missed_by_more_than_the_window_is_dropped():
    instance = _instance()
    assert extra_reminders_send(now=datetime(2026, 6, 1, 9, 29, tzinfo=BERLIN)) == 1
    late = _instance()
    assert extra_reminders_send(now=datetime(2026, 6, 1, 9, 31, tzinfo=BERLIN)) == 0
    assert _sent(instance) and not _sent(late)


def test_a_time_after_the_grace_deadline_never_fires():
    """Stored before the habit's time moved earlier (the API refuses it on save)."""
    instance = _instance(at=time(7), extras="09:00")  # grace ends 08:00
    assert extra_reminders_send(now=datetime(2026, 6, 1, 9, 0, tzinfo=BERLIN)) == 0
    assert not _sent(instance)


def test_dst_a_time_in_the_spring_forward_gap_fires_once_after_the_jump():
    spring = date(2026, 3, 8)  # New York: 02:00 → 03:00
    instance = _instance("America/New_York", day=spring, at=time(9), extras="02:30")
    sent = [
        extra_reminders_send(now=datetime(2026, 3, 8, 7, 0, tzinfo=ZoneInfo("UTC")) + step)
        for step in (timedelta(minutes=m) for m in range(0, 60, 10))
    ]
    assert sum(sent) == 1
    assert _sent(instance) == [(f"extra:{instance.pk}:02:30", "Coming up at 09:00: read 10 pages")]
    created = Notification.objects.get(dedupe_key=f"extra:{instance.pk}:02:30").created_at
    assert created.astimezone(NEW_YORK).strftime("%H:%M %Z") == "03:30 EDT"


def test_dst_a_repeated_time_on_fall_back_fires_once():
    fall = date(2026, 10, 25)  # Berlin: 03:00 → 02:00
    instance = _instance("Europe/Berlin", day=fall, at=time(9), extras="02:30")
    first = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)  # fold=0: 02:30 CEST
    assert extra_reminders_send(now=first) == 1
    assert extra_reminders_send(now=first + timedelta(hours=1)) == 0  # 02:30 CET
    assert len(_sent(instance)) == 1


def test_the_task_is_idempotent():
    instance = _instance()
    with time_machine.travel(datetime(2026, 6, 1, 9, 0, 20, tzinfo=BERLIN), tick=False):
        assert extra_reminders_send_task() == 1
        assert extra_reminders_send_task() == 0
    assert len(_sent(instance)) == 1


def test_the_query_count_does_not_grow_with_the_reminders():
    def queries_for(count: int, minute: int) -> int:
        for _ in range(count):
            _instance(extras=f"09:{minute:02d}")
        with CaptureQueriesContext(connection) as captured:
            sent = extra_reminders_send(now=datetime(2026, 6, 1, 9, minute, tzinfo=BERLIN))
        assert sent == count
        return len(captured)

    assert queries_for(1, 0) == queries_for(5, 40)
