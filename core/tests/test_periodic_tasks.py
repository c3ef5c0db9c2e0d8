import pytest
from celery import current_app
from django_celery_beat.models import PeriodicTask

pytestmark = pytest.mark.django_db

SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}


def test_every_registered_periodic_task_exists_and_expires_before_its_next_run():
    tasks = list(PeriodicTask.objects.select_related("interval"))
    assert {t.task for t in tasks} >= {
        "habit_instances.generate_today",
        "habit_instances.advance_statuses",
        "notifications.tasks.deliveries_republish_task",
    }
    current_app.loader.import_default_modules()
    for task in tasks:
        assert task.enabled, task.name
        assert task.task in current_app.tasks, f"{task.task} is not a Celery task"
        interval = task.interval.every * SECONDS[task.interval.period]
        assert 0 < task.expire_seconds < interval, task.name
