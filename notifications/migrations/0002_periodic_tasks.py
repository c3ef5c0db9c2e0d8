"""Registers the outbox's periodic tasks in django-celery-beat's database scheduler.

Telegram's bind-code task was once registered here too, which made this lower app name a task
of telegrambot and depend on its migrations; telegrambot 0002 registers it now. Databases that
ran the earlier version keep the same row: that registration updates it by name."""

from django.db import migrations

from core.periodic_tasks import (
    PeriodicTaskSpec,
    periodic_tasks_register,
    periodic_tasks_unregister,
)

TASKS = [
    PeriodicTaskSpec(
        "notifications: republish pending deliveries",
        "notifications.tasks.deliveries_republish_task",
        60,
        "seconds",
        50,
    ),
    PeriodicTaskSpec(
        "notifications: daily digests",
        "notifications.tasks.notifications_digests_create_task",
        300,
        "seconds",
        240,
    ),
]


def register(apps, schema_editor):
    periodic_tasks_register(apps, TASKS)


def unregister(apps, schema_editor):
    periodic_tasks_unregister(apps, TASKS)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
