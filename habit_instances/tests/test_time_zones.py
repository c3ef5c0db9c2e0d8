"""'Today' is the user's local day, and DST gaps and folds follow the documented rule."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from habit_instances.schedule import local_moment
from habit_instances.services import habit_instances_generate_for_users
from habit_instances.tasks import habit_instances_advance_task
from habits.tests.factories import HabitFactory
from tests_support import client_for
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC
NEW_YORK = ZoneInfo("America/New_York")


def test_a_time_in_the_spring_gap_moves_forward():
    # 2026-03-08 02:30 does not exist in New York: it becomes 03:30 EDT.
    moment = local_moment(day=dt.date(2026, 3, 8), at=dt.time(2, 30), zone=NEW_YORK)
    assert moment == dt.datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert moment.astimezone(NEW_YORK).time() == dt.time(3, 30)


def test_an_ambiguous_autumn_time_takes_the_first_occurrence():
    # 2026-11-01 01:30 happens twice in New York; the first is EDT (UTC-4).
    moment = local_moment(day=dt.date(2026, 11, 1), at=dt.time(1, 30), zone=NEW_YORK)
    assert moment == dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected_utc"),
    [
        ("UTC", dt.date(2026, 6, 1), dt.time(0, 0), dt.datetime(2026, 6, 1, 0, 0, tzinfo=UTC)),
        (
            "Europe/Moscow",
            dt.date(2026, 6, 1),
            dt.time(0, 0),
            dt.datetime(2026, 5, 31, 21, 0, tzinfo=UTC),
        ),
        (
            "Europe/Moscow",
            dt.date(2026, 6, 1),
            dt.time(23, 59),
            dt.datetime(2026, 6, 1, 20, 59, tzinfo=UTC),
        ),
        (
            "America/New_York",
            dt.date(2026, 3, 7),
            dt.time(7, 0),
            dt.datetime(2026, 3, 7, 12, 0, tzinfo=UTC),
        ),
        (
            "America/New_York",
            dt.date(2026, 3, 9),
            dt.time(7, 0),
            dt.datetime(2026, 3, 9, 11, 0, tzinfo=UTC),
        ),
        (
            "America/New_York",
            dt.date(2026, 11, 2),
            dt.time(7, 0),
            dt.datetime(2026, 11, 2, 12, 0, tzinfo=UTC),
        ),
        (
            "Asia/Kolkata",
            dt.date(2026, 6, 1),
            dt.time(0, 0),
            dt.datetime(2026, 5, 31, 18, 30, tzinfo=UTC),
        ),
        (
            "Pacific/Kiritimati",
            dt.date(2026, 6, 1),
            dt.time(23, 59),
            dt.datetime(2026, 6, 1, 9, 59, tzinfo=UTC),
        ),
        (
            "Pacific/Pago_Pago",
            dt.date(2026, 6, 1),
            dt.time(0, 0),
            dt.datetime(2026, 6, 1, 11, 0, tzinfo=UTC),
        ),
        (
            "Pacific/Pago_Pago",
            dt.date(2026, 6, 1),
            dt.time(23, 59),
            dt.datetime(2026, 6, 2, 10, 59, tzinfo=UTC),
        ),
    ],
)
def test_scheduled_at_is_the_local_time_in_the_users_zone(zone, day, at, expected_utc):
    assert local_moment(day=day, at=at, zone=ZoneInfo(zone)) == expected_utc


@pytest.mark.parametrize(
    ("zone", "server_utc", "local_day"),
    [
        ("UTC", dt.datetime(2026, 6, 1, 12, 0, tzinfo=UTC), dt.date(2026, 6, 1)),
        # the user's day has rolled over while the server's UTC day has not
        ("Pacific/Kiritimati", dt.datetime(2026, 6, 1, 11, 0, tzinfo=UTC), dt.date(2026, 6, 2)),
        ("Asia/Kolkata", dt.datetime(2026, 6, 1, 18, 45, tzinfo=UTC), dt.date(2026, 6, 2)),
        ("Europe/Moscow", dt.datetime(2026, 6, 1, 21, 30, tzinfo=UTC), dt.date(2026, 6, 2)),
        # ... or is still yesterday while UTC is already tomorrow
        ("Pacific/Pago_Pago", dt.datetime(2026, 6, 2, 5, 0, tzinfo=UTC), dt.date(2026, 6, 1)),
        ("America/New_York", dt.datetime(2026, 3, 8, 3, 0, tzinfo=UTC), dt.date(2026, 3, 7)),
        ("America/New_York", dt.datetime(2026, 11, 1, 4, 30, tzinfo=UTC), dt.date(2026, 11, 1)),
    ],
)
def test_today_is_the_users_local_day(zone, server_utc, local_day):
    user = UserFactory(timezone=zone)
    HabitFactory(user=user, time_of_day=dt.time(23, 59), start_date=dt.date(2026, 1, 1))
    with time_machine.travel(server_utc, tick=False):
        habit_instances_generate_for_users(user_ids=[user.pk], now=server_utc)
        body = client_for(user).get(reverse("instances-today")).json()
    assert [item["date"] for item in body["results"]] == [local_day.isoformat()]


@pytest.mark.parametrize(
    ("day", "at", "scheduled_utc"),
    [
        (dt.date(2026, 3, 8), dt.time(0, 0), dt.datetime(2026, 3, 8, 5, 0, tzinfo=UTC)),
        (dt.date(2026, 3, 8), dt.time(23, 59), dt.datetime(2026, 3, 9, 3, 59, tzinfo=UTC)),
        (dt.date(2026, 11, 1), dt.time(0, 0), dt.datetime(2026, 11, 1, 4, 0, tzinfo=UTC)),
        (dt.date(2026, 11, 1), dt.time(23, 59), dt.datetime(2026, 11, 2, 4, 59, tzinfo=UTC)),
    ],
)
def test_new_york_instances_on_both_dst_switch_days_go_pending_at_local_time(
    day, at, scheduled_utc
):
    user = UserFactory(timezone="America/New_York")
    HabitFactory(user=user, time_of_day=at, start_date=day)
    generated_at = scheduled_utc - dt.timedelta(minutes=10)
    habit_instances_generate_for_users(user_ids=[user.pk], now=generated_at)
    instance = user.habits.get().instances.get(date=day)
    assert (instance.date, instance.scheduled_at) == (day, scheduled_utc)
    with time_machine.travel(scheduled_utc - dt.timedelta(seconds=1), tick=False):
        habit_instances_advance_task()
    instance.refresh_from_db()
    assert instance.status == "scheduled"
    with time_machine.travel(scheduled_utc, tick=False):
        habit_instances_advance_task()
        habit_instances_advance_task()
    instance.refresh_from_db()
    assert instance.status == "pending"


@pytest.mark.parametrize(
    ("day", "at", "scheduled_utc"),
    [
        # 02:30 does not exist on the spring switch day: 03:30 EDT.
        (dt.date(2026, 3, 8), dt.time(2, 30), dt.datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),
        # 01:30 happens twice on the autumn switch day: the first, EDT (PostgreSQL would pick EST).
        (dt.date(2026, 11, 1), dt.time(1, 30), dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
    ],
)
def test_generation_for_users_keeps_the_dst_rule_for_gap_and_fold_times(day, at, scheduled_utc):
    user = UserFactory(timezone="America/New_York")
    HabitFactory(user=user, time_of_day=at, start_date=day, grace_minutes=30, fix_minutes=60)
    generated_at = scheduled_utc - dt.timedelta(hours=1)
    assert habit_instances_generate_for_users(user_ids=[user.pk], now=generated_at) == 1
    instance = user.habits.get().instances.get(date=day)
    assert (instance.scheduled_at, instance.grace_deadline, instance.fix_deadline) == (
        scheduled_utc,
        scheduled_utc + dt.timedelta(minutes=30),
        scheduled_utc + dt.timedelta(minutes=90),
    )
