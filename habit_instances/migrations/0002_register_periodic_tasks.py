"""Registers the habit instances' beat schedule (visible and editable in the admin)."""

from django.db import migrations

from core.periodic_tasks import (
    PeriodicTaskSpec,
    periodic_tasks_register,
    periodic_tasks_unregister,
)

TASKS = [
    PeriodicTaskSpec(
        "Generate today's habit instances", "habit_instances.generate_today", 15, "minutes", 14 * 60
    ),
    PeriodicTaskSpec(
        "Advance habit instance statuses", "habit_instances.advance_statuses", 1, "minutes", 50
    ),
]


def register(apps, schema_editor):
    periodic_tasks_register(apps, TASKS)


def unregister(apps, schema_editor):
    periodic_tasks_unregister(apps, TASKS)


class Migration(migrations.Migration):
    dependencies = [
        ("habit_instances", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
