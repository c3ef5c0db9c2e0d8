from django.db import migrations

from core.periodic_tasks import (
    PeriodicTaskSpec,
    periodic_tasks_register,
    periodic_tasks_unregister,
)

# reports.tasks.WEEKLY_SUMMARIES_SEND, written out: a migration must not import app code that
# changes. Every 15 minutes: a user's summary hour starts on a quarter hour in every zone.
TASKS = [
    PeriodicTaskSpec(
        "Send weekly summaries", "reports.send_weekly_summaries", 15, "minutes", 14 * 60
    )
]


def register(apps, schema_editor):
    periodic_tasks_register(apps, TASKS)


def unregister(apps, schema_editor):
    periodic_tasks_unregister(apps, TASKS)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
