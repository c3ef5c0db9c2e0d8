"""Registers the Telegram bot's periodic task in django-celery-beat's database scheduler.

Idempotent (update_or_create by name): on a database where notifications 0002 registered this
task before it moved here, the same row is kept."""

from django.db import migrations

from core.periodic_tasks import (
    PeriodicTaskSpec,
    periodic_tasks_register,
    periodic_tasks_unregister,
)

TASKS = [
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
        ("telegrambot", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
