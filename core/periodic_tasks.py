"""Registers periodic tasks in django-celery-beat's database scheduler, from data migrations.

It works on the migration's historical models (`apps.get_model`), so it stays valid as those
models evolve. Idempotent: update_or_create by name, so re-running a migration is safe and an
operator's later edits in the admin are kept until the next registration of the same task.
"""

import json
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class PeriodicTaskSpec:
    name: str  # what operators see in the admin
    task: str  # the Celery task name
    every: int
    period: str  # "seconds" or "minutes" (IntervalSchedule periods)
    expires_seconds: int  # below the interval, so an outage never piles up stale copies


def periodic_tasks_register(apps, specs: list[PeriodicTaskSpec]) -> None:
    interval_model = apps.get_model("django_celery_beat", "IntervalSchedule")
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    for spec in specs:
        interval, _ = interval_model.objects.get_or_create(every=spec.every, period=spec.period)
        task_model.objects.update_or_create(
            name=spec.name,
            defaults={
                "task": spec.task,
                "interval": interval,
                "expire_seconds": spec.expires_seconds,
                "enabled": True,
                "args": json.dumps([]),
                "kwargs": json.dumps({}),
            },
        )
    # Tells a running beat to reload its schedule (historical models send no signals).
    changed = apps.get_model("django_celery_beat", "PeriodicTasks")
    changed.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def periodic_tasks_unregister(apps, specs: list[PeriodicTaskSpec]) -> None:
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    task_model.objects.filter(name__in=[spec.name for spec in specs]).delete()
