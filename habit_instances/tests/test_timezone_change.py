"""A user's new zone moves the open instances to the new clock at once (docs/habits.md, Time)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from core.events import subscribe, unsubscribe
from habit_instances.events import INSTANCE_PENDING
from habit_instances.models import HabitInstance, InstanceStatus
from habit_instances.services import (
    habit_instances_advance_statuses,
    habit_instances_follow_timezone,
    habit_instances_generate_for_users,
)
from habit_instances.stats.cache import habit_stats_key
from habit_instances.stats.selectors import habit_stats_get
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from tests_support import client_for
from users.events import USER_TIMEZONE_CHANGED
from users.services import user_update_profile

pytestmark = pytest.mark.django_db
UTC = dt.UTC
MOSCOW = ZoneInfo("Europe/Moscow")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14
NIUE = ZoneInfo("Pacific/Niue")  # UTC-11

# 23:50 in Moscow on March 10th, 16:50 in New York (EDT since March 8th).
MOSCOW_LATE = dt.datetime(2026, 3, 10, 23, 50, tzinfo=MOSCOW).astimezone(UTC)


def at(zone, *args):
    return dt.datetime(*args, tzinfo=zone).astimezone(UTC)


def settle(user, now):
    """The instances the beat and the sweep would have made by `now` on the user's clock."""
    habit_instances_generate_for_users(user_ids=[user.pk], now=now)
    habit_instances_advance_statuses(now=now)


def move(user, zone, now):
    return user_update_profile(user=user, timezone=zone.key, now=now)


def instance(habit, day):
    return HabitInstance.objects.get(habit=habit, date=day)


def rows(user):
    return sorted(
        HabitInstance.objects.filter(habit__user=user).values_list(
            "habit_id",
            "date",
            "status",
            "scheduled_at",
            "grace_deadline",
            "fix_deadline",
            "grace_announced_at",
        )
    )


@pytest.fixture
def in_moscow(user):
    user.timezone = MOSCOW.key
    user.save()
    return user


@pytest.fixture
def recorded():
    """Every USER_TIMEZONE_CHANGED and INSTANCE_PENDING announced while the test runs."""
    seen = {"zone": [], "pending": []}

    def zone_changed(**payload):
        seen["zone"].append(payload)

    def pending(*, instance_ids, now):
        seen["pending"].extend(instance_ids)

    subscribe(USER_TIMEZONE_CHANGED, zone_changed)
    subscribe(INSTANCE_PENDING, pending)
    yield seen
    unsubscribe(USER_TIMEZONE_CHANGED, zone_changed)
    unsubscribe(INSTANCE_PENDING, pending)


def test_moving_west_late_in_the_evening_gives_tomorrows_midnight_habit_the_new_midnight(
    in_moscow, recorded
):
    midnight = HabitFactory(user=in_moscow, time_of_day=dt.time(0, 0))
    settle(in_moscow, MOSCOW_LATE)
    tomorrow = instance(midnight, dt.date(2026, 3, 11))
    assert tomorrow.scheduled_at == at(MOSCOW, 2026, 3, 11)  # 21:00 UTC, minutes away

    move(in_moscow, NEW_YORK, MOSCOW_LATE)

    tomorrow.refresh_from_db()
    assert (tomorrow.status, tomorrow.scheduled_at) == ("scheduled", at(NEW_YORK, 2026, 3, 11))
    assert tomorrow.fix_deadline == at(NEW_YORK, 2026, 3, 11, 2, 30)  # 30 + 120 minutes
    assert recorded["zone"] == [
        {
            "user_id": in_moscow.pk,
            "old_timezone": "Europe/Moscow",
            "new_timezone": "America/New_York",
            "now": MOSCOW_LATE,
        }
    ]
    habit_instances_advance_statuses(now=at(MOSCOW, 2026, 3, 11, 2, 31))  # Moscow's fix deadline
    tomorrow.refresh_from_db()
    assert tomorrow.status == "scheduled"  # its day has not begun in New York: nothing expired


