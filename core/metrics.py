"""Prometheus metrics (prometheus_client), served at /metrics to a bearer of METRICS_TOKEN.

Off while METRICS_TOKEN is unset: /metrics answers 404, the request middleware takes itself out
of the chain and the Celery signals are not connected, so nothing is counted.

Several processes (gunicorn's workers, Celery's pool, the bot) count into files under
METRICS_DIR (prometheus_client's multiprocess mode, switched on by the settings before the
library is imported); a scrape of any web worker sums them all. Counters and histograms only:
their files outlive a process, so its counts stay in the totals. Values read from the database
or the broker at scrape time (the outbox backlog, queue lengths) are gauges that apps register
with metrics_gauge_register; they are computed by the process that answers the scrape.
"""

import hmac
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger(__name__)

if settings.METRICS_MULTIPROCESS_DIR:
    Path(settings.METRICS_MULTIPROCESS_DIR).mkdir(parents=True, exist_ok=True)

HTTP_REQUESTS = Counter(
    "aht_http_requests_total",
    "HTTP requests by view, method and status",
    ["view", "method", "status"],
)
HTTP_LATENCY = Histogram(
    "aht_http_request_duration_seconds",
    "Time to answer a request, by view",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
CELERY_TASKS = Counter(
    "aht_celery_tasks_total", "Celery tasks run, by task and end state", ["task", "state"]
)
CELERY_TASK_DURATION = Histogram(
    "aht_celery_task_duration_seconds",
    "Time a Celery task ran, by task",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300),
)
DELIVERIES_SENT = Counter(
    "aht_notification_deliveries_sent_total",
    "Notification deliveries sent, by channel and kind (kind=reminder: the reminders)",
    ["channel", "kind"],
)
_PROCESS_METRICS = (
    HTTP_REQUESTS,
    HTTP_LATENCY,
    CELERY_TASKS,
    CELERY_TASK_DURATION,
    DELIVERIES_SENT,
)


def metrics_enabled() -> bool:
    return bool(settings.METRICS_TOKEN)


# --- gauges computed at scrape time ------------------------------------------------------------
@dataclass(frozen=True)
class ScrapeGauge:
    name: str
    documentation: str
    labels: tuple[str, ...]
    # answers (label values, value) pairs
    read: Callable[[], Iterable[tuple[tuple[str, ...], float]]]


_gauges: dict[str, ScrapeGauge] = {}


def metrics_gauge_register(gauge: ScrapeGauge) -> None:
    """For an app's AppConfig.ready(): a value to read when /metrics is scraped."""
    _gauges[gauge.name] = gauge


class _ScrapeGaugeCollector:
    def collect(self):
        for gauge in _gauges.values():
            family = GaugeMetricFamily(gauge.name, gauge.documentation, labels=list(gauge.labels))
            try:
                for label_values, value in gauge.read():
                    family.add_metric(list(label_values), value)
            except Exception:  # one broken source must not hide every other metric
                logger.exception("metrics: could not read %s", gauge.name)
                continue
            yield family


def metrics_render() -> bytes:
    registry = CollectorRegistry()
    if settings.METRICS_MULTIPROCESS_DIR:
        multiprocess.MultiProcessCollector(registry, path=settings.METRICS_MULTIPROCESS_DIR)
    else:  # one process (the tests): the metrics live in this process's memory
        for metric in _PROCESS_METRICS:
            registry.register(metric)
    registry.register(_ScrapeGaugeCollector())
    return generate_latest(registry)


def metrics_token_valid(authorization: str) -> bool:
    scheme, _, token = authorization.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        token.strip().encode(), settings.METRICS_TOKEN.encode()
    )


# --- what is counted ---------------------------------------------------------------------------
class RequestMetricsMiddleware:
    """Counts and times every request by the name of the view that answered it (never by path,
    which would make a series per object id)."""

    def __init__(self, get_response):
        if not metrics_enabled():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or match._func_path) if match else "unresolved"
        HTTP_REQUESTS.labels(view, request.method, str(response.status_code)).inc()
        HTTP_LATENCY.labels(view).observe(time.perf_counter() - started)
        return response


_task_started: dict[str, float] = {}


def _on_task_prerun(task_id=None, **kwargs):
    _task_started[task_id] = time.perf_counter()


def _on_task_postrun(task_id=None, task=None, state=None, **kwargs):
    started = _task_started.pop(task_id, None)
    CELERY_TASKS.labels(task.name, state or "UNKNOWN").inc()
    if started is not None:
        CELERY_TASK_DURATION.labels(task.name).observe(time.perf_counter() - started)


def celery_metrics_connect() -> None:
    from celery.signals import task_postrun, task_prerun

    task_prerun.connect(_on_task_prerun, weak=False, dispatch_uid="aht-metrics-prerun")
    task_postrun.connect(_on_task_postrun, weak=False, dispatch_uid="aht-metrics-postrun")


def deliveries_sent_count(*, channel: str, kind: str, count: int) -> None:
    if metrics_enabled() and count:
        DELIVERIES_SENT.labels(channel, kind).inc(count)
