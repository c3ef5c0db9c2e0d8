from django.db import migrations

from core.periodic_tasks import (
    PeriodicTaskSpec,
    periodic_tasks_register,
    periodic_tasks_unregister,
)

# The tasks of backups.tasks by their default names, written out: a migration must not import
# app code that changes. Hourly: each service decides itself whether a backup or an archive is
# due (BACKUP_INTERVAL_HOURS, the users' schedules), so changing a setting needs no migration.
TASKS = [
    PeriodicTaskSpec(
        "Back up the site when due", "backups.tasks.backup_scheduled_task", 60, "minutes", 3000
    ),
    PeriodicTaskSpec(
        "Make the users' due data archives",
        "backups.tasks.user_archives_make_due_task",
        60,
        "minutes",
        3000,
    ),
    PeriodicTaskSpec(
        "Delete expired user data archives",
        "backups.tasks.user_archives_delete_expired_task",
        60,
        "minutes",
        3000,
    ),
]


def register(apps, schema_editor):
    periodic_tasks_register(apps, TASKS)


def unregister(apps, schema_editor):
    periodic_tasks_unregister(apps, TASKS)


class Migration(migrations.Migration):
    dependencies = [
        ("backups", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
