import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from habit_instances.tests.factories import HabitInstanceFactory
from habits.data_version import habit_data_changed
from habits.tests.factories import HabitFactory, PleasantHabitFactory
from tests_support import assert_error

pytestmark = pytest.mark.django_db

TODAY = reverse("instances-today")
NOW = dt.datetime(2026, 3, 10, 7, 45, tzinfo=dt.UTC)


def complete(pk):
    return reverse("instance-complete", args=[pk])


def fail(pk):
    return reverse("instance-fail", args=[pk])


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_today_lists_active_habits_by_time_with_summary_and_streak(auth_client, user):
    pleasant = PleasantHabitFactory(user=user, name="Coffee", time_of_day=dt.time(6))
    habit = HabitFactory(user=user, reward_text="", related_pleasant_habit=pleasant, name="Read")
    HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 9), status="completed")
    HabitInstanceFactory(habit=habit)
    HabitInstanceFactory(habit=pleasant)
    HabitInstanceFactory(habit=HabitFactory(user=user, is_active=False))
    results = auth_client.get(TODAY).json()["results"]
    assert [r["habit"]["name"] for r in results] == ["Coffee", "Read"]
    read = results[1]
    assert read["habit"]["related_pleasant_habit_name"] == "Coffee"
    assert read["habit"]["current_streak"] == 1
    assert read["date"] == "2026-03-10" and read["status"] == "scheduled"


def test_today_is_one_query_whatever_the_rows(auth_client, user, django_assert_num_queries):
    """One query bringing the instances with their habit summaries and streaks: no COUNT, no
    query per row; the user comes from the cached snapshot (users.tokens), and selecting it is
    the one more query of the first request. Then the list is kept (habits.kept): no
    query until a writer changes the user's data or a deadline passes (here 10:00)."""
    HabitInstanceFactory(habit=HabitFactory(user=user), status="pending")
    with django_assert_num_queries(2):
        auth_client.get(TODAY)
    with django_assert_num_queries(0):
        auth_client.get(TODAY)
    with django_assert_num_queries(1):  # a page asked for is read, not kept
        auth_client.get(TODAY, {"page": 1})
    for _ in range(8):
        habit = HabitFactory(user=user)
        HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 9), status="completed")
        HabitInstanceFactory(habit=habit)
    habit_data_changed(user_ids=[user.pk])  # what the services do; the factories write directly
    with django_assert_num_queries(1):
        assert auth_client.get(TODAY).json()["count"] == 9


def test_today_pages_in_memory_with_the_exact_count_and_links(auth_client, user):
    for hour in range(5):
        HabitInstanceFactory(habit=HabitFactory(user=user, time_of_day=dt.time(hour)))
    first = auth_client.get(TODAY, {"page_size": 2}).json()
    assert first["count"] == 5 and len(first["results"]) == 2 and first["previous"] is None
    assert first["next"].endswith("/api/instances/today/?page=2&page_size=2")
    last = auth_client.get(TODAY, {"page_size": 2, "page": 3}).json()
    assert [r["habit"]["time_of_day"] for r in last["results"]] == ["04:00:00"]
    assert last["next"] is None
    assert auth_client.get(TODAY, {"page": 4, "page_size": 2}).status_code == 404
    assert_error(auth_client.get(TODAY, {"page_size": "0"}), 400, "invalid")
    assert_error(auth_client.get(TODAY, {"colour": "red"}), 400, "invalid")


def test_habit_instances_filter_by_status_and_dates(auth_client, user):
    habit = HabitFactory(user=user)
    for day, status in [(8, "completed"), (9, "missed"), (10, "scheduled")]:
        HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, day), status=status)
    url = reverse("habit-instances", args=[habit.pk])
    assert [r["date"] for r in auth_client.get(url).json()["results"]] == [
        "2026-03-10",
        "2026-03-09",
        "2026-03-08",
    ]
    assert [r["status"] for r in auth_client.get(url, {"status": "missed"}).json()["results"]] == [
        "missed"
    ]
    dates = auth_client.get(url, {"date_from": "2026-03-09", "date_to": "2026-03-09"}).json()
    assert [r["date"] for r in dates["results"]] == ["2026-03-09"]


