"""The long report end to end: the API queues the job, a real Celery worker consuming the
`reports` queue from the real Redis broker computes it."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse

from atomic_habits_tracker.celery import app
from notifications.models import Notification
from reports.models import ReportJob
from reports.tests.fixtures import fixture_write

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
WAIT_SECONDS = 60


def test_a_worker_on_the_reports_queue_computes_the_long_report(auth_client, user, other_user):
    fixture_write(user, other_user)
    with start_worker(app, queues=["reports"], perform_ping_check=False, shutdown_timeout=30):
        response = auth_client.get(
            reverse("report-habits-mood"), {"from": "2025-12-01", "to": "2026-03-15"}
        )
        assert response.status_code == 202, response.content
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            job = ReportJob.objects.get(pk=response.json()["id"])
            if job.status in ("succeeded", "failed"):
                break
            time.sleep(0.05)
    assert job.status == "succeeded", job.error_code
    assert [h["name"] for h in job.result["habits"]] == ["Read", "Run"]
    assert Notification.objects.filter(user=user, kind="report_ready").count() == 1


def test_the_tasks_are_routed_to_the_reports_queue():
    route = app.amqp.router.route({}, "reports.tasks.report_job_run_task")
    assert route["queue"].name == "reports"