def test_a_pending_instance_moved_into_the_future_stays_pending_and_is_not_reminded_twice(
    in_moscow, recorded
):
    evening = HabitFactory(user=in_moscow, time_of_day=dt.time(23, 0))
    settle(in_moscow, MOSCOW_LATE)
    today = instance(evening, dt.date(2026, 3, 10))
    assert today.status == "pending" and today.grace_announced_at == MOSCOW_LATE
    recorded["pending"].clear()

    move(in_moscow, NEW_YORK, MOSCOW_LATE)

    today.refresh_from_db()
    assert today.scheduled_at == at(NEW_YORK, 2026, 3, 10, 23, 0)
    assert (today.status, today.grace_announced_at) == ("pending", MOSCOW_LATE)
    habit_instances_advance_statuses(now=today.scheduled_at + dt.timedelta(minutes=31))
    assert recorded["pending"] == []
    today.refresh_from_db()
    assert today.grace_announced_at == MOSCOW_LATE  # the grace nudge was sent once, not again


def test_moving_east_completes_todays_list_at_once_and_leaves_the_old_day_as_it_was(user):
    user.timezone = NEW_YORK.key
    user.save()
    now = at(NEW_YORK, 2026, 3, 10, 19, 0)  # 08:00 on March 11th in Tokyo
    morning = HabitFactory(user=user, time_of_day=dt.time(9, 0))
    evening = HabitFactory(user=user, time_of_day=dt.time(18, 0))
    settle(user, now)
    old_day = instance(evening, dt.date(2026, 3, 10))
    before = (old_day.status, old_day.scheduled_at, old_day.fix_deadline)
    assert not HabitInstance.objects.filter(date=dt.date(2026, 3, 11)).exists()

    move(user, TOKYO, now)

    assert instance(morning, dt.date(2026, 3, 11)).scheduled_at == at(TOKYO, 2026, 3, 11, 9, 0)
    assert instance(evening, dt.date(2026, 3, 11)).scheduled_at == at(TOKYO, 2026, 3, 11, 18, 0)
    old_day.refresh_from_db()
    assert (old_day.status, old_day.scheduled_at, old_day.fix_deadline) == before
    assert before[0] == "pending"


def test_an_open_instance_whose_window_is_over_on_the_new_clock_is_removed(in_moscow):
    now = at(MOSCOW, 2026, 3, 10, 10, 0)  # 16:00 in Tokyo: Tokyo's noon window closed at 14:30
    noon = HabitFactory(user=in_moscow, time_of_day=dt.time(12, 0))
    HabitInstanceFactory(habit=noon, date=dt.date(2026, 3, 9), status="completed")
    settle(in_moscow, now)
    assert instance(noon, dt.date(2026, 3, 10)).status == "scheduled"

    move(in_moscow, TOKYO, now)

    assert not HabitInstance.objects.filter(habit=noon, date=dt.date(2026, 3, 10)).exists()
    habit_instances_advance_statuses(now=now + dt.timedelta(hours=3))
    stats = habit_stats_get(habit=noon, now=now + dt.timedelta(hours=3))
    assert (stats["current_streak"], stats["counts"]["fix_expired"]) == (1, 0)  # not broken


@pytest.mark.parametrize("there_and_back", [(KIRITIMATI, NIUE), (NIUE, KIRITIMATI)])
def test_the_day_ahead_is_retimed_across_the_date_line_both_ways(user, there_and_back):
    old, new = there_and_back
    user.timezone = old.key
    user.save()
    now = dt.datetime(2026, 6, 1, 9, 50, tzinfo=UTC)  # Kiritimati: Jun 1 23:50; Niue: May 31 22:50
    midnight = HabitFactory(user=user, time_of_day=dt.time(0, 0))
    late = HabitFactory(user=user, time_of_day=dt.time(23, 30))
    settle(user, now)

    move(user, new, now)

    if new is NIUE:
        # Kiritimati's June 2nd has not begun in Niue: same date, Niue's times.
        assert instance(midnight, dt.date(2026, 6, 2)).scheduled_at == at(NIUE, 2026, 6, 2)
        assert instance(late, dt.date(2026, 6, 1)).scheduled_at == at(NIUE, 2026, 6, 1, 23, 30)
        # Niue's today gets its 23:30 instance at once, 40 minutes ahead.
        assert instance(late, dt.date(2026, 5, 31)).scheduled_at == at(NIUE, 2026, 5, 31, 23, 30)
    else:
        # Niue's May 31st is over in Kiritimati: its still open instance stays as it was.
        assert instance(late, dt.date(2026, 5, 31)).scheduled_at == at(NIUE, 2026, 5, 31, 23, 30)
        # Kiritimati's today and (ten minutes before midnight) tomorrow, at once.
        assert instance(late, dt.date(2026, 6, 1)).scheduled_at == at(
            KIRITIMATI, 2026, 6, 1, 23, 30
        )
        assert instance(midnight, dt.date(2026, 6, 2)).scheduled_at == at(KIRITIMATI, 2026, 6, 2)


