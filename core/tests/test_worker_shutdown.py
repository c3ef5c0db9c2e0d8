"""Graceful shutdown of a real Celery worker: SIGTERM mid-task lets the task finish (warm
shutdown) and the worker exits cleanly; the task is not cut off or lost."""

import time
import uuid

import pytest
from django.core.cache import cache

from atomic_habits_tracker.celery import app
from core.tests.worker_process import WorkerProcess

pytestmark = [pytest.mark.slow]
SLOW_TASK = "core.tests.slow_tasks.sleep_and_record_task"


@pytest.fixture
def worker():
    process = WorkerProcess(queues=["default"], include="core.tests.slow_tasks")
    yield process
    process.kill()


def wait_for_cache(key: str, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not cache.get(key):
        if time.monotonic() > deadline:
            raise AssertionError(f"{key} was never set")
        time.sleep(0.1)


def test_sigterm_mid_task_lets_the_task_finish_then_the_worker_exits_cleanly(worker):
    key = f"shutdown-{uuid.uuid4().hex}"
    worker.start()
    app.send_task(SLOW_TASK, kwargs={"key": key, "seconds": 4})
    wait_for_cache(f"{key}:started", timeout=30)
    assert not cache.get(f"{key}:finished")

    status = worker.terminate()

    assert status == 0, worker.output()
    assert cache.get(f"{key}:finished"), worker.output()
    output = worker.output()
    assert "warm shutdown" in output.lower()
    assert f"Task {SLOW_TASK}[" in output and "succeeded" in output
