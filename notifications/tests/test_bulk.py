"""The set-based outbox path: a sweep's reminders (and nudges) for many instances of many users
with different settings, written with a fixed number of statements whatever the batch size."""

import json
from datetime import UTC, datetime, time, timedelta

import pytest
import redis
from django.conf import settings as django_settings

from habits.tests.factories import PleasantHabitFactory
from notifications import habit_events
from notifications.models import Delivery, Notification, NotificationSettings
from notifications.tasks import delivery_send_email_task
from telegrambot.channel import telegram_pubsub_channel
from telegrambot.models import TelegramProfile
from tests_support import bind, open_instance
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _user(zone, *, chat_id=None, **prefs):
    user = UserFactory(timezone=zone)
    if chat_id is not None:
        bind(user, chat_id=chat_id)
    if prefs:
        NotificationSettings.objects.create(user=user, **prefs)
    return user


@pytest.fixture
def crowd(telegram_on):
    """Five users, three open instances each, every combination the channel rules know."""
    users = {
        # 17:30 local, inside 17:00-19:00: deferred to 13:30 UTC
        "quiet": _user(
            "Asia/Kolkata",
            chat_id=1,
            quiet_hours_start=time(17, 0),
            quiet_hours_end=time(19, 0),
        ),
        # 09:00 local, outside 22:00-07:00 (wraps midnight): due now, Telegram and email
        "both": _user(
            "America/Sao_Paulo",
            chat_id=2,
            email_enabled=True,
            quiet_hours_start=time(22, 0),
            quiet_hours_end=time(7, 0),
        ),
        # bound but Telegram turned off, email on: email only
        "email": _user("Europe/Berlin", chat_id=3, telegram_enabled=False, email_enabled=True),
        # never bound, no settings row: the feed only
        "feed": _user("Pacific/Kiritimati"),
        # the chat is gone (blocked the bot): no Telegram delivery
        "gone": _user("Pacific/Pago_Pago", chat_id=5),
    }
    TelegramProfile.objects.filter(user=users["gone"]).update(is_active=False)
    instances = {
        name: [
            open_instance(user, now=NOW, action=f"act{n}", place="home", reward_text="tea")
            for n in range(3)
        ]
        for name, user in users.items()
    }
    return users, instances


def _ids(instances):
    return [i.pk for group in instances.values() for i in group]


def _deliveries(user):
    return sorted(
        Delivery.objects.filter(notification__user=user).values_list("channel", "not_before")
    )


def test_reminders_for_many_users_follow_each_users_channels_and_quiet_hours(
    crowd, django_capture_on_commit_callbacks, monkeypatch
):
    users, instances = crowd
    queued = []  # the Celery broker is the outside world here
    monkeypatch.setattr(delivery_send_email_task, "delay", queued.append)
    client = redis.Redis.from_url(django_settings.REDIS_URL)
    pubsub = client.pubsub()
    pubsub.subscribe(telegram_pubsub_channel())
    pubsub.get_message(timeout=1)  # the subscription confirmation
    with django_capture_on_commit_callbacks(execute=True):
        written = habit_events.notifications_reminders_create(instance_ids=_ids(instances), now=NOW)
    assert written == 15
    deferred = datetime(2026, 11, 22, 13, 30, tzinfo=UTC)
    assert _deliveries(users["quiet"]) == [("telegram", deferred)] * 3
    assert _deliveries(users["both"]) == [("email", NOW)] * 3 + [("telegram", NOW)] * 3
    assert _deliveries(users["email"]) == [("email", NOW)] * 3
    assert _deliveries(users["feed"]) == []
    assert _deliveries(users["gone"]) == []
    for name, group in instances.items():
        for instance in group:
            reminder = Notification.objects.get(dedupe_key=f"reminder:{instance.pk}")
            assert reminder.user == users[name] and reminder.kind == "reminder"
            assert reminder.title == f"Time to {instance.habit.action}"
            assert reminder.body == f"Time to {instance.habit.action} at home.\nYour reward: tea."
            assert reminder.payload == {
                "instance_id": instance.pk,
                "habit_id": instance.habit_id,
                "actions": ["done", "skip"],
            }
            assert reminder.created_at == NOW and reminder.read_at is None
    # only the due Telegram deliveries are published; the deferred ones wait for republish
    due_telegram = Delivery.objects.filter(channel="telegram", not_before__lte=NOW)
    message = pubsub.get_message(timeout=2)
    assert sorted(json.loads(message["data"])["delivery_ids"]) == sorted(
        due_telegram.values_list("pk", flat=True)
    )
    assert sorted(queued) == sorted(
        Delivery.objects.filter(channel="email").values_list("pk", flat=True)
    )
    pubsub.close()
    client.close()


def test_a_second_sweep_over_the_same_ids_writes_and_publishes_nothing(
    crowd, django_capture_on_commit_callbacks
):
    _, instances = crowd
    ids = _ids(instances)
    habit_events.notifications_reminders_create(instance_ids=ids, now=NOW)
    counts = (Notification.objects.count(), Delivery.objects.count())
    later = NOW + timedelta(minutes=1)
    with django_capture_on_commit_callbacks() as callbacks:
        assert habit_events.notifications_reminders_create(instance_ids=ids, now=later) == 0
        assert habit_events.notifications_reminders_create(instance_ids=ids[:4], now=later) == 0
    assert callbacks == []
    assert (Notification.objects.count(), Delivery.objects.count()) == counts