def test_a_time_in_the_spring_gap_of_the_new_zone_moves_forward(user):
    user.timezone = "Europe/London"
    user.save()
    now = dt.datetime(2026, 3, 8, 1, 0, tzinfo=UTC)  # New York: 20:00 on March 7th, EST
    habit = HabitFactory(user=user, time_of_day=dt.time(2, 30))
    settle(user, now)
    assert instance(habit, dt.date(2026, 3, 8)).scheduled_at == dt.datetime(
        2026, 3, 8, 2, 30, tzinfo=UTC
    )

    move(user, NEW_YORK, now)

    moved = instance(habit, dt.date(2026, 3, 8))
    # 02:30 does not exist in New York on March 8th: 03:30 EDT.
    assert moved.scheduled_at == dt.datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert moved.fix_deadline == dt.datetime(2026, 3, 8, 10, 0, tzinfo=UTC)


def test_changing_back_restores_and_the_same_zone_changes_nothing(in_moscow, recorded):
    HabitFactory(user=in_moscow, time_of_day=dt.time(0, 0))
    HabitFactory(user=in_moscow, time_of_day=dt.time(23, 0))
    HabitFactory(user=in_moscow, time_of_day=dt.time(18, 0), start_date=dt.date(2026, 3, 10))
    settle(in_moscow, MOSCOW_LATE)
    moscow = rows(in_moscow)

    move(in_moscow, NEW_YORK, MOSCOW_LATE)
    assert rows(in_moscow) != moscow
    move(in_moscow, MOSCOW, MOSCOW_LATE)
    assert rows(in_moscow) == moscow

    stamps = list(HabitInstance.objects.values_list("updated_at", flat=True))
    move(in_moscow, MOSCOW, MOSCOW_LATE)
    user_update_profile(user=in_moscow, name="Ann", now=MOSCOW_LATE)
    habit_instances_follow_timezone(user=in_moscow, now=MOSCOW_LATE)
    assert rows(in_moscow) == moscow
    assert list(HabitInstance.objects.values_list("updated_at", flat=True)) == stamps
    assert len(recorded["zone"]) == 2  # there and back; the same zone announces nothing


def test_final_instances_are_never_touched(in_moscow):
    midnight = HabitFactory(user=in_moscow, time_of_day=dt.time(0, 0))
    settle(in_moscow, MOSCOW_LATE)
    HabitInstance.objects.update(status=InstanceStatus.COMPLETED, completed_at=MOSCOW_LATE)
    before = rows(in_moscow)

    move(in_moscow, NEW_YORK, MOSCOW_LATE)

    assert rows(in_moscow) == before
    assert instance(midnight, dt.date(2026, 3, 11)).scheduled_at == at(MOSCOW, 2026, 3, 11)


def test_the_change_forgets_the_cached_stats(in_moscow):
    habit = HabitFactory(user=in_moscow, time_of_day=dt.time(0, 0))
    habit_stats_get(habit=habit, now=MOSCOW_LATE)
    assert cache.get(habit_stats_key(habit.pk)) is not None
    move(in_moscow, NEW_YORK, MOSCOW_LATE)
    assert cache.get(habit_stats_key(habit.pk)) is None


def test_patching_my_timezone_moves_my_instances(in_moscow):
    midnight = HabitFactory(user=in_moscow, time_of_day=dt.time(0, 0))
    settle(in_moscow, MOSCOW_LATE)
    with time_machine.travel(MOSCOW_LATE, tick=False):
        response = client_for(in_moscow).patch(
            reverse("auth-me"), {"timezone": "America/New_York"}, format="json"
        )
    assert response.status_code == 200, response.content
    assert instance(midnight, dt.date(2026, 3, 11)).scheduled_at == at(NEW_YORK, 2026, 3, 11)
