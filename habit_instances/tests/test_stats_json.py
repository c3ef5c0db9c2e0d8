"""The stats cache keeps the rendered JSON: a warm GET /api/habits/{id}/stats/ sends those bytes
without rendering, and they follow the same validity rules as the stats themselves."""

import datetime as dt
import json
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from rest_framework.renderers import JSONRenderer

from habit_instances.models import HabitInstance
from habit_instances.stats.cache import habit_stats_key
from habit_instances.stats.selectors import habit_stats_get, habit_stats_json_get
from habit_instances.tests.factories import HabitInstanceFactory
from habits.data_version import habit_data_bulk_written, habit_data_changed
from habits.services import habit_delete
from habits.tests.factories import HabitFactory
from tests_support import assert_error, client_for, redis_commands_counted

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 3, 0, tzinfo=dt.UTC)  # before today's instance is due anywhere


def _history(habit, statuses, *, last=dt.date(2026, 3, 9)):
    first = last - dt.timedelta(days=len(statuses) - 1)
    HabitInstance.objects.bulk_create(
        HabitInstanceFactory.build(habit=habit, date=first + dt.timedelta(days=n), status=s)
        for n, s in enumerate(statuses)
    )


def _fresh_render(habit, *, now=NOW) -> bytes:
    """What the view sent before the bytes were cached: DRF rendering freshly computed stats."""
    habit.refresh_from_db()
    cache.delete(habit_stats_key(habit.pk))
    stats = habit_stats_get(habit=habit, now=now)
    cache.delete(habit_stats_key(habit.pk))
    return JSONRenderer().render(stats)


@pytest.fixture
def auth_client(user):
    """Signed in at NOW: a token issued at the real time would not be valid yet then."""
    with time_machine.travel(NOW, tick=False):
        return client_for(user)


@pytest.fixture
def habit(user):
    habit = HabitFactory(user=user, repeat_limit=30)
    _history(habit, ["completed", "missed", "completed_late", "completed"] * 100)
    HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 10))  # today's, scheduled
    return habit


def _get(client, habit, **headers):
    with time_machine.travel(NOW, tick=False):
        return client.get(reverse("habit-stats", args=[habit.pk]), **headers)


def test_warm_answer_is_the_cached_bytes_identical_to_a_fresh_render(auth_client, habit):
    expected = _fresh_render(habit)
    cold = _get(auth_client, habit)
    with mock.patch.object(JSONRenderer, "render", side_effect=AssertionError("rendered")):
        warm = _get(auth_client, habit)
    for response in (cold, warm):
        assert response.status_code == 200
        assert response.content == expected
        assert response["Content-Type"] == "application/json"
    assert json.loads(warm.content) == habit_stats_get(habit=habit, now=NOW)


def test_the_selector_still_answers_the_dict_equal_to_the_computed_one(habit):
    computed = habit_stats_get(habit=habit, now=NOW)  # computed, then cached as bytes
    cached = habit_stats_get(habit=habit, now=NOW)  # decoded from the bytes
    assert cached == computed
    assert isinstance(cache.get(habit_stats_key(habit.pk))["body"], bytes)


def test_asking_for_indentation_renders_as_before(auth_client, habit):
    _get(auth_client, habit)  # warm
    response = _get(auth_client, habit, HTTP_ACCEPT="application/json; indent=4")
    stats = habit_stats_get(habit=habit, now=NOW)
    assert response.content == JSONRenderer().render(
        stats, "application/json; indent=4", {"indent": None}
    )
    assert b'\n    "habit_id"' in response.content


def test_a_mark_replaces_the_cached_bytes(auth_client, habit):
    before = json.loads(_get(auth_client, habit).content)
    today = HabitInstance.objects.get(habit=habit, date=dt.date(2026, 3, 10))
    with time_machine.travel(NOW, tick=False):
        marked = auth_client.post(reverse("instance-complete", args=[today.pk]))
    assert marked.status_code == 200, marked.content
    after = _get(auth_client, habit)
    assert json.loads(after.content)["current_streak"] == before["current_streak"] + 1
    assert after.content == _fresh_render(habit)


