import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "atomic_habits_tracker.settings.dev")

app = Celery("atomic_habits_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
