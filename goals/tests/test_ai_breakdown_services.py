"""Starting and running AI breakdown jobs: limits, drafts, and what they never touch."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from core.events import subscribe, unsubscribe
from core.exceptions import Conflict, NotFound, RateLimited, ServiceUnavailable
from goals import events, services
from goals.models import AiBreakdownJob, GoalStage
from goals.services.ai_breakdown import STALE_AFTER
from goals.tests.factories import GoalFactory, GoalStageFactory
from goals.tests.fake_ai import completion, error, stages_answer

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def goal(user):
    return GoalFactory(user=user, title="Learn Spanish", description="B1 by summer")


def start(goal, *, now=NOW):
    return services.goal_ai_breakdown_start(user=goal.user, goal_id=goal.pk, now=now)


def run(job):
    result = services.goal_ai_breakdown_run(job_id=job.pk)
    job.refresh_from_db()
    return result


def test_without_a_key_the_breakdown_is_off(goal, settings):
    settings.AI_API_KEY = ""
    assert services.ai_breakdown_enabled() is False
    with pytest.raises(ServiceUnavailable) as refused:
        start(goal)
    assert refused.value.code == "ai_disabled"
    assert not AiBreakdownJob.objects.exists()


def test_another_users_goal_is_not_found(fake_ai, goal, other_user):
    with pytest.raises(NotFound):
        services.goal_ai_breakdown_start(user=other_user, goal_id=goal.pk, now=NOW)


def test_a_job_writes_drafts_after_the_stages_and_never_touches_them(fake_ai, goal):
    kept = GoalStageFactory(goal=goal, title="Already planned", position=4)
    services.goal_stage_complete(user=goal.user, goal_id=goal.pk, stage_id=kept.pk, now=NOW)
    fake_ai.answers(stages_answer("Find a tutor", "Read a book"))
    job = start(goal)
    assert job.status == "queued" and job.user == goal.user
    assert run(job) == "succeeded"
    assert job.status == "succeeded" and job.error_code == "" and job.finished_at
    drafts = list(GoalStage.objects.filter(goal=goal, is_draft=True).order_by("position"))
    assert [(d.title, d.position) for d in drafts] == [("Find a tutor", 5), ("Read a book", 6)]
    assert job.stage_ids == [d.pk for d in drafts]
    kept.refresh_from_db()
    goal.refresh_from_db()
    assert (kept.title, kept.is_completed, kept.is_draft) == ("Already planned", True, False)
    assert goal.progress == 100 and goal.completed_at is not None  # drafts count for nothing


def test_a_later_job_replaces_the_drafts_still_waiting(fake_ai, goal):
    fake_ai.answers(stages_answer("Old draft"))
    first = start(goal)
    run(first)
    fake_ai.answers(stages_answer("New draft"))
    second = start(goal)
    run(second)
    assert list(GoalStage.objects.filter(goal=goal).values_list("title", "is_draft")) == [
        ("New draft", True)
    ]


def test_running_a_job_twice_calls_the_provider_once(fake_ai, goal):
    fake_ai.answers(stages_answer("Once"))
    job = start(goal)
    assert run(job) == "succeeded"
    assert run(job) is None
    assert len(fake_ai.requests) == 1
    assert GoalStage.objects.filter(goal=goal).count() == 1


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (completion("garbage"), "ai_invalid_answer"),
        (completion(None, choices=False), "ai_invalid_answer"),
        (error(500, retry_after="0.01"), "ai_unavailable"),
        (error(429, retry_after="0.01"), "ai_rate_limited"),
    ],
)
def test_a_failed_call_fails_the_job_with_its_code_and_writes_nothing(fake_ai, goal, answer, code):
    fake_ai.answers(answer)
    job = start(goal)
    assert run(job) == "failed"
    assert (job.status, job.error_code) == ("failed", code)
    assert not GoalStage.objects.filter(goal=goal).exists()


def test_a_key_removed_before_the_job_runs_fails_it(fake_ai, goal, settings):
    job = start(goal)
    settings.AI_API_KEY = ""
    assert run(job) == "failed"
    assert job.error_code == "ai_disabled" and fake_ai.requests == []


def test_the_end_of_a_job_is_announced(fake_ai, goal):
    heard = []

    def record(**kwargs):
        heard.append(kwargs)

    subscribe(events.AI_BREAKDOWN_FINISHED, record)
    try:
        fake_ai.answers(stages_answer("Go"))
        job = start(goal)
        run(job)
    finally:
        unsubscribe(events.AI_BREAKDOWN_FINISHED, record)
    assert [(e["job_id"], e["goal_id"], e["succeeded"]) for e in heard] == [(job.pk, goal.pk, True)]


def test_one_job_at_a_time_per_goal_until_it_is_stale(fake_ai, goal):
    job = start(goal)
    with pytest.raises(Conflict) as refused:
        start(goal, now=NOW + dt.timedelta(minutes=1))
    assert refused.value.code == "ai_breakdown_in_progress"
    assert refused.value.details == {"job_id": job.pk}
    later = start(goal, now=NOW + STALE_AFTER + dt.timedelta(seconds=1))
    job.refresh_from_db()
    assert (job.status, job.error_code) == ("failed", "ai_lost")
    assert later.status == "queued"


def test_the_daily_limit_counts_every_job_of_the_user_since_local_midnight(fake_ai, user):
    user.timezone = "Asia/Kolkata"  # +5:30: local midnight is 18:30 UTC the day before
    user.save()
    goals = [GoalFactory(user=user) for _ in range(4)]
    evening = dt.datetime(2026, 3, 9, 18, 29, tzinfo=dt.UTC)  # 23:59 local, the day before
    services.goal_ai_breakdown_start(user=user, goal_id=goals[0].pk, now=evening)
    for goal in goals[1:4]:
        services.goal_ai_breakdown_start(user=user, goal_id=goal.pk, now=NOW)
    with pytest.raises(RateLimited) as refused:
        services.goal_ai_breakdown_start(user=user, goal_id=goals[0].pk, now=NOW)
    assert refused.value.code == "ai_daily_limit"
    midnight = dt.datetime(2026, 3, 11, tzinfo=ZoneInfo("Asia/Kolkata"))
    assert refused.value.retry_after == int((midnight - NOW).total_seconds())
    assert services.ai_breakdowns_used_today(user=user, now=NOW) == 3


def test_accepting_keeps_chosen_drafts_in_order_after_the_stages_and_recounts(fake_ai, goal):
    done = GoalStageFactory(goal=goal, position=0)
    services.goal_stage_complete(user=goal.user, goal_id=goal.pk, stage_id=done.pk, now=NOW)
    fake_ai.answers(stages_answer("A", "B", "C"))
    job = start(goal)
    run(job)
    a, b, c = job.stage_ids
    goal = services.goal_stages_accept_drafts(user=goal.user, goal_id=goal.pk, ids=[c, a], now=NOW)
    stages = GoalStage.objects.filter(goal=goal).order_by("position")
    assert [(s.title, s.is_draft) for s in stages] == [
        (done.title, False),
        ("C", False),
        ("A", False),
    ]
    assert goal.progress == 33 and goal.completed_at is None
