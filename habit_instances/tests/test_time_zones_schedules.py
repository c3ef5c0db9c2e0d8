"""Weekday schedules, weekly targets and pauses on the owner's local dates: across the DST
switches of Europe/Berlin and around the user's midnight at +14 and -11 (issue 12).

Each case runs the generation as the beat does (the SQL path on PostgreSQL, the Python path on
SQLite; tests/test_twin_paths.py compares the two on random cases)."""

import datetime as dt

import pytest

from habit_instances.models import HabitInstance
from habit_instances.selectors import habit_next_due_dates
from habit_instances.services import habit_instances_generate_for_users
from habit_instances.tests.factories import HabitInstanceFactory
from habits.models import Schedule, weekdays_mask
from habits.tests.factories import HabitFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC
SPRING = dt.date(2026, 3, 29)  # Berlin springs forward (a Sunday)
AUTUMN = dt.date(2026, 10, 25)  # Berlin falls back (a Sunday)
SUNDAY, MONDAY = 6, 0


def _generated(user, now) -> set[tuple[dt.date, dt.datetime]]:
    habit_instances_generate_for_users(user_ids=[user.pk], now=now)
    return set(HabitInstance.objects.filter(habit__user=user).values_list("date", "scheduled_at"))


@pytest.mark.parametrize(
    ("switch_day", "at", "scheduled_utc"),
    [
        # 02:30 does not exist on the spring Sunday: 03:30 CEST
        (SPRING, dt.time(2, 30), dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        # 02:30 happens twice on the autumn Sunday: the first, CEST
        (AUTUMN, dt.time(2, 30), dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        (SPRING, dt.time(12, 0), dt.datetime(2026, 3, 29, 10, 0, tzinfo=UTC)),  # CEST
        (AUTUMN, dt.time(12, 0), dt.datetime(2026, 10, 25, 11, 0, tzinfo=UTC)),  # CET
    ],
)
def test_a_sunday_habit_is_due_on_the_dst_sunday_and_not_the_days_around_it(
    switch_day, at, scheduled_utc
):
    user = UserFactory(timezone="Europe/Berlin")
    HabitFactory(
        user=user,
        schedule=Schedule.WEEKDAYS,
        weekdays=weekdays_mask([SUNDAY]),
        time_of_day=at,
        fix_minutes=1440,
    )
    saturday_noon = dt.datetime.combine(switch_day - dt.timedelta(days=1), dt.time(11), UTC)
    assert _generated(user, saturday_noon) == set()
    # 23:30 UTC on Saturday: Sunday 00:30 (CET, spring) or 01:30 (CEST, autumn)
    sunday_early = dt.datetime.combine(switch_day - dt.timedelta(days=1), dt.time(23, 30), UTC)
    assert _generated(user, sunday_early) == {(switch_day, scheduled_utc)}
    monday_noon = dt.datetime.combine(switch_day + dt.timedelta(days=1), dt.time(11), UTC)
    assert _generated(user, monday_noon) == {(switch_day, scheduled_utc)}


@pytest.mark.parametrize(
    ("zone", "utc", "due_weekday", "local_day"),
    [
        # Sunday 2026-06-14 10:30 UTC is Monday 00:30 at +14: Monday's habit is due there ...
        ("Pacific/Kiritimati", dt.datetime(2026, 6, 14, 10, 30, tzinfo=UTC), MONDAY, "Mon"),
        # ... and a Sunday one is not
        ("Pacific/Kiritimati", dt.datetime(2026, 6, 14, 10, 30, tzinfo=UTC), SUNDAY, None),
        # Monday 2026-06-15 10:30 UTC is Sunday 23:30 at -11: the Sunday habit is due ...
        ("Pacific/Pago_Pago", dt.datetime(2026, 6, 15, 10, 30, tzinfo=UTC), SUNDAY, "Sun"),
        # ... and the Monday one only after local midnight (with the beat's lookahead)
        ("Pacific/Pago_Pago", dt.datetime(2026, 6, 15, 10, 30, tzinfo=UTC), MONDAY, None),
        ("Pacific/Pago_Pago", dt.datetime(2026, 6, 15, 10, 50, tzinfo=UTC), MONDAY, "Mon"),
    ],
)
def test_weekdays_are_the_owners_local_weekdays(zone, utc, due_weekday, local_day):
    user = UserFactory(timezone=zone)
    HabitFactory(
        user=user,
        schedule=Schedule.WEEKDAYS,
        weekdays=weekdays_mask([due_weekday]),
        time_of_day=dt.time(23, 55),
    )
    days = {day.strftime("%a") for day, _ in _generated(user, utc)}
    assert days == ({local_day} if local_day else set())


def test_a_weekly_target_resets_at_the_owners_monday_midnight_at_plus_14():
    user = UserFactory(timezone="Pacific/Kiritimati")
    habit = HabitFactory(
        user=user, schedule=Schedule.TIMES_PER_WEEK, times_per_week=1, time_of_day=dt.time(12)
    )
    local_sunday = dt.date(2026, 6, 14)
    HabitInstanceFactory(habit=habit, date=local_sunday, status="completed")
    # Saturday 13 June 23:00 UTC: Sunday 13:00 at +14, the week's one time is done
    assert _generated(user, dt.datetime(2026, 6, 13, 23, 0, tzinfo=UTC)) == {
        (local_sunday, HabitInstance.objects.get().scheduled_at)
    }
    # Sunday 14 June 10:30 UTC: Monday 00:30 at +14, a new week
    found = {day for day, _ in _generated(user, dt.datetime(2026, 6, 14, 10, 30, tzinfo=UTC))}
    assert found == {local_sunday, dt.date(2026, 6, 15)}


@pytest.mark.parametrize("switch_day", [SPRING, AUTUMN])
def test_a_pause_over_a_dst_sunday_ends_at_local_midnight(switch_day):
    user = UserFactory(timezone="Europe/Berlin")
    HabitFactory(
        user=user,
        time_of_day=dt.time(0, 10),
        fix_minutes=1440,
        paused_from=switch_day - dt.timedelta(days=1),
        paused_until=switch_day,
    )
    sunday_noon = dt.datetime.combine(switch_day, dt.time(11), UTC)
    assert _generated(user, sunday_noon) == set()
    # 21:45 UTC on Sunday is 22:45 (CET) or 23:45 (CEST): still Sunday, inside the pause, and
    # with the lookahead Monday's instance (outside it) appears in CEST only
    before_midnight = dt.datetime.combine(switch_day, dt.time(21, 45), UTC)
    expected_monday = switch_day + dt.timedelta(days=1)
    days = {day for day, _ in _generated(user, before_midnight)}
    assert days == ({expected_monday} if switch_day == SPRING else set())
    after_midnight = dt.datetime.combine(switch_day, dt.time(23, 5), UTC)  # 00:05 or 01:05
    assert {day for day, _ in _generated(user, after_midnight)} == {expected_monday}


@pytest.mark.parametrize(
    ("zone", "utc", "generated"),
    [
        # 2026-06-14 10:30 UTC: Monday 15 June at +14 (after the pause), Sunday 13 June at -11
        ("Pacific/Kiritimati", dt.datetime(2026, 6, 14, 10, 30, tzinfo=UTC), True),
        ("Pacific/Pago_Pago", dt.datetime(2026, 6, 14, 10, 30, tzinfo=UTC), False),
    ],
)
def test_a_pause_is_on_the_owners_local_dates(zone, utc, generated):
    user = UserFactory(timezone=zone)
    HabitFactory(
        user=user,
        time_of_day=dt.time(23, 0),
        paused_from=dt.date(2026, 6, 10),
        paused_until=dt.date(2026, 6, 14),
    )
    assert bool(_generated(user, utc)) is generated


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        # 2026-06-14 10:30 UTC is Monday 00:30 at +14 and Saturday 23:30 at -11
        ("Pacific/Kiritimati", dt.date(2026, 6, 15)),
        ("Pacific/Pago_Pago", dt.date(2026, 6, 15)),
        ("Europe/Berlin", dt.date(2026, 6, 15)),
    ],
)
def test_next_due_date_is_on_the_owners_calendar(zone, expected):
    user = UserFactory(timezone=zone)
    monday_only = HabitFactory(
        user=user, schedule=Schedule.WEEKDAYS, weekdays=weekdays_mask([MONDAY])
    )
    paused_today = HabitFactory(
        user=user, paused_from=dt.date(2026, 6, 13), paused_until=dt.date(2026, 6, 14)
    )
    now = dt.datetime(2026, 6, 14, 10, 30, tzinfo=UTC)
    found = habit_next_due_dates(user=user, habit_ids=[monday_only.pk, paused_today.pk], now=now)
    assert found[monday_only.pk] == expected
    assert found[paused_today.pk] == dt.date(2026, 6, 15)
