import pytest

from atomic_habits_tracker.celery import app


@pytest.fixture(autouse=True)
def _tasks_run_inline():
    """The account app's mail goes through Celery; its tests run the queued task at once, as a
    worker would, so they can read the mail from the in-memory outbox."""
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False
