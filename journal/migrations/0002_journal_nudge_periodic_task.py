"""Registers the daily journal nudge's beat task: one entry for every user, every five minutes
(a nudge is sent within NUDGE_WINDOW of its time, once a day), expiring before the next run."""

from django.db import migrations

from core.periodic_tasks import PeriodicTaskSpec, periodic_tasks_register, periodic_tasks_unregister

TASKS = [
    PeriodicTaskSpec(
        "journal: daily journal nudges", "journal.tasks.journal_nudges_send_task", 300, "seconds", 240
    ),
]


def register(apps, schema_editor):
    periodic_tasks_register(apps, TASKS)


def unregister(apps, schema_editor):
    periodic_tasks_unregister(apps, TASKS)


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0001_initial"),
        ("notifications", "0011_journal_nudge_time_and_kind"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
