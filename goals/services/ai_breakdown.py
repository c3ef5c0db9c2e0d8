"""The AI breakdown of a goal into draft stages: a job is queued by the API
(goal_ai_breakdown_start) and run by a Celery task on the `ai` queue (goal_ai_breakdown_run),
which asks the provider (goals.ai) outside any transaction, then writes the proposals as drafts.

The user keeps the drafts they want with goal_stages_accept_drafts; existing stages are never
touched. A later job's drafts replace the drafts still waiting from an earlier one.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.exceptions import Conflict, RateLimited, ServiceUnavailable
from goals import ai
from goals.events import announce_ai_breakdown_finished
from goals.models import AiBreakdownJob, Goal, GoalStage
from goals.services.progress import goal_locked
from users.timezones import user_zone

logger = logging.getLogger(__name__)

Status = AiBreakdownJob.Status
UNFINISHED = [Status.QUEUED, Status.RUNNING]
# A job queued or running longer than this was lost (a worker died mid-call): it no longer keeps
# the goal from a new breakdown. Well above the task's hard time limit (goals.tasks).
STALE_AFTER = timedelta(minutes=15)


def ai_breakdown_enabled() -> bool:
    return ai.ai_breakdown_configured()


def _start_of_local_day(*, user, now: datetime) -> datetime:
    local = now.astimezone(user_zone(user))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def ai_breakdowns_used_today(*, user, now: datetime) -> int:
    """Jobs the user started since their local midnight, failed ones included (each cost a
    call to the provider)."""
    since = _start_of_local_day(user=user, now=now)
    return AiBreakdownJob.objects.filter(user=user, created_at__gte=since).count()


def _seconds_to_local_midnight(*, user, now: datetime) -> int:
    midnight = _start_of_local_day(user=user, now=now) + timedelta(days=1)
    # the wall-clock midnight of tomorrow, resolved in the zone (DST days are 23 or 25 hours)
    midnight = midnight.replace(tzinfo=None).replace(tzinfo=user_zone(user))
    return max(1, int((midnight - now).total_seconds()))


@transaction.atomic
def goal_ai_breakdown_start(*, user, goal_id, now: datetime) -> AiBreakdownJob:
    """Queues a breakdown of the owner's goal. 503 `ai_disabled` without a key; 409
    `ai_breakdown_in_progress` while one for this goal is under way; 429 `ai_daily_limit` past
    AI_DAILY_LIMIT_PER_USER jobs today (the user's row locked, so two requests at once cannot
    both take the last one)."""
    if not ai_breakdown_enabled():
        raise ServiceUnavailable(
            "The AI breakdown is not configured on this server.", code="ai_disabled"
        )
    goal = goal_locked(user=user, goal_id=goal_id)
    unfinished = AiBreakdownJob.objects.filter(goal=goal, status__in=UNFINISHED)
    unfinished.filter(created_at__lte=now - STALE_AFTER).update(
        status=Status.FAILED, error_code="ai_lost", finished_at=now
    )
    under_way = unfinished.first()
    if under_way is not None:
        raise Conflict(
            "Stages for this goal are already being generated.",
            code="ai_breakdown_in_progress",
            details={"job_id": under_way.pk},
        )
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if ai_breakdowns_used_today(user=user, now=now) >= settings.AI_DAILY_LIMIT_PER_USER:
        raise RateLimited(
            f"You have used today's {settings.AI_DAILY_LIMIT_PER_USER} AI breakdowns.",
            code="ai_daily_limit",
            retry_after=_seconds_to_local_midnight(user=user, now=now),
        )
    job = AiBreakdownJob.objects.create(goal=goal, user=user, created_at=now)
    transaction.on_commit(lambda: _job_send(job_id=job.pk))
    return job


def _job_send(*, job_id: int) -> None:
    """Hands the committed job to the `ai` queue. With the broker away the job cannot run: it
    fails at once (`ai_not_queued`) rather than blocking its goal until it is stale, and the
    request that started it still answers 202 with the job, which says so when read."""
    from goals.tasks import goal_ai_breakdown_run_task  # tasks import this module

    try:
        goal_ai_breakdown_run_task.delay(job_id=job_id)
    except Exception as exc:  # Redis or the broker is away
        logger.warning("Could not queue AI breakdown %s: %s", job_id, exc)
        AiBreakdownJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
            status=Status.FAILED, error_code="ai_not_queued", finished_at=timezone.now()
        )


def _finish(*, job_id: int, status: str, now: datetime, error_code: str = "", stage_ids=()):
    """running → succeeded/failed, compare-and-set; announced in the same transaction."""
    changed = AiBreakdownJob.objects.filter(pk=job_id, status=Status.RUNNING).update(
        status=status, error_code=error_code, stage_ids=list(stage_ids), finished_at=now
    )
    if changed:
        job = AiBreakdownJob.objects.only("goal_id").get(pk=job_id)
        announce_ai_breakdown_finished(
            job_id=job_id, goal_id=job.goal_id, succeeded=status == Status.SUCCEEDED, now=now
        )
    return changed


@transaction.atomic
def _drafts_save(*, job_id: int, proposed: list[ai.ProposedStage], now: datetime) -> str | None:
    """The proposals as draft stages after every stage of the goal; the goal's earlier drafts
    (an earlier proposal not yet accepted) go. Accepted stages are never touched."""
    goal = Goal.objects.select_for_update().filter(ai_breakdown_jobs__pk=job_id).first()
    if goal is None:  # the goal was deleted meanwhile, and the job with it
        return None
    GoalStage.objects.filter(goal=goal, is_draft=True).delete()
    last = GoalStage.objects.filter(goal=goal).aggregate(last=Max("position"))["last"]
    first = 0 if last is None else last + 1
    drafts = GoalStage.objects.bulk_create(
        [
            GoalStage(
                goal=goal,
                title=stage.title,
                details=stage.details,
                position=first + offset,
                is_draft=True,
                created_at=now,
                updated_at=now,
            )
            for offset, stage in enumerate(proposed)
        ]
    )
    _finish(job_id=job_id, status=Status.SUCCEEDED, now=now, stage_ids=[d.pk for d in drafts])
    return Status.SUCCEEDED


def goal_ai_breakdown_run(*, job_id: int) -> str | None:
    """Runs a queued job once: queued → running (compare-and-set, so a redelivered task does
    nothing), the provider's call with no transaction open, then succeeded with its drafts or
    failed with an error code. Answers the final status, None when there was nothing to run.

    It reads the clock at each step (claim, finish) rather than taking one `now`: the call
    between them may take minutes."""
    claimed = AiBreakdownJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    goal = Goal.objects.filter(ai_breakdown_jobs__pk=job_id).only("title", "description").first()
    if goal is None:
        return None
    try:
        if not ai_breakdown_enabled():
            raise ai.AiFailure("ai_disabled", "The AI key was removed before the job ran.")
        proposed = ai.goal_stages_propose(title=goal.title, description=goal.description)
    except ai.AiFailure as failure:
        logger.warning("AI breakdown %s failed (%s): %s", job_id, failure.code, failure)
        with transaction.atomic():
            _finish(
                job_id=job_id, status=Status.FAILED, now=timezone.now(), error_code=failure.code
            )
        return Status.FAILED
    return _drafts_save(job_id=job_id, proposed=proposed, now=timezone.now())