@pytest.mark.parametrize(
    "query", [{"status": "done"}, {"date_from": "2026-13-01"}, {"date_to": "yesterday"}]
)
def test_habit_instances_bad_filters_are_400(auth_client, user, query):
    url = reverse("habit-instances", args=[HabitFactory(user=user).pk])
    assert_error(auth_client.get(url, query), 400, "invalid")


def test_habit_instances_query_count_does_not_grow(
    auth_client, user, django_assert_max_num_queries
):
    habit = HabitFactory(user=user)
    HabitInstanceFactory(habit=habit)
    url = reverse("habit-instances", args=[habit.pk])
    with django_assert_max_num_queries(5) as few:
        auth_client.get(url)
    for day in range(1, 9):
        HabitInstanceFactory(habit=habit, date=dt.date(2026, 2, day), status="completed")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert auth_client.get(url).json()["count"] == 9


def test_complete_then_complete_again_is_409(auth_client, user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    response = auth_client.post(complete(instance.pk))
    assert response.status_code == 200
    assert response.json()["status"] == "completed"
    assert response.json()["habit"]["current_streak"] == 1
    assert_error(auth_client.post(complete(instance.pk)), 409, "instance_final")
    assert_error(auth_client.post(fail(instance.pk)), 409, "instance_final")


def test_complete_answers_in_a_constant_number_of_queries(
    auth_client, user, django_assert_num_queries
):
    """The owner-checking compare-and-set UPDATE ... RETURNING and the instance's row with
    habit summary and streak, read inside the transaction (plus the savepoint pair of the
    service's transaction inside the test's); the user comes from its cached snapshot
    (users.tokens). A habit formed long ago is not counted again on every completion. The coins
    of the completion (rewards, subscribed to INSTANCE_MARKED) add three: what the instance paid
    before, the wallet's upsert and the ledger entry; the streak they pay by comes with the
    event, from the answer's row (4 before rewards, 8 with it before issue 11's third pass, 7)."""
    habit = HabitFactory(user=user, formed_at=NOW - dt.timedelta(days=30))
    for day in range(1, 9):
        HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, day), status="completed")
    instance = HabitInstanceFactory(habit=habit)
    auth_client.get(TODAY)  # the user's snapshot cached, as after any earlier request
    with django_assert_num_queries(7):
        response = auth_client.post(complete(instance.pk))
    assert response.json()["habit"]["current_streak"] == 9


def test_fail_marks_missed(auth_client, user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    assert auth_client.post(fail(instance.pk)).json()["status"] == "missed"


def test_complete_after_fix_deadline_is_409(auth_client, user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user), date=dt.date(2026, 3, 9))
    assert_error(auth_client.post(complete(instance.pk)), 409, "fix_window_closed")


@pytest.mark.parametrize("action", [complete, fail])
def test_another_users_instance_is_404(auth_client, other_user, action):
    instance = HabitInstanceFactory(habit=HabitFactory(user=other_user))
    assert_error(auth_client.post(action(instance.pk)), 404, "not_found")
    instance.refresh_from_db()
    assert instance.status == "scheduled"


def test_huge_and_missing_instance_ids_are_404(auth_client):
    assert_error(
        auth_client.post("/api/instances/99999999999999999999999/complete/"), 404, "not_found"
    )
    assert_error(auth_client.post("/api/instances/abc/complete/"), 404, "not_found")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", TODAY),
        ("post", "/api/instances/1/complete/"),
        ("post", "/api/instances/1/fail/"),
        ("get", "/api/habits/1/instances/"),
    ],
)
def test_no_auth_is_401(api_client, method, path):
    assert_error(getattr(api_client, method)(path), 401, "not_authenticated")


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        return [statement for (statement,) in cursor.fetchall()]


@pytest.mark.postgresql_only(reason="prepared statements are PostgreSQL's (core.sql)")
def test_todays_statement_is_prepared_once_the_connection_has_run_it_five_times(auth_client, user):
    """Planning was half the database's part of /today/: the connection keeps its statement
    prepared from the fifth request on (docs/performance.md, issue 11 fourth pass)."""
    HabitInstanceFactory(habit=HabitFactory(user=user))
    for _ in range(4):
        auth_client.get(TODAY)
    assert not any("habit_instance" in statement for statement in _prepared_statements())
    for _ in range(2):
        assert auth_client.get(TODAY).json()["count"] == 1  # the same answer, prepared
    assert any(
        "habit_instance" in statement and "ORDER BY" in statement
        for statement in _prepared_statements()
    )
