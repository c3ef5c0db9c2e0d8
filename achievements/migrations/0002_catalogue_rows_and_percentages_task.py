"""Writes the catalogue's rows (achievements_sync, also `manage.py achievements_sync`) and
registers the beat task that caches the share of users holding each achievement: every 6 hours,
cached for a day (ACHIEVEMENTS_PERCENT_CACHE_SECONDS), expiring well before the next run."""

from django.db import migrations

from core.periodic_tasks import (
    PeriodicTaskSpec,
    periodic_tasks_register,
    periodic_tasks_unregister,
)

TASKS = [
    PeriodicTaskSpec(
        "achievements.refresh_percentages",
        "achievements.refresh_percentages",
        360,
        "minutes",
        3000,
    )
]


def forwards(apps, schema_editor):
    from achievements.services import achievements_sync

    achievements_sync(model=apps.get_model("achievements", "Achievement"))
    periodic_tasks_register(apps, TASKS)


def backwards(apps, schema_editor):
    periodic_tasks_unregister(apps, TASKS)


class Migration(migrations.Migration):
    dependencies = [
        ("achievements", "0001_catalogue_and_earned"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
