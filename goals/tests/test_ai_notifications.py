"""The notification that an AI breakdown ended: written with the job's end through the real outbox
tables (notifications and their deliveries), once per job, for failures too."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction

from goals import services
from goals.models import TITLE_MAX_LENGTH, AiBreakdownJob
from goals.services.ai_breakdown import _finish
from goals.services.ai_notifications import FAILURE_REASONS, goal_ai_breakdown_notify
from goals.tests.factories import GoalFactory
from goals.tests.fake_ai import completion, error, stages_answer
from notifications.models import Delivery, Notification, NotificationSettings
from tests_support import bind

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def goal(user, telegram_on):
    bind(user, chat_id=77)
    return GoalFactory(user=user, title="Learn Spanish", description="B1 by summer")


def run_job(goal) -> AiBreakdownJob:
    job = services.goal_ai_breakdown_start(user=goal.user, goal_id=goal.pk, now=NOW)
    services.goal_ai_breakdown_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_a_job_that_succeeds_notifies_once_with_its_stages_and_the_button(fake_ai, goal):
    fake_ai.answers(stages_answer("Pick a course", "Practise daily"))
    with time_machine.travel(NOW, tick=False):
        job = run_job(goal)

    notification = Notification.objects.get()
    assert (notification.user, notification.kind) == (goal.user, "goal_ai_ready")
    assert notification.title == "Proposed stages for Learn Spanish are ready"
    assert notification.body == (
        "1. Pick a course\n2. Practise daily\nKeep the ones you want in the web app."
    )
    assert notification.payload == {
        "goal_id": goal.pk,
        "job_id": job.pk,
        "actions": ["open_stages"],
    }
    assert notification.dedupe_key == f"goal_ai:{job.pk}"
    assert notification.created_at == job.finished_at == NOW
    delivery = Delivery.objects.get()
    assert (delivery.notification, delivery.channel, delivery.status) == (
        notification,
        "telegram",
        "pending",
    )


def test_a_redelivered_task_or_a_second_announcement_notifies_no_more(fake_ai, goal):
    fake_ai.answers(stages_answer("Go"))
    job = run_job(goal)
    assert services.goal_ai_breakdown_run(job_id=job.pk) is None  # the task delivered again
    assert goal_ai_breakdown_notify(job_id=job.pk, succeeded=True, now=NOW) == 0
    assert Notification.objects.count() == 1 and Delivery.objects.count() == 1


def test_each_job_notifies_for_itself(fake_ai, goal):
    fake_ai.answers(stages_answer("Go"), stages_answer("Go again"))
    first, second = run_job(goal), run_job(goal)
    keys = set(Notification.objects.values_list("dedupe_key", flat=True))
    assert keys == {f"goal_ai:{first.pk}", f"goal_ai:{second.pk}"}


def test_a_job_that_fails_notifies_with_its_reason(fake_ai, goal):
    fake_ai.answers(completion("no json here"), completion("still none"))
    job = run_job(goal)
    assert job.status == "failed"
    notification = Notification.objects.get()
    assert notification.kind == "goal_ai_ready"
    assert notification.title == "Could not propose stages for Learn Spanish"
    assert notification.body == FAILURE_REASONS["ai_invalid_answer"]
    assert notification.payload["job_id"] == job.pk
    assert Delivery.objects.filter(notification=notification).count() == 1


def test_a_failure_without_a_reason_of_its_own_gets_the_general_one(fake_ai, goal, settings):
    settings.AI_MAX_RETRIES = 0
    fake_ai.answers(error(404))
    job = run_job(goal)
    assert job.error_code == "ai_rejected"
    assert Notification.objects.get().body == FAILURE_REASONS["ai_rejected"]
    AiBreakdownJob.objects.filter(pk=job.pk).update(error_code="ai_something_new")
    Notification.objects.all().delete()
    assert goal_ai_breakdown_notify(job_id=job.pk, succeeded=False, now=NOW) == 1
    assert Notification.objects.get().body == "Something went wrong. Try again."


def test_jobs_that_end_without_running_do_not_notify(fake_ai, goal):
    """A lost job is failed by the user's next start, in the request: they are there to see it."""
    services.goal_ai_breakdown_start(user=goal.user, goal_id=goal.pk, now=NOW)
    later = NOW + dt.timedelta(hours=1)
    services.goal_ai_breakdown_start(user=goal.user, goal_id=goal.pk, now=later)
    assert AiBreakdownJob.objects.filter(error_code="ai_lost").count() == 1
    assert not Notification.objects.exists()


def test_the_notification_rolls_back_with_the_jobs_end(fake_ai, goal):
    job = services.goal_ai_breakdown_start(user=goal.user, goal_id=goal.pk, now=NOW)
    AiBreakdownJob.objects.filter(pk=job.pk).update(status="running")
    with pytest.raises(RuntimeError), transaction.atomic():
        _finish(job_id=job.pk, status="failed", now=NOW, error_code="ai_timeout")
        assert Notification.objects.count() == 1
        raise RuntimeError("the job's transaction fails")
    assert not Notification.objects.exists()


def test_a_long_goal_title_is_shortened_to_fit(fake_ai, goal):
    goal.title = "x" * TITLE_MAX_LENGTH
    goal.save()
    fake_ai.answers(stages_answer("Go"))
    run_job(goal)
    title = Notification.objects.get().title
    assert len(title) == TITLE_MAX_LENGTH and title.endswith("x… are ready")


def test_quiet_hours_hold_the_delivery_not_the_feed(fake_ai, goal):
    NotificationSettings.objects.create(
        user=goal.user, quiet_hours_start=dt.time(11, 0), quiet_hours_end=dt.time(14, 0)
    )
    goal.user.timezone = "UTC"
    goal.user.save()
    fake_ai.answers(stages_answer("Go"))
    with time_machine.travel(NOW, tick=False):
        run_job(goal)
    assert Notification.objects.get().created_at == NOW
    assert Delivery.objects.get().not_before == NOW.replace(hour=14)
