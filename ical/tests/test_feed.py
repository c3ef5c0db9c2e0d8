"""The feed's calendar, parsed back and expanded: schedules, DST, pauses, done marks, goals."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from goals.tests.factories import GoalFactory
from habit_instances.models import InstanceStatus
from habit_instances.tests.factories import HabitInstanceFactory
from habits.models import Schedule, weekdays_mask
from habits.tests.factories import HabitFactory
from ical.feed import calendar_ics
from ical.selectors import calendar_content_for_user
from ical.tests.conftest import occurrences, parse
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


def feed_of(user, now=NOW):
    return parse(calendar_ics(calendar_content_for_user(user=user, now=now)))


def habit_occurrences(calendar, habit, start, end):
    uid = f"habit-{habit.pk}@atomic-habits-tracker"
    return [event for event in occurrences(calendar, start, end) if str(event["UID"]) == uid]


@pytest.mark.parametrize(
    ("zone_name", "change_day", "utc_before", "utc_after"),
    [
        # New York: EST (UTC-5) until 8 March 2026, then EDT (UTC-4)
        ("America/New_York", dt.date(2026, 3, 8), dt.time(12, 30), dt.time(11, 30)),
        # Berlin: CET (UTC+1) until 29 March 2026, then CEST (UTC+2)
        ("Europe/Berlin", dt.date(2026, 3, 29), dt.time(6, 30), dt.time(5, 30)),
    ],
)
def test_a_daily_habit_stays_at_its_local_time_across_the_dst_change(
    zone_name, change_day, utc_before, utc_after
):
    user = UserFactory(timezone=zone_name)
    habit = HabitFactory(user=user, time_of_day=dt.time(7, 30), start_date=dt.date(2026, 2, 20))
    zone = ZoneInfo(zone_name)

    calendar = feed_of(user)
    events = habit_occurrences(calendar, habit, dt.date(2026, 3, 1), dt.date(2026, 4, 1))

    assert [event.start.date() for event in events] == [
        dt.date(2026, 3, 1) + dt.timedelta(days=i) for i in range(31)
    ]
    for event in events:
        local = event.start.astimezone(zone)
        assert local.time() == dt.time(7, 30)
        expected_utc = utc_before if event.start.date() < change_day else utc_after
        assert event.start.astimezone(dt.UTC).time() == expected_utc
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [zone_name]


def test_every_n_days_is_a_daily_rule_with_its_interval():
    user = UserFactory(timezone="Europe/Berlin")
    habit = HabitFactory(user=user, periodicity_days=3, start_date=dt.date(2026, 3, 2))

    calendar = feed_of(user)
    events = habit_occurrences(calendar, habit, dt.date(2026, 3, 1), dt.date(2026, 3, 15))

    assert [event.start.day for event in events] == [2, 5, 8, 11, 14]
    (event,) = calendar.walk("VEVENT")
    assert event["RRULE"]["FREQ"] == ["DAILY"]
    assert event["RRULE"]["INTERVAL"] == [3]


def test_weekdays_is_a_weekly_rule_on_those_days_only():
    user = UserFactory(timezone="America/New_York")
    habit = HabitFactory(
        user=user,
        schedule=Schedule.WEEKDAYS,
        weekdays=weekdays_mask([0, 2, 4]),
        start_date=dt.date(2026, 3, 1),
    )

    events = habit_occurrences(feed_of(user), habit, dt.date(2026, 3, 1), dt.date(2026, 3, 15))

    assert {event.start.weekday() for event in events} == {0, 2, 4}
    assert len(events) == 6
    assert all(event.start.astimezone(ZoneInfo("America/New_York")).hour == 7 for event in events)


def test_times_per_week_shows_every_day_with_the_target_in_its_summary():
    user = UserFactory(timezone="Europe/Berlin")
    habit = HabitFactory(
        user=user,
        name="Run",
        schedule=Schedule.TIMES_PER_WEEK,
        times_per_week=3,
        start_date=dt.date(2026, 3, 2),
    )

    events = habit_occurrences(feed_of(user), habit, dt.date(2026, 3, 2), dt.date(2026, 3, 9))

    assert len(events) == 7
    assert str(events[0]["SUMMARY"]) == "Run (3× a week)"


def test_the_event_lasts_the_grace_window_and_starts_on_the_start_date():
    user = UserFactory(timezone="Europe/Berlin")
    habit = HabitFactory(user=user, grace_minutes=45, start_date=dt.date(2026, 3, 5))

    events = habit_occurrences(feed_of(user), habit, dt.date(2026, 3, 1), dt.date(2026, 3, 7))

    assert [event.start.day for event in events] == [5, 6]
    assert events[0].end - events[0].start == dt.timedelta(minutes=45)


def test_an_open_ended_pause_ends_the_recurrence_and_a_bounded_one_is_cut_out():
    user = UserFactory(timezone="Europe/Berlin")
    open_ended = HabitFactory(
        user=user, start_date=dt.date(2026, 3, 1), paused_from=dt.date(2026, 3, 5)
    )
    bounded = HabitFactory(
        user=user,
        start_date=dt.date(2026, 3, 1),
        paused_from=dt.date(2026, 3, 3),
        paused_until=dt.date(2026, 3, 4),
    )
    calendar = feed_of(user)
    start, end = dt.date(2026, 3, 1), dt.date(2026, 3, 8)

    assert [e.start.day for e in habit_occurrences(calendar, open_ended, start, end)] == [
        1,
        2,
        3,
        4,
    ]
    assert [e.start.day for e in habit_occurrences(calendar, bounded, start, end)] == [
        1,
        2,
        5,
        6,
        7,
    ]


def test_archived_and_deactivated_habits_are_left_out():
    user = UserFactory()
    HabitFactory(user=user, is_archived=True)
    HabitFactory(user=user, is_active=False)
    kept = HabitFactory(user=user)

    uids = {str(event["UID"]) for event in feed_of(user).walk("VEVENT")}

    assert uids == {f"habit-{kept.pk}@atomic-habits-tracker"}


def test_todays_done_instance_overrides_todays_occurrence_with_a_check_mark():
    user = UserFactory(timezone="America/New_York")
    done = HabitFactory(user=user, name="Read", start_date=dt.date(2026, 3, 1))
    missed = HabitFactory(user=user, name="Walk", start_date=dt.date(2026, 3, 1))
    HabitInstanceFactory(habit=done, date=dt.date(2026, 3, 10), status=InstanceStatus.COMPLETED)
    HabitInstanceFactory(habit=missed, date=dt.date(2026, 3, 10), status=InstanceStatus.MISSED)
    # yesterday's completion is not today's: no mark
    HabitInstanceFactory(habit=missed, date=dt.date(2026, 3, 9), status=InstanceStatus.COMPLETED)

    calendar = feed_of(user)
    events = occurrences(calendar, dt.date(2026, 3, 9), dt.date(2026, 3, 12))

    summaries = [(str(e["SUMMARY"]), e.start.day) for e in events]
    assert sorted(summaries) == sorted(
        [("Read", 9), ("✓ Read", 10), ("Read", 11), ("Walk", 9), ("Walk", 10), ("Walk", 11)]
    )


def test_today_is_the_owners_local_date():
    # 03:00 UTC on 10 March is still 9 March in New York
    user = UserFactory(timezone="America/New_York")
    habit = HabitFactory(user=user, name="Read", start_date=dt.date(2026, 3, 1))
    HabitInstanceFactory(
        habit=habit, date=dt.date(2026, 3, 9), status=InstanceStatus.COMPLETED_LATE
    )

    calendar = feed_of(user, now=dt.datetime(2026, 3, 10, 3, 0, tzinfo=dt.UTC))
    events = occurrences(calendar, dt.date(2026, 3, 9), dt.date(2026, 3, 10))

    assert [str(event["SUMMARY"]) for event in events] == ["✓ Read"]


def test_open_goal_deadlines_are_all_day_events():
    user = UserFactory()
    goal = GoalFactory(user=user, title="Marathon", deadline=dt.date(2026, 4, 20))
    GoalFactory(user=user, title="No deadline")
    GoalFactory(
        user=user, title="Archived", deadline=dt.date(2026, 4, 1), is_archived=True, archived_at=NOW
    )
    GoalFactory(user=user, title="Done", deadline=dt.date(2026, 4, 2), completed_at=NOW)

    events = list(feed_of(user).walk("VEVENT"))

    assert [str(event["SUMMARY"]) for event in events] == ["Goal deadline: Marathon"]
    assert events[0].start == dt.date(2026, 4, 20)
    assert events[0].end == dt.date(2026, 4, 21)
    assert str(events[0]["UID"]) == f"goal-{goal.pk}@atomic-habits-tracker"


def test_the_same_data_gives_the_same_bytes():
    user = UserFactory()
    HabitFactory(user=user)
    GoalFactory(user=user, deadline=dt.date(2026, 4, 20))
    content = calendar_content_for_user(user=user, now=NOW)

    assert calendar_ics(content) == calendar_ics(calendar_content_for_user(user=user, now=NOW))
