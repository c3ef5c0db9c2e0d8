"""GET /api/achievements/ and POST /api/achievements/seen/: owner-scoped, constant queries, the
percentages read from the cache only."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from achievements.catalogue import CATALOGUE
from achievements.models import UserAchievement
from achievements.selectors import PERCENTAGES_CACHE_KEY
from achievements.services import achievements_evaluate_for_user, achievements_percentages_refresh
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("achievement-list")
SEEN = reverse("achievement-seen")
NOW = dt.datetime(2026, 3, 10, 7, 45, tzinfo=dt.UTC)


def _complete(user, days=1):
    habit = HabitFactory(user=user)
    for offset in range(days):
        HabitInstanceFactory(
            habit=habit,
            date=dt.date(2026, 3, 1) + dt.timedelta(days=offset),
            status="completed",
            completed_at=NOW,
        )
    achievements_evaluate_for_user(user_id=user.pk, now=NOW)


def _all(client):
    response = client.get(LIST, {"page_size": 100})
    assert response.status_code == 200, response.content
    return {row["code"]: row for row in response.json()["results"]}


@pytest.fixture(autouse=True)
def _no_cached_percentages():
    cache.delete(PERCENTAGES_CACHE_KEY)


def test_the_list_needs_a_session(api_client):
    assert api_client.get(LIST).status_code == 401
    assert api_client.post(SEEN, {"codes": ["first_completion"]}, format="json").status_code == 401


def test_the_list_has_every_achievement_with_mine_earned_and_progress(
    catalogue, auth_client, user, other_user
):
    _complete(user, days=3)
    _complete(other_user, days=8)
    rows = _all(auth_client)
    assert list(rows) == [definition.code for definition in CATALOGUE]
    first = rows["first_completion"]
    assert first["earned"] is True and first["seen"] is False
    assert first["earned_at"] == "2026-03-10T07:45:00Z"
    assert first["progress"] is None  # a one-off
    assert first["tier"] == "bronze" and first["icon"] and first["name"] == "First step"
    assert rows["streak_3"]["earned"] is True
    assert rows["streak_3"]["progress"] == {"current": 3, "target": 3}
    assert rows["streak_7"] == {**rows["streak_7"], "earned": False, "earned_at": None}
    assert rows["streak_7"]["progress"] == {"current": 3, "target": 7}  # not the other user's 8
    assert rows["completions_10"]["progress"] == {"current": 3, "target": 10}


def test_a_user_with_no_history_sees_everything_locked(auth_client):
    rows = _all(auth_client)
    assert len(rows) == len(CATALOGUE)
    assert not any(row["earned"] for row in rows.values())
    assert rows["completions_100"]["progress"] == {"current": 0, "target": 100}


def test_the_list_is_paginated_like_every_list(auth_client):
    page = auth_client.get(LIST).json()
    assert page["count"] == len(CATALOGUE) and len(page["results"]) == 20
    assert page["next"] is not None
    rest = auth_client.get(LIST, {"page": 2}).json()
    assert len(rest["results"]) == len(CATALOGUE) - 20


@pytest.mark.parametrize(
    "query", [{"page": "abc"}, {"page_size": "0"}, {"earned": "true"}, {"page": ""}]
)
def test_bad_query_parameters_are_400_naming_them(auth_client, query):
    response = auth_client.get(LIST, query)
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == set(query)


def test_the_query_count_does_not_grow_with_what_i_earned(
    catalogue, auth_client, user, django_assert_num_queries
):
    auth_client.get(LIST)  # the session's user row is cached from here on
    with django_assert_num_queries(2):  # my earned rows, my progress
        auth_client.get(LIST, {"page_size": 100})
    _complete(user, days=8)
    assert UserAchievement.objects.filter(user=user).count() >= 5
    with django_assert_num_queries(2):
        auth_client.get(LIST, {"page_size": 100})


def test_a_cached_read_runs_no_aggregate_query_and_the_share_is_null_below_the_minimum(
    catalogue, auth_client, user, settings
):
    _complete(user)
    for _ in range(2):
        _complete(UserFactory())
    achievements_percentages_refresh()  # three users hold first_completion, 3 users in all
    auth_client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        rows = _all(auth_client)
    assert len(queries) == 2
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)
    assert rows["first_completion"]["percent_of_users"] is None  # 3 users < 20

    settings.ACHIEVEMENTS_MIN_USERS_FOR_PERCENT = 3
    rows = _all(auth_client)
    assert rows["first_completion"]["percent_of_users"] == 100.0
    assert rows["streak_100"]["percent_of_users"] == 0.0

    UserFactory()  # a fourth user: the cached share stays until the beat task runs again
    assert _all(auth_client)["first_completion"]["percent_of_users"] == 100.0
    achievements_percentages_refresh()
    assert _all(auth_client)["first_completion"]["percent_of_users"] == 75.0


def test_without_a_cached_value_the_share_is_null_and_not_computed(
    catalogue, auth_client, settings
):
    settings.ACHIEVEMENTS_MIN_USERS_FOR_PERCENT = 1
    auth_client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        rows = _all(auth_client)
    assert all(row["percent_of_users"] is None for row in rows.values())
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)


def test_seen_marks_only_the_named_earned_ones_of_mine(catalogue, auth_client, user, other_user):
    _complete(user)
    _complete(other_user)
    response = auth_client.post(SEEN, {"codes": ["first_completion", "streak_100"]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"marked": 1}
    rows = _all(auth_client)
    assert rows["first_completion"]["seen"] is True
    assert rows["first_habit"]["seen"] is False
    assert not UserAchievement.objects.filter(user=other_user, seen_at__isnull=False).exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"codes": []},
        {"codes": "first_completion"},
        {"codes": ["no_such_code"]},
        {"codes": ["first_completion\x00"]},
        {"codes": [1]},
        {"codes": [None]},
        {"codes": ["first_completion"] * 100},
    ],
)
def test_seen_refuses_bad_bodies_with_field_errors(auth_client, body):
    response = auth_client.post(SEEN, body, format="json")
    assert response.status_code == 400, response.content
    assert "codes" in response.json()["error"]["fields"]
