"""Lists kept whole in Redis (habits/kept.py), Today's instances and the habit list: a kept
body answers without a query, and never once anything it shows has changed: after every kind of
writer, after a deadline the sweep acts on or a window closes, on a new local day, with a lost
version key or a reader racing a writer.

The oracle: `?page=1` is always read from the database and, for a list on one page, is the same
document, so the kept body must equal it byte for byte."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework import serializers

from habit_instances.models import HabitInstance
from habit_instances.serializers import InstanceOutputSerializer
from habit_instances.services import habit_instances_generate_for_users, habit_instances_sweep
from habit_instances.tests.factories import HabitInstanceFactory
from habits.data_version import BULK_WRITTEN_KEY, habit_data_version_key
from habits.kept import _shape_of, kept_keys, kept_read, kept_store
from habits.serializers import HabitOutputSerializer
from habits.services import habit_update
from habits.tests.factories import HabitFactory
from tests_support import client_for, redis_commands_counted

TODAY = reverse("instances-today")
HABITS = reverse("habit-list")
NOW = dt.datetime(2026, 3, 10, 7, 45, tzinfo=dt.UTC)
DAY = dt.date(2026, 3, 10)


@pytest.fixture
def habits(user):
    """Two habits of `user` with today's instances: one pending since 07:00 (fix deadline 09:30),
    one due at 09:00; and yesterday's done instance of the first (a streak of 1)."""
    early = HabitFactory(user=user, name="Stretch", time_of_day=dt.time(7, 0))
    later = HabitFactory(user=user, name="Read", time_of_day=dt.time(9, 0))
    HabitInstanceFactory(habit=early, date=DAY - dt.timedelta(days=1), status="completed")
    pending = HabitInstanceFactory(habit=early, date=DAY, status="pending")
    scheduled = HabitInstanceFactory(habit=later, date=DAY, status="scheduled")
    return {"early": early, "later": later, "pending": pending, "scheduled": scheduled}


def kept(client, url=TODAY):
    """The list as the client first asks for it (kept), checked against the database's answer."""
    body = client.get(url)
    assert body.status_code == 200
    assert body.content == client.get(url, {"page": 1}).content
    return body.json()


