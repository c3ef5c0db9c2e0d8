"""End to end: the real `manage.py runbot` against a local fake Bot API, with the real database
and Redis. Each test bounds every wait; the bot process is always killed in the fixture."""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from habit_instances.services import habit_instances_advance_statuses
from habits.tests.factories import HabitFactory
from notifications.models import Delivery, Notification
from notifications.services import NotificationRow, notifications_write
from telegrambot.channel import telegram_deliveries_publish
from telegrambot.models import TelegramProfile
from tests_support import bind, client_for, open_instance
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _buttons(call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [button["callback_data"] for row in markup.get("inline_keyboard", []) for button in row]


def test_bind_with_deep_link_code_then_today_and_done_edits_the_message(bot, fake_telegram):
    user, stranger = UserFactory(), UserFactory()
    mine = open_instance(user, action="stretch", place="the mat")
    theirs = open_instance(stranger)
    code = client_for(user).post(reverse("telegram-bind-code")).json()["code"]
    bot.start()

    fake_telegram.push_text(chat_id=501, text=f"/start {code}", username="reader")
    linked = fake_telegram.wait_for("sendMessage", chat_id=501)[0]
    assert "Linked to" in linked.params["text"]
    profile = TelegramProfile.objects.get(user=user)
    assert (profile.is_bound, profile.chat_id, profile.telegram_username) == (True, 501, "reader")

    fake_telegram.push_text(chat_id=501, text="/today")
    sent = fake_telegram.wait_for("sendMessage", chat_id=501, count=3)
    with_buttons = [call for call in sent if _buttons(call)]
    assert len(with_buttons) == 1
    assert _buttons(with_buttons[0]) == [
        f"done:{mine.pk}",
        f"notdone:{mine.pk}",
        f"excused:{mine.pk}",
    ]
    assert "stretch at the mat" in with_buttons[0].params["text"]

    message_id = with_buttons[0].result["message_id"]
    fake_telegram.push_button(chat_id=501, data=f"done:{mine.pk}", message_id=message_id)
    edited = fake_telegram.wait_for("editMessageText", chat_id=501)[0]
    assert edited.params["message_id"] == message_id
    assert "done ✅" in edited.params["text"]
    assert _buttons(edited) == [f"undo:{mine.pk}"]  # the fix window is open: the mark may go
    mine.refresh_from_db()
    assert mine.status == "completed"
    assert "Done" in fake_telegram.wait_for("answerCallbackQuery")[0].params["text"]

    # Undo calls the same service as the API: the instance is open again, with its buttons.
    fake_telegram.push_button(chat_id=501, data=f"undo:{mine.pk}", message_id=message_id)
    reopened = fake_telegram.wait_for("editMessageText", chat_id=501, count=2)[1]
    assert _buttons(reopened)[0] == f"done:{mine.pk}"
    mine.refresh_from_db()
    assert mine.status == "pending"

    # A button naming another user's instance is refused and changes nothing.
    fake_telegram.push_button(chat_id=501, data=f"done:{theirs.pk}", message_id=message_id)
    refusal = fake_telegram.wait_for("answerCallbackQuery", count=3)[2]
    assert "not one of your habits" in refusal.params["text"]
    theirs.refresh_from_db()
    assert theirs.status == "pending"
    assert len(fake_telegram.calls_of("editMessageText")) == 2

    assert bot.stop() == 0, bot.output()  # SIGTERM stops it cleanly


def test_habits_of_a_user_with_many_long_habits_page_under_telegrams_limits(bot, fake_telegram):
    user, other = UserFactory(), UserFactory()
    bind(user, chat_id=520)
    bind(other, chat_id=521)
    for number in range(12):  # every field at its max_length, 🌟 counting twice for Telegram
        HabitFactory(
            user=user, name=f"{number:02d}" + "🌟" * 148, action="a" * 255, place="p" * 255
        )
    HabitFactory(user=other, name="Theirs only")
    bot.start()

    fake_telegram.push_text(chat_id=520, text="/habits")
    pages = [fake_telegram.wait_for("sendMessage", chat_id=520)[0]]
    while _buttons(pages[-1]):
        (more,) = _buttons(pages[-1])
        fake_telegram.push_button(chat_id=520, data=more, message_id=pages[-1].result["message_id"])
        pages.append(fake_telegram.wait_for("sendMessage", chat_id=520, count=len(pages) + 1)[-1])
        assert len(pages) < 10
    assert len(pages) > 1
    assert all(page.result is not None for page in pages)  # the fake refuses over 4096
    text = "\n".join(page.params["text"] for page in pages)
    assert [text.count(f"• {number:02d}") for number in range(12)] == [1] * 12
    assert "Sorry" not in text

    # the first page's More, tapped in the other user's chat: that user's own habits
    fake_telegram.push_button(chat_id=521, data=_buttons(pages[0])[0], message_id=1)
    theirs = fake_telegram.wait_for("sendMessage", chat_id=521)[0]
    assert "Theirs only" in theirs.params["text"] and "🌟" not in theirs.params["text"]


def test_reminder_written_while_the_bot_is_stopped_is_sent_once_after_it_starts(bot, fake_telegram):
    user = UserFactory()
    bind(user, chat_id=502)
    instance = open_instance(user, status="scheduled", action="floss", place="the bathroom")
    habit_instances_advance_statuses(now=timezone.now())  # scheduled → pending: the reminder
    delivery = Delivery.objects.get(notification__user=user)
    assert delivery.status == "pending"

    bot.start()
    reminder = fake_telegram.wait_for("sendMessage", chat_id=502)[0]
    assert "Time to floss at the bathroom" in reminder.params["text"]
    assert _buttons(reminder) == [
        f"done:{instance.pk}",
        f"notdone:{instance.pk}",
        f"excused:{instance.pk}",
    ]
    _wait(lambda: Delivery.objects.get(pk=delivery.pk).status == "sent")

    # The same id published again (a late republish): the claim fails, nothing is sent twice.
    telegram_deliveries_publish([delivery.pk])
    fake_telegram.push_text(chat_id=502, text="/help")  # processed after the publish
    fake_telegram.wait_for("sendMessage", chat_id=502, count=2)
    sent = fake_telegram.calls_of("sendMessage", chat_id=502)
    assert [call.params["text"].startswith("Time to floss") for call in sent] == [True, False]


def test_403_marks_the_profile_inactive_and_429_is_retried(bot, fake_telegram):
    blocked, flooded = UserFactory(), UserFactory()
    bind(blocked, chat_id=601)
    bind(flooded, chat_id=602)
    fake_telegram.fail(
        "sendMessage", status=403, description="Forbidden: bot was blocked by the user", chat_id=601
    )
    fake_telegram.fail(
        "sendMessage",
        status=429,
        description="Too Many Requests: retry after 1",
        chat_id=602,
        retry_after=1,
    )
    bot.start()

    now = timezone.now()
    notifications_write(
        rows=[
            NotificationRow(
                user_id=u.pk, kind="reminder", title="Hi", body="there", dedupe_key="t:1"
            )
            for u in (blocked, flooded)
        ],
        now=now,
    )
    _wait(lambda: Delivery.objects.get(notification__user=blocked).status == "failed")
    assert TelegramProfile.objects.get(user=blocked).is_active is False
    assert "blocked" in Delivery.objects.get(notification__user=blocked).last_error

    started = time.monotonic()
    _wait(lambda: Delivery.objects.get(notification__user=flooded).status == "sent")
    attempts = fake_telegram.calls_of("sendMessage", chat_id=602)
    assert len(attempts) == 2
    assert time.monotonic() - started >= 0.5  # it waited for retry_after
    assert attempts[1].at - attempts[0].at >= 1.0  # the whole retry_after, between the tries
    assert Delivery.objects.get(notification__user=flooded).attempts == 2
    assert Notification.objects.count() == 2


def test_after_a_429_pause_each_chat_still_gets_at_most_one_message_a_second(bot, fake_telegram):
    users = [UserFactory() for _ in range(5)]
    for number, user in enumerate(users):
        bind(user, chat_id=650 + number)
    # the first send of all is refused: every send of the bot pauses 2 s
    fake_telegram.fail(
        "sendMessage", status=429, description="Too Many Requests: retry after 2", retry_after=2
    )
    bot.start()

    notifications_write(
        rows=[
            NotificationRow(
                user_id=user.pk, kind="reminder", title=f"Hi {n}", body="…", dedupe_key=f"t:{n}"
            )
            for user in users
            for n in (1, 2)
        ],
        now=timezone.now(),
    )
    _wait(lambda: set(Delivery.objects.values_list("status", flat=True)) == {"sent"}, timeout=15)

    for number in range(5):
        accepted = [
            call.at
            for call in fake_telegram.calls_of("sendMessage", chat_id=650 + number)
            if call.result is not None
        ]
        assert len(accepted) == 2
        # one second per chat, after the pause too (a few ms of HTTP jitter allowed for)
        assert accepted[1] - accepted[0] >= 0.95, (number, accepted)


def test_a_burst_of_reminders_is_sent_concurrently_each_exactly_once(bot, fake_telegram):
    chats = range(700, 740)
    for chat in chats:
        user = UserFactory()
        bind(user, chat_id=chat)
        open_instance(user, status="scheduled")
    # Telegram's 30/s lifted, as against a fake Bot API nothing else would overlap the sends.
    bot.start(extra_env={"TELEGRAM_SEND_RATE_PER_SECOND": "0", "TELEGRAM_SEND_CONCURRENCY": "8"})

    habit_instances_advance_statuses(now=timezone.now())  # one commit, 40 reminders
    ids = list(Delivery.objects.values_list("id", flat=True))
    assert len(ids) == len(chats)
    telegram_deliveries_publish(ids)  # a second publication of them all
    _wait(lambda: set(Delivery.objects.values_list("status", flat=True)) == {"sent"})

    sent = [call.params["chat_id"] for call in fake_telegram.calls_of("sendMessage")]
    assert sorted(sent) == list(chats)
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}
    assert bot.stop() == 0, bot.output()
    assert len(fake_telegram.calls_of("sendMessage")) == len(chats)  # nothing more after all


def _wait(predicate, *, timeout: float = 8.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.05)
