"""Batch claims and marks of the outbox: the compare-and-set of delivery_claim, for many ids in
one statement."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from notifications import services
from notifications.models import Delivery
from notifications.services import NotificationRow
from tests_support import bind
from users.tests.factories import UserFactory

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _deliveries(user, count: int, *, now=NOW) -> list[int]:
    rows = [
        NotificationRow(user_id=user.pk, kind="reminder", title="T", body="B", dedupe_key=f"k{n}")
        for n in range(count)
    ]
    services.notifications_write(rows=rows, now=now)
    return list(Delivery.objects.order_by("id").values_list("id", flat=True))


@pytest.mark.django_db
def test_a_batch_claim_takes_only_pending_due_rows_of_its_channel_once(user, telegram_on):
    bind(user, chat_id=1)
    first, second, later, sent = _deliveries(user, 4)
    Delivery.objects.filter(pk=later).update(not_before=NOW + timedelta(minutes=5))
    Delivery.objects.filter(pk=sent).update(status="sent")
    ids = [first, second, later, sent, 999_999]

    assert services.deliveries_claim(delivery_ids=ids, channel="telegram", now=NOW) == [
        first,
        second,
    ]
    assert services.deliveries_claim(delivery_ids=ids, channel="telegram", now=NOW) == []
    assert services.deliveries_claim(delivery_ids=ids, channel="email", now=NOW) == []
    claimed = Delivery.objects.get(pk=first)
    assert (claimed.status, claimed.attempts, claimed.claimed_at) == ("sending", 1, NOW)
    assert Delivery.objects.get(pk=later).status == "pending"


@pytest.mark.django_db
def test_batch_mark_sent_and_unclaim_touch_only_claimed_rows(user, telegram_on):
    bind(user, chat_id=1)
    ids = _deliveries(user, 3)
    services.deliveries_claim(delivery_ids=ids[:2], channel="telegram", now=NOW)

    assert services.deliveries_mark_sent(delivery_ids=ids, now=NOW) == 2
    assert services.deliveries_mark_sent(delivery_ids=ids, now=NOW) == 0
    assert list(Delivery.objects.order_by("id").values_list("status", flat=True)) == [
        "sent",
        "sent",
        "pending",
    ]

    services.deliveries_claim(delivery_ids=[ids[2]], channel="telegram", now=NOW)
    later = NOW + timedelta(seconds=5)
    assert services.deliveries_unclaim(delivery_ids=ids, not_before=later) == 1
    given_back = Delivery.objects.get(pk=ids[2])
    assert (given_back.status, given_back.attempts, given_back.not_before) == (
        "pending",
        0,
        later,
    )


@pytest.mark.django_db(transaction=True)
def test_two_claimers_racing_over_the_same_ids_claim_each_id_once(telegram_on):
    user = UserFactory()
    bind(user, chat_id=1)
    ids = _deliveries(user, 300, now=NOW)
    won: dict[str, list[int]] = {}
    start = threading.Barrier(2)

    def claimer(name: str, order: list[int]) -> None:
        try:
            start.wait(timeout=5)
            won[name] = services.deliveries_claim(delivery_ids=order, channel="telegram", now=NOW)
        finally:
            connection.close()  # this thread's own connection

    threads = [
        threading.Thread(target=claimer, args=("a", ids)),
        threading.Thread(target=claimer, args=("b", list(reversed(ids)))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    assert not set(won["a"]) & set(won["b"])
    assert sorted(won["a"] + won["b"]) == ids
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sending", 1)}
