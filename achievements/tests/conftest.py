import pytest

from achievements.services import achievements_sync
from atomic_habits_tracker.celery import app


@pytest.fixture
def catalogue(db):
    """The catalogue's rows: the data migration wrote them, but a transactional test's flush
    empties every table, so each test that awards writes them (idempotent)."""
    achievements_sync()


@pytest.fixture
def tasks_inline():
    """Queued tasks run at once, as a worker would."""
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False
