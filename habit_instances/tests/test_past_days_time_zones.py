"""Recording a past day follows the owner's local dates: at the user's midnight far east (+14)
and far west (-11) of UTC, and on the days New York changes its clocks."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from habits.tests.factories import HabitFactory
from tests_support import assert_error, client_for
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def _put(client, habit, day, status="completed"):
    return client.put(
        reverse("habit-day", args=[habit.pk, day.isoformat()]), {"status": status}, format="json"
    )


@pytest.mark.parametrize(
    ("zone", "server_utc", "local_today"),
    [
        # 10:00 UTC on the 10th is already 00:00 on the 11th in Kiritimati (UTC+14)
        ("Pacific/Kiritimati", dt.datetime(2026, 3, 10, 10, 0, tzinfo=UTC), dt.date(2026, 3, 11)),
        ("Pacific/Kiritimati", dt.datetime(2026, 3, 10, 9, 59, tzinfo=UTC), dt.date(2026, 3, 10)),
        # 11:00 UTC on the 10th is 00:00 on the 10th in Pago Pago (UTC-11)
        ("Pacific/Pago_Pago", dt.datetime(2026, 3, 10, 11, 0, tzinfo=UTC), dt.date(2026, 3, 10)),
        ("Pacific/Pago_Pago", dt.datetime(2026, 3, 10, 10, 59, tzinfo=UTC), dt.date(2026, 3, 9)),
    ],
)
def test_past_days_are_the_owners_local_days(zone, server_utc, local_today):
    user = UserFactory(timezone=zone)
    habit = HabitFactory(user=user, start_date=dt.date(2026, 1, 1))
    yesterday = local_today - dt.timedelta(days=1)
    window_start = local_today - dt.timedelta(days=7)
    with time_machine.travel(server_utc, tick=False):
        client = client_for(user)  # a token issued at the travelled time
        assert_error(_put(client, habit, local_today), 400, "invalid", "date")
        assert _put(client, habit, yesterday).json()["date"] == yesterday.isoformat()
        assert _put(client, habit, window_start).status_code == 200
        too_far = window_start - dt.timedelta(days=1)
        assert_error(_put(client, habit, too_far), 400, "invalid", "date")


@pytest.mark.parametrize(
    ("day", "at", "scheduled_utc"),
    [
        # spring forward: 02:30 does not exist on 2026-03-08 and becomes 03:30 EDT
        (dt.date(2026, 3, 8), dt.time(2, 30), "2026-03-08T07:30:00Z"),
        # fall back: 01:30 happens twice on 2026-11-01; the first is EDT
        (dt.date(2026, 11, 1), dt.time(1, 30), "2026-11-01T05:30:00Z"),
    ],
)
def test_a_recorded_day_gets_its_deadlines_from_the_schedule_across_dst(day, at, scheduled_utc):
    user = UserFactory(timezone="America/New_York")
    habit = HabitFactory(user=user, start_date=dt.date(2026, 1, 1), time_of_day=at)
    with time_machine.travel(
        dt.datetime.combine(day, dt.time(18), tzinfo=UTC) + dt.timedelta(days=1)
    ):
        body = _put(client_for(user), habit, day, "skipped").json()
    assert (body["scheduled_at"], body["status"], body["recorded_late"]) == (
        scheduled_utc,
        "skipped",
        True,
    )
