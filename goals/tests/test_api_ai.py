"""The AI breakdown API: start (and its alias), the job, accepting drafts, and the capability."""

import pytest
from django.urls import reverse
from kombu.exceptions import OperationalError

from goals import services
from goals.models import AiBreakdownJob, GoalStage
from goals.tasks import goal_ai_breakdown_run_task
from goals.tests.factories import GoalFactory, GoalStageFactory
from goals.tests.fake_ai import stages_answer
from tests_support import assert_error

pytestmark = pytest.mark.django_db


def breakdown(goal_id, name="goal-ai-breakdown"):
    return reverse(name, args=[goal_id])


def job_url(goal_id, job_id):
    return reverse("goal-ai-breakdown-job", args=[goal_id, job_id])


def accept(goal_id):
    return reverse("goal-stage-accept", args=[goal_id])


CAPABILITY = "/api/goals/ai/"


@pytest.fixture
def goal(user):
    return GoalFactory(user=user)


def finished_job(fake_ai, goal, *titles):
    fake_ai.answers(stages_answer(*titles))
    job = AiBreakdownJob.objects.get(
        pk=services.goal_ai_breakdown_start(user=goal.user, goal_id=goal.pk, now=goal.created_at).pk
    )
    services.goal_ai_breakdown_run(job_id=job.pk)
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("name", ["goal-ai-breakdown", "goal-ai-sync"])
def test_start_answers_202_with_a_queued_job(
    fake_ai, auth_client, goal, name, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = auth_client.post(breakdown(goal.pk, name))
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "queued" and body["error_code"] == ""
    assert body["message"] == "Stages are being generated."
    assert body["drafts"] == [] and body["goal"] == goal.pk
    assert AiBreakdownJob.objects.get().pk == body["id"]
    assert len(callbacks) == 1  # the task is sent once the job is committed


def test_start_without_a_key_is_503_ai_disabled(auth_client, goal, settings):
    settings.AI_API_KEY = ""
    assert_error(auth_client.post(breakdown(goal.pk)), 503, "ai_disabled")


def test_start_while_one_runs_is_409(fake_ai, auth_client, goal):
    first = auth_client.post(breakdown(goal.pk)).json()
    error = assert_error(auth_client.post(breakdown(goal.pk)), 409, "ai_breakdown_in_progress")
    assert error["details"] == {"job_id": first["id"]}


def test_start_past_the_daily_limit_is_429_with_retry_after(fake_ai, auth_client, user):
    for _ in range(3):
        assert auth_client.post(breakdown(GoalFactory(user=user).pk)).status_code == 202
    response = auth_client.post(breakdown(GoalFactory(user=user).pk))
    assert_error(response, 429, "ai_daily_limit")
    assert int(response["Retry-After"]) > 0


def test_start_without_auth_is_401(fake_ai, api_client, goal):
    assert_error(api_client.post(breakdown(goal.pk)), 401, "not_authenticated")


def test_start_on_another_users_goal_is_404(fake_ai, other_client, goal):
    assert_error(other_client.post(breakdown(goal.pk)), 404, "not_found")
    assert not AiBreakdownJob.objects.exists()


def test_the_job_shows_its_drafts(fake_ai, auth_client, goal):
    job = finished_job(fake_ai, goal, "Plan", "Do")
    body = auth_client.get(job_url(goal.pk, job.pk)).json()
    assert body["id"] == job.pk and body["status"] == "succeeded" and body["error_code"] == ""
    assert [(d["title"], d["is_draft"]) for d in body["drafts"]] == [("Plan", True), ("Do", True)]


def test_the_job_of_a_failed_run_shows_its_code(fake_ai, auth_client, goal):
    job = AiBreakdownJob.objects.create(
        goal=goal,
        user=goal.user,
        status="failed",
        error_code="ai_timeout",
        created_at=goal.created_at,
    )
    body = auth_client.get(job_url(goal.pk, job.pk)).json()
    assert (body["status"], body["error_code"]) == ("failed", "ai_timeout")
    assert "in time" in body["message"]


def test_the_job_of_another_goal_another_user_or_none_is_404(
    fake_ai, auth_client, other_client, goal, user
):
    job = finished_job(fake_ai, goal, "Plan")
    assert_error(other_client.get(job_url(goal.pk, job.pk)), 404, "not_found")
    assert_error(auth_client.get(job_url(GoalFactory(user=user).pk, job.pk)), 404, "not_found")
    assert_error(auth_client.get(job_url(goal.pk, job.pk + 1000)), 404, "not_found")


def test_the_job_without_auth_is_401(api_client, goal):
    assert_error(api_client.get(job_url(goal.pk, 1)), 401, "not_authenticated")


def test_accept_keeps_the_chosen_drafts_and_discards_the_rest(fake_ai, auth_client, goal):
    GoalStageFactory(goal=goal, title="Mine", position=0)
    job = finished_job(fake_ai, goal, "A", "B", "C")
    a, b, c = job.stage_ids
    response = auth_client.post(accept(goal.pk), {"ids": [c, a]}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert [s["title"] for s in body["stages"]] == ["Mine", "C", "A"]
    assert body["goal"]["stages_count"] == 3 and body["goal"]["progress"] == 0
    assert not GoalStage.objects.filter(pk=b).exists()
    assert auth_client.get(job_url(goal.pk, job.pk)).json()["drafts"] == []


def test_accept_nothing_discards_every_draft(fake_ai, auth_client, goal):
    finished_job(fake_ai, goal, "A")
    assert auth_client.post(accept(goal.pk), {"ids": []}, format="json").status_code == 200
    assert not GoalStage.objects.filter(goal=goal).exists()


@pytest.mark.parametrize("body", [{}, {"ids": "x"}, {"ids": [0]}, {"ids": ["a"]}])
def test_accept_with_a_bad_body_is_400(auth_client, goal, body):
    assert_error(auth_client.post(accept(goal.pk), body, format="json"), 400, "invalid", "ids")


def test_accept_of_a_stage_that_is_no_draft_is_400_and_changes_nothing(fake_ai, auth_client, goal):
    mine = GoalStageFactory(goal=goal)
    job = finished_job(fake_ai, goal, "A")
    body = {"ids": [mine.pk, *job.stage_ids]}
    assert_error(auth_client.post(accept(goal.pk), body, format="json"), 400, "invalid", "ids")
    assert GoalStage.objects.filter(goal=goal, is_draft=True).count() == 1


def test_accept_without_auth_is_401(api_client, goal):
    assert_error(
        api_client.post(accept(goal.pk), {"ids": []}, format="json"), 401, "not_authenticated"
    )


def test_accept_on_another_users_goal_is_404(fake_ai, other_client, goal):
    job = finished_job(fake_ai, goal, "A")
    body = {"ids": job.stage_ids}
    assert_error(other_client.post(accept(goal.pk), body, format="json"), 404, "not_found")
    assert GoalStage.objects.get().is_draft is True


def test_the_capability_says_whether_the_button_shows(fake_ai, auth_client, goal, settings):
    assert auth_client.get(CAPABILITY).json() == {
        "enabled": True,
        "daily_limit": 3,
        "used_today": 0,
    }
    auth_client.post(breakdown(goal.pk))
    assert auth_client.get(CAPABILITY).json()["used_today"] == 1
    settings.AI_API_KEY = ""
    assert auth_client.get(CAPABILITY).json()["enabled"] is False


def test_the_capability_without_auth_is_401(api_client):
    assert_error(api_client.get(CAPABILITY), 401, "not_authenticated")


def test_the_capability_counts_only_ones_own_jobs(fake_ai, auth_client, other_client, goal):
    auth_client.post(breakdown(goal.pk))
    assert other_client.get(CAPABILITY).json()["used_today"] == 0


def test_start_on_a_missing_goal_is_404(fake_ai, auth_client, goal):
    assert_error(auth_client.post(breakdown(goal.pk + 1000)), 404, "not_found")


def test_start_with_the_broker_away_answers_202_and_the_job_says_it_was_not_queued(
    fake_ai, auth_client, goal, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_away(**kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(goal_ai_breakdown_run_task, "delay", broker_away)
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post(breakdown(goal.pk))
    assert response.status_code == 202, response.content
    body = auth_client.get(job_url(goal.pk, response.json()["id"])).json()
    assert (body["status"], body["error_code"]) == ("failed", "ai_not_queued")
    assert auth_client.post(breakdown(goal.pk)).status_code == 202  # the goal is not blocked
