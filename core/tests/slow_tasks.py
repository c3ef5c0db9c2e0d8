"""A task that takes a few seconds, for the graceful-shutdown test: a worker loads it with
`--include core.tests.slow_tasks`. It notes in the cache when it started and when it finished."""

import time

from celery import shared_task
from django.core.cache import cache


@shared_task(ignore_result=True)
def sleep_and_record_task(key: str, seconds: float) -> None:
    cache.set(f"{key}:started", True, timeout=300)
    time.sleep(seconds)
    cache.set(f"{key}:finished", True, timeout=300)
