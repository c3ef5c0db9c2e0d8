"""End to end: /mood, a mood's tap and a note as the next message through the real `manage.py
runbot` against the local fake Bot API; the entry is written by the journal's own service."""

import pytest

from journal.models import JournalEntry
from tests_support import bind
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _buttons(call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [button["callback_data"] for row in markup.get("inline_keyboard", []) for button in row]


def test_mood_then_a_tap_then_a_note(bot, fake_telegram):
    user = UserFactory(timezone="Asia/Kolkata")
    bind(user, chat_id=801)
    bot.start()

    fake_telegram.push_text(chat_id=801, text="/mood")
    asked = fake_telegram.wait_for("sendMessage", chat_id=801)[0]
    assert "How do you feel" in asked.params["text"]
    assert _buttons(asked) == [f"mood:{mood}" for mood in range(1, 6)]

    message_id = asked.result["message_id"]
    fake_telegram.push_button(chat_id=801, data="mood:4", message_id=message_id)
    edited = fake_telegram.wait_for("editMessageText", chat_id=801)[0]
    assert "Mood 4 saved" in edited.params["text"]
    entry = JournalEntry.objects.get(user=user)
    assert entry.mood == 4 and entry.note == ""

    fake_telegram.push_text(chat_id=801, text="Slept well, long walk")
    saved = fake_telegram.wait_for("sendMessage", chat_id=801, count=2)[1]
    assert "Note saved" in saved.params["text"]
    entry.refresh_from_db()
    assert entry.note == "Slept well, long walk"

    # the wait is over: the next text is not a note
    fake_telegram.push_text(chat_id=801, text="and another thing")
    other = fake_telegram.wait_for("sendMessage", chat_id=801, count=3)[2]
    assert "did not understand" in other.params["text"]
    entry.refresh_from_db()
    assert entry.note == "Slept well, long walk"
    assert "Slept well" not in bot.output() and "mood:4" not in bot.output()
    assert bot.stop() == 0, bot.output()


def test_an_unbound_chat_is_told_how_to_link(bot, fake_telegram):
    bot.start()
    fake_telegram.push_text(chat_id=802, text="/mood")
    answer = fake_telegram.wait_for("sendMessage", chat_id=802)[0]
    assert "not linked" in answer.params["text"] and _buttons(answer) == []
    fake_telegram.push_button(chat_id=802, data="mood:5", message_id=1)
    tapped = fake_telegram.wait_for("answerCallbackQuery")[0]
    assert "not linked" in tapped.params["text"]
    assert not JournalEntry.objects.exists()
    assert bot.stop() == 0, bot.output()
