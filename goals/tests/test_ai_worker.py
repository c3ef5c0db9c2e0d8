"""The AI breakdown end to end: the API queues the job, a real Celery worker consuming the `ai`
queue from the real Redis broker runs it against the local fake provider."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse

from atomic_habits_tracker.celery import app
from goals.models import AiBreakdownJob
from goals.tests.factories import GoalFactory
from goals.tests.fake_ai import stages_answer

# A worker thread reads what the request committed: no test transaction may hide it.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
WAIT_SECONDS = 60  # a bound so that a lost task fails the test instead of hanging it


def wait_until_finished(job_id: int) -> AiBreakdownJob:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        job = AiBreakdownJob.objects.get(pk=job_id)
        if job.status in ("succeeded", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} is still {job.status}")


def test_a_worker_on_the_ai_queue_turns_the_request_into_draft_stages(fake_ai, auth_client, user):
    goal = GoalFactory(user=user, title="Write a novel")
    fake_ai.answers(stages_answer("Outline the plot", "Write the first draft"))
    with start_worker(app, queues=["ai"], perform_ping_check=False, shutdown_timeout=30):
        response = auth_client.post(reverse("goal-ai-breakdown", args=[goal.pk]))
        assert response.status_code == 202, response.content
        job = wait_until_finished(response.json()["id"])
    assert (job.status, job.error_code) == ("succeeded", "")
    body = auth_client.get(reverse("goal-ai-breakdown-job", args=[goal.pk, job.pk])).json()
    assert [draft["title"] for draft in body["drafts"]] == [
        "Outline the plot",
        "Write the first draft",
    ]
    assert "Write a novel" in fake_ai.requests[0]["body"]["messages"][1]["content"]


def test_the_task_is_routed_to_the_ai_queue():
    route = app.amqp.router.route({}, "goals.tasks.goal_ai_breakdown_run_task")
    assert route["queue"].name == "ai"
