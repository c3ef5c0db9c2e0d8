"""/metrics: off without METRICS_TOKEN, behind the bearer token with it; requests by view and
status with latency, Celery tasks, the outbox backlog and deliveries sent per channel."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from core import metrics
from core.tests.prometheus_text import sample
from habit_instances.tasks import habit_instances_advance_task
from notifications import services as notification_services
from notifications.models import Delivery
from notifications.services import NotificationRow
from tests_support import bind

TOKEN = "scrape-secret-0123456789"


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN
    return settings


def scrape(client: Client) -> str:
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def requests_counted(view: str, status: str = "200") -> float:
    return metrics.HTTP_REQUESTS.labels(view, "GET", status)._value.get()


def test_without_a_token_metrics_answer_404_and_requests_are_not_counted(settings, client):
    settings.METRICS_TOKEN = ""
    before = requests_counted("healthz")
    assert client.get("/healthz").status_code == 200
    assert client.get("/metrics", headers={"Authorization": "Bearer anything"}).status_code == 404
    assert requests_counted("healthz") == before


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", f"Basic {TOKEN}", TOKEN])
def test_a_scrape_without_the_right_bearer_token_is_refused(metrics_on, client, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"aht_" not in response.content


def test_requests_are_counted_by_view_and_status_with_their_latency(metrics_on, client):
    before = sample(scrape(client), "aht_http_requests_total", view="healthz", status="200")
    latency_before = sample(
        scrape(client), "aht_http_request_duration_seconds_count", view="healthz"
    )
    for _ in range(3):
        client.get("/healthz")
    client.get("/api/no-such-endpoint/")
    text = scrape(client)
    assert sample(text, "aht_http_requests_total", view="healthz", status="200") == before + 3
    assert (
        sample(text, "aht_http_request_duration_seconds_count", view="healthz")
        == latency_before + 3
    )
    assert sample(text, "aht_http_request_duration_seconds_bucket", view="healthz", le="+Inf") >= 3
    # an unknown API path is one series (its view), not one per path
    assert sample(text, "aht_http_requests_total", status="404") >= 1
    assert "no-such-endpoint" not in text


@pytest.mark.django_db
def test_celery_tasks_are_counted_by_name_and_state_with_their_duration(metrics_on, client):
    metrics.celery_metrics_connect()
    name = "habit_instances.advance_statuses"
    before = sample(scrape(client), "aht_celery_tasks_total", task=name, state="SUCCESS")
    habit_instances_advance_task.apply()
    habit_instances_advance_task.apply()
    text = scrape(client)
    assert sample(text, "aht_celery_tasks_total", task=name, state="SUCCESS") == before + 2
    assert sample(text, "aht_celery_task_duration_seconds_count", task=name) >= 2


@pytest.mark.django_db
def test_the_outbox_backlog_and_deliveries_sent_per_channel(metrics_on, client, user, telegram_on):
    bind(user, chat_id=7)
    now = timezone.now()
    rows = [
        NotificationRow(user_id=user.pk, kind="reminder", title="T", body="B", dedupe_key=f"k{n}")
        for n in range(3)
    ]
    notification_services.notifications_write(rows=rows, now=now - timedelta(minutes=10))
    telegram = list(Delivery.objects.filter(channel="telegram").values_list("id", flat=True))
    assert len(telegram) == 3

    text = scrape(client)
    assert sample(text, "aht_outbox_pending_deliveries", channel="telegram") == 3
    assert sample(text, "aht_outbox_oldest_pending_age_seconds", channel="telegram") >= 600

    sent_before = sample(
        text, "aht_notification_deliveries_sent_total", channel="telegram", kind="reminder"
    )
    notification_services.deliveries_claim(delivery_ids=telegram[:2], channel="telegram", now=now)
    notification_services.deliveries_mark_sent(delivery_ids=telegram, now=now)
    text = scrape(client)
    assert sample(text, "aht_outbox_pending_deliveries", channel="telegram") == 1
    assert (
        sample(text, "aht_notification_deliveries_sent_total", channel="telegram", kind="reminder")
        == sent_before + 2
    )


def test_a_source_that_fails_is_left_out_and_the_others_are_still_served(metrics_on, client):
    def broken():
        raise RuntimeError("the database is away")

    metrics.metrics_gauge_register(
        metrics.ScrapeGauge(name="aht_test_broken", documentation="x", labels=(), read=broken)
    )
    try:
        text = scrape(client)
    finally:
        metrics._gauges.pop("aht_test_broken")
    assert "aht_test_broken" not in text
    assert "aht_celery_queue_length" in text
