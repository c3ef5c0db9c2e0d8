"""The app through a real PgBouncer in transaction mode (core/tests/replication.py): two server
connections used round robin, so consecutive transactions of the app's one connection land on
different server sessions and anything that relied on session state would break here."""

import datetime as dt
import os
import socket

import psycopg
import pytest
import time_machine
from django.db import DatabaseError, connection
from django.urls import reverse

from atomic_habits_tracker.settings.base import database_from_url
from core.tests import replication
from habit_instances.models import HabitInstance, InstanceStatus
from habit_instances.tasks import habit_instances_advance_task, habit_instances_generate_chunk_task
from tests_support import STRONG_PASSWORD
from users.models import User

pytestmark = [
    pytest.mark.postgresql_only(reason="PgBouncer pools PostgreSQL connections"),
    pytest.mark.slow,
]
NOON = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def _pgbouncer_client_ports(port: int) -> set[int]:
    """The client ports of the `aht` pool's clients, from PgBouncer's admin console (which only
    speaks the simple query protocol: a client-side binding cursor)."""
    with psycopg.connect(
        replication.url(port, "pgbouncer"), autocommit=True, cursor_factory=psycopg.ClientCursor
    ) as admin:
        cursor = admin.execute("SHOW CLIENTS")
        names = [column.name for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return {row["port"] for row in rows if row["database"] == replication.DATABASE}


def _local_port_of_django_connection() -> int:
    connection.ensure_connection()
    with socket.socket(fileno=os.dup(connection.connection.fileno())) as sock:
        return sock.getsockname()[1]


def _second_server_session(port: int) -> None:
    """PgBouncer opens a second server connection for the app's next transaction while another
    client holds the first; both stay in the pool, used in turn (server_round_robin)."""
    with psycopg.connect(replication.url(port)) as holder:
        holder.execute("SELECT 1")  # its transaction stays open: the server session is taken
        _backend_pids(1)


def _backend_pids(count: int) -> set[int]:
    pids = set()
    for _ in range(count):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pids.add(cursor.fetchone()[0])
    return pids


def test_pooling_settings_send_no_session_state():
    pooled = database_from_url("postgres://app@db:6432/aht", transaction_pooling=True)
    direct = database_from_url("postgres://app@db:5432/aht", transaction_pooling=False)
    assert "options" not in pooled.get("OPTIONS", {})  # PgBouncer refuses startup options
    assert pooled["DISABLE_SERVER_SIDE_CURSORS"] is True  # a WITH HOLD cursor outlives its xact
    assert direct["OPTIONS"]["options"] == "-c jit=off"
    assert not direct.get("DISABLE_SERVER_SIDE_CURSORS")
    # psycopg prepares the server-bound statements (core.sql) on a direct connection only:
    # PgBouncer 1.18 cannot carry a prepared statement from one transaction to the next
    assert direct["OPTIONS"]["prepare_threshold"] == 5
    assert "prepare_threshold" not in pooled.get("OPTIONS", {})
    assert "server_side_binding" not in pooled.get("OPTIONS", {})


def test_pgbouncer_refuses_the_jit_startup_parameter_the_direct_settings_send(pgbouncer_port):
    with pytest.raises(psycopg.OperationalError, match="unsupported startup parameter"):
        psycopg.connect(replication.url(pgbouncer_port), options="-c jit=off").close()


def test_the_app_works_through_pgbouncer_in_transaction_mode(pooled_database, api_client):
    assert connection.settings_dict["PORT"] == pooled_database  # Django talks to PgBouncer
    _second_server_session(pooled_database)
    assert len(_backend_pids(6)) == 2  # ...which hands each transaction to another session
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")  # off on the database, with no startup parameter
        assert cursor.fetchone()[0] == "off"

    with time_machine.travel(NOON, tick=True) as traveller:
        email = f"pooled-{NOON.timestamp()}-{id(api_client)}@example.com"
        response = api_client.post(
            reverse("auth-register"),
            {"email": email, "password": STRONG_PASSWORD, "timezone": "UTC"},
            format="json",
        )
        assert response.status_code == 201, response.content
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access']}")
        for name, at in (("Stretch", "11:50"), ("Read", "12:30")):
            body = {"name": name, "action": name, "place": "home", "time_of_day": at,
                    "reward_text": "tea"}  # fmt: skip
            created = api_client.post(reverse("habit-list"), body, format="json")
            assert created.status_code == 201, created.content
        today = api_client.get(reverse("instances-today")).json()["results"]
        assert sorted(row["habit"]["name"] for row in today) == ["Read", "Stretch"]
        stretch = next(row for row in today if row["habit"]["name"] == "Stretch")
        done = api_client.post(reverse("instance-complete", args=[stretch["id"]]))
        assert done.status_code == 200, done.content

        # the sweep: set-based UPDATEs, then the owed reminders taken FOR UPDATE SKIP LOCKED
        traveller.move_to(NOON + dt.timedelta(minutes=31))
        moved = habit_instances_advance_task.apply().get()
        assert sum(moved.values()) >= 1
        user = User.objects.get(email=email)
        read_today = HabitInstance.objects.get(habit__user=user, habit__name="Read")
        assert read_today.status == InstanceStatus.PENDING

        # generation of the next day: the chunk's INSERT ... SELECT with SET LOCAL jit
        traveller.move_to(NOON + dt.timedelta(hours=12, minutes=5))
        assert habit_instances_generate_chunk_task.apply(args=[[user.pk]]).get() == 2
        signed_in = api_client.post(
            reverse("auth-login"), {"email": email, "password": STRONG_PASSWORD}, format="json"
        )  # the morning's access token has expired: sign in again (a write: last_login)
        assert signed_in.status_code == 200, signed_in.content
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {signed_in.json()['access']}")
        tomorrow = api_client.get(reverse("instances-today")).json()["results"]
        assert {row["date"] for row in tomorrow} == {"2026-06-02"}

    # a queryset iterated in chunks, outside a transaction: a plain cursor, not a WITH HOLD one
    emails = [row.email for row in User.objects.filter(pk=user.pk).iterator(chunk_size=1)]
    assert emails == [email]
    # what the setting prevents: the WITH HOLD cursor is declared on one server session and
    # fetched from on the other
    connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = False
    with pytest.raises((DatabaseError, psycopg.Error), match="cursor .* does not exist"):
        list(User.objects.iterator(chunk_size=1))
    connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = True
    connection.close()
    # the connection that carried all of it is one of PgBouncer's clients
    assert _local_port_of_django_connection() in _pgbouncer_client_ports(pooled_database)
