"""How many tasks wait in each Celery queue, asked of the broker itself (Redis or RabbitMQ)."""

from celery import current_app
from django.conf import settings


def celery_queue_lengths() -> dict[str, int]:
    """Waiting (not yet taken) tasks per queue of TASK_QUEUE_NAMES. A queue the broker does not
    know has none waiting: Redis drops an empty list, RabbitMQ declares a queue only once used.
    A broker that cannot be reached raises (kombu's connection errors)."""
    lengths = {}
    with current_app.connection_for_read() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)
        for queue in settings.TASK_QUEUE_NAMES:
            channel = connection.channel()  # a failed passive declare closes an AMQP channel
            try:
                lengths[queue] = channel.queue_declare(queue=queue, passive=True).message_count
            except connection.channel_errors:
                lengths[queue] = 0
            finally:
                try:
                    channel.close()
                except connection.connection_errors + connection.channel_errors:
                    pass
    return lengths
