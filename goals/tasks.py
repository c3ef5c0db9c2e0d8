"""Thin Celery tasks: one service call each. The reminders' task is registered in the beat
schedule by migration goals.0002_goal_reminder under the name below."""

from celery import shared_task
from django.utils import timezone

from goals import services
from goals.services.ai_breakdown import goal_ai_breakdown_run

GOAL_REMINDERS_SEND = "goals.send_reminders"


@shared_task(name=GOAL_REMINDERS_SEND, ignore_result=True)
def goal_reminders_send_task() -> int:
    return services.goal_reminders_send(now=timezone.now())


# On the `ai` queue (settings CELERY_TASK_ROUTES). The client retries a call itself (429 after
# its Retry-After, 5xx, timeouts) and a malformed answer is asked for once more, so the task
# itself never retries: the limits leave room for all of that at AI_TIMEOUT_SECONDS each.
@shared_task(ignore_result=True, soft_time_limit=300, time_limit=330)
def goal_ai_breakdown_run_task(job_id: int) -> str | None:
    return goal_ai_breakdown_run(job_id=job_id)
