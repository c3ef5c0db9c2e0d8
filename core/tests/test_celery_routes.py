"""Celery's own router sends each app's tasks to its domain's queue (settings CELERY_TASK_ROUTES),
and nothing in the beat schedule overrides that with a queue of its own."""

import pytest
from django.conf import settings
from django_celery_beat.models import PeriodicTask

from atomic_habits_tracker.celery import app

# What each app's tasks are for decides their queue; an app missing here goes to `default`.
EXPECTED_QUEUE_BY_PREFIX = {
    "habit_instances.generate_": "generation",
    "notifications.": "notifications",
    "push.": "notifications",
    "goals.tasks.goal_ai_breakdown_run_task": "ai",
    "reports.": "reports",
    "imports.": "imports",
    "backups.": "backups",
}


def routed_queue(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


def expected_queue(task_name: str) -> str:
    for prefix, queue in EXPECTED_QUEUE_BY_PREFIX.items():
        if task_name.startswith(prefix):
            return queue
    return "default"


def project_task_names() -> list[str]:
    app.loader.import_default_modules()  # autodiscovery: every app's tasks.py
    return sorted(name for name in app.tasks if not name.startswith("celery."))


def test_every_task_of_the_project_is_routed_to_its_domains_queue():
    names = project_task_names()
    # the tasks the routes were written for are there (a rename would silently reroute them)
    assert {
        "habit_instances.generate_today",
        "habit_instances.generate_chunk",
        "habit_instances.advance_statuses",
        "notifications.tasks.delivery_send_email_task",
        "push.tasks.delivery_send_push_task",
        "goals.tasks.goal_ai_breakdown_run_task",
        "users.tasks.user_password_reset_mail_send_task",
    } <= set(names)
    routed = {name: routed_queue(name) for name in names}
    assert routed == {name: expected_queue(name) for name in names}
    assert set(routed.values()) <= set(settings.TASK_QUEUE_NAMES)


@pytest.mark.parametrize(
    ("task_name", "queue"),
    [
        ("reports.tasks.report_build_task", "reports"),
        ("reports.refresh_cache", "reports"),
        ("imports.tasks.import_run_task", "imports"),
        ("backups.tasks.backup_create_task", "backups"),
        ("backups.prune", "backups"),
        ("journal.tasks.anything_task", "default"),
        ("some_future_app.tasks.thing_task", "default"),
    ],
)
def test_tasks_of_apps_still_being_built_route_by_their_app_name(task_name, queue):
    assert routed_queue(task_name) == queue


def test_the_default_queue_is_named_default_and_every_queue_is_declared_once():
    assert app.conf.task_default_queue == "default"
    assert len(settings.TASK_QUEUE_NAMES) == len(set(settings.TASK_QUEUE_NAMES))
    assert "celery" not in settings.TASK_QUEUE_NAMES


@pytest.mark.django_db
def test_the_beat_schedule_leaves_the_queue_to_the_routes():
    """A queue stored on a periodic task would win over the routes; the migrations store none."""
    scheduled = PeriodicTask.objects.exclude(name__startswith="celery.")
    assert scheduled.exists()
    assert list(scheduled.exclude(queue=None).exclude(queue="").values_list("name", "queue")) == []
    for task in scheduled:
        assert routed_queue(task.task) in settings.TASK_QUEUE_NAMES
