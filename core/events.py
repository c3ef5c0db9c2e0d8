"""In-process domain events: how a lower app tells higher ones what happened without importing them.

A lower app declares its events in its own `events.py` (`HABIT_SAVED = event("habit.saved")`)
and announces them through named `announce_*` functions that carry the `now` of the change. Higher
apps subscribe in their AppConfig.ready() with those constants. A name nobody declared is refused
on subscribe and on publish: a typo would otherwise silently drop every delivery.

Subscribers run synchronously in the publisher's transaction, so rows they write (the
notification outbox, today's instance) commit or roll back together with the change that caused
them. Anything that leaves the process (Celery, Redis pub/sub) must be deferred by the subscriber
with transaction.on_commit.
"""

from collections.abc import Callable

_subscribers: dict[str, list[Callable[..., None]]] = {}


class UnknownEvent(LookupError):
    pass


def event(name: str) -> str:
    """Declares an event and returns its name, for the declaring module's constant."""
    if name in _subscribers:
        raise ValueError(f"The event {name!r} is declared twice.")
    _subscribers[name] = []
    return name


def _handlers(name: str) -> list[Callable[..., None]]:
    try:
        return _subscribers[name]
    except KeyError:
        raise UnknownEvent(
            f"No app declares the event {name!r}: subscribe with the constant from its events.py."
        ) from None


def subscribe(name: str, handler: Callable[..., None]) -> None:
    handlers = _handlers(name)
    if handler not in handlers:
        handlers.append(handler)


def publish(name: str, **payload) -> None:
    for handler in _handlers(name):
        handler(**payload)


def unsubscribe(name: str, handler: Callable[..., None]) -> None:
    """Mostly for tests: a recorder subscribed by a fixture leaves with it."""
    handlers = _handlers(name)
    if handler in handlers:
        handlers.remove(handler)
