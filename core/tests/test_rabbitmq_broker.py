"""RabbitMQ as the broker (CELERY_BROKER_URL=amqp://…): the daily generation's fan-out runs
through a real Celery worker on the RabbitMQ on this machine, chunk tasks and all."""

import datetime as dt
import os
import re
import socket
import time
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from kombu import Connection

from atomic_habits_tracker.celery import app
from core.tests.worker_process import WorkerProcess
from habit_instances.models import HabitInstance
from habit_instances.tasks import GENERATE_CHUNK, GENERATE_TODAY
from habits.tests.factories import HabitFactory
from tests_support import zone_where_it_is_morning
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
RABBITMQ_URL = os.environ.get("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")


def chunks_succeeded(output: str) -> list[str]:
    return re.findall(rf"Task {re.escape(GENERATE_CHUNK)}\[([^\]]+)\] succeeded", output)


def rabbitmq_answers() -> bool:
    address = urlsplit(RABBITMQ_URL)
    try:
        socket.create_connection((address.hostname, address.port or 5672), timeout=2).close()
    except OSError:
        return False
    return True


@pytest.fixture
def rabbitmq():
    if not rabbitmq_answers():
        pytest.skip(f"RabbitMQ does not answer at {RABBITMQ_URL} (TEST_RABBITMQ_URL)")
    with Connection(RABBITMQ_URL) as connection:
        for queue in ("default", "generation"):  # what an earlier, interrupted run left
            try:
                connection.default_channel.queue_purge(queue)
            except connection.channel_errors:
                connection.close()  # the queue does not exist yet: nothing to purge
    return RABBITMQ_URL


def test_the_generation_fan_out_runs_through_a_worker_on_rabbitmq(rabbitmq):
    zone = zone_where_it_is_morning(timezone.now())  # today's instance is due whatever the hour
    habits = [
        HabitFactory(user=UserFactory(timezone=zone), time_of_day=dt.time(20, 0)) for _ in range(5)
    ]
    HabitInstance.objects.all().delete()
    worker = WorkerProcess(
        queues=["default", "generation"],
        extra_env={"CELERY_BROKER_URL": rabbitmq, "HABIT_GENERATION_CHUNK_SIZE": "2"},
    )
    try:
        worker.start()
        assert "transport:   amqp://guest:**@127.0.0.1:5672//" in worker.output()
        with app.connection_for_write(rabbitmq) as connection:
            app.send_task(GENERATE_TODAY, connection=connection)
        deadline = time.monotonic() + 60
        while len(chunks_succeeded(worker.output())) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        output = worker.output()
    finally:
        worker.kill()
    assert sorted(HabitInstance.objects.values_list("habit_id", flat=True)) == sorted(
        habit.pk for habit in habits
    ), output
    # 5 users in chunks of 2: three chunk tasks, which the worker published to RabbitMQ
    assert len(chunks_succeeded(output)) == 3, output
