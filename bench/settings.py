"""The settings of the bench's gunicorn (bench/http_rows.py): production's, with bench/urls.py as
the URL configuration, so the baseline endpoint exists in that one server and in no deployment."""

from atomic_habits_tracker.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
