"""The reports' bench row: the habits-mood report of the last 30 days of the seeded users
(their seeded instances; moods only where the seed wrote journal entries), replayed by wrk like
the other HTTP rows. Warm: after its first request each user's report comes from Redis until a
writer of theirs bumps the version (reports.cache)."""

from datetime import timedelta

from django.utils import timezone

REPORT_KEY = "http_report"
REPORT_NAME = "HTTP GET /api/reports/habits-mood/ (the last 30 days, warm cache)"
REPORT_TARGET = {"ratio": 0.5, "errors": 0}


def report_path() -> str:
    """Dates in UTC: the seeded users' zones differ, and a day either way changes nothing here."""
    today = timezone.now().date()
    return f"/api/reports/habits-mood/?from={today - timedelta(days=29)}&to={today}"
