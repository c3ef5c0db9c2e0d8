"""Registers the outbox's periodic tasks in django-celery-beat's database scheduler.

Each task expires before its next run, so a backlog after an outage never piles up copies.
"""

import json

from django.db import migrations
from django.utils import timezone

TASKS = [
    # (name, task, every seconds, expires seconds)
    ("notifications: republish pending deliveries", "notifications.tasks.deliveries_republish_task", 60, 50),
    ("notifications: daily digests", "notifications.tasks.notifications_digests_create_task", 300, 240),
    ("telegram: expire bind codes", "telegrambot.tasks.telegram_bind_codes_expire_task", 3600, 3000),
]


def register(apps, schema_editor):
    interval_model = apps.get_model("django_celery_beat", "IntervalSchedule")
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, every, expires in TASKS:
        interval, _ = interval_model.objects.get_or_create(every=every, period="seconds")
        task_model.objects.update_or_create(
            name=name,
            defaults={
                "task": task,
                "interval": interval,
                "expire_seconds": expires,
                "args": json.dumps([]),
                "enabled": True,
            },
        )
    changed = apps.get_model("django_celery_beat", "PeriodicTasks")
    # Tell a running beat to reload its schedule (historical models send no signals).
    changed.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unregister(apps, schema_editor):
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    task_model.objects.filter(name__in=[name for name, *_ in TASKS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("telegrambot", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