def test_an_edit_replaces_the_cached_bytes(auth_client, habit):
    _get(auth_client, habit)
    with time_machine.travel(NOW, tick=False):
        edited = auth_client.patch(
            reverse("habit-detail", args=[habit.pk]), {"repeat_limit": 45}, format="json"
        )
    assert edited.status_code == 200, edited.content
    after = _get(auth_client, habit)
    assert json.loads(after.content)["progress"]["repeat_limit"] == 45
    assert after.content == _fresh_render(habit)


def test_the_bytes_are_not_served_past_valid_until(habit):
    today = HabitInstance.objects.get(habit=habit, date=dt.date(2026, 3, 10))
    first = habit_stats_json_get(habit=habit, now=NOW)
    assert cache.get(habit_stats_key(habit.pk))["valid_until"] == today.scheduled_at
    # The sweep moves the instance without deleting the key (it relies on valid_until).
    HabitInstance.objects.filter(pk=today.pk).update(status="pending")
    before_due = today.scheduled_at - dt.timedelta(minutes=1)
    assert habit_stats_json_get(habit=habit, now=before_due) == first  # still the entry
    after_due = today.scheduled_at + dt.timedelta(minutes=1)
    moved = habit_stats_json_get(habit=habit, now=after_due)
    assert json.loads(moved)["counts"]["pending"] == 1
    assert moved == _fresh_render(habit, now=after_due)


def test_the_writers_watermark_expires_the_bytes_for_a_reader_whose_clock_is_behind(habit):
    today = HabitInstance.objects.get(habit=habit, date=dt.date(2026, 3, 10))
    habit_stats_json_get(habit=habit, now=NOW)
    HabitInstance.objects.filter(pk=today.pk).update(status="pending")
    habit_data_bulk_written(now=today.scheduled_at + dt.timedelta(seconds=1))
    assert json.loads(habit_stats_json_get(habit=habit, now=NOW))["counts"]["pending"] == 1


def test_an_entry_of_the_old_format_is_recomputed(habit):
    stats = habit_stats_get(habit=habit, now=NOW)
    entry = cache.get(habit_stats_key(habit.pk))
    old = {key: value for key, value in entry.items() if key != "body"}
    cache.set(habit_stats_key(habit.pk), {**old, "stats": {"stale": True}})
    assert habit_stats_get(habit=habit, now=NOW) == stats
    assert json.loads(habit_stats_json_get(habit=habit, now=NOW)) == stats


def test_a_warm_read_asks_the_database_nothing_and_redis_once(
    auth_client, habit, django_assert_num_queries, monkeypatch
):
    """The entry says whose the habit was at the owner's current data version: no ownership
    query, and the entry comes in the token check's own MGET."""
    cold = _get(auth_client, habit)
    commands = redis_commands_counted(monkeypatch)
    with django_assert_num_queries(0):
        warm = _get(auth_client, habit)
    assert warm.content == cold.content
    assert commands == ["MGET"]


def test_a_deleted_habit_is_a_404_however_warm_its_stats(auth_client, user, habit):
    assert _get(auth_client, habit).status_code == 200
    assert _get(auth_client, habit).status_code == 200  # warm, answered from the cache
    with time_machine.travel(NOW, tick=False):
        habit_delete(user=user, habit_id=habit.pk)
    assert_error(_get(auth_client, habit), 404, "not_found")


def test_another_users_habit_is_a_404_while_its_owner_has_it_warm(auth_client, other_user, habit):
    assert _get(auth_client, habit).status_code == 200
    with time_machine.travel(NOW, tick=False):
        stranger = client_for(other_user)
    assert_error(_get(stranger, habit), 404, "not_found")
    assert _get(auth_client, habit).status_code == 200


def test_a_write_elsewhere_costs_one_ownership_query_then_it_is_warm_again(
    auth_client, user, habit, django_assert_num_queries
):
    _get(auth_client, habit)
    habit_data_changed(user_ids=[user.pk])  # e.g. a mark on another habit
    with django_assert_num_queries(1):  # whose the habit is; the stats entry itself still holds
        _get(auth_client, habit)
    with django_assert_num_queries(0):
        _get(auth_client, habit)
