"""Registers the outbox's periodic tasks in django-celery-beat's database scheduler."""

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
    PeriodicTaskSpec(
        "telegram: expire bind codes",
        "telegrambot.tasks.telegram_bind_codes_expire_task",
        3600,
        "seconds",
        3000,
    ),
]


def register(apps, schema_editor):
    periodic_tasks_register(apps, TASKS)


def unregister(apps, schema_editor):
    periodic_tasks_unregister(apps, TASKS)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("telegrambot", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