def is_kept(client, url=TODAY) -> bool:
    """Whether the next read is answered by the kept body (no query at all)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries) == 0


def next_due(client) -> dict[str, str | None]:
    return {h["name"]: h["next_due_date"] for h in kept(client, HABITS)["results"]}


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_kept_list_answers_with_the_same_bytes_and_no_query(
    auth_client, habits, django_assert_num_queries
):
    first = auth_client.get(TODAY)
    with django_assert_num_queries(0):
        second = auth_client.get(TODAY)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "application/json"
    assert [r["status"] for r in second.json()["results"]] == ["pending", "scheduled"]
    # A client asking for indentation gets it, from the same kept document.
    indented = auth_client.get(TODAY, HTTP_ACCEPT="application/json; indent=2")
    assert indented.content.startswith(b"{\n  ")
    assert indented.json() == second.json()


@pytest.mark.parametrize(
    "write",
    [
        "complete",
        "fail",
        "skip",
        "undo",
        "note",
        "rename",
        "retime",
        "delete",
        "archive",
        "pause",
        "create",
        "record_yesterday",
        "new_zone",
    ],
)
def test_every_writer_makes_the_next_read_show_its_change(auth_client, user, habits, write):
    """Both lists, each against its database answer (kept() compares them)."""
    before = kept(auth_client)
    habits_before = kept(auth_client, HABITS)
    pending, later = habits["pending"], habits["later"]
    answers = {
        "complete": lambda: auth_client.post(reverse("instance-complete", args=[pending.pk])),
        "fail": lambda: auth_client.post(reverse("instance-fail", args=[pending.pk])),
        "skip": lambda: auth_client.post(
            reverse("instance-skip", args=[pending.pk]), {}, format="json"
        ),
        "note": lambda: auth_client.patch(
            reverse("instance-note", args=[pending.pk]), {"note": "felt good"}, format="json"
        ),
        "rename": lambda: auth_client.patch(
            reverse("habit-detail", args=[later.pk]), {"name": "Read a poem"}, format="json"
        ),
        "retime": lambda: auth_client.patch(
            reverse("habit-detail", args=[later.pk]), {"time_of_day": "10:15:00"}, format="json"
        ),
        "delete": lambda: auth_client.delete(reverse("habit-detail", args=[later.pk])),
        "archive": lambda: auth_client.post(reverse("habit-archive", args=[later.pk])),
        "pause": lambda: auth_client.post(
            reverse("habit-pause", args=[later.pk]),
            {"from": DAY.isoformat(), "until": "2026-03-20"},
            format="json",
        ),
        "create": lambda: auth_client.post(
            reverse("habit-list"),
            {
                "name": "Walk",
                "action": "walk",
                "place": "park",
                "time_of_day": "18:00:00",
                "reward_text": "tea",
            },
            format="json",
        ),  # fmt: skip
        "record_yesterday": lambda: auth_client.put(
            reverse("habit-day", args=[later.pk, "2026-03-09"]),
            {"status": "completed"},
            format="json",
        ),
        "new_zone": lambda: auth_client.patch(
            reverse("auth-me"), {"timezone": "Pacific/Kiritimati"}, format="json"
        ),
    }
    if write == "undo":
        auth_client.post(reverse("instance-complete", args=[pending.pk]))
        kept(auth_client)  # kept again with the completion
        kept(auth_client, HABITS)
        answer = auth_client.post(reverse("instance-undo", args=[pending.pk]))
    else:
        answer = answers[write]()
    assert answer.status_code < 300, answer.content
    after = kept(auth_client)  # the kept body is the database's answer: the change shows
    habits_after = kept(auth_client, HABITS)
    if write in ("rename", "retime", "delete", "archive", "pause", "create", "new_zone"):
        assert habits_after != habits_before
    if write == "undo":
        assert [r["status"] for r in after["results"]] == ["pending", "scheduled"]
    else:
        assert after != before


def test_a_deadline_ends_the_kept_list_and_the_sweep_moves_what_shows(auth_client, user, habits):
    kept(auth_client)
    assert is_kept(auth_client)
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, 30, tzinfo=dt.UTC), tick=False):
        client = client_for(user)  # the 07:45 access token has expired by now
        # 09:00 has passed, the sweep has not run yet: read again, never the kept 07:45 list
        assert not is_kept(client)
        habit_instances_sweep(now=dt.datetime(2026, 3, 10, 9, 0, 30, tzinfo=dt.UTC))
        assert [r["status"] for r in kept(client)["results"]] == ["pending", "pending"]
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, 31, tzinfo=dt.UTC), tick=False):
        client = client_for(user)
        habit_instances_sweep(now=dt.datetime(2026, 3, 10, 9, 31, tzinfo=dt.UTC))
        assert [r["status"] for r in kept(client)["results"]] == ["fix_expired", "pending"]


def test_an_instance_of_yesterday_still_open_bounds_the_list_by_its_deadline(auth_client, user):
    """Today shows only final instances, but yesterday's late one is still open until 08:30:
    when the sweep expires it the streak shown today breaks, so the kept list ends then."""
    habit = HabitFactory(user=user, time_of_day=dt.time(23, 0))
    HabitInstanceFactory(habit=habit, date=DAY - dt.timedelta(days=2), status="completed")
    HabitInstanceFactory(
        habit=habit,
        date=DAY - dt.timedelta(days=1),
        status="pending",
        fix_deadline=dt.datetime(2026, 3, 10, 8, 30, tzinfo=dt.UTC),
    )
    other = HabitFactory(user=user, time_of_day=dt.time(6, 0))
    HabitInstanceFactory(habit=other, date=DAY, status="completed")
    HabitInstanceFactory(habit=habit, date=DAY, status="completed")
    assert kept(auth_client)["results"][1]["habit"]["current_streak"] == 2
    assert is_kept(auth_client)
    later = dt.datetime(2026, 3, 10, 8, 31, tzinfo=dt.UTC)
    with time_machine.travel(later, tick=False):
        habit_instances_sweep(now=later)
        assert kept(client_for(user))["results"][1]["habit"]["current_streak"] == 1


def test_the_sweep_clock_ahead_of_the_reader_still_wins(auth_client, user, habits):
    """A reader whose clock is behind the sweep's (08:59:59 against 09:00:01) must not serve the
    list it kept before the sweep moved the 09:00 instance: the sweep's mark says how far it got."""
    kept(auth_client)
    habit_instances_sweep(now=dt.datetime(2026, 3, 10, 9, 0, 1, tzinfo=dt.UTC))
    assert cache.get(BULK_WRITTEN_KEY) is not None
    with time_machine.travel(dt.datetime(2026, 3, 10, 8, 59, 59, tzinfo=dt.UTC), tick=False):
        client = client_for(user)
        assert [r["status"] for r in kept(client)["results"]] == ["pending", "pending"]


def test_the_generation_shows_a_new_instance_at_once(auth_client, user, habits):
    kept(auth_client)
    walk = HabitFactory(user=user, name="Walk", time_of_day=dt.time(18, 0))
    assert not HabitInstance.objects.filter(habit=walk).exists()
    habit_instances_generate_for_users(user_ids=[user.pk], now=NOW)
    assert [r["habit"]["name"] for r in kept(auth_client)["results"]][-1] == "Walk"


