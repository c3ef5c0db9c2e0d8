"""The outbox's migrations stay inside the layering the imports keep (import-linter does not
read migration dependencies or the task names in them)."""

import importlib

from django.db.migrations.loader import MigrationLoader

HIGHER_APPS = {"telegrambot"}  # the apps that build on notifications


def _notifications_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return [m for (app, _), m in loader.disk_migrations.items() if app == "notifications"]


def test_no_notifications_migration_depends_on_an_app_above_it():
    for migration in _notifications_migrations():
        assert not {app for app, _ in migration.dependencies} & HIGHER_APPS, migration.name


def test_notifications_migrations_register_only_notifications_tasks():
    for migration in _notifications_migrations():
        module = importlib.import_module(migration.__module__)
        for spec in getattr(module, "TASKS", []):
            assert spec.task.startswith("notifications."), (migration.name, spec.task)
