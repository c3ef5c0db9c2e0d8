"""The replica router against a real PostgreSQL streaming replica (core/tests/replication.py):
which server answered is read from the server itself (pg_is_in_recovery, inet_server_port) and
from the statements each connection ran, and replica lag is made by pausing the replay."""

import uuid

import pytest
from celery import shared_task
from django.apps import apps
from django.db import connections, router, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from achievements.tasks import achievements_refresh_percentages_task
from core.replicas import ReplicaScopeMiddleware, replica_reads, replica_scope
from habits.models import Habit
from habits.selectors import habit_public_list
from habits.services import habit_update
from habits.tests.factories import HabitFactory
from tests_support import client_for
from users.models import User
from users.tests.factories import UserFactory

pytestmark = [
    pytest.mark.postgresql_only(reason="streaming replication is PostgreSQL's"),
    pytest.mark.slow,
]
PUBLIC = reverse("habit-public-list")


def _server(alias: str) -> tuple[bool, int]:
    """(in recovery, port) of the server behind this alias's connection."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), inet_server_port()")
        return cursor.fetchone()


def _statements(captured: CaptureQueriesContext, table: str) -> list[str]:
    return [query["sql"] for query in captured.captured_queries if table in query["sql"]]


def _public_habit(replica_databases, **fields) -> Habit:
    """A public habit of a new user, committed on the primary and replayed on the replica."""
    habit = HabitFactory(user=UserFactory(email=f"{uuid.uuid4().hex}@example.com"), **fields)
    replica_databases.wait_until_replayed()
    return habit


def _public_names() -> set[str]:
    return set(habit_public_list().values_list("name", flat=True))


def test_the_aliases_reach_a_primary_and_a_replica(replica_databases):
    assert _server("default") == (False, replica_databases.primary_port)
    assert _server("replica_1") == (True, replica_databases.replica_port)


def test_a_stale_ok_read_in_a_request_is_answered_by_the_replica(replica_databases):
    habit = _public_habit(replica_databases, is_public=True, name=f"public {uuid.uuid4().hex}")
    client = client_for(UserFactory(email=f"{uuid.uuid4().hex}@example.com"))
    table = Habit._meta.db_table
    with (
        CaptureQueriesContext(connections["replica_1"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get(PUBLIC, {"page_size": 100})
    assert response.status_code == 200, response.content
    assert habit.name in {row["name"] for row in response.json()["results"]}
    assert _statements(on_replica, table), "the public list was not read on the replica"
    assert not _statements(on_primary, table)
    assert _server("replica_1")[0] is True  # the connection that answered is a standby


def test_reads_not_marked_stale_ok_stay_on_the_primary(replica_databases):
    owner = UserFactory(email=f"{uuid.uuid4().hex}@example.com")
    HabitFactory(user=owner)
    replica_databases.wait_until_replayed()
    with CaptureQueriesContext(connections["replica_1"]) as on_replica:
        response = client_for(owner).get(reverse("habit-list"))
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert on_replica.captured_queries == []


def test_after_a_write_the_rest_of_the_request_reads_the_primary(replica_databases):
    habit = _public_habit(replica_databases, is_public=False)
    seen = {}

    def view(request):
        seen["before"] = habit_public_list().db
        habit_update(user=habit.user, habit_id=habit.pk, data={"is_public": True}, now=request.now)
        seen["after"] = habit_public_list().db
        with CaptureQueriesContext(connections["replica_1"]) as on_replica:
            seen["names"] = _public_names()
        seen["replica_statements"] = len(on_replica.captured_queries)
        return None

    request = RequestFactory().get("/")
    request.now = timezone.now()
    ReplicaScopeMiddleware(view)(request)
    assert seen["before"] == "replica_1"
    assert seen["after"] == "default"
    assert seen["replica_statements"] == 0
    assert habit.name in seen["names"]


def test_under_replica_lag_the_stale_read_is_stale_and_the_own_write_is_read(replica_databases):
    habit = _public_habit(replica_databases, is_public=False, name=f"lagging {uuid.uuid4().hex}")
    owner_client = client_for(habit.user)
    with replica_databases.replay_paused():
        response = owner_client.patch(
            reverse("habit-detail", args=[habit.pk]), {"is_public": True}, format="json"
        )
        assert response.status_code == 200, response.content
        # a later request: allowed to be stale, and it is (the replica has not replayed it)
        with replica_scope():
            assert habit.name not in _public_names()
        # the same change written in this scope: the rest of it reads the primary
        with replica_scope():
            habit_update(
                user=habit.user, habit_id=habit.pk, data={"is_public": True}, now=timezone.now()
            )
            assert habit.name in _public_names()
        assert habit.name in set(
            Habit.objects.using("default").filter(is_public=True).values_list("name", flat=True)
        )
    replica_databases.wait_until_replayed()
    with replica_scope():
        assert habit_public_list().db == "replica_1"
        assert habit.name in _public_names()


def test_the_router_never_sends_a_write_to_the_replica(replica_databases):
    habit = _public_habit(replica_databases, is_public=True)
    with replica_scope(), replica_reads():
        read = Habit.objects.get(pk=habit.pk)
        assert read._state.db == "replica_1"
        with CaptureQueriesContext(connections["replica_1"]) as on_replica:
            read.name = "renamed"
            read.save()  # an object read from the replica is saved on the primary
            Habit.objects.filter(pk=habit.pk).update(description="updated")
            User.objects.get_or_create(email=f"{uuid.uuid4().hex}@example.com")
            with transaction.atomic():
                locked = Habit.objects.select_for_update().get(pk=habit.pk)
                assert locked._state.db == "default"
            HabitFactory(user=habit.user).delete()
    assert all(
        query["sql"].lstrip().upper().startswith("SELECT") for query in on_replica.captured_queries
    ), on_replica.captured_queries
    stored = Habit.objects.using("default").get(pk=habit.pk)
    assert (stored.name, stored.description) == ("renamed", "updated")
    for model in apps.get_models():
        assert router.db_for_write(model) == "default"
        assert router.allow_migrate_model("replica_1", model) is False
        assert router.allow_migrate_model("default", model) is True


def test_outside_a_request_or_task_nothing_is_read_on_the_replica(replica_databases):
    with replica_reads():
        assert habit_public_list().db == "default"
        assert router.db_for_read(Habit) == "default"


def test_inside_a_transaction_stale_ok_reads_stay_on_the_primary(replica_databases):
    with replica_scope(), replica_reads(), transaction.atomic():
        assert router.db_for_read(Habit) == "default"


@shared_task
def _write_then_read_public_task(habit_id: int) -> list[str]:
    before = habit_public_list().db
    Habit.objects.filter(pk=habit_id).update(is_public=True)  # a write through the ORM
    return [before, habit_public_list().db]


def test_a_celery_task_reads_the_replica_until_it_writes(replica_databases):
    habit = _public_habit(replica_databases, is_public=False)
    assert _write_then_read_public_task.apply(args=[habit.pk]).get() == ["replica_1", "default"]
    # the next task starts a scope of its own: replica again
    with CaptureQueriesContext(connections["replica_1"]) as on_replica:
        achievements_refresh_percentages_task.apply().get()
    assert _statements(on_replica, "achievements_achievement")
