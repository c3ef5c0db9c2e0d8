"""What the bot reads to send: the deliveries with their reachable chat."""

from datetime import UTC, datetime

import pytest

from habit_instances.selectors import habit_instance_get_for_user
from notifications.models import Delivery
from notifications.services import NotificationRow, notifications_write
from telegrambot.models import TelegramProfile
from telegrambot.selectors import telegram_deliveries_get
from tests_support import bind, open_instance

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _deliveries(user, count: int) -> list[int]:
    rows = [
        NotificationRow(user_id=user.pk, kind="reminder", title="T", body="B", dedupe_key=f"k{n}")
        for n in range(count)
    ]
    notifications_write(rows=rows, now=NOW)
    return list(Delivery.objects.order_by("id").values_list("id", flat=True))


@pytest.mark.django_db
def test_deliveries_for_telegram_carry_the_reachable_chat_in_one_query(
    user, other_user, telegram_on, django_assert_num_queries
):
    bind(user, chat_id=11)
    bind(other_user, chat_id=12)
    mine = _deliveries(user, 2)
    theirs = _deliveries(other_user, 1)
    theirs = [pk for pk in theirs if pk not in mine]
    TelegramProfile.objects.filter(user=other_user).update(is_active=False)

    with django_assert_num_queries(1):
        found = telegram_deliveries_get(delivery_ids=mine + theirs)
        chats = [(d.pk, d.chat_id, d.notification.title) for d in found]
    assert chats == [(mine[0], 11, "T"), (mine[1], 11, "T"), (theirs[0], None, "T")]


@pytest.mark.django_db
def test_a_tapped_instance_is_found_only_for_its_owner_and_while_it_exists(
    user, other_user, django_assert_num_queries
):
    instance = open_instance(user, now=NOW)
    with django_assert_num_queries(1):  # the habit it shows comes with it
        found = habit_instance_get_for_user(user=user, instance_id=instance.pk)
        assert found.habit.action == instance.habit.action
    assert habit_instance_get_for_user(user=user, instance_id=instance.pk) == instance
    assert habit_instance_get_for_user(user=other_user, instance_id=instance.pk) is None
    instance.delete()
    assert habit_instance_get_for_user(user=user, instance_id=instance.pk) is None