def test_a_new_local_day_is_a_new_list(auth_client, user):
    habit = HabitFactory(user=user, time_of_day=dt.time(23, 30))
    HabitInstanceFactory(habit=habit, date=DAY, status="completed")
    assert kept(auth_client)["count"] == 1
    tomorrow = dt.datetime(2026, 3, 11, 0, 5, tzinfo=dt.UTC)
    with time_machine.travel(tomorrow, tick=False):
        assert kept(client_for(user))["count"] == 0


def test_a_lost_version_key_costs_a_read_never_a_stale_list(auth_client, user, habits):
    kept(auth_client)
    cache.delete(habit_data_version_key(user.pk))  # evicted, or Redis restarted without it
    assert not is_kept(auth_client)
    assert is_kept(auth_client)


def test_a_reader_racing_a_writer_keeps_nothing_stale(user, habits):
    """The reader reads the version, then (before the writer commits) the old rows; the writer
    commits; the reader stores what it read. That entry never answers."""
    read = kept_read(name="today", user=user, now=NOW)
    assert read.body is None
    habit_update(user=user, habit_id=habits["later"].pk, data={"name": "Read more"}, now=NOW)
    kept_store(read, valid_until=None, body=b'{"stale": true}')
    assert kept_read(name="today", user=user, now=NOW).body is None


def test_a_list_longer_than_a_page_is_read_every_time(auth_client, user):
    for hour in range(21):  # one more than the page
        habit = HabitFactory(user=user, time_of_day=dt.time(hour))
        HabitInstanceFactory(habit=habit, date=DAY, status="completed")
    assert auth_client.get(TODAY).json()["next"].endswith("?page=2")
    assert not is_kept(auth_client)


def test_a_kept_list_comes_in_the_token_checks_own_redis_round_trip(
    auth_client, habits, monkeypatch
):
    """users.authentication reads the view's keys with the user's snapshot: a warm request is
    one MGET in all (counted on the real Redis client, every command passed through)."""
    auth_client.get(TODAY)
    commands = redis_commands_counted(monkeypatch)
    assert auth_client.get(TODAY).json()["count"] == 2
    assert commands == ["MGET"]


def test_the_habit_list_moves_its_next_due_date_when_todays_window_closes(auth_client, user):
    """A habit with no instance today is due today until its fix deadline (09:00 + 30 + 120
    minutes = 11:30), then tomorrow: no write happens in between, and the kept list ends then."""
    HabitFactory(user=user, name="Read", time_of_day=dt.time(9, 0))
    assert next_due(auth_client) == {"Read": "2026-03-10"}
    assert is_kept(auth_client, HABITS)
    with time_machine.travel(dt.datetime(2026, 3, 10, 11, 31, tzinfo=dt.UTC), tick=False):
        assert next_due(client_for(user)) == {"Read": "2026-03-11"}


def test_the_habit_list_is_not_kept_past_a_deadline_the_sweep_has_not_reached(
    auth_client, user, habits
):
    """Today's pending instance (fix deadline 09:30) keeps its habit due today until the sweep
    expires it; between the deadline and the sweep the list is read every time, then it says
    tomorrow."""
    assert next_due(auth_client)["Stretch"] == "2026-03-10"
    later = dt.datetime(2026, 3, 10, 9, 31, tzinfo=dt.UTC)
    with time_machine.travel(later, tick=False):
        client = client_for(user)
        assert next_due(client)["Stretch"] == "2026-03-10"  # still pending: due today
        assert not is_kept(client, HABITS)
        habit_instances_sweep(now=later)
        assert next_due(client)["Stretch"] == "2026-03-11"
        assert is_kept(client, HABITS)


def test_a_release_that_changes_a_lists_shape_keeps_it_under_new_keys(auth_client, user, habits):
    """The key holds a digest of the field names rendered, nested ones too: a body of the old
    shape is never sent after a release that adds or removes a field."""
    for url, name, shape in [
        (TODAY, "today", InstanceOutputSerializer),
        (HABITS, "habits", HabitOutputSerializer),
    ]:
        auth_client.get(url)
        _, entry_key, _ = kept_keys(f"{name}:{_shape_of(shape)}", user.pk)
        assert cache.get(entry_key)["body"] == auth_client.get(url).content

    class Habit(serializers.Serializer):
        name = serializers.CharField()

    class HabitWithPlace(Habit):
        place = serializers.CharField()

    class Instance(serializers.Serializer):
        habit = Habit()

    class InstanceWithPlace(serializers.Serializer):
        habit = HabitWithPlace()

    assert _shape_of(Habit) != _shape_of(HabitWithPlace)
    assert _shape_of(Instance) != _shape_of(InstanceWithPlace)
    assert _shape_of(Instance) == _shape_of(Instance)