def test_a_batch_with_some_old_and_some_new_causes_writes_only_the_new(crowd):
    users, instances = crowd
    first = instances["both"][:1]
    habit_events.notifications_reminders_create(instance_ids=[first[0].pk], now=NOW)
    assert habit_events.notifications_reminders_create(instance_ids=_ids(instances), now=NOW) == 14
    assert Notification.objects.filter(user=users["both"]).count() == 3
    assert Delivery.objects.filter(notification__user=users["both"]).count() == 6


def test_nudges_for_many_users_say_until_when_in_each_users_zone(telegram_on):
    kolkata, sao_paulo = (
        UserFactory(timezone="Asia/Kolkata"),
        UserFactory(timezone="America/Sao_Paulo"),
    )
    # fix_deadline = NOW + 2 h = 14:00 UTC: 19:30 in Kolkata, 11:00 in Sao Paulo
    ids = [open_instance(user, now=NOW, action="run").pk for user in (kolkata, sao_paulo)] + [
        open_instance(kolkata, now=NOW, status="completed").pk
    ]
    assert habit_events.notifications_nudges_create(instance_ids=ids, now=NOW) == 2
    bodies = dict(Notification.objects.filter(kind="nudge").values_list("user_id", "body"))
    assert bodies[kolkata.pk].endswith("The fix window lasts 60 minutes: mark it done until 19:30.")
    assert bodies[sao_paulo.pk].endswith("mark it done until 11:00.")
    assert habit_events.notifications_nudges_create(instance_ids=ids, now=NOW) == 0


def _many(count):
    """`count` instances over count // 2 bound users with settings rows."""
    ids = []
    for n in range(count // 2):
        user = _user("Asia/Tokyo", chat_id=100 + n, email_enabled=True)
        ids += [open_instance(user, now=NOW, action=f"a{k}").pk for k in range(2)]
    return ids


@pytest.mark.parametrize("count", [2, 40])
def test_the_number_of_queries_does_not_grow_with_the_instances(
    count, telegram_on, django_assert_num_queries
):
    ids = _many(count)
    # savepoint; INSERT ... SELECT of the reminders; users with settings; chats; deliveries;
    # release savepoint. The same statements on PostgreSQL and SQLite.
    with django_assert_num_queries(6):
        assert habit_events.notifications_reminders_create(instance_ids=ids, now=NOW) == count
    assert Delivery.objects.count() == 2 * count
    # the nudges read the instances first (one more query), then the same five statements
    with django_assert_num_queries(7):
        assert habit_events.notifications_nudges_create(instance_ids=ids, now=NOW) == count


def test_the_reminder_text_for_every_kind_of_habit(user):
    """The database computes the reminders (habit_events._reminder), on PostgreSQL and SQLite:
    the reward, or the pleasant habit by name or else by action, odd characters kept as they
    are, the title cut to its 200 characters."""
    named = PleasantHabitFactory(user=user, name="Coffee", action="drink coffee")
    unnamed = PleasantHabitFactory(user=user, name="", action="stretch")
    odd = "½ 100% \\ 'quoted' \"double\" ✓ {braces} $1 %s\nnext line"
    cases = [
        (
            open_instance(user, now=NOW, action="read", place="the armchair", reward_text="tea"),
            "Time to read",
            "Time to read at the armchair.\nYour reward: tea.",
        ),
        (
            open_instance(
                user,
                now=NOW,
                action="run",
                place="park",
                reward_text="",
                related_pleasant_habit=named,
            ),
            "Time to run",
            "Time to run at park.\nThen enjoy: Coffee.",
        ),
        (
            open_instance(
                user,
                now=NOW,
                action="run",
                place="park",
                reward_text="",
                related_pleasant_habit=unnamed,
            ),
            "Time to run",
            "Time to run at park.\nThen enjoy: stretch.",
        ),
        (
            open_instance(user, now=NOW, action=odd, place=odd, reward_text=odd),
            f"Time to {odd}",
            f"Time to {odd} at {odd}.\nYour reward: {odd}.",
        ),
        (
            open_instance(user, now=NOW, action="x" * 255, place="y", reward_text="z"),
            ("Time to " + "x" * 255)[:200],
            f"Time to {'x' * 255} at y.\nYour reward: z.",
        ),
        (
            open_instance(
                user, now=NOW, action="sing", place="home", is_pleasant=True, reward_text=""
            ),
            "Time to sing",
            "Time to sing at home.",
        ),
    ]
    ids = [instance.pk for instance, _, _ in cases]
    assert habit_events.notifications_reminders_create(instance_ids=ids, now=NOW) == len(cases)
    for instance, title, body in cases:
        reminder = Notification.objects.get(user=user, dedupe_key=f"reminder:{instance.pk}")
        assert (reminder.kind, reminder.title, reminder.body) == ("reminder", title, body)
        assert reminder.payload == {
            "instance_id": instance.pk,
            "habit_id": instance.habit_id,
            "actions": ["done", "skip"],
        }
        assert reminder.created_at == NOW
