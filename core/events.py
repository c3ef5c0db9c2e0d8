"""In-process domain events.

The domain announces what happened (an instance became pending, a habit was formed, ...) by
calling `publish`; other apps subscribe in their AppConfig.ready(). Subscribers run synchronously
in the publisher's transaction, so rows they write (the notification outbox) commit or roll back
together with the change that caused them. Anything that leaves the process (Celery, Redis
pub/sub) must be deferred by the subscriber with transaction.on_commit.
"""

from collections import defaultdict
from collections.abc import Callable

_subscribers: dict[str, list[Callable[..., None]]] = defaultdict(list)


def subscribe(event: str, handler: Callable[..., None]) -> None:
    if handler not in _subscribers[event]:
        _subscribers[event].append(handler)


def publish(event: str, **payload) -> None:
    for handler in _subscribers[event]:
        handler(**payload)
