"""GET /instances/: the signed-in user's instances of a local date range, across habits."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from tests_support import assert_error

pytestmark = pytest.mark.django_db

RANGE = reverse("instances-in-range")
NOW = dt.datetime(2026, 3, 10, 7, 45, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 10)
WEEK = {"date_from": "2026-03-04", "date_to": "2026-03-10"}


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _days_of(habit, *days_back):
    for back in days_back:
        HabitInstanceFactory(habit=habit, date=TODAY - dt.timedelta(days=back), status="completed")


def test_lists_the_range_of_every_unarchived_habit_by_date_in_the_instance_shape(auth_client, user):
    read = HabitFactory(user=user, name="Read", time_of_day=dt.time(7))
    walk = HabitFactory(user=user, name="Walk", time_of_day=dt.time(6), is_active=False)
    archived = HabitFactory(user=user, name="Old", is_archived=True)
    _days_of(read, 0, 1, 6, 7)  # 7 days back is before date_from
    _days_of(walk, 1)
    _days_of(archived, 1)
    HabitInstanceFactory(habit=walk, date=TODAY + dt.timedelta(days=1))  # after date_to
    rows = auth_client.get(RANGE, WEEK).json()
    assert [(r["date"], r["habit"]["name"]) for r in rows] == [
        ("2026-03-04", "Read"),
        ("2026-03-09", "Walk"),
        ("2026-03-09", "Read"),
        ("2026-03-10", "Read"),
    ]
    # The same Instance as everywhere else, current streak included.
    per_habit = auth_client.get(reverse("habit-instances", args=[read.pk]), WEEK).json()
    assert rows[-1] == per_habit["results"][0]
    assert rows[-1]["habit"]["current_streak"] == 4  # its four completed days


def test_the_habit_filter_names_habits_archived_ones_included(auth_client, user, other_user):
    read, walk = HabitFactory(user=user), HabitFactory(user=user)
    archived = HabitFactory(user=user, is_archived=True)
    theirs = HabitFactory(user=other_user)
    for habit in (read, walk, archived, theirs):
        _days_of(habit, 0)
    answer = auth_client.get(RANGE, {**WEEK, "habit": [read.pk, archived.pk, theirs.pk]})
    assert answer.status_code == 200
    assert sorted(r["habit"]["id"] for r in answer.json()) == sorted([read.pk, archived.pk])


def test_another_users_instances_never_appear(auth_client, user, other_user):
    _days_of(HabitFactory(user=other_user), 0, 1, 2)
    assert auth_client.get(RANGE, WEEK).json() == []
    mine = HabitFactory(user=user)
    _days_of(mine, 0)
    assert [r["habit"]["id"] for r in auth_client.get(RANGE, WEEK).json()] == [mine.pk]


def test_31_days_is_the_longest_range(auth_client, user):
    habit = HabitFactory(user=user, start_date=dt.date(2026, 1, 1))
    _days_of(habit, 0, 30, 31)
    month = {"date_from": "2026-02-08", "date_to": "2026-03-10"}
    assert [r["date"] for r in auth_client.get(RANGE, month).json()] == ["2026-02-08", "2026-03-10"]
    too_long = {"date_from": "2026-02-07", "date_to": "2026-03-10"}
    assert_error(auth_client.get(RANGE, too_long), 400, "invalid", field="date_to")
    one_day = {"date_from": "2026-03-10", "date_to": "2026-03-10"}
    assert [r["date"] for r in auth_client.get(RANGE, one_day).json()] == ["2026-03-10"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date_to": "2026-03-10"}, "date_from"),
        ({"date_from": "2026-03-10"}, "date_to"),
        ({"date_from": "2026-03-10", "date_to": "2026-03-09"}, "date_to"),
        ({"date_from": "2026-02-30", "date_to": "2026-03-09"}, "date_from"),
        ({**WEEK, "date_to": ""}, "date_to"),
        ({**WEEK, "habit": "x"}, "habit"),
        ({**WEEK, "habit": "0"}, "habit"),
        # past any bigint id: a 500 from SQLite's driver before (found by fuzzing)
        ({**WEEK, "habit": [str(2**63), "825"]}, "habit"),
        ({**WEEK, "habit": [str(n) for n in range(1, 102)]}, "habit"),
        ({**WEEK, "page": "2"}, "page"),
    ],
)
def test_bad_queries_are_field_errors(auth_client, query, field):
    assert_error(auth_client.get(RANGE, query), 400, "invalid", field=field)


def test_needs_a_signed_in_user(api_client):
    assert_error(api_client.get(RANGE, WEEK), 401, "not_authenticated")


@pytest.mark.parametrize("named", [False, True])
def test_one_query_whatever_the_habits_and_rows(
    auth_client, user, django_assert_num_queries, named
):
    """One statement brings the rows with their habit summaries and streaks: no COUNT, no query
    per habit or row (the user is the cached snapshot after the first request)."""

    habits = [HabitFactory(user=user)]
    _days_of(habits[0], 0)

    def query():
        return {**WEEK, "habit": [habit.pk for habit in habits]} if named else WEEK

    auth_client.get(RANGE, query())
    with django_assert_num_queries(1):
        assert len(auth_client.get(RANGE, query()).json()) == 1
    for _ in range(12):
        habits.append(HabitFactory(user=user))
        _days_of(habits[-1], 0, 1, 2, 3, 4, 5, 6)
    with django_assert_num_queries(1):
        assert len(auth_client.get(RANGE, query()).json()) == 1 + 12 * 7
