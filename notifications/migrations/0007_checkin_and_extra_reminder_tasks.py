"""Registers the check-in and extra-reminder beat tasks: one entry each for every user (the
due rows come from indexes), every minute, expiring before the next run."""

from django.db import migrations

from core.periodic_tasks import (
    PeriodicTaskSpec,
    periodic_tasks_register,
    periodic_tasks_unregister,
)

TASKS = [
    PeriodicTaskSpec(
        "notifications: check-ins", "notifications.tasks.checkins_send_task", 60, "seconds", 50
    ),
    PeriodicTaskSpec(
        "notifications: extra habit reminders",
        "notifications.tasks.extra_reminders_send_task",
        60,
        "seconds",
        50,
    ),
]


def register(apps, schema_editor):
    periodic_tasks_register(apps, TASKS)


def unregister(apps, schema_editor):
    periodic_tasks_unregister(apps, TASKS)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0006_checkins_and_extra_reminders"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
