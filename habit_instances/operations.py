"""The last run of the daily generation's fan-out, noted in the cache for the admin's health page
(an operator asks "did generation run?" before anything else when instances are missing)."""

from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from core.operations import StatusRow

_KEY = "habit_instances:last_generation_run"
_KEPT_SECONDS = 7 * 24 * 3600


def generation_run_record(*, users: int, chunks: int, now: datetime) -> None:
    cache.set(_KEY, {"at": now.isoformat(), "users": users, "chunks": chunks}, _KEPT_SECONDS)


def generation_run_rows() -> list[StatusRow]:
    run = cache.get(_KEY)
    if run is None:
        return [StatusRow("last run", "none recorded in the last 7 days", ok=False)]
    at = datetime.fromisoformat(run["at"])
    age_minutes = (timezone.now() - at).total_seconds() / 60
    return [
        # beat sends it every 15 minutes: an hour without a run means beat or the workers are down
        StatusRow(
            "last run",
            f"{at:%Y-%m-%d %H:%M:%S} UTC ({age_minutes:.0f} min ago)",
            ok=age_minutes < 60,
        ),
        StatusRow("users / chunks", f"{run['users']} / {run['chunks']}"),
    ]
