import pytest

from core.events import UnknownEvent, event, publish, subscribe, unsubscribe

PING = event("core.tests.ping")  # an event of its own: real subscribers stay out of the way


def test_a_name_nobody_declared_is_refused_on_subscribe_and_publish():
    with pytest.raises(UnknownEvent, match="habit.saevd"):
        subscribe("habit.saevd", lambda **payload: None)
    with pytest.raises(UnknownEvent):
        publish("habit.saevd", habit_id=1, now=None)


def test_an_event_is_declared_once():
    with pytest.raises(ValueError, match="declared twice"):
        event(PING)


def test_subscribers_get_the_payload_until_they_unsubscribe():
    seen = []

    def record(**payload):
        seen.append(payload)

    subscribe(PING, record)
    subscribe(PING, record)  # once is enough
    publish(PING, n=1)
    unsubscribe(PING, record)
    publish(PING, n=2)
    assert seen == [{"n": 1}]
