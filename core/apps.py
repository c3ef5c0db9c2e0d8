from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core import metrics
        from core.operations import StatusRow, StatusSection, operations_status_register
        from core.queues import celery_queue_lengths
        from core.replicas import replicas_connect_signals

        if metrics.metrics_enabled():
            metrics.celery_metrics_connect()
        metrics.metrics_gauge_register(
            metrics.ScrapeGauge(
                name="aht_celery_queue_length",
                documentation="Tasks waiting in each Celery queue",
                labels=("queue",),
                read=lambda: [((queue,), n) for queue, n in celery_queue_lengths().items()],
            )
        )
        operations_status_register(
            StatusSection(
                key="queues",
                title="Celery queues (tasks waiting)",
                read=lambda: [
                    StatusRow(queue, str(n)) for queue, n in celery_queue_lengths().items()
                ],
            )
        )

        replicas_connect_signals()
