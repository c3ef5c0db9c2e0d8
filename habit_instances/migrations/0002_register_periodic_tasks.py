"""Registers the beat schedule in django-celery-beat's tables (visible and editable in the admin).

Idempotent: update_or_create by task name, so re-running or editing in the admin is safe.
Each entry expires before its next run, so a backlog never piles up stale sweeps.
"""

import json

from django.db import migrations

PERIODIC_TASKS = [
    # (name, task, every minutes, expires seconds)
    ("Generate today's habit instances", "habit_instances.generate_today", 15, 14 * 60),
    ("Advance habit instance statuses", "habit_instances.advance_statuses", 1, 50),
]


def register(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, minutes, expires in PERIODIC_TASKS:
        interval, _ = IntervalSchedule.objects.get_or_create(every=minutes, period="minutes")
        PeriodicTask.objects.update_or_create(
            name=name,
            defaults={
                "task": task,
                "interval": interval,
                "expire_seconds": expires,
                "enabled": True,
                "args": json.dumps([]),
                "kwargs": json.dumps({}),
            },
        )
    # PeriodicTasks.changed tells a running beat to reload its schedule.
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unregister(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__in=[task for _, task, _, _ in PERIODIC_TASKS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("habit_instances", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
